/**
 * An organisation verified through its three tabs of 我的信息 in a real browser (SPEC §2.3, §3;
 * foreigner quickstart 4.2–4.3). Registered through the API with an organisation and people
 * the development registry does not know: the primary agent shows 实名认证失败, the organisation
 * 用户信息不全，请及时补充！ until its 法人单位基本信息 are complete (FAQ 三.1 3(1)). The clerk changes
 * 法人单位基本信息 to a registry organisation and its legal representative → 国家平台实名认证通过;
 * 法人单位其他信息 (no key fields) saves without asking the registry; 主代办人信息 changed to a
 * registry person → 国家平台实名认证通过. Neither subject was verified when edited, so no
 * 已实名认证… confirmation is asked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { maskDocumentNumber } from '../../src/accounts/rules.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { SAVED, acknowledgeSave, choose, openMyInfo, viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

const VERIFIED = '国家平台实名认证通过';
const FAILED = '实名认证失败';
const INCOMPLETE = '用户信息不全，请及时补充！';
const RECONFIRM = '已实名认证，修改用户信息可能会重新进行实名认证，确认要修改吗？';

// Synthetic records of src/realname/registry/data/dev-registry.json.
const ORGANIZATION = { name: '上海浦江智能制造有限公司', code: '91310115MA1K4BQX31' };
const REPRESENTATIVE = { name: '陈静', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01' };
const AGENT = { name: '郑海波', documentNumber: '210202196606061298', validFrom: '2012-04-18' };

const tab = (page: Page, name: string) => page.getByRole('tab', { name });
/** The visible tab's content (antd keeps visited tabs in the DOM, hidden). */
const panel = (page: Page) => page.getByRole('tabpanel');

/** 实名认证状态：<label> at the top right of the visible tab. */
async function expectStatus(page: Page, label: string) {
  const line = panel(page).getByRole('status').filter({ hasText: '实名认证状态：' });
  await line.getByText(label, { exact: true }).waitFor();
  assert.match(await line.innerText(), new RegExp(`实名认证状态：\\s*${label}`));
}

/**
 * Types a date into a date picker and leaves it with Tab: Enter in the identity pickers
 * (IdentityFields) would also submit the edit form.
 */
async function typeDate(field: Locator, date: string) {
  await field.fill(date);
  await field.press('Tab');
}

/** Identity verify requests the platform's development registry has received so far. */
async function registryRequests(): Promise<number> {
  const res = await fetch(`${suite.registryUrl}/control`);
  return ((await res.json()) as { verifyRequests: number }).verifyRequests;
}

/**
 * 保存 with no confirmation asked (the subject is not verified, or no key field changed), back in
 * view mode: the section's dialog (its success sentence) closed with 确定, or 保存成功 where there is none.
 */
async function saveWithoutConfirmation(page: Page, editLabel: string, sentence?: string, ...texts: string[]) {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('button', { name: editLabel, exact: true }).waitFor();
  if (sentence) await acknowledgeSave(page, sentence, ...texts);
  else await page.getByText('保存成功').first().waitFor();
  assert.equal(await page.getByText(RECONFIRM).count(), 0, 'no 已实名认证… confirmation');
}

describe('实名认证 of an organisation through its three tabs', () => {
  test('法人单位基本信息 and 主代办人信息 changed to registry data are verified; 法人单位其他信息 does not verify', async () => {
    // The default fixture: an organisation, a representative and an agent the registry does not know.
    const { client } = await registerAndLogIn(suite.baseUrl, 'legal');
    const before = (await client.get('/api/me/profile')).body.verification;
    assert.equal(before.organization.status, 'incomplete');
    assert.equal(before.primary_agent.reason.code, 'REGISTRY_NOT_FOUND');
    const page = await openMyInfo(suite, client);
    await panel(page).getByText('系统已确认的法人信息').waitFor();
    await expectStatus(page, INCOMPLETE);
    await tab(page, '主代办人信息').click();
    await panel(page).getByText('系统已确认的主代办人信息').waitFor();
    await expectStatus(page, FAILED);

    // 法人单位基本信息: the registry's organisation and legal representative, plus the required fields the registration left empty.
    await tab(page, '法人单位基本信息').click();
    await panel(page).getByText('系统已确认的法人信息').waitFor();
    let asked = await registryRequests();
    await page.getByRole('button', { name: '修改法人信息', exact: true }).click();
    await page.getByLabel('单位名称', { exact: true }).fill(ORGANIZATION.name);
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(ORGANIZATION.code);
    await choose(page, '单位性质', '私营企业');
    await page.getByRole('radiogroup', { name: '是否独立法人' }).getByText('是', { exact: true }).click();
    await page.getByLabel('单位地址', { exact: true }).fill('上海市浦东新区张江路88号');
    await typeDate(page.getByLabel('单位成立日期', { exact: true }), '2016-03-18');
    await page.getByLabel('通信地址', { exact: true }).fill('上海市浦东新区张江路88号');
    await page.getByLabel('法定代表人姓名', { exact: true }).fill(REPRESENTATIVE.name);
    await page.getByLabel('法定代表人电子邮箱', { exact: true }).fill('chen.jing@example.cn');
    await page.getByLabel('法定代表人证件号码', { exact: true }).fill(REPRESENTATIVE.documentNumber);
    await typeDate(page.getByLabel('法定代表人证件有效期起始日期', { exact: true }), REPRESENTATIVE.validFrom);
    await page.getByLabel('法定代表人长期有效', { exact: true }).uncheck();
    await typeDate(page.getByLabel('法定代表人证件有效期终止日期', { exact: true }), REPRESENTATIVE.validTo);
    await saveWithoutConfirmation(page, '修改法人信息', SAVED.organizationBasic, `实名认证状态：${VERIFIED}`);
    await expectStatus(page, VERIFIED);
    assert.equal(await registryRequests(), asked + 1, 'the organisation was verified once');
    assert.equal(await viewValue(page, '单位名称').innerText(), ORGANIZATION.name);
    assert.equal(await viewValue(page, '统一社会信用代码').innerText(), ORGANIZATION.code);
    assert.equal(await viewValue(page, '法定代表人姓名').innerText(), REPRESENTATIVE.name);
    assert.equal(await viewValue(page, '法定代表人证件号码').innerText(), maskDocumentNumber(REPRESENTATIVE.documentNumber));
    assert.equal(await viewValue(page, '法定代表人证件有效期').innerText(), `${REPRESENTATIVE.validFrom} 至 ${REPRESENTATIVE.validTo}`);
    assert.equal(await panel(page).getByText('用户信息不全，请及时补充！').count(), 0);

    // 法人单位其他信息: no key fields, so the registry is not asked and the organisation stays verified.
    asked = await registryRequests();
    await tab(page, '法人单位其他信息').click();
    await panel(page).getByText('系统已确认的法人其他信息').waitFor();
    await page.getByRole('button', { name: '修改信息', exact: true }).click();
    await page.getByLabel('所属行业1', { exact: true }).fill('通用设备制造业');
    await page.getByLabel('工商登记机关', { exact: true }).fill('上海市浦东新区市场监督管理局');
    await choose(page, '企业类型', '有限责任公司');
    await saveWithoutConfirmation(page, '修改信息');
    assert.equal(await viewValue(page, '所属行业1').innerText(), '通用设备制造业');
    assert.equal(await viewValue(page, '工商登记机关').innerText(), '上海市浦东新区市场监督管理局');
    assert.equal(await viewValue(page, '企业类型').innerText(), '有限责任公司');
    assert.equal(await registryRequests(), asked, 'non-key fields never trigger verification');
    await tab(page, '法人单位基本信息').click();
    await expectStatus(page, VERIFIED);

    // 主代办人信息: the registry's person (long-term ID card).
    asked = await registryRequests();
    await tab(page, '主代办人信息').click();
    await panel(page).getByText('系统已确认的主代办人信息').waitFor();
    await page.getByRole('button', { name: '修改主代办人信息', exact: true }).click();
    await page.getByLabel('姓名', { exact: true }).fill(AGENT.name);
    await page.getByLabel('证件号码', { exact: true }).fill(AGENT.documentNumber);
    await typeDate(page.getByLabel('证件有效期起始日期', { exact: true }), AGENT.validFrom);
    await page.getByLabel('长期有效', { exact: true }).check();
    await saveWithoutConfirmation(page, '修改主代办人信息', SAVED.primaryAgent, `实名认证状态：${VERIFIED}`);
    await expectStatus(page, VERIFIED);
    assert.equal(await registryRequests(), asked + 1, 'the primary agent was verified once');
    assert.equal(await viewValue(page, '姓名').innerText(), AGENT.name);
    assert.equal(await viewValue(page, '证件号码').innerText(), maskDocumentNumber(AGENT.documentNumber));
    assert.equal(await viewValue(page, '证件有效期').innerText(), `${AGENT.validFrom} 至 长期有效`);

    // After a reload both tabs still say so, and so does the API.
    await page.reload();
    await expectStatus(page, VERIFIED);
    await tab(page, '主代办人信息').click();
    await expectStatus(page, VERIFIED);
    const profile = (await client.get('/api/me/profile')).body;
    assert.equal(profile.verification.organization.status, 'registry_verified');
    assert.equal(profile.verification.primary_agent.status, 'registry_verified');
    assert.equal(profile.organizationBasic.name, ORGANIZATION.name);
    assert.equal(profile.primaryAgent.name, AGENT.name);
    await page.context().close();
  });
});
