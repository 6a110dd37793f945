// Bad input on 自然人注册: each mistake is shown at its field, by the browser's own
// checks (the shared rules) or by the server, and no account is created.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerAccount } from '../support/accounts.ts';
import { mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { accountCount, fillAccount, fillDate, fillSmsCode, openRegistrationForm } from './account-helpers.ts';
import { browserSuiteForFile, latestSmsCode } from './support.ts';

const suite = browserSuiteForFile();

const count = () => accountCount(suite.platform.db);

test('自然人注册 refuses bad input field by field and creates no account', async () => {
  // A login name that is already registered, through the API.
  const { body: taken } = await registerAccount(suite.baseUrl, 'natural');
  const before = await count();

  const { page, submit, expectError } = await openRegistrationForm(suite, '/register/natural');
  const loginName = page.getByLabel('登录名', { exact: true });
  const password = page.getByLabel('登录密码', { exact: true });
  const confirm = page.getByLabel('密码确认', { exact: true });
  const documentNumber = page.getByLabel('证件号码', { exact: true });
  const phoneField = page.getByLabel('手机号码', { exact: true });
  const smsField = page.getByLabel('验证码', { exact: true });
  const goodName = uniqueLoginName('np');
  const goodId = residentId();
  const phone = mobile();

  // A form complete but for the validity start date and the agreement.
  await fillAccount(page, goodName, 'Passw0rd!');
  await page.getByLabel('姓名', { exact: true }).fill('赵六');
  await documentNumber.fill(goodId);
  await page.getByLabel('长期有效', { exact: true }).check();
  await phoneField.fill(phone);
  await fillSmsCode(page, suite.baseUrl, phone, '验证码');
  const code = await latestSmsCode(suite.baseUrl, phone);

  // 1, 2. 居民身份证 without the validity start date; agreement not ticked.
  await submit();
  await expectError('请填写身份证有效期起始日期');
  await expectError('请阅读并同意注册协议');
  await fillDate(page.getByLabel('证件有效期起始日期', { exact: true }), '2020-01-01');
  await page.getByLabel('我已阅读并同意').check();

  // 3, 4. Login name with a space, with Chinese characters.
  for (const bad of ['zhang san', '张三abc']) {
    await loginName.fill(bad);
    await submit();
    await expectError('登录名只能包含数字、字母、下划线三种格式。');
  }
  await loginName.fill(goodName);

  // 5. Weak password: only two kinds of characters.
  await password.fill('abcdefgh1');
  await confirm.fill('abcdefgh1');
  await submit();
  await expectError('密码至少包含以下4种类型的3种');
  await password.fill('Passw0rd!');

  // 6. 密码确认 differs.
  await confirm.fill('Passw0rd?');
  await submit();
  await expectError('两次输入的密码不一致');
  await confirm.fill('Passw0rd!');

  // 7. Resident ID number with a wrong check digit.
  const last = goodId.slice(-1);
  await documentNumber.fill(goodId.slice(0, -1) + (last === '1' ? '2' : '1'));
  await submit();
  await expectError('身份证号码校验位错误');
  await documentNumber.fill(goodId);

  // 8. Not a mainland mobile number.
  await phoneField.fill('1234567890');
  await submit();
  await expectError('手机号码格式不正确');
  await phoneField.fill(phone);

  // 9. SMS code in the wrong shape (browser), then a wrong one (server).
  await smsField.fill('12ab');
  await submit();
  await expectError('请输入6位手机验证码');
  await smsField.fill(code === '000000' ? '111111' : '000000');
  await submit();
  await expectError('手机验证码错误');
  await smsField.fill(code);

  // 10. A login name already registered: the check button says so, and so does the server.
  await loginName.fill(taken.loginName.toUpperCase());
  await page.getByRole('button', { name: '检查登录名是否已注册' }).click();
  await page.getByRole('status').filter({ hasText: '登录名已被注册' }).waitFor();
  await submit();
  await expectError('登录名已被注册');

  assert.equal(await count(), before, 'no account was created by the refused submits');
  assert.ok(page.url().endsWith('/register/natural'));

  // The same form in English, once the last submit is over (a loading button is named "loading 注册账号").
  await page.getByRole('button', { name: '注册账号', exact: true }).waitFor();
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Account information' }).or(page.getByLabel('Login name', { exact: true })).first().waitFor();
  await page.getByLabel('Login name', { exact: true }).fill('bad name');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expectError('The login name may only contain digits, letters and underscores.');
  await page.close();
});
