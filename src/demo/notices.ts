/**
 * Demo 通知公告 so a fresh `npm start` shows some on the home page: written only when there are
 * no notices at all (a second start, or an operator's own notices, change nothing). Their texts
 * are the seeds' own notices (the work-permit system's move onto the platform, the platform's
 * technical support line) in the notices' markdown subset.
 */
import type { Platform } from '../platform/platform.ts';
import { noticesStore } from '../notices/store.ts';

const DAY = 24 * 60 * 60 * 1000;

const DEMO_NOTICES = [
  {
    title: '关于外国人来华工作管理服务系统统一经由科技部政务服务平台登录的通知',
    body: [
      '按照国家政务服务平台建设要求，自2020年11月30日起，外国人来华工作管理服务系统须统一经由科技部政务服务平台登录，用户可使用原有账户和密码选择**法人登录**，其它业务办理方式不变。',
      '如登录出现问题：',
      '1. 请首先尝试在原账户前加“WP_”（WP_+原账户）；\n2. 其次再尝试选择自然人登录；\n3. 仍然无法登录，请选择找回密码。',
      '技术支持电话：010-58884202。给您带来不便，敬请谅解。',
    ].join('\n\n'),
    pinned: true,
    daysAgo: 3,
  },
  {
    title: '科技部政务服务平台技术支持电话',
    body: '## 技术支持\n\n科技部政务服务平台技术支持电话：**010-88659000**。\n\n常见问题请先查看本平台“办事咨询”栏目中的常见问题解答。',
    pinned: false,
    daysAgo: 10,
  },
  {
    title: '关于火炬中心用户迁移至科技部政务服务平台的说明',
    body: '以前在火炬中心办理过“高新技术企业认定”以及“科技型中小企业评价”业务的用户，可直接在政务服务平台登录企业账号（登录名是统一社会信用代码的账号）去办理业务。\n\n- 提示登录名密码错误：点击忘记密码→登录名重置密码；\n- 提示账号为自然人账号：请点击自然人登录。',
    pinned: false,
    daysAgo: 20,
  },
];

export async function seedDemoNotices(platform: Platform): Promise<void> {
  const [row] = await platform.db.query<{ n: number }>('select count(*)::int as n from notices');
  if ((row?.n ?? 0) > 0) return;
  const store = noticesStore(platform.db);
  for (const notice of DEMO_NOTICES) {
    const created = await store.insert({ title: notice.title, body: notice.body, pinned: notice.pinned, publishAt: new Date(Date.now() - notice.daysAgo * DAY), expiresAt: null });
    await store.setState(created.id, 'published', notice.pinned);
  }
}
