// Bad input on 单位用户（法人）注册: a taken 单位名称 or 统一社会信用代码, a credit code with a
// wrong check character, an SMS code never sent; nothing is created.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerAccount } from '../support/accounts.ts';
import { creditCode, mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { accountCount, fillAccount, fillIdentity, openRegistrationForm } from './account-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

const count = () => accountCount(suite.platform.db);

test('单位用户（法人）注册 refuses a taken organisation, a taken or invalid credit code and a code never sent', async () => {
  const { body: taken } = await registerAccount(suite.baseUrl, 'legal');
  const before = await count();

  const { page, submit, expectError } = await openRegistrationForm(suite, '/register/legal');
  const name = page.getByLabel('单位名称', { exact: true });
  const code = page.getByLabel('统一社会信用代码', { exact: true });
  const goodCode = creditCode();

  await fillAccount(page, uniqueLoginName('org'), 'Passw0rd!');
  await name.fill(taken.organization.name);
  await page.getByRole('radiogroup', { name: '法人类型' }).getByText('企业法人').click();
  await code.fill(goodCode);
  await page.getByLabel('法定代表人姓名', { exact: true }).fill('李法人');
  await page.getByLabel('法定代表人手机号码', { exact: true }).fill(mobile());
  await fillIdentity(page, '法定代表人', { name: '李法人', mobile: '', documentNumber: residentId('19700101') }, { longTerm: true });
  await page.getByLabel('主代办人姓名', { exact: true }).fill('王代办');
  await page.getByLabel('主代办人手机号码', { exact: true }).fill(mobile());
  await page.getByLabel('主代办人手机号验证码', { exact: true }).fill('123456');
  await fillIdentity(page, '主代办人', { name: '王代办', mobile: '', documentNumber: residentId('19850505') });
  await page.getByLabel('我已阅读并同意').check();

  // 1. 单位名称 taken: the check button and the server both say so.
  await page.getByRole('button', { name: '检查单位是否已存在' }).click();
  await page.getByRole('status').filter({ hasText: '单位名称已被注册' }).waitFor();
  await submit();
  await expectError('单位名称已被注册');
  await name.fill(`另一家科技有限公司${Date.now()}`);

  // 2. 统一社会信用代码 taken (a renamed organisation is pointed to the appeal).
  await code.fill(taken.organization.code);
  await page.getByRole('button', { name: '检查统一社会信用代码是否已存在' }).click();
  await page.getByRole('status').filter({ hasText: '信用代码已被注册' }).waitFor(); // FAQ 九.3
  await submit();
  await expectError('信用代码已被注册');

  // 3. A credit code whose check character is wrong.
  const last = goodCode.slice(-1);
  await code.fill(goodCode.slice(0, -1) + (last === '0' ? '1' : '0'));
  await submit();
  await expectError('统一社会信用代码校验位错误');
  await code.fill(goodCode);

  // 4. The primary agent's SMS code was never sent.
  await submit();
  await expectError('手机验证码已失效，请重新获取');

  // HK/Macao/Taiwan and foreign bodies give a unique identifier instead.
  await page.getByRole('radiogroup', { name: '请选择注册单位类型' }).getByText('港澳台地区单位注册').click();
  await page.getByLabel('单位唯一标识码', { exact: true }).waitFor();

  assert.equal(await count(), before, 'no account was created by the refused submits');
  await page.close();
});
