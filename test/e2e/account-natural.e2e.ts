// 自然人: register through the form (SMS code from the development outbox), see 注册完成,
// log in through 自然人登录, reach My information, log out; wrong password and wrong
// captcha are refused with the seed's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { fillAccount, fillIdentity, fillSmsCode, header, loginThroughUi, logoutThroughUi } from './account-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, captchaAnswer } from './support.ts';

const suite = browserSuiteForFile();

test('a natural person registers, logs in through 自然人登录 and logs out; wrong password and captcha are refused', async () => {
  const page = await suite.newPage();
  const loginName = uniqueLoginName('np');
  const password = 'Passw0rd!';
  const phone = mobile();

  await page.goto('/register');
  await page.getByText('① 谁可以注册？如何选择注册类型？').waitFor();
  await page.getByRole('button', { name: '自然人注册' }).click();
  await page.waitForURL('**/register/natural');

  await fillAccount(page, loginName, password);
  await page.getByRole('button', { name: '检查登录名是否已注册' }).click();
  await page.getByText('可以使用', { exact: true }).waitFor();
  await page.getByLabel('姓名', { exact: true }).fill('张三');
  await fillIdentity(page, '', { name: '张三', mobile: phone, documentNumber: residentId() });
  await page.getByLabel('手机号码', { exact: true }).fill(phone);
  await fillSmsCode(page, suite.baseUrl, phone, '验证码');
  await page.getByLabel('我已阅读并同意').check();
  await page.getByRole('button', { name: '注册账号' }).click();

  await page.waitForURL('**/register/done');
  await page.locator('.ant-result-title', { hasText: '注册完成' }).waitFor();
  await page.getByText(loginName, { exact: true }).waitFor();
  await page.getByRole('button', { name: '用户登录' }).click();
  await page.waitForURL('**/login');

  // 验证码错误: the password is not even looked at.
  await page.getByLabel('登录名', { exact: true }).fill(loginName);
  await page.getByLabel('登录密码', { exact: true }).fill(password);
  await page.getByLabel('验证码', { exact: true }).fill('zzzz');
  await page.getByRole('button', { name: '用户登录' }).click();
  await page.getByRole('alert').filter({ hasText: '验证码错误' }).waitFor();

  // 登录名或密码错误, with a fresh captcha (each one is good for one attempt).
  await page.getByLabel('登录密码', { exact: true }).fill('Wrong-Passw0rd');
  await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, suite.baseUrl));
  await page.getByRole('button', { name: '用户登录' }).click();
  await page.getByRole('alert').filter({ hasText: '登录名或密码错误' }).waitFor();

  await loginThroughUi(page, suite.baseUrl, '自然人登录', loginName, password);
  await page.waitForURL('**/online/my-info');
  await header(page).getByText('当前用户：').waitFor();
  assert.match(await header(page).innerText(), /张三/);

  await logoutThroughUi(page);
  await page.close();
});

test('on a phone (390 × 844) the login card comes first and its captcha fits the screen', async () => {
  const page = await suite.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/login');
  const heading = page.getByRole('heading', { level: 1, name: '统一用户登录' });
  await heading.waitFor();
  assert.equal(await page.title(), '统一用户登录 - 科学技术部政务服务平台');
  const intro = page.getByText(/^原国家科技计划项目申报中心注册用户均可登录本系统/);
  assert.ok((await heading.boundingBox())!.y < (await intro.boundingBox())!.y, 'the login card above the explanations');
  const captcha = page.getByLabel('验证码', { exact: true });
  const image = page.locator('[data-captcha-id]').first();
  await image.waitFor();
  for (const [name, box] of [['验证码', await captcha.boundingBox()], ['captcha image', await image.boundingBox()]] as const) {
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${name} within the screen: ${JSON.stringify(box)}`);
  }
  assert.ok((await page.getByRole('button', { name: '用户登录', exact: true }).boundingBox())!.y < 844, 'the login button on the first screen');
  await checkPage(page, 'login-phone');
  await page.close();
});
