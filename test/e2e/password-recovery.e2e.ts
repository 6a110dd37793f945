/**
 * 密码找回 in a real browser (SPEC §5, torch guide 三、密码找回, FAQ 1–3): 忘记密码 on the login
 * page → 选择找回密码方式; 登录名重置密码 by phone (natural) and by e-mail (legal, with a wrong
 * 统一社会信用代码 first); both appeals filled in, scans uploaded and submitted (等待审核), then
 * approved by a reviewer in the back office, the one-time password read from the SMS, the
 * forced change, My information; an unknown login name points to the appeals; the
 * password-expired page offers 登录名重置密码.
 *
 * A TOTP code works once per staff member: every approval creates its own reviewer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { maskEmail, maskPhone } from '../../src/accounts/rules.ts';
import { APPEAL_SUBMITTED_NOTICE, RECOVERY_WAYS } from '../../src/recovery/rules.ts';
import { registerAccount, registerAndLogIn } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { JPEG_1X1, PNG_1X1, TEXT_NAMED_PNG } from '../support/images.ts';
import { createStaff, currentTotp } from '../support/staff.ts';
import { fieldError, header, loginThroughUi, selectOption } from './account-helpers.ts';
import { viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile, button, captchaAnswer, latestSmsCode } from './support.ts';

const suite = browserSuiteForFile();

const NEW_PASSWORD = 'N3w-Secret!2026';
const RESET_DONE = '重置密码完成，可以登录科学技术部政务服务平台。';
const LOGIN_NAME_NOT_FOUND = '登录名不存在，若确定在政务服务平台已存在账号，请使用“单位法人用户申诉找回密码”或“自然人申诉找回密码”方式找回账号密码';

/** A phone that just got a code (registration) cannot get another for a minute; these tests are not about that. */
const clearSmsCooldown = () => suite.platform.db.query(`delete from kv where key like 'smscooldown:%'`);

let names = 0;
/** A Chinese name no other test uses, to find the appeal's row in the back-office queue. */
function uniqueName(prefix: string): string {
  const digits = '零一二三四五六七八九';
  const n = `${process.pid % 1000}${++names}${Date.now() % 10_000}`;
  return prefix + [...n].map((d) => digits[Number(d)]).join('');
}

/** From the login page: 忘记密码 → 选择找回密码方式 (each way with its explanation) → `way`. */
async function chooseWay(page: Page, way: (typeof RECOVERY_WAYS)[number]['way']): Promise<void> {
  await page.goto('/login');
  await page.getByRole('link', { name: '忘记密码' }).click();
  await page.waitForURL('**/password/recover');
  await page.getByRole('heading', { name: '选择找回密码方式' }).waitFor();
  for (const each of RECOVERY_WAYS) await page.getByText(each.explanation.zh, { exact: true }).waitFor();
  const chosen = RECOVERY_WAYS.find((w) => w.way === way);
  assert.ok(chosen);
  await page.getByRole('link', { name: chosen.title.zh }).click();
  await page.waitForURL(`**/password/recover/${way}`);
  await page.getByRole('heading', { name: chosen.title.zh, exact: true }).waitFor();
}

/** Step 1 (检索用户 / 检索单位): the name, the captcha read from the development endpoint, the search button. */
async function search(page: Page, label: '登录名' | '单位名称', value: string, searchButton: '检索登录名' | '检索单位名'): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, suite.baseUrl));
  await button(page, searchButton).click();
}

/** 密码修改原因, 新密码, 确认新密码. */
async function fillNewPassword(page: Page): Promise<void> {
  await selectOption(page, '密码修改原因', '忘记密码');
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
}

/** The code in the latest mail to `to`, from the development SMTP server (delivery takes a moment). */
async function latestMailCode(to: string): Promise<string> {
  const client = new ApiClient(suite.baseUrl);
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await client.latestEmailCode(to);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no e-mail code sent to ${to}`);
}

/** Picks a scan in the file input named `label` and waits for its preview (or for the refusal under it). */
async function uploadScan(page: Page, label: string, bytes: Buffer, name: string, mimeType: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType, buffer: bytes });
  await page.getByRole('img', { name: `${label}预览`, exact: true }).waitFor();
}

/** 获取验证码 for the appeal, then the code from the outbox into 手机验证码. */
async function fillAppealCode(page: Page, phone: string): Promise<void> {
  await button(page, '获取验证码').click();
  await page.getByText('验证码已发送至').waitFor();
  await page.getByLabel('手机验证码', { exact: true }).fill(await latestSmsCode(suite.baseUrl, phone));
}

/** 下一步, then 等待审核 with the notice of FAQ 3.2. */
async function submitAppeal(page: Page): Promise<void> {
  await button(page, '下一步').click();
  await page.locator('.ant-result-title', { hasText: '等待审核' }).waitFor();
  await page.getByText(APPEAL_SUBMITTED_NOTICE.zh, { exact: true }).waitFor();
}

/**
 * A fresh reviewer logs in to the back office (登录名, 密码, 动态验证码), opens 申诉找回, the
 * open appeal in the row showing `rowText`, and approves it (审核通过), for an organisation
 * with `primaryAgentChoice` (主代办人处理方式).
 */
async function approveInBackOffice(rowText: string, primaryAgentChoice?: string): Promise<void> {
  const staff = await createStaff(suite.platform, ['reviewer']);
  const page = await suite.newPage();
  await page.goto('/admin/login');
  await page.getByLabel('登录名', { exact: true }).fill(staff.loginName);
  await page.getByLabel('密码', { exact: true }).fill(staff.password);
  await page.getByLabel('动态验证码', { exact: true }).fill(currentTotp(staff.totpSecret));
  await button(page, '登录').click();
  await page.getByRole('navigation', { name: '后台菜单' }).getByRole('link', { name: '申诉找回', exact: true }).click();
  await page.waitForURL('**/admin/appeals');
  const row = page.getByRole('row').filter({ hasText: rowText });
  await row.getByText('待审核', { exact: true }).waitFor();
  await row.getByRole('link', { name: '审核', exact: true }).click();
  await page.waitForURL(/\/admin\/appeals\/[^/?]+$/);
  // An organisation's appeal: the reviewer says what happens to its primary agent (issue 14.15).
  if (primaryAgentChoice) await page.getByRole('radiogroup', { name: '主代办人处理方式' }).getByText(primaryAgentChoice, { exact: true }).click();
  await button(page, '审核通过').click();
  await page.getByText('审核完成', { exact: true }).waitFor();
  await page.context().close();
}

/** The login name and the one-time password (临时密码) of the approval SMS. */
async function approvalSms(phone: string): Promise<{ loginName: string; password: string }> {
  const res = await fetch(`${suite.baseUrl}/dev/outbox.json?phone=${phone}`);
  const text = ((await res.json()) as { messages: { text: string }[] }).messages[0]?.text ?? '';
  const match = /登录名：(\S+?)，临时密码：(\S+?)。/.exec(text);
  assert.ok(match, text);
  return { loginName: match[1] as string, password: match[2] as string };
}

/** Logs in with the one-time password, is sent to 修改密码 first, changes it and reaches My information. */
async function changeOneTimePassword(window: '自然人登录' | '法人登录', sms: { loginName: string; password: string }): Promise<Page> {
  const page = await suite.newPage();
  await loginThroughUi(page, suite.baseUrl, window, sms.loginName, sms.password);
  await page.waitForURL('**/password/expired');
  await page.getByText('您使用的是一次性密码，请先修改密码').waitFor();
  await page.getByLabel('原密码', { exact: true }).fill(sms.password);
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.waitForURL('**/online/my-info');
  await header(page).getByText('当前用户：').waitFor();
  return page;
}

/** A new natural account, found by 登录名重置密码's search in a fresh page. */
async function searchNewNaturalAccount(prefix: string) {
  const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName(prefix) });
  await clearSmsCooldown();
  const page = await suite.newPage();
  await chooseWay(page, 'login-name');
  await page.getByText('确保登录名填写正确').waitFor();
  await search(page, '登录名', account.body.loginName, '检索登录名');
  return { account, phone: account.body.mobile as string, page };
}

describe('登录名重置密码', () => {
  test('a natural person resets by phone: the masked phone, a wrong confirmation refused, the code, 重置密码完成, login', async () => {
    const { account, phone, page } = await searchNewNaturalAccount('rp');

    assert.equal(await page.getByLabel('预留手机号', { exact: true }).inputValue(), maskPhone(phone));
    assert.equal(await page.getByLabel('登录名', { exact: true }).inputValue(), account.body.loginName);
    assert.equal(await page.getByRole('radio', { name: '电子邮箱' }).isDisabled(), true, 'no reserved e-mail');
    await page.getByText('该账号未预留电子邮箱，请通过手机号验证').waitFor(); // says why (issue 14.17)
    assert.equal(await page.getByLabel('单位名称', { exact: true }).count(), 0, 'natural accounts give no organisation');
    await page.getByText('确保填写手机号、电子邮箱地址与预留手机号以及预留电子邮箱地址匹配').waitFor();

    await page.getByLabel('确认预留手机号', { exact: true }).fill(mobile());
    await button(page, '获取短信验证码').click();
    await fieldError(page, '确认预留手机号与预留手机号不一致').waitFor();

    await page.getByLabel('确认预留手机号', { exact: true }).fill(phone);
    await fillNewPassword(page);
    await button(page, '获取短信验证码').click();
    await page.getByText(`验证码已发送至 ${maskPhone(phone)}`).waitFor();
    await page.getByLabel('手机验证码', { exact: true }).fill(await latestSmsCode(suite.baseUrl, phone));
    await button(page, '确定').click();

    await page.getByText(RESET_DONE, { exact: true }).waitFor();
    await button(page, '确定，并跳转至政务服务平台').click();
    await page.waitForURL('**/login');
    await loginThroughUi(page, suite.baseUrl, '自然人登录', account.body.loginName, NEW_PASSWORD);
    await page.waitForURL('**/online/my-info');
    await page.context().close();
  });

  test('a search that has timed out: 操作已超时 with 重新检索 instead of the submit, nothing changed, and the search again', async () => {
    const { account, phone, page } = await searchNewNaturalAccount('rx');
    await page.getByLabel('确认预留手机号', { exact: true }).fill(phone);
    await fillNewPassword(page);
    // The search's ticket runs out (it lives for minutes): this file's tests run one at a time.
    await suite.platform.db.query(`delete from kv where key like 'reset-ticket:%'`);
    await button(page, '获取短信验证码').click();

    // The refused code request says it beside its button too; the form's last row is the warning with 重新检索.
    const alert = page.getByRole('alert').filter({ hasText: '操作已超时，请重新检索登录名', has: page.getByRole('button', { name: '重新检索' }) });
    await alert.waitFor();
    assert.equal(await page.getByRole('button', { name: /确定/ }).count(), 0, 'the form can no longer be sent');
    assert.equal((await new ApiClient(suite.baseUrl).login('natural', account.body.loginName, account.body.password)).status, 200, 'the old password still logs in');
    await alert.getByRole('button', { name: '重新检索' }).click();
    await button(page, '检索登录名').waitFor();
    await page.context().close();
  });

  test('a legal person resets by e-mail: a wrong 统一社会信用代码 is refused, the right one resets', async () => {
    const org = await registerAndLogIn(suite.baseUrl, 'legal', { loginName: uniqueLoginName('re') });
    const email = `${uniqueLoginName('agent')}@example.cn`;
    const view = (await org.client.get('/api/me/profile')).body;
    const saved = await org.client.put('/api/me/profile/primary-agent', { ...view.primaryAgent, email });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const organization = org.body.organization as { name: string; code: string };
    const page = await suite.newPage();

    await chooseWay(page, 'login-name');
    await search(page, '登录名', org.body.loginName, '检索登录名');
    await page.getByLabel('预留手机号', { exact: true }).waitFor();
    await page.getByRole('radiogroup', { name: '验证方式' }).getByText('电子邮箱', { exact: true }).click();
    assert.equal(await page.getByLabel('预留电子邮箱', { exact: true }).inputValue(), maskEmail(email));

    await page.getByLabel('确认预留电子邮箱', { exact: true }).fill(email);
    await page.getByLabel('单位名称', { exact: true }).fill(organization.name);
    await page.getByLabel('统一社会信用代码', { exact: true }).fill('91110000000000000X');
    await fillNewPassword(page);
    await button(page, '获取邮箱验证码').click();
    await page.getByText(`验证码已发送至 ${maskEmail(email)}`).waitFor();
    await page.getByLabel('邮箱验证码', { exact: true }).fill(await latestMailCode(email));
    await button(page, '确定').click();
    await page.getByRole('alert').filter({ hasText: '单位名称或统一社会信用代码与该账号不匹配' }).waitFor();

    await page.getByLabel('统一社会信用代码', { exact: true }).fill(organization.code);
    await button(page, '确定').click();
    await page.getByText(RESET_DONE, { exact: true }).waitFor();
    await button(page, '确定，并跳转至政务服务平台').click();
    await page.waitForURL('**/login?kind=legal');
    await page.getByRole('tab', { name: '法人登录', selected: true }).waitFor();
    await loginThroughUi(page, suite.baseUrl, '法人登录', org.body.loginName, NEW_PASSWORD);
    await page.waitForURL('**/online/my-info');
    await page.context().close();
  });

  test('a wrong captcha is refused; an unknown login name, and one without a reserved phone, point to the appeals', async () => {
    const page = await suite.newPage();
    await page.goto('/password/recover/login-name');
    await page.getByLabel('登录名', { exact: true }).fill(uniqueLoginName('nobody'));
    await page.getByLabel('验证码', { exact: true }).fill('zzzz');
    await button(page, '检索登录名').click();
    await page.getByRole('alert').filter({ hasText: '验证码错误' }).waitFor();

    await search(page, '登录名', uniqueLoginName('nobody'), '检索登录名');
    const refusal = page.getByRole('alert').filter({ hasText: LOGIN_NAME_NOT_FOUND });
    await refusal.waitFor();
    await refusal.getByRole('link', { name: '单位法人用户申诉找回密码', exact: true }).waitFor();
    await refusal.getByRole('link', { name: '自然人申诉找回密码', exact: true }).click();
    await page.waitForURL('**/password/recover/natural-appeal');
    await page.getByRole('heading', { name: '自然人申诉找回密码', exact: true }).waitFor();

    const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('nophone') });
    await suite.platform.db.query('update identities set mobile_enc = null, mobile_hash = null where account_id = $1', [account.accountId]);
    await page.goto('/password/recover/login-name');
    await search(page, '登录名', account.body.loginName, '检索登录名');
    const noPhone = page.getByRole('alert').filter({ hasText: '该账号无预留手机号' });
    await noPhone.getByRole('link', { name: '自然人申诉找回密码', exact: true }).waitFor();
    await page.context().close();
  });

  test('the password-expired page offers 登录名重置密码 besides changing the password', async () => {
    const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('ex') });
    await suite.platform.db.query("update accounts set password_changed_at = now() - interval '400 days' where login_name_key = lower($1)", [account.body.loginName]);
    const page = await suite.newPage();
    await loginThroughUi(page, suite.baseUrl, '自然人登录', account.body.loginName, account.body.password);
    await page.waitForURL('**/password/expired');
    await page.getByRole('button', { name: '修改密码' }).waitFor();
    await page.getByRole('link', { name: '登录名重置密码', exact: true }).click();
    await page.waitForURL('**/password/recover/login-name');
    await button(page, '检索登录名').waitFor();
    await page.context().close();
  });
});

describe('申诉找回密码', () => {
  test('自然人申诉找回密码: appeal with signed scans, approved in the back office, one-time password by SMS, forced change', async () => {
    const name = uniqueName('申诉');
    const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('na'), name });
    const phone = mobile(); // the appeal's phone: the answer goes there, not to the reserved one
    const page = await suite.newPage();

    await chooseWay(page, 'natural-appeal');
    await page.getByText('当自然人忘记登录名或预留手机号时', { exact: false }).waitFor();
    await page.getByText('上传的证件文件类型需为jpg、png、jpeg其中任意一种格式，且大小不超过1MB。').waitFor();
    await page.getByLabel('姓名', { exact: true }).fill(name);
    await page.getByRole('radiogroup', { name: '身份类型' }).getByText('中华人民共和国大陆地区', { exact: true }).click();
    await selectOption(page, '证件类型', '居民身份证');
    await page.getByLabel('证件号码', { exact: true }).fill(account.body.documentNumber);
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    assert.equal(await page.getByText('(证件需签字上传)', { exact: true }).count(), 2);

    // A text file named .png is refused by its content; the message stays under the field.
    await page.getByLabel('证件正面', { exact: true }).setInputFiles({ name: '证件.png', mimeType: 'image/png', buffer: TEXT_NAMED_PNG });
    await fieldError(page, '上传文件类型必须是jpg、png、jpeg格式').waitFor();
    await uploadScan(page, '证件正面', JPEG_1X1, 'front.jpg', 'image/jpeg');
    await uploadScan(page, '证件反面', PNG_1X1, 'back.png', 'image/png');
    await fieldError(page, '上传文件类型必须是jpg、png、jpeg格式').waitFor({ state: 'detached' });
    await fillAppealCode(page, phone);
    await submitAppeal(page);
    await page.context().close();

    await approveInBackOffice(name);
    const sms = await approvalSms(phone);
    assert.equal(sms.loginName, account.body.loginName);
    const user = await changeOneTimePassword('自然人登录', sms);
    assert.match(await header(user).innerText(), new RegExp(name));
    await user.context().close();
  });

  test('单位法人用户申诉找回密码: search, a new primary agent with stamped scans, approved, forced change, 主代办人信息 shows the agent', async () => {
    const org = await registerAccount(suite.baseUrl, 'legal', { loginName: uniqueLoginName('la') });
    const organization = org.body.organization as { name: string; code: string };
    const agentName = uniqueName('代办');
    const phone = mobile();
    const page = await suite.newPage();

    await chooseWay(page, 'legal-appeal');
    await page.getByText('确保单位名称准确').waitFor();
    await search(page, '单位名称', organization.name, '检索单位名');

    assert.equal(await page.getByLabel('单位名称', { exact: true }).inputValue(), organization.name);
    await page.getByText('申诉的时候输入注册账号时的单位名称，在证件正面处上传证件正反面复印件+本人签字+盖章，在证件反面处上传公司的变更声明+盖公章', { exact: false }).waitFor();
    await page.getByText('请如实填写本页所有信息。').waitFor();
    await page.getByRole('radiogroup', { name: '法人类型' }).getByText('企业法人', { exact: true }).click();
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(organization.code);
    await page.getByLabel('主代办人姓名', { exact: true }).fill(agentName);
    await page.getByRole('radiogroup', { name: '主代办人身份类型' }).getByText('中华人民共和国大陆地区', { exact: true }).click();
    await selectOption(page, '主代办人证件类型', '居民身份证');
    await page.getByLabel('主代办人证件号码', { exact: true }).fill(residentId('19910203'));
    await page.getByLabel('主代办人移动电话', { exact: true }).fill(phone);
    await page.getByLabel('电子邮箱', { exact: true }).fill('new.agent@example.cn');
    assert.equal(await page.getByText('(证件需签字并加盖单位公章上传)', { exact: true }).count(), 2);
    await uploadScan(page, '主代办人证件正面', JPEG_1X1, 'front.jpg', 'image/jpeg');
    await uploadScan(page, '主代办人证件反面', PNG_1X1, 'back.png', 'image/png');
    await selectOption(page, '密码修改原因', '忘记密码');
    await fillAppealCode(page, phone);
    await submitAppeal(page);
    await page.context().close();

    await approveInBackOffice(organization.name, '由申诉人替换现主代办人');
    const sms = await approvalSms(phone);
    assert.equal(sms.loginName, org.body.loginName);
    const user = await changeOneTimePassword('法人登录', sms);
    await user.getByRole('tab', { name: '主代办人信息' }).click();
    await user.getByRole('tabpanel').getByText('系统已确认的主代办人信息').waitFor();
    assert.equal(await viewValue(user, '姓名').innerText(), agentName);
    await user.context().close();
  });
});
