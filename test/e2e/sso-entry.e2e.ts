/**
 * 办理入口 in a real browser, from the service catalogue into the two demo business systems of
 * examples/ (started here on free ports and registered under the seed's keys hgr and
 * tech-contract): a verified person lands signed in in the OIDC demo; an unverified person gets
 * the seed's dialog; a legal person with incomplete organisation information gets it too, with
 * what is missing beneath; the CAS demo shows its attributes; and 退出登录 in the portal ends both demo sessions.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startCasDemo } from '../../examples/cas-demo/server.ts';
import type { DemoServer } from '../../examples/common/http.ts';
import { startOidcDemo } from '../../examples/oidc-demo/server.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { systemsStore, type NewBusinessSystem } from '../../src/sso/systems-store.ts';
import { registerAndLogIn, type Body } from '../support/accounts.ts';
import { mobile, uniqueLoginName } from '../support/fixtures.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const SEED_DIALOG = '您的个人信息没有实名认证，则需先实名认证个人信息才能进行下一步操作。请点击确定前往个人信息页面。';

// People and an organisation the development registry knows, so their accounts are verified.
// A document registers once per platform: each test takes its own.
const person = (name: string, documentNumber: string, validFrom: string, validTo: string) => ({ name, documentNumber, validFrom, validTo, longTerm: !validTo });
const WU_JIAYI = person('吴佳怡', '330106198807170040', '2014-10-11', '2034-10-11');
const SUN_LIHUA = person('孙丽华', '420106197309302829', '2020-11-02', '');
const HUANG_ZHIQIANG = person('黄志强', '440305197811263317', '2024-03-15', '');
const BEIJING_CORP = {
  organization: { name: '北京示例科技有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91110108MA01D3M7Q0' },
  legalRepresentative: { name: '李四', mobile: mobile(), region: 'mainland', documentType: 'resident_id', documentNumber: '110108198005152010', validFrom: '2010-05-01', validTo: '', longTerm: true },
  primaryAgent: { ...HUANG_ZHIQIANG, mobile: mobile(), region: 'mainland', documentType: 'resident_id' },
};

let oidcDemo: DemoServer;
let casDemo: DemoServer;

const logIn = (kind: 'natural' | 'legal', overrides: Body = {}) => registerAndLogIn(suite.baseUrl, kind, { loginName: uniqueLoginName('sso'), ...overrides });
const card = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

/** 服务事项 → search → the item's 办理入口 (a full page load through /sso/enter). */
async function enterFromCatalogue(page: Page, search: string, item: string) {
  await page.goto('/services');
  const box = page.getByPlaceholder('您要办理什么业务，试着检索一下');
  await box.fill(search);
  await box.press('Enter');
  await card(page, item).getByRole('link', { name: '办理入口' }).click();
}

/** A demo system's page shows the signed-in person and their verification. */
async function expectSignedIn(page: Page, name: string) {
  await page.getByText(`欢迎，${name}`).waitFor();
  const text = await page.locator('body').innerText();
  assert.match(text, /国家平台实名认证通过/);
  assert.match(text, /退出/);
  return text;
}

describe('办理入口 into the demo business systems', () => {
  // In the suite, not at the top: top-level before hooks run concurrently with the suite's.
  before(async () => {
    oidcDemo = await startOidcDemo({ platformUrl: suite.baseUrl, clientId: DEMO_OIDC_CLIENT.clientId, clientSecret: DEMO_OIDC_CLIENT.secret, port: 0, host: '127.0.0.1' });
    casDemo = await startCasDemo({ platformUrl: suite.baseUrl, port: 0, host: '127.0.0.1' });
    // The seed's hgr and tech-contract as an operator registers them for demos on these ports;
    // seedBusinessSystems leaves existing systems alone and adds the rest, then the catalogue.
    const systems = systemsStore(suite.platform.db, suite.platform.cipher);
    const common = { department: '社会发展科技司', audience: 'both', requiresVerification: true, requirements: [], requiresApproval: false, roles: [], mobileAllowed: true, enabled: true } satisfies Partial<NewBusinessSystem>;
    await systems.create({
      ...common,
      key: 'hgr',
      name: '人类遗传资源管理',
      entryUrl: `${oidcDemo.url}/login`,
      oidc: {
        clientId: DEMO_OIDC_CLIENT.clientId,
        clientSecret: DEMO_OIDC_CLIENT.secret,
        redirectUris: [`${oidcDemo.url}/callback`],
        postLogoutRedirectUris: [`${oidcDemo.url}/`],
        backchannelLogoutUri: `${oidcDemo.url}/backchannel-logout`,
      },
      casServicePrefix: null,
    });
    await systems.create({
      ...common,
      key: 'tech-contract',
      name: '全国技术合同管理与服务系统',
      department: '科技部火炬高技术产业开发中心',
      entryUrl: `${casDemo.url}/login`,
      oidc: null,
      casServicePrefix: `${casDemo.url}/`,
    });
    await seedBusinessSystems(suite.platform);
    await seedCatalogue(suite.platform);
  });
  after(async () => {
    await oidcDemo?.close();
    await casDemo?.close();
  });
  beforeEach(async () => {
    await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
  });

  test('a verified person enters 人类遗传资源管理 and lands signed in in the OIDC demo, seeing their claims', async () => {
    const me = await logIn('natural', WU_JIAYI);
    const page = await suite.newPage({ session: me.client });
    await enterFromCatalogue(page, '遗传', '人类遗传资源管理');
    await page.waitForURL(`${oidcDemo.url}/`);
    const text = await expectSignedIn(page, '吴佳怡');
    assert.match(text, /人类遗传资源管理（演示系统）/);
    assert.match(text, new RegExp(me.body.loginName));
    assert.match(text, /自然人/);
    assert.doesNotMatch(text, /330106198807170040/, 'the document number only masked');
    await page.context().close();
  });

  test("an unverified person gets the seed's dialog, and 确定 goes to 我的信息", async () => {
    const me = await logIn('natural');
    const page = await suite.newPage({ session: me.client });
    await enterFromCatalogue(page, '遗传', '人类遗传资源管理');
    await page.waitForURL(/\/services\/entry\/hgr$/);
    const dialog = page.getByRole('dialog');
    await dialog.getByText(SEED_DIALOG, { exact: true }).waitFor();
    await clickInDialog(dialog, '确定');
    await page.waitForURL(/\/online\/my-info$/);
    await page.getByRole('link', { name: '我的信息' }).first().waitFor();
    await page.context().close();
  });

  // platform-faq.md 三.1 3 and 3(1): the seed's dialog, and 法人单位基本信息 to complete first.
  test("a legal person with incomplete organisation information entering 高新技术企业认定 gets the seed's dialog and what is missing", async () => {
    const corp = await logIn('legal', BEIJING_CORP);
    const page = await suite.newPage({ session: corp.client });
    await enterFromCatalogue(page, '高新', '高新技术企业认定');
    await page.waitForURL(/\/services\/entry\/high-tech-enterprise$/);
    const dialog = page.getByRole('dialog');
    // The registry knows the organisation, but until what registration does not ask for is filled in it is not verified.
    await dialog.getByText(SEED_DIALOG, { exact: true }).waitFor();
    await dialog.getByText('法人单位基本信息不完整（缺少：单位性质、是否独立法人、单位地址、单位成立日期、通信地址、法定代表人电子邮箱）', { exact: true }).waitFor();
    await clickInDialog(dialog, '确定');
    await page.waitForURL(/\/online\/my-info$/);
    await page.context().close();
  });

  test('CAS demo sign-in through 办理入口 shows the attributes; one 退出登录 ends both demo sessions', async () => {
    const me = await logIn('natural', SUN_LIHUA);
    const page = await suite.newPage({ session: me.client });
    await enterFromCatalogue(page, '遗传', '人类遗传资源管理');
    await page.waitForURL(`${oidcDemo.url}/`);
    await expectSignedIn(page, '孙丽华');

    await enterFromCatalogue(page, '技术合同', '全国技术合同认定登记');
    await page.waitForURL(`${casDemo.url}/`);
    const text = await expectSignedIn(page, '孙丽华');
    assert.match(text, /全国技术合同管理与服务系统（演示系统）/);
    assert.match(text, /国家平台核验/);
    assert.match(text, new RegExp(me.body.loginName));

    await page.goto('/');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户登录' }).waitFor();
    for (const demo of [oidcDemo, casDemo]) {
      await page.goto(`${demo.url}/`);
      await page.getByText('您尚未登录本系统').waitFor({ timeout: 5_000 });
      assert.equal(await page.getByText(/欢迎，/).count(), 0, demo.url);
    }
    assert.equal((await me.client.get('/api/me')).status, 401, 'the platform session ended');
    await page.context().close();
  });
});
