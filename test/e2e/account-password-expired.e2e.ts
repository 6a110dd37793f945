// FAQ 1.4 密码过期: a password older than the limit must be changed right after login,
// before anything else; a one-time password likewise.
import { test } from 'node:test';
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
