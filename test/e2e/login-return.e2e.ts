/**
 * One way back through the login page (?return=, the old ?next= still honoured), in a real
 * browser with the two demo business systems of examples/ registered as test systems: a
 * forced password change met in the middle of an OIDC or CAS sign-in ends in the business
 * system; registration and 登录名重置密码 started from such a login page come back to it; old
 * ?next= links still lead to their portal page (by the router, no page load); hostile values
 * land on 我的信息 and are never carried on.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startCasDemo } from '../../examples/cas-demo/server.ts';
import type { DemoServer } from '../../examples/common/http.ts';
import { startOidcDemo } from '../../examples/oidc-demo/server.ts';
import { maskPhone } from '../../src/accounts/rules.ts';
import { systemsStore, type NewBusinessSystem } from '../../src/sso/systems-store.ts';
import { registerAccount } from '../support/accounts.ts';
import { mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { fieldError, fillAccount, fillIdentity, fillSmsCode, loginThroughUi, selectOption } from './account-helpers.ts';
import { browserSuiteForFile, button, captchaAnswer, latestSmsCode } from './support.ts';

const suite = browserSuiteForFile();

const NEW_PASSWORD = 'N3w-Return!2026';
const OIDC_CLIENT = { clientId: 'login-return-demo', secret: 'LoginReturn@2026-oidc-client-secret' };
const MY_INFO = () => `${suite.baseUrl}/online/my-info`;

/** The platform's login page with a way back to an OIDC interaction, or to /cas/login. */
const LOGIN_BACK_TO_OIDC = /\/login\?return=%2Fsso%2Finteraction%2F[\w-]+$/;
const LOGIN_BACK_TO_CAS = /\/login\?return=%2Fcas%2Flogin%3Fservice%3D[^&]+$/;

let oidcDemo: DemoServer;
let casDemo: DemoServer;


async function newAccount(change?: 'one_time' | 'expired') {
  const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('lr') });
  const sql = {
    one_time: 'update accounts set must_change_password = true where login_name_key = lower($1)',
    expired: "update accounts set password_changed_at = now() - interval '400 days' where login_name_key = lower($1)",
  };
  if (change) await suite.platform.db.query(sql[change], [account.body.loginName]);
  return { loginName: account.body.loginName as string, password: account.body.password as string, mobile: account.body.mobile as string };
}

/** 修改密码 on the forced change page, from `oldPassword` to NEW_PASSWORD. */
async function changePassword(page: Page, oldPassword: string): Promise<void> {
  await page.getByLabel('原密码', { exact: true }).fill(oldPassword);
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
  await button(page, '修改密码').click();
}

/** A demo system's page shows the person signed in there. */
async function expectSignedInto(page: Page, demo: DemoServer, loginName: string): Promise<void> {
  await page.waitForURL(`${demo.url}/`);
  await page.getByText(/^欢迎，/).waitFor();
  assert.match(await page.locator('body').innerText(), new RegExp(loginName));
}

async function mustChangePassword(loginName: string): Promise<boolean> {
  const rows = await suite.platform.db.query<{ must_change_password: boolean }>('select must_change_password from accounts where login_name_key = lower($1)', [loginName]);
  return rows[0]!.must_change_password;
}

/** Marks the page's window: the mark survives the router's navigation, not a page load. */
const markWindow = (page: Page) => page.evaluate(() => Object.assign(window, { loginReturnMark: true }));
const windowMarked = (page: Page) => page.evaluate(() => 'loginReturnMark' in window);

describe('the way back through the login page', () => {
  // In the suite, not at the top: top-level before hooks run concurrently with the suite's.
  before(async () => {
    oidcDemo = await startOidcDemo({ platformUrl: suite.baseUrl, clientId: OIDC_CLIENT.clientId, clientSecret: OIDC_CLIENT.secret, port: 0, host: '127.0.0.1' });
    casDemo = await startCasDemo({ platformUrl: suite.baseUrl, port: 0, host: '127.0.0.1' });
    const systems = systemsStore(suite.platform.db, suite.platform.cipher);
    // Anyone may enter: these tests are about the way back, not the entry checks.
    const common = {
      department: '测试司',
      audience: 'both',
      requiresVerification: false,
      requirements: [],
      requiresApproval: false,
      requiresGrant: false,
      roles: [],
      mobileAllowed: false,
      enabled: true,
    } satisfies Partial<NewBusinessSystem>;
    await systems.create({
      ...common,
      key: 'login-return-oidc',
      name: '登录返回测试（OIDC）',
      entryUrl: `${oidcDemo.url}/login`,
      oidc: {
        clientId: OIDC_CLIENT.clientId,
        clientSecret: OIDC_CLIENT.secret,
        redirectUris: [`${oidcDemo.url}/callback`],
        postLogoutRedirectUris: [`${oidcDemo.url}/`],
        backchannelLogoutUri: null,
      },
      casServicePrefix: null,
    });
    await systems.create({ ...common, key: 'login-return-cas', name: '登录返回测试（CAS）', entryUrl: `${casDemo.url}/login`, oidc: null, casServicePrefix: `${casDemo.url}/` });
  });
  after(async () => {
    await oidcDemo?.close();
    await casDemo?.close();
  });
  beforeEach(async () => {
    await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
  });

  describe('a forced password change in the middle of a sign-in ends in the business system', () => {
    test("a one-time password at the OIDC demo's sign-in: changed, then signed in to the demo", async () => {
      const me = await newAccount('one_time');
      const page = await suite.newPage();
      await page.goto(`${oidcDemo.url}/login`);
      await page.waitForURL(LOGIN_BACK_TO_OIDC);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', me.loginName, me.password);

      await page.waitForURL(/\/password\/expired\?return=%2Fsso%2Finteraction%2F[\w-]+$/);
      await page.getByText('您使用的是一次性密码，请先修改密码').waitFor();
      // The other way out, 登录名重置密码, keeps the way back too.
      const reset = await page.getByRole('link', { name: '登录名重置密码', exact: true }).getAttribute('href');
      assert.match(reset ?? '', /^\/password\/recover\/login-name\?return=%2Fsso%2Finteraction%2F/);

      // A refused change stays on the page, the way back still in its address.
      const before = page.url();
      await changePassword(page, 'Not-the-0ld');
      await fieldError(page, '原密码错误').waitFor();
      assert.equal(page.url(), before);
      assert.equal(await mustChangePassword(me.loginName), true, 'nothing changed');

      await changePassword(page, me.password);
      await expectSignedInto(page, oidcDemo, me.loginName);
      assert.equal(await mustChangePassword(me.loginName), false);
      await page.context().close();
    });

    test('an expired password at /cas/login?service=…: changed, then signed in to the CAS demo', async () => {
      const me = await newAccount('expired');
      const page = await suite.newPage();
      await page.goto(`${casDemo.url}/login`);
      await page.waitForURL(LOGIN_BACK_TO_CAS);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', me.loginName, me.password);

      await page.waitForURL(/\/password\/expired\?return=%2Fcas%2Flogin%3Fservice%3D[^&]+$/);
      await page.getByText('密码已过期，请修改密码').waitFor();
      await changePassword(page, me.password);
      await expectSignedInto(page, casDemo, me.loginName);
      await page.context().close();
    });
  });

  describe('detours started on such a login page come back to it', () => {
    test('立即注册账号 from the CAS sign-in: registered, logged in, signed in to the CAS demo', async () => {
      const page = await suite.newPage();
      const loginName = uniqueLoginName('lrreg');
      const password = 'Passw0rd!';
      const phone = mobile();
      await page.goto(`${casDemo.url}/login`);
      await page.waitForURL(LOGIN_BACK_TO_CAS);

      await page.getByRole('link', { name: '立即注册账号' }).click();
      await page.waitForURL(/\/register\?return=%2Fcas%2Flogin/);
      await page.getByRole('button', { name: '自然人注册' }).click();
      await page.waitForURL(/\/register\/natural\?return=%2Fcas%2Flogin/);
      await fillAccount(page, loginName, password);
      await page.getByLabel('姓名', { exact: true }).fill('张三');
      await fillIdentity(page, '', { name: '张三', mobile: phone, documentNumber: residentId() });
      await page.getByLabel('手机号码', { exact: true }).fill(phone);
      await fillSmsCode(page, suite.baseUrl, phone, '验证码');
      await page.getByLabel('我已阅读并同意').check();
      await button(page, '注册账号').click();

      await page.waitForURL(/\/register\/done\?return=%2Fcas%2Flogin/);
      await page.getByText(loginName, { exact: true }).waitFor();
      await button(page, '用户登录').click();
      await page.waitForURL(LOGIN_BACK_TO_CAS);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', loginName, password);
      await expectSignedInto(page, casDemo, loginName);
      await page.context().close();
    });

    test('忘记密码 → 登录名重置密码 from the OIDC sign-in: reset, logged in, signed in to the OIDC demo', async () => {
      const me = await newAccount();
      // The phone just got its registration code and would wait a minute for another.
      await suite.platform.db.query(`delete from kv where key like 'smscooldown:%'`);
      const page = await suite.newPage();
      await page.goto(`${oidcDemo.url}/login`);
      await page.waitForURL(LOGIN_BACK_TO_OIDC);

      await page.getByRole('link', { name: '忘记密码' }).click();
      await page.waitForURL(/\/password\/recover\?return=%2Fsso%2Finteraction%2F/);
      await page.getByRole('link', { name: '登录名重置密码' }).click();
      await page.waitForURL(/\/password\/recover\/login-name\?return=%2Fsso%2Finteraction%2F/);
      await page.getByLabel('登录名', { exact: true }).fill(me.loginName);
      await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, suite.baseUrl));
      await button(page, '检索登录名').click();
      await page.getByLabel('确认预留手机号', { exact: true }).fill(me.mobile);
      await selectOption(page, '密码修改原因', '忘记密码');
      await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
      await button(page, '获取短信验证码').click();
      await page.getByText(`验证码已发送至 ${maskPhone(me.mobile)}`).waitFor();
      await page.getByLabel('手机验证码', { exact: true }).fill(await latestSmsCode(suite.baseUrl, me.mobile));
      await button(page, '确定').click();

      await button(page, '确定，并跳转至政务服务平台').click();
      await page.waitForURL(LOGIN_BACK_TO_OIDC);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', me.loginName, NEW_PASSWORD);
      await expectSignedInto(page, oidcDemo, me.loginName);
      await page.context().close();
    });
  });

  describe('old ?next= links', () => {
    test('lead to their portal page after login, by the router', async () => {
      const me = await newAccount();
      const page = await suite.newPage();
      await page.goto(`/login?next=${encodeURIComponent('/services?category=innovation_services')}`);
      await markWindow(page);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', me.loginName, me.password);
      await page.waitForURL(`${suite.baseUrl}/services?category=innovation_services`);
      assert.equal(await windowMarked(page), true, 'a portal page is reached without loading the page again');
      await page.context().close();
    });

    test('lead to their portal page after a forced password change too', async () => {
      const me = await newAccount('one_time');
      const page = await suite.newPage();
      await page.goto(`/login?next=${encodeURIComponent('/online/follows')}`);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', me.loginName, me.password);
      await page.waitForURL(/\/password\/expired\?return=%2Fonline%2Ffollows$/);
      await markWindow(page);
      await changePassword(page, me.password);
      await page.waitForURL(`${suite.baseUrl}/online/follows`);
      await page.getByRole('heading', { name: '我的关注' }).first().waitFor();
      assert.equal(await windowMarked(page), true);
      await page.context().close();
    });
  });

  describe('hostile ways back land on 我的信息 and are never carried on', () => {
    const HOSTILE: [param: 'return' | 'next', value: string][] = [
      ['return', '//evil.example/x'],
      ['return', '/\\evil.example'],
      ['next', 'javascript:alert(1)'],
      ['return', '/%2F%2Fevil.example'],
      ['next', 'https://evil.example/'],
    ];

    test('after login', async () => {
      const me = await newAccount();
      for (const [param, value] of HOSTILE) {
        const page = await suite.newPage();
        await page.goto(`/login?${new URLSearchParams({ [param]: value, force: '1' })}`);
        // Nothing of it in the detours' links, and no forced logout for it.
        assert.equal(await page.getByRole('link', { name: '忘记密码' }).getAttribute('href'), '/password/recover', value);
        assert.equal(await page.getByRole('link', { name: '立即注册账号' }).getAttribute('href'), '/register', value);
        assert.equal(await page.getByText('业务系统要求您重新登录').count(), 0, value);
        await loginThroughUi(page, suite.baseUrl, '自然人登录', me.loginName, me.password);
        await page.waitForURL(MY_INFO());
        await page.context().close();
      }
    });

    test('after a forced password change, whether given to the login page or to the change page', async () => {
      const first = await newAccount('one_time');
      const page = await suite.newPage();
      await page.goto(`/login?return=${encodeURIComponent('/%5Cevil.example')}`);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', first.loginName, first.password);
      await page.waitForURL(`${suite.baseUrl}/password/expired`);
      await changePassword(page, first.password);
      await page.waitForURL(MY_INFO());
      await page.context().close();

      const second = await newAccount('expired');
      const other = await suite.newPage();
      await loginThroughUi(other, suite.baseUrl, '自然人登录', second.loginName, second.password);
      await other.waitForURL(`${suite.baseUrl}/password/expired`);
      await other.goto(`/password/expired?return=${encodeURIComponent('//evil.example')}`);
      await changePassword(other, second.password);
      await other.waitForURL(MY_INFO());
      await other.context().close();
    });
  });
});
