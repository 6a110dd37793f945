/**
 * A legal person from registration into a Torch system, in a real browser (issue 14, items 3 and 4):
 * platform-faq.md 三、如何办理火炬中心的各项业务 1. 3 and 3(1)–(2), foreigner-work-system-login-quickstart.md 4.2.2.
 *
 * The organisation registers through 单位用户（法人）注册 with data the development registry
 * knows, logs in through 法人登录 and finds 实名认证状态：用户信息不全，请及时补充！ (not 国家平台
 * 实名认证通过 with the notice under it). 高新技术企业认定's 办理入口 answers with the seed's dialog
 * 您的个人信息没有实名认证… and the fields still missing; 确定 leads to 我的信息. 修改法人信息 fills them
 * in: the save's dialog says 法人用户修改法人信息成功。 with 国家平台实名认证通过, and so does the
 * status; 法人单位其他信息 is filled in; 办理入口 then signs the organisation in to the system
 * (a CAS demo registered as 高新技术企业认定). At desktop width and at phone width (390 px).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startCasDemo } from '../../examples/cas-demo/server.ts';
import type { DemoServer } from '../../examples/common/http.ts';
import { seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { mobile, uniqueLoginName } from '../support/fixtures.ts';
import { fillAccount, fillSmsCode, loginThroughUi, selectOption } from './account-helpers.ts';
import { SAVED, acknowledgeSave, choose, viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

const SEED_DIALOG = '您的个人信息没有实名认证，则需先实名认证个人信息才能进行下一步操作。请点击确定前往个人信息页面。';
const INCOMPLETE = '用户信息不全，请及时补充！';
const VERIFIED = '国家平台实名认证通过';
const MISSING = '法人单位基本信息不完整（缺少：单位性质、是否独立法人、单位地址、单位成立日期、通信地址、法定代表人电子邮箱）';
const TORCH_SYSTEM = '高新技术企业认定';

interface Person {
  name: string;
  documentNumber: string;
  validFrom: string;
  validTo?: string;
}

// Synthetic organisations and people of src/realname/registry/data/dev-registry.json: one set per width.
const ORGANIZATIONS: { name: string; code: string; representative: Person; agent: Person }[] = [
  {
    name: '上海浦江智能制造有限公司',
    code: '91310115MA1K4BQX31',
    representative: { name: '陈静', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01' },
    agent: { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01' },
  },
  {
    name: '深圳南山数据服务有限公司',
    code: '91440300MA5F7RNU21',
    representative: { name: '黄志强', documentNumber: '440305197811263317', validFrom: '2024-03-15' },
    agent: { name: '刘晓雯', documentNumber: '510107199502034624', validFrom: '2017-07-20', validTo: '2027-07-20' },
  },
];

let casDemo: DemoServer;

/** Types a date and leaves the picker with Tab (Enter could submit the form around it). */
async function typeDate(field: Locator, date: string) {
  await field.fill(date);
  await field.press('Tab');
}

/** An option of a radio group, both found by their labels. */
const radio = (page: Page, group: string, option: string) => page.getByLabel(group, { exact: true }).getByLabel(option, { exact: true });

/** A registration's identity block (法定代表人…, 主代办人…) with the person's own validity, as the registry holds it. */
async function fillPerson(page: Page, prefix: string, person: Person) {
  await radio(page, `${prefix}身份类型`, '中华人民共和国大陆地区').check();
  await selectOption(page, `${prefix}证件类型`, '居民身份证');
  await page.getByLabel(`${prefix}证件号码`, { exact: true }).fill(person.documentNumber);
  await typeDate(page.getByLabel(`${prefix}证件有效期起始日期`, { exact: true }), person.validFrom);
  if (person.validTo) await typeDate(page.getByLabel(`${prefix}证件有效期终止日期`, { exact: true }), person.validTo);
  else await page.getByLabel(`${prefix}长期有效`, { exact: true }).check();
}

/** The visible tab's content (antd keeps visited tabs in the DOM, hidden). */
const panel = (page: Page) => page.getByRole('tabpanel');

/** 实名认证状态：<label> at the top right of the visible tab, with its data-status. */
async function expectStatus(page: Page, label: string, status: string) {
  const line = panel(page).getByRole('status').filter({ hasText: '实名认证状态：' });
  await line.getByText(label, { exact: true }).waitFor();
  assert.match(await line.innerText(), new RegExp(`实名认证状态：\\s*${label}`));
  assert.equal(await line.locator('[data-status]').getAttribute('data-status'), status);
}

/** 服务事项 → search → 高新技术企业认定's 办理入口 (a full page load through /sso/enter). */
async function enterTorchSystem(page: Page) {
  await page.goto('/services');
  const box = page.getByPlaceholder('您要办理什么业务，试着检索一下');
  await box.fill('高新');
  await box.press('Enter');
  await page.getByRole('article', { name: TORCH_SYSTEM, exact: true }).getByRole('link', { name: '办理入口' }).click();
}

describe('a legal person from registration into a Torch system (FAQ 三.1 3)', () => {
  // In the suite, not at the top: top-level before hooks run concurrently with the suite's.
  before(async () => {
    casDemo = await startCasDemo({ platformUrl: suite.baseUrl, port: 0, host: '127.0.0.1' });
    // 高新技术企业认定 as the demo registers it (法人单位基本信息 and 其他信息 complete, a verified
    // primary agent), signing in through CAS to the demo on this port; seedBusinessSystems adds the rest.
    await systemsStore(suite.platform.db, suite.platform.cipher).create({
      key: 'high-tech-enterprise',
      name: TORCH_SYSTEM,
      department: '科技部火炬高技术产业开发中心',
      audience: 'both',
      requiresVerification: true,
      requirements: ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified'],
      requiresApproval: false,
      requiresGrant: true,
      roles: [{ code: 'item_handler', name: '事项办理员' }, { code: 'item_admin', name: '单位事项管理员' }],
      oidc: null,
      casServicePrefix: `${casDemo.url}/`,
      entryUrl: `${casDemo.url}/login`,
      mobileAllowed: false,
      enabled: true,
    });
    await seedBusinessSystems(suite.platform);
    await seedCatalogue(suite.platform);
  });
  after(async () => {
    await casDemo?.close();
  });

  WIDTHS.forEach((size, index) => {
    test(`registers, completes 法人单位基本信息 (用户信息不全 → ${VERIFIED}) and 其他信息, and enters ${TORCH_SYSTEM} (${size.name})`, async () => {
      const org = ORGANIZATIONS[index]!;
      const loginName = uniqueLoginName('walk');
      const password = 'Passw0rd!';
      const agentPhone = mobile();
      const page = await suite.newPage();
      await page.setViewportSize(size);

      // 单位用户（法人）注册 with the registry's organisation, representative and primary agent.
      await page.goto('/register/legal');
      await fillAccount(page, loginName, password);
      await page.getByLabel('单位名称', { exact: true }).fill(org.name);
      await radio(page, '请选择注册单位类型', '境内单位注册').check();
      await radio(page, '法人类型', '企业法人').check();
      await page.getByLabel('统一社会信用代码', { exact: true }).fill(org.code);
      await page.getByLabel('法定代表人姓名', { exact: true }).fill(org.representative.name);
      await page.getByLabel('法定代表人手机号码', { exact: true }).fill(mobile());
      await fillPerson(page, '法定代表人', org.representative);
      await page.getByLabel('主代办人姓名', { exact: true }).fill(org.agent.name);
      await page.getByLabel('主代办人手机号码', { exact: true }).fill(agentPhone);
      await fillSmsCode(page, suite.baseUrl, agentPhone, '主代办人手机号验证码');
      await fillPerson(page, '主代办人', org.agent);
      await page.getByLabel('我已阅读并同意').check();
      await page.getByRole('button', { name: '注册账号' }).click();
      await page.waitForURL('**/register/done');
      await page.getByRole('button', { name: '用户登录' }).click();
      await page.waitForURL('**/login?kind=legal');
      await loginThroughUi(page, suite.baseUrl, '法人登录', loginName, password);
      await page.waitForURL('**/online/my-info');
      // In the navigation bar on a desktop, under the site name on a phone (the bar is a drawer there).
      await page.getByText(`当前用户：${org.name}`).first().waitFor();

      // FAQ 三.1 3(1): the registry knows the organisation, but its status waits for 法人单位基本信息.
      await panel(page).getByText('系统已确认的法人信息').waitFor();
      await expectStatus(page, INCOMPLETE, 'incomplete');
      assert.equal(await panel(page).getByText(INCOMPLETE).count(), 1, 'the notice is the status, once');
      assert.equal(await panel(page).getByText(VERIFIED).count(), 0);

      // FAQ 三.1 3: 办理入口 answers with the seed's dialog, the missing fields beneath; 确定 goes to 我的信息.
      await enterTorchSystem(page);
      await page.waitForURL(/\/services\/entry\/high-tech-enterprise$/);
      const refusal = page.getByRole('dialog').filter({ hasText: SEED_DIALOG });
      await refusal.getByText(SEED_DIALOG, { exact: true }).waitFor();
      await refusal.getByText(MISSING, { exact: true }).waitFor();
      await clickInDialog(refusal, '确定');
      await page.waitForURL(/\/online\/my-info$/);

      // 修改法人信息: the required fields registration did not ask for. 单位性质 is a key field: verified again.
      await page.getByRole('button', { name: '修改法人信息', exact: true }).click();
      await choose(page, '单位性质', '私营企业');
      await radio(page, '是否独立法人', '是').check();
      await page.getByLabel('单位地址', { exact: true }).fill('北京市海淀区中关村大街1号');
      await typeDate(page.getByLabel('单位成立日期', { exact: true }), '2016-03-18');
      await page.getByLabel('通信地址', { exact: true }).fill('北京市海淀区中关村大街1号');
      await page.getByLabel('法定代表人电子邮箱', { exact: true }).fill('representative@example.cn');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      // Quickstart 4.1.2 / 4.2.2: the success sentence and the result in one dialog, then 确定.
      await acknowledgeSave(page, SAVED.organizationBasic, `实名认证状态：${VERIFIED}`);
      await expectStatus(page, VERIFIED, 'registry_verified');
      assert.equal(await panel(page).getByText(INCOMPLETE).count(), 0);
      assert.equal(await viewValue(page, '单位性质').innerText(), '私营企业');

      // FAQ 三.1 3(2): 法人单位其他信息, every field.
      await page.getByRole('tab', { name: '法人单位其他信息' }).click();
      await panel(page).getByText('系统已确认的法人其他信息').waitFor();
      await page.getByRole('button', { name: '修改信息', exact: true }).click();
      await page.getByLabel('单位经营期限', { exact: true }).fill('长期');
      await page.getByLabel('所属行业1', { exact: true }).fill('通用设备制造业');
      await page.getByLabel('所属行业2', { exact: true }).fill('智能制造装备');
      await page.getByLabel('工商登记机关', { exact: true }).fill('市场监督管理局');
      await typeDate(page.getByLabel('核准日期', { exact: true }), '2016-03-18');
      await page.getByLabel('外资来源地', { exact: true }).fill('无');
      await choose(page, '所得税征收方式', '查账征收');
      await choose(page, '企业类型', '有限责任公司');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('保存成功').first().waitFor();
      await page.getByRole('button', { name: '修改信息', exact: true }).waitFor();

      // 办理入口 now signs the organisation in to 高新技术企业认定 (its primary agent was verified at registration).
      await enterTorchSystem(page);
      await page.waitForURL(`${casDemo.url}/`);
      await page.getByText(`欢迎，${org.name}`).waitFor();
      const text = await page.locator('body').innerText();
      assert.match(text, new RegExp(VERIFIED));
      assert.doesNotMatch(text, /未通过实名认证/);
      await page.context().close();
    });
  });
});
