// FAQ 1.4 密码过期: a password older than the limit must be changed right after login,
// before anything else; a one-time password likewise. Issue 14.13: a business system reached
// meanwhile (办理入口, a sign-in it starts at /cas/login) leads to that change, not to the
// login form of someone logged in, and after it on into the system.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCasDemo } from '../../examples/cas-demo/server.ts';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { registerAccount } from '../support/accounts.ts';
import { fieldError, header, loginThroughUi, logoutThroughUi } from './account-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

const registerThroughApi = async () => (await registerAccount(suite.baseUrl, 'natural')).body;

test('an expired password is changed after login; the new one works next time', async () => {
  const account = await registerThroughApi();
  await suite.platform.db.query("update accounts set password_changed_at = now() - interval '400 days' where login_name_key = lower($1)", [account.loginName]);
  const newPassword = 'N3w-Passw0rd';
  const page = await suite.newPage();

  await loginThroughUi(page, suite.baseUrl, '自然人登录', account.loginName, account.password);
  await page.waitForURL('**/password/expired');
  await page.getByText('密码已过期，请修改密码').waitFor();

  // Nothing else is reachable before the change; the page asked for comes after it.
  await header(page).getByRole('link', { name: '在线办事' }).click();
  await page.waitForURL('**/password/expired?return=%2Fonline%2Fmy-info');

  await page.getByLabel('原密码', { exact: true }).fill('Not-the-0ld');
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: '修改密码' }).click();
  await fieldError(page, '原密码错误').waitFor();

  await page.getByLabel('原密码', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.waitForURL('**/online/my-info');
  await header(page).getByText('当前用户：').waitFor();

  await logoutThroughUi(page);
  await page.goto('/login');
  await loginThroughUi(page, suite.baseUrl, '自然人登录', account.loginName, newPassword);
  await page.waitForURL('**/online/my-info');
  await page.close();
});

test('a one-time password asks for a new password first', async () => {
  const account = await registerThroughApi();
  await suite.platform.db.query('update accounts set must_change_password = true where login_name_key = lower($1)', [account.loginName]);
  const page = await suite.newPage();
  await loginThroughUi(page, suite.baseUrl, '自然人登录', account.loginName, account.password);
  await page.waitForURL('**/password/expired');
  await page.getByText('您使用的是一次性密码，请先修改密码').waitFor();
  await page.close();
});

test('issue 14.13: with the change pending, 办理入口 and a CAS sign-in lead to the change page, then into the business system', async () => {
  const casDemo = await startCasDemo({ platformUrl: suite.baseUrl, port: 0, host: '127.0.0.1' });
  try {
    const system = await systemsStore(suite.platform.db, suite.platform.cipher).create({
      key: `pw-expired-cas-${Date.now()}`,
      name: '改密后进入测试（CAS）',
      department: '测试司',
      audience: 'both',
      requiresVerification: false,
      requirements: [],
      requiresApproval: false,
      requiresGrant: false,
      roles: [],
      mobileAllowed: false,
      enabled: true,
      entryUrl: `${casDemo.url}/login`,
      oidc: null,
      casServicePrefix: `${casDemo.url}/`,
    });
    const account = await registerThroughApi();
    await suite.platform.db.query("update accounts set password_changed_at = now() - interval '400 days' where login_name_key = lower($1)", [account.loginName]);
    const page = await suite.newPage();
    await loginThroughUi(page, suite.baseUrl, '自然人登录', account.loginName, account.password);
    await page.waitForURL('**/password/expired');

    // The business system starts a sign-in (/cas/login?service=…): the change, with the way back to it.
    await page.goto(`${casDemo.url}/login`);
    await page.waitForURL(/\/password\/expired\?return=%2Fcas%2Flogin%3Fservice%3D[^&]+$/);
    await page.getByText('密码已过期，请修改密码').waitFor();
    assert.equal(await page.getByRole('button', { name: '用户登录' }).count(), 0, 'no login form for someone logged in');

    // 办理入口 (/sso/enter/…): the same, with the way back to the entry.
    await page.goto(`/sso/enter/${system.key}`);
    await page.waitForURL(`**/password/expired?return=${encodeURIComponent(`/sso/enter/${system.key}`)}`);
    await header(page).getByText('当前用户：').waitFor();
    assert.equal(await page.getByRole('button', { name: '用户登录' }).count(), 0);

    const newPassword = 'N3w-Entry!2026';
    await page.getByLabel('原密码', { exact: true }).fill(account.password);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: '修改密码' }).click();
    // Through 办理入口 into the system: its /login, the platform's /cas/login with a ticket, its welcome page.
    await page.waitForURL(`${casDemo.url}/`);
    await page.getByText(/^欢迎，/).waitFor();
    assert.match(await page.locator('body').innerText(), new RegExp(account.loginName));
    await page.context().close();
  } finally {
    await casDemo.close();
  }
});
