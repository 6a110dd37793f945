/**
 * 实名认证状态 on 我的信息 in a real browser (SPEC §3, foreigner quickstart 4.1.2): a natural
 * person registered with an identity the development registry knows is verified; a non-key
 * change saves without asking; a key change (姓名) asks 已实名认证，修改用户信息可能会重新进行
 * 实名认证，确认要修改吗？ — 取消 saves nothing, 确定 saves and the registry's rejection shows
 * 实名认证失败，验证失败，请检查输入信息。自然人用户修改个人信息成功。 in one dialog and the status 实名认证失败.
 * The dialog also names the next step: 上传自然人信息 for a type that needs manual review (after any
 * save), 自然人申诉找回密码 for a document another verified account holds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { SAVED, acknowledgeSave, openMyInfo, saveDialog, viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const RECONFIRM = '已实名认证，修改用户信息可能会重新进行实名认证，确认要修改吗？';
const FAILURE = '实名认证失败，验证失败，请检查输入信息。';

/** 王五 of src/realname/registry/data/dev-registry.json (synthetic): the registry answers "match". */
const REGISTRY_PERSON = { name: '王五', region: 'mainland', documentType: 'resident_id', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };

const statusLine = (page: Page) => page.getByRole('status').filter({ hasText: '实名认证状态：' });

async function expectStatus(page: Page, label: string) {
  await statusLine(page).getByText(label, { exact: true }).waitFor();
  assert.match(await statusLine(page).innerText(), new RegExp(`实名认证状态：\\s*${label}`));
}

async function editAndSave(page: Page, label: string, value: string) {
  await page.getByRole('button', { name: '修改个人信息', exact: true }).click();
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: '保存', exact: true }).click();
}

describe('实名认证状态 (natural person)', () => {
  test('verified person: 电子邮箱 saves without asking; 姓名 asks first, 取消 keeps it, 确定 saves and fails verification', async () => {
    const { client } = await registerAndLogIn(suite.baseUrl, 'natural', REGISTRY_PERSON);
    const page = await openMyInfo(suite, client);
    await expectStatus(page, '国家平台实名认证通过');
    assert.equal(await page.getByText('用户信息不全，请及时补充！').count(), 0);

    // A field that does not trigger verification: saved at once, status unchanged.
    await editAndSave(page, '电子邮箱', 'wang.wu@example.cn');
    await acknowledgeSave(page, SAVED.naturalPerson, '实名认证状态：国家平台实名认证通过');
    await page.getByRole('button', { name: '修改个人信息', exact: true }).waitFor();
    assert.equal(await page.getByText(RECONFIRM).count(), 0, 'no confirmation for a non-key field');
    assert.equal(await viewValue(page, '电子邮箱').innerText(), 'wang.wu@example.cn');
    await expectStatus(page, '国家平台实名认证通过');

    // 姓名 is a key field: confirmation first; 取消 saves nothing.
    await editAndSave(page, '姓名', '王五五');
    const confirm = page.getByRole('dialog').filter({ hasText: RECONFIRM });
    await confirm.waitFor();
    await clickInDialog(confirm, '取消');
    await confirm.waitFor({ state: 'hidden' });
    await page.reload();
    assert.equal(await viewValue(page, '姓名').innerText(), '王五');
    await expectStatus(page, '国家平台实名认证通过');

    // 确定: saved, verified again, rejected by the registry — the save still stands.
    await editAndSave(page, '姓名', '王五五');
    await confirm.waitFor();
    await clickInDialog(confirm, '确定');
    // foreigner quickstart 4.1.2: the result and the success sentence together, in the seed's order.
    const notice = page.getByRole('dialog').filter({ hasText: `${FAILURE}${SAVED.naturalPerson}` });
    await notice.waitFor();
    await clickInDialog(notice, '确定');
    await notice.waitFor({ state: 'hidden' });
    await expectStatus(page, '实名认证失败');
    assert.equal(await viewValue(page, '姓名').innerText(), '王五五');

    await page.reload();
    assert.equal(await viewValue(page, '姓名').innerText(), '王五五');
    await expectStatus(page, '实名认证失败');
    await page.context().close();
  });
});

// foreigner-work-system-login-quickstart.md 4.1.2: the dialog after 保存, with the next step the reason calls for.
describe('the dialog after 保存 tells the next step (quickstart 4.1.2)', () => {
  test('a document type that needs manual review: even a non-key save says so, with 上传自然人信息', async () => {
    const { client } = await registerAndLogIn(suite.baseUrl, 'natural', { region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '' });
    const page = await openMyInfo(suite, client);
    await expectStatus(page, '实名认证失败');
    await editAndSave(page, '电子邮箱', 'passport.holder@example.cn');
    const dialog = await saveDialog(page, SAVED.naturalPerson, '该证件类型需人工审核，请上传签字后的证件扫描件');
    await clickInDialog(dialog, '上传自然人信息');
    await page.waitForURL(/\/online\/my-info\/upload\/natural_person$/);
    await page.getByText('自然人信息上传').first().waitFor();
    await page.context().close();
  });

  test('a document another verified account holds: 证件号码已存在 and a link to 自然人申诉找回密码, not "check your input"', async () => {
    await registerAndLogIn(suite.baseUrl, 'natural', { ...REGISTRY_PERSON, name: '周润', documentNumber: '32050220000229151X', validFrom: '2021-05-06', validTo: '2031-05-06' });
    const { client } = await registerAndLogIn(suite.baseUrl, 'natural');
    const page = await openMyInfo(suite, client);
    await editAndSave(page, '证件号码', '32050220000229151X');
    const dialog = await saveDialog(page, SAVED.naturalPerson, '证件号码已存在');
    assert.equal(await dialog.getByText(FAILURE).count(), 0);
    await clickInDialog(dialog, '自然人申诉找回密码');
    await page.waitForURL(/\/password\/recover\/natural-appeal$/);
    await page.context().close();
  });
});
