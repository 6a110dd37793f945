/**
 * Demo 我的事项 and 结果公示: the demo business system 人类遗传资源管理 (OIDC client hgr-demo)
 * reports the demo person's applications in different states, one done for the demo company,
 * and publishes a few public results — through the real system API with its client
 * credentials, as a business system would. Idempotent (the system's own references); skipped
 * when the demo accounts are missing; a failure is reported, never fatal to the start.
 */
import { loginNameKey } from '../accounts/rules.ts';
import { accountStore } from '../accounts/store.ts';
import type { Platform } from '../platform/platform.ts';
import { systemApiClient } from '../sso/system-api/client.ts';
import { DEMO_OIDC_CLIENT } from './business-systems.ts';

const HGR = '000106003000';
const HGR_COLLECTION = '000106003001';
const HGR_STORAGE = '000106003002';
/** The demo system's home page (it has no page per application; a real system links to the application). */
const APPLICATION = (reference: string) => `${DEMO_OIDC_CLIENT.baseUrl}/?application=${reference}`;

/** Each report in order, so a matter's history shows its steps. */
const PERSON_MATTERS = [
  { reference: 'DEMO-HGR-0001', itemCode: HGR_COLLECTION, title: '中国人类遗传资源采集审批（示例医院队列研究）', states: ['已提交', '受理中', '已办结'] },
  { reference: 'DEMO-HGR-0002', itemCode: HGR_STORAGE, title: '中国人类遗传资源保藏审批（示例生物样本库）', states: ['已提交', '受理中'] },
  { reference: 'DEMO-HGR-0003', itemCode: HGR, title: '人类遗传资源信息对外提供备案', states: ['已提交'] },
  { reference: 'DEMO-HGR-0004', itemCode: HGR_COLLECTION, title: '中国人类遗传资源采集审批（材料不全）', states: ['已提交', '不予受理'] },
] as const;

const RESULTS = [
  { reference: 'DEMO-R-2026-03', title: '中国人类遗传资源行政许可事项2026年第三批审批结果', publishedOn: '2026-03-20', summary: '经审查，准予以下23项中国人类遗传资源采集、保藏及国际合作科学研究申请。' },
  { reference: 'DEMO-R-2026-02', title: '中国人类遗传资源国际合作临床试验备案情况公示（2026年2月）', publishedOn: '2026-02-28', summary: '2026年2月共完成国际合作临床试验备案41项，名单如下。' },
  { reference: 'DEMO-R-2026-01', title: '中国人类遗传资源行政许可事项2026年第一批简化流程审批结果', publishedOn: '2026-01-15', summary: '经审查，准予以下18项简化流程审批申请。' },
] as const;

export async function seedDemoMatters(platform: Platform, people: { person: string; company: string }): Promise<string[]> {
  const store = accountStore(platform.db, platform.cipher);
  const [person, company] = await Promise.all([store.findByLoginName(loginNameKey(people.person)), store.findByLoginName(loginNameKey(people.company))]);
  if (!person) return [];
  const reported = await platform.db.query(`select 1 from matters where reference = $1`, [PERSON_MATTERS[0].reference]);
  if (reported.length) return [];
  const hgr = systemApiClient(platform.config.baseUrl, DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
  try {
    for (const matter of PERSON_MATTERS) {
      for (const state of matter.states) {
        await expectOk(
          hgr.call('PUT', `/matters/${matter.reference}`, { itemCode: matter.itemCode, applicantId: person.id, state, title: matter.title, link: APPLICATION(matter.reference) }),
        );
      }
    }
    if (company) {
      // Done by the demo person for the demo company (授权): the company sees it too.
      await expectOk(
        hgr.call('PUT', '/matters/DEMO-HGR-0005', { itemCode: HGR_COLLECTION, applicantId: person.id, organizationId: company.id, state: '受理中', title: '中国人类遗传资源采集审批（单位申报）', link: APPLICATION('DEMO-HGR-0005') }),
      );
    }
    for (const result of RESULTS) await expectOk(hgr.call('PUT', `/results/${result.reference}`, { itemCode: HGR, link: '', ...result }));
    return [`  我的事项演示  ${DEMO_OIDC_CLIENT.clientId} 通过系统接口报送 ${PERSON_MATTERS.length + (company ? 1 : 0)} 个办件、${RESULTS.length} 条结果公示`];
  } catch (error) {
    return [`  我的事项演示报送失败 (demo matters not reported): ${(error as Error).message}`];
  }
}

async function expectOk(answer: Promise<{ status: number; body: unknown }>): Promise<void> {
  const { status, body } = await answer;
  if (status !== 200 && status !== 201) throw new Error(`${status} ${JSON.stringify(body)}`);
}
