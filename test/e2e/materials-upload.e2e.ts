/**
 * The user's side of manual review in a real browser (SPEC §3, foreigner quickstart 4.1.4,
 * 4.2.3): a person the registry does not know opens 上传自然人信息, a renamed text file and an
 * oversized scan are refused, both sides are uploaded, previewed and submitted → 实名认证审核中
 * and a read-only page; a reviewer's rejection shows 实名认证审核失败(详情) with the reason.
 * A Hong Kong organisation uploads 营业执照, 法定代表人证件信息 and one 其他材料 the same way.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { TEXT_NAMED_PNG, jpegOfSize } from '../support/images.ts';
import { staffClient } from '../support/staff.ts';
import { SUBMITTED, chooseFile, expectStatus, imageLoaded, jpegScan, materialRow, openPreview, openUploadPage, pngScan, statusLine, submitButton, submitMaterials, uploadMaterials } from './materials-helpers.ts';
import { openMyInfo } from './my-info-helpers.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const FRONT = '注册人身份证正面';
const BACK = '注册人身份证反面';
const TYPE_INVALID = '上传文件类型必须是jpg、png、jpeg格式';
const TOO_LARGE = '上传文件大小不能超过1MB';
const REASON = '1.审核信息不匹配。';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

/** The file inputs of the page: none once it only shows what was uploaded. */
const fileInputs = (page: Page) => page.locator('input[type=file]');

/** Rejects the account's open review through the back-office API, as a reviewer would. */
async function rejectReview(loginName: string, subject: string, reason: string) {
  const reviewer = await staffClient(suite.baseUrl, suite.platform, ['reviewer']);
  const queue = await reviewer.get(`/api/admin/reviews?subject=${subject}`);
  assert.equal(queue.status, 200, JSON.stringify(queue.body));
  const review = (queue.body.reviews as { id: string; loginName: string }[]).find((r) => r.loginName === loginName);
  assert.ok(review, `no open review for ${loginName}`);
  const rejected = await reviewer.post(`/api/admin/reviews/${review.id}/reject`, { reason });
  assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
}

describe('上传自然人信息', () => {
  test('refused files show why; both sides uploaded, previewed and submitted → 实名认证审核中, read-only; a rejection shows 实名认证审核失败(详情)', async () => {
    // The default fixture's identity is unknown to the development registry: 实名认证失败, waiting for uploads.
    const { client, body } = await registerAndLogIn(suite.baseUrl, 'natural');
    const page = await openMyInfo(suite, client);
    await expectStatus(page, '实名认证失败');
    await openUploadPage(page, '上传自然人信息', '自然人信息上传');
    assert.match(page.url(), /\/online\/my-info\/upload\/natural_person$/);
    await expectStatus(page, '实名认证失败');
    await page.getByText('用户证件相关信息须签字后上传。', { exact: true }).waitFor();
    for (const label of [FRONT, BACK]) assert.equal(await materialRow(page, label).getByText('文件未上传', { exact: true }).count(), 1);

    // 样式: the sample image of the row.
    await materialRow(page, FRONT).getByRole('button', { name: '样式', exact: true }).click();
    const sample = page.getByRole('dialog').filter({ hasText: `${FRONT}样式` });
    assert.equal(await imageLoaded(sample.getByRole('img', { name: `${FRONT}样例` })), true, 'the sample image loads');
    await clickInDialog(sample, '关闭');
    await sample.waitFor({ state: 'hidden' });

    // A text file renamed .png: the server reads the content and refuses it.
    await chooseFile(page, { label: FRONT, bytes: TEXT_NAMED_PNG, name: '身份证正面.png', mimeType: 'image/png' });
    await materialRow(page, FRONT).getByRole('alert').filter({ hasText: TYPE_INVALID }).waitFor();
    assert.equal(await materialRow(page, FRONT).getByText('文件未上传', { exact: true }).count(), 1);

    // Over 1 MB: refused in the browser with the server's message, nothing sent.
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts.push(request.url());
    });
    await chooseFile(page, { label: BACK, bytes: jpegOfSize(1.2 * 1024 * 1024), name: '身份证反面.jpg' });
    await materialRow(page, BACK).getByRole('alert').filter({ hasText: TOO_LARGE }).waitFor();
    assert.deepEqual(puts, []);

    // Both sides; the earlier messages go with the successful uploads.
    await uploadMaterials(page, [jpegScan(FRONT), pngScan(BACK)]);
    assert.equal(await page.getByRole('alert').filter({ hasText: TYPE_INVALID }).count(), 0);
    assert.equal(await page.getByRole('alert').filter({ hasText: TOO_LARGE }).count(), 0);
    assert.equal(puts.length, 2);

    const preview = await openPreview(page, BACK);
    assert.equal(await imageLoaded(preview.getByRole('img', { name: BACK })), true, 'the uploaded image is shown');
    await clickInDialog(preview, '关闭');
    await preview.waitFor({ state: 'hidden' });

    await submitMaterials(page);
    await expectStatus(page, '实名认证审核中');
    await page.getByText('当前实名认证状态为“实名认证审核中”，审核期间此页面只能查看已上传信息。').waitFor();
    assert.equal(await fileInputs(page).count(), 0, 'no file input while under review');
    assert.equal(await submitButton(page).isDisabled(), true);
    assert.equal(await materialRow(page, FRONT).getByRole('button', { name: '预览', exact: true }).count(), 1, 'the uploads can still be seen');

    // 返回: My information shows the new status; the page stays read-only after a reload too.
    await page.getByRole('button', { name: '返回', exact: true }).click();
    await page.waitForURL(/\/online\/my-info\?tab=natural_person$/);
    await expectStatus(page, '实名认证审核中');
    await page.goto('/online/my-info/upload/natural_person');
    await expectStatus(page, '实名认证审核中');
    assert.equal(await fileInputs(page).count(), 0);

    // A reviewer rejects with a reason: 实名认证审核失败(详情), 详情 shows the reason.
    await rejectReview(body.loginName, 'natural_person', REASON);
    await page.goto('/online/my-info');
    const line = await expectStatus(page, '实名认证审核失败');
    assert.match(line, /实名认证状态：\s*实名认证审核失败\(详情\)/);
    await statusLine(page).getByRole('button', { name: '详情', exact: true }).click();
    const detail = page.getByRole('dialog', { name: '实名认证审核失败原因' });
    await detail.getByText(REASON, { exact: true }).waitFor();
    await clickInDialog(detail, '确定');
    await detail.waitFor({ state: 'hidden' });

    // New uploads are possible again.
    await openUploadPage(page, '上传自然人信息', '自然人信息上传');
    await page.getByLabel(`上传${FRONT}`, { exact: true }).waitFor({ state: 'attached' });
    assert.equal(await submitButton(page).isEnabled(), true);
    await page.context().close();
  });
});

describe('issue 14.14: a refused replacement leaves its row empty; 提交 sends only what the rows show', () => {
  const REMOVED = '原文件已移除，请重新上传';
  const emptied = async (page: Page, label: string, message: string) => {
    const row = materialRow(page, label);
    await row.getByRole('alert').filter({ hasText: message }).filter({ hasText: REMOVED }).waitFor();
    await row.getByText('文件未上传', { exact: true }).waitFor();
    assert.equal(await row.getAttribute('data-upload-id'), '');
    assert.equal(await row.getByRole('button', { name: '预览', exact: true }).count(), 0, 'nothing left to preview');
  };
  const openReviews = async (accountId: string) =>
    (await suite.platform.db.query<{ files: { slot: string; uploadId: string }[] }>(`select files from reviews where account_id = $1 and status = 'open'`, [accountId])).map((r) => r.files);

  test('上传自然人信息: good files, then a too-large and a wrong-type replacement: rows empty, 提交 refused; good files clear the errors and go', async () => {
    const { client, accountId } = await registerAndLogIn(suite.baseUrl, 'natural');
    const page = await openMyInfo(suite, client);
    await openUploadPage(page, '上传自然人信息', '自然人信息上传');
    await uploadMaterials(page, [jpegScan(FRONT), pngScan(BACK)]);

    await chooseFile(page, { label: FRONT, bytes: jpegOfSize(1.2 * 1024 * 1024), name: '身份证正面.jpg' });
    await emptied(page, FRONT, TOO_LARGE);
    await chooseFile(page, { label: BACK, bytes: TEXT_NAMED_PNG, name: '身份证反面.png', mimeType: 'image/png' });
    await emptied(page, BACK, TYPE_INVALID);
    // The same after a reload: the server holds no file for either row.
    await page.reload();
    for (const label of [FRONT, BACK]) await materialRow(page, label).getByText('文件未上传', { exact: true }).waitFor();

    await submitButton(page).click();
    await page.getByRole('alert').filter({ hasText: '请完成所有信息上传后点击“提交”按钮' }).first().waitFor();
    for (const label of [FRONT, BACK]) await materialRow(page, label).getByRole('alert').filter({ hasText: '请上传该文件' }).waitFor();
    await expectStatus(page, '实名认证失败');
    assert.deepEqual(await openReviews(accountId), [], 'nothing submitted');

    await uploadMaterials(page, [pngScan(FRONT), jpegScan(BACK)]);
    assert.equal(await page.locator('tr[data-slot]').getByRole('alert').count(), 0, 'a good file clears its row’s error');
    const shown = Object.fromEntries(await Promise.all([FRONT, BACK].map(async (label) => [label, await materialRow(page, label).getAttribute('data-upload-id')])));
    await submitMaterials(page);
    await expectStatus(page, '实名认证审核中');
    const [files] = await openReviews(accountId);
    assert.deepEqual(files!.map((f) => f.uploadId).sort(), Object.values(shown).sort(), 'exactly the files the rows showed');
    await page.context().close();
  });

  test('上传法人信息: a refused 其他材料 replacement empties its row; 提交 names it and goes without it once confirmed', async () => {
    const { client, accountId } = await registerAndLogIn(suite.baseUrl, 'legal', {
      organization: { name: `香港材料有限公司${uniqueLoginName('hk').replace('_', '')}`, region: 'hkmt', legalPersonType: 'enterprise', code: 'HK-20240002' },
    });
    const basic = (await client.get('/api/me/profile')).body.organizationBasic;
    const completed = await client.put('/api/me/profile/organization-basic', {
      ...basic, area: '中国香港', independent: 'yes', foundedOn: '2012-03-01', mailingAddress: '香港中环皇后大道中1号',
      legalRepresentative: { ...basic.legalRepresentative, email: 'rep@example.hk' },
    });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const page = await openMyInfo(suite, client);
    await openUploadPage(page, '上传法人信息', '法人信息上传');
    await uploadMaterials(page, [jpegScan('营业执照'), pngScan('法定代表人证件信息'), jpegScan('其他材料1')]);
    await chooseFile(page, { label: '其他材料1', bytes: TEXT_NAMED_PNG, name: '说明.png', mimeType: 'image/png' });
    await emptied(page, '其他材料1', TYPE_INVALID);

    await submitButton(page).click();
    const question = page.getByRole('dialog').filter({ hasText: '其他材料1上传未成功，本次提交将不包含该材料。确定提交吗？' });
    await clickInDialog(question, '取消');
    await question.waitFor({ state: 'hidden' });
    assert.deepEqual(await openReviews(accountId), [], 'nothing submitted without the confirmation');

    await submitButton(page).click();
    await clickInDialog(question, '确定提交');
    const confirmation = page.getByRole('dialog').filter({ hasText: SUBMITTED });
    await clickInDialog(confirmation, '确定');
    const [files] = await openReviews(accountId);
    assert.deepEqual(files!.map((f) => f.slot).sort(), ['business_licence', 'representative_document']);
    await page.context().close();
  });
});

describe('上传法人信息', () => {
  test('a Hong Kong organisation uploads 营业执照, 法定代表人证件信息 and one 其他材料, submits → 实名认证审核中 on 法人单位基本信息', async () => {
    // Outside the mainland an organisation is always verified by manual review (quickstart 4.2.2).
    const { client } = await registerAndLogIn(suite.baseUrl, 'legal', {
      organization: { name: `香港测试有限公司${uniqueLoginName('hk').replace('_', '')}`, region: 'hkmt', legalPersonType: 'enterprise', code: 'HK-20240001' },
    });
    // The status shows once 法人单位基本信息 are complete (platform-faq.md 三.1 3(1)): what registration does not ask for.
    const basic = (await client.get('/api/me/profile')).body.organizationBasic;
    const completed = await client.put('/api/me/profile/organization-basic', {
      ...basic, area: '中国香港', independent: 'yes', foundedOn: '2012-03-01', mailingAddress: '香港中环皇后大道中1号',
      legalRepresentative: { ...basic.legalRepresentative, email: 'rep@example.hk' },
    });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const page = await openMyInfo(suite, client);
    assert.equal(await tab(page, '法人单位基本信息').getAttribute('aria-selected'), 'true');
    await expectStatus(page, '实名认证失败');

    // 上传主代办人信息 and 返回 come back to 主代办人信息.
    await tab(page, '主代办人信息').click();
    await openUploadPage(page, '上传主代办人信息', '主代办人信息上传');
    await page.getByText('主代办人身份证需要同时上传彩色正反面扫描件并签字、加盖单位公章。', { exact: true }).waitFor();
    await page.getByRole('button', { name: '返回', exact: true }).click();
    await page.waitForURL(/\?tab=primary_agent$/);
    assert.equal(await tab(page, '主代办人信息').getAttribute('aria-selected'), 'true');

    await tab(page, '法人单位基本信息').click();
    await openUploadPage(page, '上传法人信息', '法人信息上传');
    await page.getByText('境外单位、港澳台地区单位请在“其他资料”一栏上传相关证明材料', { exact: false }).waitFor();
    await page.getByRole('columnheader', { name: '说明', exact: true }).waitFor();
    await page.getByText('2、其他材料最多只能上传三份。', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('上传其他材料3', { exact: true }).count(), 1);

    await uploadMaterials(page, [jpegScan('营业执照'), pngScan('法定代表人证件信息'), jpegScan('其他材料1')]);
    for (const label of ['其他材料2', '其他材料3']) assert.equal(await materialRow(page, label).getByText('文件未上传', { exact: true }).count(), 1);
    await submitMaterials(page);
    await expectStatus(page, '实名认证审核中');
    assert.equal(await fileInputs(page).count(), 0);

    await page.getByRole('button', { name: '返回', exact: true }).click();
    await page.waitForURL(/\?tab=organization_basic$/);
    assert.equal(await tab(page, '法人单位基本信息').getAttribute('aria-selected'), 'true');
    await expectStatus(page, '实名认证审核中');
    await page.context().close();
  });
});
