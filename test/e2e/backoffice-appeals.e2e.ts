/**
 * 申诉找回 in the back office, in a real browser (SPEC §5, §9): appeals are submitted through
 * the API as the recovery pages submit them; a reviewer finds them under 申诉找回, compares
 * the data with both scans and decides. Approval sends the login name and a one-time password
 * (临时密码) to the appeal's phone, which then logs in only to change it; a legal appeal shows
 * where the typed organisation differs from the registered one and its primary agent beside the
 * appellant (replace or keep it, the reviewer's choice), and a rejection sends its reason; a
 * document no account holds can only be rejected.
 *
 * A TOTP code works once per staff member: every test creates its own staff members.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAccount, type Body } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { mobile, residentId, uniqueLoginName } from '../support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../support/images.ts';
import { createStaff, type StaffLogin } from '../support/staff.ts';
import { eventually, expectDecided, expectImagesLoaded, loadedQueue, rejectWithReason, sideMenu, staffLogin } from './backoffice-helpers.ts';
import { choose, viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile } from './support.ts';

/** Phones are shown masked in the back office (13*****656). */
const masked = (phone: string) => `${phone.slice(0, 2)}*****${phone.slice(-3)}`;
const suite = browserSuiteForFile();

const QUEUE = '/admin/appeals';
const LIST = '申诉列表';
const NO_ACCOUNT = '平台上没有持有该证件的账号，只能审核不通过（申诉人需重新注册）';

/** Both scans uploaded by the appellant's browser, and a fresh SMS code (purpose appeal) for its phone. */
async function scansAndCode(client: ApiClient, phone: string) {
  const front = await client.putBytes('/api/recovery/appeal-files', JPEG_1X1, 'image/jpeg');
  const back = await client.putBytes('/api/recovery/appeal-files', PNG_1X1, 'image/png');
  assert.equal(front.status, 200, JSON.stringify(front.body));
  assert.equal(back.status, 200, JSON.stringify(back.body));
  await suite.platform.db.query(`delete from kv where key like 'smscooldown:%'`);
  const smsCode = await client.smsCode(phone, 'appeal');
  return { frontUploadId: front.body.uploadId as string, backUploadId: back.body.uploadId as string, smsCode };
}

/** 自然人申诉找回密码 for this person, the answers to go to `phone`. */
async function naturalAppeal(person: { name: string; documentNumber: string }, phone = mobile()) {
  const client = new ApiClient(suite.baseUrl);
  const res = await client.post('/api/recovery/appeals/natural', {
    name: person.name,
    region: 'mainland',
    documentType: 'resident_id',
    documentNumber: person.documentNumber,
    mobile: phone,
    ...(await scansAndCode(client, phone)),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { appealId: String(res.body.appealId), phone };
}

/** 单位法人用户申诉找回密码: the organisation searched by name, then the appeal by a new primary agent. */
async function legalAppeal(organizationName: string, overrides: Body) {
  const client = new ApiClient(suite.baseUrl);
  const searched = await client.post('/api/recovery/appeals/legal/search', { organizationName, ...(await client.captcha()) });
  assert.equal(searched.status, 200, JSON.stringify(searched.body));
  const phone = mobile();
  const res = await client.post('/api/recovery/appeals/legal', {
    ticket: searched.body.ticket,
    legalPersonType: 'enterprise',
    agent: { name: '新代办人', region: 'mainland', documentType: 'resident_id', documentNumber: residentId('19900909'), mobile: phone },
    email: 'agent@example.cn',
    reason: 'forgotten',
    ...(await scansAndCode(client, phone)),
    ...overrides,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { appealId: String(res.body.appealId), phone };
}

/** The latest SMS sent to a phone, from the development outbox. */
async function lastSms(phone: string): Promise<string> {
  const res = await fetch(`${suite.baseUrl}/dev/outbox.json?phone=${phone}`);
  return ((await res.json()) as { messages: { text: string }[] }).messages[0]?.text ?? '';
}

/** A reviewer logged in at /admin, then 申诉找回 from the side menu. */
async function appealQueue(staff?: StaffLogin): Promise<Page> {
  const page = await staffLogin(suite, staff ?? (await createStaff(suite.platform, ['reviewer'])));
  await page.waitForURL('**/admin/reviews');
  await sideMenu(page).getByRole('link', { name: '申诉找回', exact: true }).click();
  await page.waitForURL(`**${QUEUE}`);
  return page;
}

/** From the queue to the appeal in the row showing `text` (申诉人 or 单位名称). */
async function openAppeal(page: Page, text: string, appealId: string) {
  const row = loadedQueue(page, LIST).getByRole('row').filter({ hasText: text });
  await row.getByRole('link', { name: '审核', exact: true }).click();
  await page.waitForURL(new RegExp(`${QUEUE}/${appealId}$`));
}

const accountsSection = (page: Page) => page.getByRole('region', { name: '找回的账号' });

describe('后台管理系统: 申诉找回', () => {
  test('a natural appeal: data beside both scans, the account found, 审核通过 sends the login name and a one-time password', async () => {
    const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('ap'), name: '申诉甲' });
    const appeal = await naturalAppeal(account.body as { name: string; documentNumber: string });

    const page = await appealQueue();
    const row = loadedQueue(page, LIST).getByRole('row').filter({ hasText: '申诉甲' });
    await row.getByText('待审核', { exact: true }).waitFor();
    assert.match(await row.innerText(), /自然人/);
    await openAppeal(page, '申诉甲', appeal.appealId);

    assert.equal(await viewValue(page, '姓名').innerText(), '申诉甲');
    assert.equal(await viewValue(page, '身份类型').innerText(), '中华人民共和国大陆地区');
    assert.equal(await viewValue(page, '证件类型').innerText(), '居民身份证');
    assert.equal(await viewValue(page, '证件号码').innerText(), account.body.documentNumber);
    assert.equal(await viewValue(page, '手机号').innerText(), masked(appeal.phone));
    await expectImagesLoaded(page, ['证件正面', '证件反面']);

    const accounts = accountsSection(page);
    await accounts.getByText(account.body.loginName, { exact: true }).waitFor();
    await accounts.getByText('未实名认证', { exact: true }).waitFor();
    assert.equal(await accounts.getByRole('radiogroup').count(), 0, 'one account: nothing to choose');

    await page.getByRole('button', { name: '审核通过', exact: true }).click();
    await expectDecided(page, QUEUE, LIST);
    assert.equal(await loadedQueue(page, LIST).getByRole('row').filter({ hasText: '申诉甲' }).count(), 0, 'no longer waiting');

    const sms = await lastSms(appeal.phone);
    assert.match(sms, new RegExp(`登录名：${account.body.loginName}`));
    const temporary = /临时密码：(\S+?)。/.exec(sms)?.[1];
    assert.ok(temporary, sms);
    const login = await new ApiClient(suite.baseUrl).login('natural', account.body.loginName, temporary);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.passwordChangeReason, 'one_time');

    // Decided: listed under 审核通过, its page shows the outcome without buttons or scans.
    await choose(page, '审核状态', '审核通过');
    await page.waitForURL(/status=approved/);
    await openAppeal(page, '申诉甲', appeal.appealId);
    await page.getByText('审核已结束，提交的材料不再可查看。').waitFor();
    assert.equal(await page.getByRole('button', { name: '审核通过', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: '审核不通过', exact: true }).count(), 0);
    assert.equal(await accountsSection(page).count(), 0);
    await page.context().close();
  });

  test('a legal appeal with a wrong credit code shows 不一致; 审核不通过 sends the reason', async () => {
    const org = await registerAccount(suite.baseUrl, 'legal', { loginName: uniqueLoginName('la') });
    const organization = org.body.organization as { name: string; code: string };
    const appeal = await legalAppeal(organization.name, { creditCode: '91110000000000000X' });

    const page = await appealQueue();
    await choose(page, '申诉类型', '法人');
    await page.waitForURL(/kind=legal/);
    await eventually(async () => assert.equal(await loadedQueue(page, LIST).getByRole('row').filter({ hasText: '自然人' }).count(), 0));
    await openAppeal(page, organization.name, appeal.appealId);

    assert.equal(await viewValue(page, '单位名称').innerText(), organization.name);
    assert.equal(await viewValue(page, '统一社会信用代码').innerText(), '91110000000000000X');
    assert.equal(await viewValue(page, '主代办人姓名').innerText(), '新代办人');
    assert.equal(await viewValue(page, '主代办人移动电话').innerText(), masked(appeal.phone));
    assert.equal(await viewValue(page, '密码修改原因').innerText(), '忘记密码');
    const code = await viewValue(page, '登记的统一社会信用代码').innerText();
    assert.match(code, new RegExp(`${organization.code}\\s*不一致`));
    assert.match(await viewValue(page, '登记的单位名称').innerText(), new RegExp(`${organization.name}\\s*一致$`));
    await accountsSection(page).getByText(org.body.loginName, { exact: true }).waitFor();

    const reason = '统一社会信用代码与登记信息不一致';
    await rejectWithReason(page, reason);
    await expectDecided(page, QUEUE, LIST);
    assert.match(await lastSms(appeal.phone), new RegExp(`审核未通过，原因：${reason}`));
    await page.context().close();
  });

  test('issue 14.15: an organisation with a verified primary agent: the reviewer sees it beside the appellant and keeps it; the SMS and the update records say so', async () => {
    // 马骁 of src/realname/registry/data/dev-registry.json: the organisation's primary agent verifies.
    const agentPhone = mobile();
    const org = await registerAccount(suite.baseUrl, 'legal', {
      loginName: uniqueLoginName('lk'),
      primaryAgent: { name: '马骁', mobile: agentPhone, region: 'mainland', documentType: 'resident_id', documentNumber: '610113200111114578', validFrom: '2017-12-01', validTo: '2027-12-01', longTerm: false },
    });
    const organization = org.body.organization as { name: string; code: string };
    const appeal = await legalAppeal(organization.name, { creditCode: organization.code });

    const page = await appealQueue();
    await openAppeal(page, organization.name, appeal.appealId);
    const agent = page.getByRole('region', { name: '主代办人' });
    const cell = (label: string) => agent.locator(`xpath=.//th[normalize-space(.)="${label}"]/following-sibling::td[1]`);
    const current = await cell('现主代办人').innerText();
    assert.match(current, new RegExp(`^马\\*\\s+${masked(agentPhone).replaceAll('*', '\\*')}\\s+国家平台实名认证通过$`));
    assert.match(await cell('申诉人').innerText(), new RegExp(`^新代办人\\s+${masked(appeal.phone).replaceAll('*', '\\*')}$`));
    const approve = page.getByRole('button', { name: '审核通过', exact: true });
    assert.equal(await approve.isDisabled(), true, 'nothing happens to the primary agent unchosen');
    await agent.getByText('请选择主代办人的处理方式后再审核通过', { exact: true }).waitFor();

    const choice = agent.getByRole('radiogroup', { name: '主代办人处理方式' });
    await choice.getByText('由申诉人替换现主代办人', { exact: true }).click();
    await agent.getByRole('alert').filter({ hasText: '现主代办人（马*，国家平台实名认证通过）的信息被替换' }).waitFor();
    assert.match(await agent.getByRole('alert').innerText(), /火炬中心系统）将无法进入/);
    await choice.getByText('保留现主代办人，仅找回账号密码', { exact: true }).click();
    await agent.getByRole('alert').filter({ hasText: '主代办人信息不变（实名认证状态不变）' }).waitFor();
    await approve.click();
    await expectDecided(page, QUEUE, LIST);
    await page.context().close();

    const sms = await lastSms(appeal.phone);
    assert.match(sms, /该单位的主代办人未变更/);
    const temporary = /临时密码：(\S+?)。/.exec(sms)?.[1];
    assert.ok(temporary, sms);
    const user = new ApiClient(suite.baseUrl);
    assert.equal((await user.login('legal', org.body.loginName, temporary)).status, 200);
    const changed = await user.post('/api/me/password', { oldPassword: temporary, password: 'Kept-Agent!2026', passwordConfirm: 'Kept-Agent!2026' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const profile = (await user.get('/api/me/profile')).body;
    assert.equal(profile.primaryAgent.name, '马骁');
    assert.equal(profile.verification.primary_agent.label, '国家平台实名认证通过');
    const records = (await user.get('/api/me/update-records?section=primary_agent')).body.records as { actorName: string; changes: { new: string }[] }[];
    assert.match(records[0]!.actorName, /申诉找回，保留原主代办人/);
    assert.equal(records[0]!.changes[0]!.new, '保留原主代办人');
  });

  test('a document no account holds: the reviewer is told, and 审核通过 is disabled', async () => {
    const appeal = await naturalAppeal({ name: '无账号丙', documentNumber: residentId('19700101') });
    const page = await appealQueue();
    await openAppeal(page, '无账号丙', appeal.appealId);
    await accountsSection(page).getByText(NO_ACCOUNT, { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: '审核通过', exact: true }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: '审核不通过', exact: true }).isEnabled(), true);
    await page.context().close();
  });

  test('several unverified accounts hold the document: the reviewer chooses (选择账号); 审计日志 names the decision', async () => {
    const documentNumber = residentId('19850505');
    const first = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('d1'), name: '双账号丁', documentNumber });
    const second = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('d2'), name: '双账号丁', documentNumber });
    const appeal = await naturalAppeal({ name: '双账号丁', documentNumber });

    const staff = await createStaff(suite.platform, ['reviewer', 'admin']);
    const page = await appealQueue(staff);
    await openAppeal(page, '双账号丁', appeal.appealId);
    const choice = accountsSection(page).getByRole('radiogroup', { name: '选择账号' });
    await choice.getByRole('radio', { name: first.body.loginName }).waitFor();
    assert.equal(await choice.getByRole('radio').count(), 2);
    assert.equal(await choice.getByRole('radio', { checked: true }).count(), 0, 'neither is verified: nothing preselected');
    const approve = page.getByRole('button', { name: '审核通过', exact: true });
    assert.equal(await approve.isDisabled(), true);

    await choice.getByRole('radio', { name: second.body.loginName }).check();
    await approve.click();
    await expectDecided(page, QUEUE, LIST);
    assert.match(await lastSms(appeal.phone), new RegExp(`登录名：${second.body.loginName}，临时密码：`));

    await sideMenu(page).getByRole('link', { name: '审计日志', exact: true }).click();
    await page.getByLabel('工作人员', { exact: true }).fill(staff.loginName);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const log = page.locator('section[aria-label="日志列表"]');
    await eventually(async () => assert.equal(await log.locator('tbody tr td:nth-child(3)').first().innerText(), '申诉通过'));
    const actions = await log.locator('tbody tr td:nth-child(3)').allInnerTexts();
    assert.ok(actions.includes('查看申诉') && actions.includes('查看申诉材料'), actions.join());
    const approval = log.getByRole('row').filter({ hasText: '申诉通过' });
    assert.match(await approval.innerText(), new RegExp(`申诉 ${appeal.appealId}`));
    assert.match(await approval.innerText(), /申诉类型：自然人/);
    await page.context().close();
  });
});
