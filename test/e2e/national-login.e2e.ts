// 国家政务服务平台账号登录 in the browser, against the test platform's own development upstream:
// into a verified local account (the link confirmed once with its password) on a desktop, and into
// a new account through the prefilled registration on a phone; each time the session works
// (我的信息 shows the account, its verification and the link). The upstream's own pages pass the
// same page checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/client.ts';
import { mobile, naturalRegistration, uniqueLoginName } from '../support/fixtures.ts';
import { devPerson } from '../../src/federation/national/testing.ts';
import type { UpstreamPerson } from '../../src/federation/national/dev-upstream/people.ts';
import { fillSmsCode } from './account-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** From the login window through the upstream's login and consent pages, back to the platform. */
async function throughUpstream(page: Page, person: UpstreamPerson, name: string) {
  await page.goto('/login');
  await page.getByRole('link', { name: '国家政务服务平台账号登录' }).waitFor();
  await checkPage(page, `${name}-login`);
  await page.getByRole('link', { name: '国家政务服务平台账号登录' }).click();
  await page.getByRole('heading', { level: 1, name: '国家政务服务平台 用户登录' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await checkPage(page, `${name}-upstream-login`);
  await page.getByLabel('账号', { exact: true }).fill(person.loginName);
  await page.getByLabel('密码', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '授权确认' }).waitFor();
  await checkPage(page, `${name}-upstream-consent`);
  await page.getByRole('button', { name: '同意授权', exact: true }).click();
}

test('desktop: a verified local account, the link confirmed with its password; 我的信息 lists the link', async () => {
  const person = devPerson('gjzw12');
  const client = new ApiClient(suite.baseUrl);
  const body = naturalRegistration({ name: person.name, documentType: person.documentType, documentNumber: person.documentNumber, validFrom: '2012-04-18', validTo: '', longTerm: true });
  const registered = await client.post('/api/register/natural', { ...body, smsCode: await client.smsCode(body.mobile) });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  assert.equal(registered.body.verification.natural_person.status, 'registry_verified');

  const page = await suite.newPage({ viewport: DESKTOP });
  await throughUpstream(page, person, 'national-confirm-desktop');
  await page.waitForURL('**/national/link');
  await page.getByRole('heading', { level: 1, name: '确认关联国家政务服务平台账号' }).waitFor();
  await page.getByText('2102********1298').waitFor();
  await checkPage(page, 'national-confirm-desktop');

  await page.getByLabel('登录密码', { exact: true }).fill('Wrong-Passw0rd');
  await page.getByRole('button', { name: '确认关联并登录' }).click();
  await page.getByText('登录密码错误').waitFor();
  // The progressive delay after a wrong password (like any login's) is waited out.
  await suite.platform.db.query(`delete from kv where key like 'loginwait:%'`);
  await page.getByLabel('登录密码', { exact: true }).fill(body.password);
  await page.getByRole('button', { name: '确认关联并登录' }).click();
  await page.waitForURL('**/online/my-info');
  await page.getByText('国家平台实名认证通过').first().waitFor();
  await page.getByRole('tab', { name: '关联账号' }).click();
  await page.getByText('国家政务服务平台账号', { exact: true }).waitFor();
  await page.getByText(/^关联时间：\d{4}-\d{2}-\d{2}/).waitFor();
  await checkPage(page, 'national-links-desktop');
  await page.close();
});

test('phone: a new person registers with the prefilled identity, verified through the national platform', async () => {
  const person = devPerson('gjzw13');
  const page = await suite.newPage({ viewport: PHONE });
  await throughUpstream(page, person, 'national-register-phone');
  await page.waitForURL('**/national/link');
  await page.getByRole('heading', { level: 1, name: '注册并关联国家政务服务平台账号' }).waitFor();
  await page.getByText(person.name, { exact: true }).waitFor();
  await page.getByText('往来港澳通行证').waitFor();
  await checkPage(page, 'national-register-phone');

  const phone = mobile();
  const loginName = uniqueLoginName('gj');
  await page.getByLabel('登录名', { exact: true }).fill(loginName);
  await page.getByLabel('登录密码', { exact: true }).fill('Passw0rd!');
  await page.getByLabel('密码确认', { exact: true }).fill('Passw0rd!');
  await page.getByLabel('手机号码', { exact: true }).fill(phone);
  await fillSmsCode(page, suite.baseUrl, phone, '验证码');
  await page.getByLabel('我已阅读并同意').check();
  await page.getByRole('button', { name: '注册账号' }).click();

  await page.waitForURL('**/online/my-info');
  await page.getByText('国家平台实名认证通过').first().waitFor();
  await page.getByText('通过国家政务服务平台认证').waitFor();
  await checkPage(page, 'national-my-info-phone');
  await page.getByRole('tab', { name: '关联账号' }).click();
  await page.getByText('国家政务服务平台账号', { exact: true }).waitFor();
  await checkPage(page, 'national-links-phone');
  await page.close();
});

test('phone: 拒绝授权 at the national platform comes back to the login window with its message', async () => {
  const person = devPerson('gjzw15');
  const page = await suite.newPage({ viewport: PHONE });
  await page.goto('/login');
  await page.getByRole('link', { name: '国家政务服务平台账号登录' }).click();
  await page.getByLabel('账号', { exact: true }).fill(person.loginName);
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: '账号或密码错误' }).waitFor();
  await page.getByLabel('密码', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '拒绝授权', exact: true }).click();
  await page.waitForURL('**/login?**');
  await page.getByRole('alert').filter({ hasText: '您已在国家政务服务平台拒绝授权，未能登录' }).waitFor();
  await checkPage(page, 'national-denied-phone');
  await page.close();
});
