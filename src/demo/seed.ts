import { accountStore } from '../accounts/store.ts';
import { creditCodeCheckChar, loginNameKey, residentIdCheckChar } from '../accounts/rules.ts';
import { hashPassword } from '../platform/passwords.ts';
import { staffStore } from '../backoffice/staff.ts';
import type { Platform } from '../platform/platform.ts';
import { verifySubject } from '../realname/service.ts';
import { verificationStore } from '../realname/store.ts';
import { authorizationService } from '../grants/service.ts';
import { AppError } from '../platform/errors.ts';
import { approveHolding } from '../sso/entry/service.ts';
import { systemsStore } from '../sso/systems-store.ts';
import { seedBusinessSystems, type DemoSystemUrls } from './business-systems.ts';
import { seedDemoMatters } from './matters.ts';
import { seedDemoNotices } from './notices.ts';

export const DEMO = {
  naturalPerson: { loginName: 'demo_person', password: 'Demo@2026pass', name: '张三', mobile: '13800138000' },
  legalPerson: { loginName: 'demo_company', password: 'Demo@2026corp', organization: '北京示例科技有限公司', agentMobile: '13900139000' },
  staffAdmin: { loginName: 'admin', password: 'Admin@2026pass' },
};

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

/** The dev registry holds the demo people and company, so these verify; done once (or again while pending). */
async function verifyDemoAccount(platform: Platform, loginName: string, subjects: ('natural_person' | 'organization' | 'primary_agent')[]) {
  const account = await accountStore(platform.db, platform.cipher).findByLoginName(loginNameKey(loginName));
  if (!account) return;
  for (const subject of subjects) {
    const current = await verificationStore(platform.db).load(account.id, subject);
    if (!current || current.state.status === 'pending') await verifySubject(platform, account.id, subject);
  }
}

/**
 * Demo accounts for development: created once, left alone afterwards. Returns the lines
 * to print so a tester can log in straight away.
 */
export async function seedDemoData(platform: Platform, demoUrls?: DemoSystemUrls): Promise<string[]> {
  const store = accountStore(platform.db, platform.cipher);
  const { naturalPerson: np, legalPerson: lp, staffAdmin } = DEMO;

  if (!(await store.loginNameTaken(loginNameKey(np.loginName)))) {
    const hash = await hashPassword(np.password);
    await platform.db.transaction(async (tx) => {
      const id = await store.insertAccount(tx, 'natural', np.loginName, loginNameKey(np.loginName), hash);
      await store.saveIdentity(tx, id, 'natural_person', {
        name: np.name, mobile: np.mobile, region: 'mainland', documentType: 'resident_id', documentNumber: idNumber('11010519900307123'),
        validFrom: '2016-03-01', validTo: '2036-03-01', longTerm: false, details: { gender: 'male', email: 'zhangsan@example.cn' },
      });
    });
  }

  if (!(await store.loginNameTaken(loginNameKey(lp.loginName)))) {
    const hash = await hashPassword(lp.password);
    await platform.db.transaction(async (tx) => {
      const id = await store.insertAccount(tx, 'legal', lp.loginName, loginNameKey(lp.loginName), hash);
      // 法人单位基本信息 complete, so the registry's answer is its status (FAQ 三.1 3(1)); 其他信息 left for the Torch systems to ask.
      const basic = { nature: '私营企业', independent: 'yes', address: '北京市海淀区中关村大街1号', foundedOn: '2014-10-15', mailingAddress: '北京市海淀区中关村大街1号' };
      await store.saveOrganization(tx, id, { name: lp.organization, region: 'domestic', legalPersonType: 'enterprise', code: creditCode('91110108MA01D3M7Q'), basic, other: {} });
      await store.saveIdentity(tx, id, 'legal_representative', {
        name: '李四', mobile: '13700137000', region: 'mainland', documentType: 'resident_id', documentNumber: idNumber('11010819800515201'),
        validFrom: '2010-05-01', validTo: '', longTerm: true, details: { email: 'lisi@example.cn' },
      });
      await store.saveIdentity(tx, id, 'primary_agent', {
        name: '王五', mobile: lp.agentMobile, region: 'mainland', documentType: 'resident_id', documentNumber: idNumber('11010819920620301'),
        validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false, details: {},
      });
    });
  }

  await verifyDemoAccount(platform, np.loginName, ['natural_person']);
  await verifyDemoAccount(platform, lp.loginName, ['organization', 'primary_agent']);

  const staffAccounts = staffStore(platform.db, platform.cipher);
  const totpSecret =
    (await staffAccounts.totpSecretOf(staffAdmin.loginName)) ??
    (await staffAccounts.create({ loginName: staffAdmin.loginName, name: '平台管理员', password: staffAdmin.password, roles: ['admin', 'reviewer', 'operator'] })).totpSecret;

  const systemLines = await seedBusinessSystems(platform, demoUrls); // where the demo systems listen (src/main.ts)
  await (await import('./catalogue.ts')).seedCatalogue(platform); // 服务事项, after the systems their 办理入口 enter
  const grantLines = await seedDemoAuthorization(platform);
  await seedDemoNotices(platform); // 通知公告 of the home page
  // 我的事项 and 结果公示, reported by the demo system through the system API (the server listens by now).
  const matterLines = await seedDemoMatters(platform, { person: np.loginName, company: lp.loginName });

  return [
    '演示账号 (demo accounts):',
    `  自然人登录  登录名 ${np.loginName}  密码 ${np.password}`,
    `  法人登录    登录名 ${lp.loginName}  密码 ${lp.password}  (${lp.organization})`,
    `  后台管理员  登录名 ${staffAdmin.loginName}  密码 ${staffAdmin.password}  TOTP 密钥 ${totpSecret}  (${platform.config.baseUrl}/admin)`,
    ...systemLines,
    ...grantLines,
    ...matterLines,
  ];
}

/**
 * The demo company holds 人类遗传资源管理 and authorises the demo person in it as 事项办理员 and
 * 单位事项管理员 with 维护法人(单位)信息, once (授权, SPEC §6); skipped while either is unverified.
 */
async function seedDemoAuthorization(platform: Platform): Promise<string[]> {
  const store = accountStore(platform.db, platform.cipher);
  const [person, company] = await Promise.all([
    store.findByLoginName(loginNameKey(DEMO.naturalPerson.loginName)),
    store.findByLoginName(loginNameKey(DEMO.legalPerson.loginName)),
  ]);
  const hgr = await systemsStore(platform.db, platform.cipher).findByKey('hgr');
  if (!person || !company || !hgr) return [];
  await approveHolding(platform, company.id, hgr.id);
  const grants = authorizationService(platform);
  if ((await grants.list(company.id, { system: 'hgr' })).length === 0) {
    try {
      await grants.grant(company.id, person.id, {
        systems: [{ key: 'hgr', roles: ['item_handler', 'item_admin'] }],
        maintainInfo: true,
        validFrom: null,
        validTo: null,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'PERSON_NOT_FOUND') return []; // not verified (yet)
      throw error;
    }
  }
  return [`  授权演示  ${DEMO.legalPerson.organization} 授权 ${DEMO.naturalPerson.name}（${DEMO.naturalPerson.loginName}）在 ${hgr.name} 担任 事项办理员、单位事项管理员`];
}
