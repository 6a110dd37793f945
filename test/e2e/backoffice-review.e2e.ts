/**
 * The back office at /admin in a real browser (SPEC §3 manual review, §9): a reviewer logs in
 * with login name, password and the authenticator code, finds a submitted review in the
 * queue, compares the data with the images and approves (the person then reads
 * 科技部平台人工审核通过) or rejects with a reason (实名认证审核失败, the reason behind 详情).
 * A wrong code is refused with the server's message; citizens are sent to the staff login;
 * only admins see 审计日志, where the reviewer's decision is listed.
 *
 * A TOTP code works once per staff member: every test creates its own staff members.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../support/images.ts';
import { createStaff, currentTotp, staffClient } from '../support/staff.ts';
import { approvalConfirmation, eventually, expectDecided, expectImagesLoaded, loadedQueue, rejectWithReason, sideMenu, staffLogin } from './backoffice-helpers.ts';
import { jpegScan, openUploadPage, pngScan, submitMaterials, uploadMaterials } from './materials-helpers.ts';
import { openMyInfo, viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const MATERIALS = '/api/me/verification/natural_person/materials';

/**
 * A person registered with the default fixture (the development registry does not know it:
 * 实名认证失败) who uploaded both document scans and submitted them for review.
 */
async function submittedPerson() {
  const me = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('bo') });
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1, 'image/png')).status, 200);
  const submitted = await me.client.post(`${MATERIALS}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { ...me, reviewId: String(submitted.body.reviewId) };
}

/**
 * The same, all in the browser: the person, whose automatic verification failed, opens
 * 上传自然人信息 in 我的信息, uploads both scans and submits them.
 */
async function submittedThroughBrowser() {
  const me = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('bw') });
  const page = await openMyInfo(suite, me.client);
  await expectPersonStatus(page, '实名认证失败');
  await openUploadPage(page, '上传自然人信息', '自然人信息上传');
  await uploadMaterials(page, [jpegScan('注册人身份证正面'), pngScan('注册人身份证反面')]);
  await submitMaterials(page);
  await page.context().close();
  const rows = await suite.platform.db.query<{ id: string }>(`select id from reviews where account_id = $1 and status = 'open'`, [me.accountId]);
  assert.equal(rows.length, 1, 'the submission is waiting in the queue');
  return { ...me, reviewId: String(rows[0]!.id) };
}

/** From the queue (待审核, 自然人) to the review of this login name. */
async function openReview(page: Page, loginName: string) {
  await page.waitForURL('**/admin/reviews');
  await page.getByLabel('认证主体', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('自然人', { exact: true }).click();
  await page.waitForURL(/subject=natural_person/);
  const row = page.getByRole('row').filter({ hasText: loginName });
  await row.getByText('待审核', { exact: true }).waitFor();
  await row.getByRole('link', { name: '审核', exact: true }).click();
  await page.waitForURL(/\/admin\/reviews\/\d+/);
}

async function expectPersonStatus(page: Page, label: string) {
  const line = page.getByRole('status').filter({ hasText: '实名认证状态：' });
  await line.getByText(label, { exact: true }).waitFor();
  assert.match(await line.innerText(), new RegExp(`实名认证状态：\\s*${label}`));
}

describe('后台管理系统: 实名认证审核', () => {
  test('a person fails automatic verification and uploads; a reviewer logs in with the authenticator code, compares data and images, approves: 科技部平台人工审核通过', async () => {
    const person = await submittedThroughBrowser();
    const reviewer = await createStaff(suite.platform, ['reviewer'], '审核员甲');
    const page = await staffLogin(suite, reviewer);
    await page.getByText('审核员甲').waitFor();
    await openReview(page, person.body.loginName);

    // The submitted data, codes by their Chinese names, the phone masked.
    assert.equal(await viewValue(page, '姓名').innerText(), person.body.name);
    assert.equal(await viewValue(page, '类型').innerText(), '中华人民共和国大陆地区');
    assert.equal(await viewValue(page, '证件类型').innerText(), '居民身份证');
    assert.equal(await viewValue(page, '证件号码').innerText(), person.body.documentNumber);
    assert.equal(await viewValue(page, '证件有效期').innerText(), '2020-01-01 至 2040-01-01');
    assert.equal(await viewValue(page, '手机').innerText(), `${person.body.mobile.slice(0, 2)}*****${person.body.mobile.slice(-3)}`);

    // Beside it the images, captioned, really loaded, enlarged on click.
    await expectImagesLoaded(page, ['注册人身份证正面', '注册人身份证反面']);
    await page.getByRole('figure', { name: '注册人身份证正面' }).getByRole('img').click();
    const viewer = page.getByRole('dialog').filter({ hasText: '查看材料' });
    const preview = viewer.getByRole('img', { name: '注册人身份证正面' });
    await preview.waitFor();
    assert.match((await preview.getAttribute('src')) ?? '', new RegExp(`/api/admin/reviews/${person.reviewId}/files/`));
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });

    // 审核通过 asks for confirmation first (issue 18.3).
    await page.getByRole('button', { name: '审核通过', exact: true }).click();
    await clickInDialog(await approvalConfirmation(page), '确定');
    await expectDecided(page);
    assert.equal(await loadedQueue(page).getByRole('row').filter({ hasText: person.body.loginName }).count(), 0, 'no longer waiting');

    // Decided: listed under 审核通过, its page shows the outcome without buttons or files.
    await page.getByLabel('审核状态', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('审核通过', { exact: true }).click();
    await page.getByRole('row').filter({ hasText: person.body.loginName }).getByRole('link', { name: '审核', exact: true }).click();
    await page.getByText('审核已结束，提交的材料不再可查看。').waitFor();
    assert.equal(await page.getByRole('button', { name: '审核通过', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: '审核不通过', exact: true }).count(), 0);
    assert.equal(await page.getByRole('img', { name: '注册人身份证正面' }).count(), 0);
    await page.context().close();

    const myInfo = await openMyInfo(suite, person.client);
    await expectPersonStatus(myInfo, '科技部平台人工审核通过');
    await myInfo.context().close();
  });

  test('审核不通过 asks for a reason; the person reads 实名认证审核失败 and the reason behind 详情', async () => {
    const person = await submittedPerson();
    const reviewer = await createStaff(suite.platform, ['reviewer']);
    const page = await staffLogin(suite, reviewer);
    await openReview(page, person.body.loginName);
    await page.getByRole('figure', { name: '注册人身份证反面' }).waitFor();

    const reason = '证件照片不清晰，请重新上传。';
    await rejectWithReason(page, reason);
    await expectDecided(page);
    await page.context().close();

    const myInfo = await openMyInfo(suite, person.client);
    await expectPersonStatus(myInfo, '实名认证审核失败');
    assert.equal(await myInfo.getByText(reason).count(), 0, 'the reason waits behind 详情');
    await myInfo.getByRole('button', { name: '详情', exact: true }).click();
    const detail = myInfo.getByRole('dialog', { name: '实名认证审核失败原因' });
    await detail.getByText(reason, { exact: true }).waitFor();
    await myInfo.context().close();
  });
});

describe('后台管理系统: login and roles', () => {
  test('a wrong 动态验证码 is refused with the server message; a citizen opening /admin/reviews is sent to /admin/login', async () => {
    const staff = await createStaff(suite.platform, ['reviewer']);
    const wrongCode = String((Number(currentTotp(staff.totpSecret)) + 500_000) % 1_000_000).padStart(6, '0');
    const page = await staffLogin(suite, staff, wrongCode);
    await page.getByRole('alert').filter({ hasText: '登录名、密码或动态验证码错误' }).waitFor();
    assert.ok(page.url().endsWith('/admin/login'));
    await page.context().close();

    const citizen = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('cz') });
    const citizenPage = await suite.newPage({ session: citizen.client });
    await citizenPage.goto('/admin/reviews');
    await citizenPage.waitForURL('**/admin/login');
    await citizenPage.getByLabel('动态验证码', { exact: true }).waitFor();
    assert.equal(await citizenPage.getByRole('row').count(), 0, 'no queue shown');
    await citizenPage.context().close();
  });

  test('an admin finds the reviewer’s 审核通过 in 审计日志; a reviewer has no 审计日志 menu', async () => {
    const person = await submittedPerson();
    const reviewer = await staffClient(suite.baseUrl, suite.platform, ['reviewer']);
    assert.equal((await reviewer.post(`/api/admin/reviews/${person.reviewId}/approve`)).status, 200);

    const reviewerPage = await staffLogin(suite, await createStaff(suite.platform, ['reviewer']));
    await reviewerPage.waitForURL('**/admin/reviews');
    await sideMenu(reviewerPage).getByRole('link', { name: '实名认证审核', exact: true }).waitFor();
    assert.equal(await sideMenu(reviewerPage).getByRole('link', { name: '审计日志' }).count(), 0);
    await reviewerPage.context().close();

    const page = await staffLogin(suite, await createStaff(suite.platform, ['admin', 'reviewer'], '管理员乙'));
    await page.getByText('管理员乙').waitFor();
    await sideMenu(page).getByRole('link', { name: '审计日志', exact: true }).click();
    await page.waitForURL('**/admin/audit');
    await page.getByLabel('工作人员', { exact: true }).fill(reviewer.staff.loginName);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const log = page.locator('section[aria-label="日志列表"]');
    await eventually(async () => {
      assert.deepEqual(await log.locator('tbody tr td:nth-child(2)').allInnerTexts(), [reviewer.staff.loginName, reviewer.staff.loginName]);
    });
    assert.deepEqual(await log.locator('tbody tr td:nth-child(3)').allInnerTexts(), ['审核通过', '登录'], 'newest first, with Chinese names');
    const approval = log.getByRole('row').filter({ hasText: '审核通过' });
    assert.match(await approval.innerText(), new RegExp(`审核 ${person.reviewId}`));
    assert.match(await approval.innerText(), /认证主体：自然人/);
    await page.context().close();
  });
});
