// 法人: register an organisation through the form, log in through 法人登录; the same
// account in 自然人登录 is told which window it belongs to.
import { test } from 'node:test';
import { creditCode, mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { fillAccount, fillIdentity, fillSmsCode, header, loginThroughUi, logoutThroughUi } from './account-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

test('an organisation registers, logs in through 法人登录, and 自然人登录 names the right window', async () => {
  const page = await suite.newPage();
  const loginName = uniqueLoginName('org');
  const password = 'Passw0rd!';
  const organization = `浏览器测试科技有限公司${Date.now()}`;
  const agentPhone = mobile();

  await page.goto('/register');
  await page.getByRole('button', { name: '单位用户（法人）注册' }).click();
  await page.waitForURL('**/register/legal');

  await fillAccount(page, loginName, password);

  await page.getByLabel('单位名称', { exact: true }).fill(organization);
  await page.getByRole('button', { name: '检查单位是否已存在' }).click();
  await page.getByText('可以使用', { exact: true }).waitFor();
  await page.getByRole('radiogroup', { name: '请选择注册单位类型' }).getByText('境内单位注册').click();
  await page.getByRole('radiogroup', { name: '法人类型' }).getByText('企业法人').click();
  await page.getByLabel('统一社会信用代码', { exact: true }).fill(creditCode());
  await page.getByRole('button', { name: '检查统一社会信用代码是否已存在' }).click();
  await page.getByText('可以使用', { exact: true }).last().waitFor();

  await page.getByLabel('法定代表人姓名', { exact: true }).fill('李法人');
  await page.getByLabel('法定代表人手机号码', { exact: true }).fill(mobile());
  await fillIdentity(page, '法定代表人', { name: '李法人', mobile: '', documentNumber: residentId('19750505') }, { longTerm: true });

  await page.getByLabel('主代办人姓名', { exact: true }).fill('王代办');
  await page.getByLabel('主代办人手机号码', { exact: true }).fill(agentPhone);
  await fillSmsCode(page, suite.baseUrl, agentPhone, '主代办人手机号验证码');
  await fillIdentity(page, '主代办人', { name: '王代办', mobile: agentPhone, documentNumber: residentId('19880808') });

  await page.getByLabel('我已阅读并同意').check();
  await page.getByRole('button', { name: '注册账号' }).click();
  await page.waitForURL('**/register/done');
  await page.getByText(loginName, { exact: true }).waitFor();

  // 用户登录 on the done page opens the 法人登录 window.
  await page.getByRole('button', { name: '用户登录' }).click();
  await page.waitForURL('**/login?kind=legal');
  await page.getByRole('tab', { name: '法人登录', selected: true }).waitFor();
  await loginThroughUi(page, suite.baseUrl, '法人登录', loginName, password);
  await page.waitForURL('**/online/my-info');
  await header(page).getByText('当前用户：').waitFor();
  await header(page).getByText(organization).waitFor();
  await logoutThroughUi(page);

  await header(page).getByRole('link', { name: '用户登录' }).click();
  await loginThroughUi(page, suite.baseUrl, '自然人登录', loginName, password);
  await page.getByRole('alert').filter({ hasText: '该账号为法人账号，请使用法人登录' }).waitFor();
  await page.close();
});
