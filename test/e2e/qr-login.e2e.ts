/**
 * 二维码登录 in real browsers (issue 16.2): one context shows the login page's QR tab, a second
 * one, signed in as a person, acts as the phone (opening the scan address the page shows in
 * development); the first ends up logged in as that person. Refusal shows its message; a phone
 * not yet signed in goes through the login page and back to the code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { header, loginThroughUi } from './account-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, button } from './support.ts';

const suite = browserSuiteForFile();

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The login page's QR tab, its code drawn; the scan address (the development link under the code), as a path. */
async function openQrTab(page: Page, path = '/login'): Promise<string> {
  await page.goto(path);
  await page.getByRole('tab', { name: '二维码登录' }).click();
  await page.getByRole('img', { name: '登录二维码' }).waitFor();
  await page.getByText('使用已登录的手机扫描二维码登录').waitFor();
  const link = page.getByRole('link', { name: /\/m\/scan\?r=/ });
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.ok(href);
  const url = new URL(href);
  assert.equal(url.origin, new URL(suite.baseUrl).origin, 'the code points at the platform\'s public URL');
  return url.pathname + url.search;
}

async function person(prefix: string) {
  const account = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName(prefix), name: '扫码测试人' });
  return { client: account.client, loginName: account.body.loginName as string, password: account.body.password as string };
}

describe('二维码登录', () => {
  test('desktop browser shows the code, a signed-in phone confirms, the desktop is logged in as that person', async () => {
    const desktop = await suite.newPage({ viewport: DESKTOP });
    const scanPath = await openQrTab(desktop);
    await checkPage(desktop, 'qr-login-tab-desktop');

    const me = await person('qrd');
    const phone = await suite.newPage({ session: me.client, viewport: PHONE });
    await phone.goto(scanPath);
    await phone.getByRole('heading', { level: 1, name: '扫码登录确认' }).waitFor();
    const body = phone.locator('main, body').first();
    await button(phone, '确认登录').waitFor();
    const text = await body.innerText();
    assert.match(text, /科学技术部政务服务平台（127\.0\.0\.1:\d+）/, 'which site asks');
    assert.match(text, /Chrome · Linux/, 'which browser asks');
    assert.match(text, /127\.0\.\*\.\*/, 'from where, masked');
    assert.match(text, /扫码测试人/, 'as whom');
    await checkPage(phone, 'qr-scan-phone');

    // The waiting page learns of the scan without reloading.
    await desktop.getByText('已扫描，请在手机上确认').waitFor();
    await button(phone, '确认登录').click();
    await phone.getByText('已确认登录').waitFor();

    await desktop.waitForURL(`${suite.baseUrl}/online/my-info`);
    await header(desktop).getByRole('button', { name: '退出登录' }).waitFor();
    assert.match(await header(desktop).innerText(), /扫码测试人/);
    await desktop.context().close();
    await phone.context().close();
  });

  test('on a phone-sized window: the tab fits; a phone not signed in logs in first, then refuses; 已拒绝 and 刷新 give a new code', async () => {
    const waiting = await suite.newPage({ viewport: PHONE });
    const scanPath = await openQrTab(waiting, '/login?return=%2Fonline%2Ffollows');
    await checkPage(waiting, 'qr-login-tab-phone');

    const me = await person('qrr');
    const phone = await suite.newPage({ viewport: PHONE });
    await phone.goto(scanPath);
    // Not signed in: the login page, coming back to the code after.
    await phone.waitForURL(/\/login\?return=%2Fm%2Fscan%3Fr%3D/);
    await loginThroughUi(phone, suite.baseUrl, '自然人登录', me.loginName, me.password);
    await phone.waitForURL(`${suite.baseUrl}${scanPath}`);
    await button(phone, '拒绝').click();
    await phone.getByText('已拒绝本次登录').waitFor();

    await waiting.getByRole('status').getByText('已拒绝', { exact: true }).waitFor();
    assert.equal(new URL(waiting.url()).pathname, '/login', 'still on the login page');
    await button(waiting, '刷新').click();
    const link = waiting.getByRole('link', { name: /\/m\/scan\?r=/ });
    await waiting.waitForFunction((old) => document.querySelector('a[href*="/m/scan?r="]')?.getAttribute('href')?.endsWith(old) === false, scanPath);
    const fresh = new URL((await link.getAttribute('href'))!);
    assert.notEqual(fresh.pathname + fresh.search, scanPath, 'a new code');

    // The refused code cannot be used again from the phone.
    await phone.goto(scanPath);
    await phone.getByText(/该登录请求已确认或已拒绝/).waitFor();

    // The new code, confirmed: the waiting page follows its way back (?return=) like a password login.
    await phone.goto(fresh.pathname + fresh.search);
    await button(phone, '确认登录').click();
    await waiting.waitForURL(`${suite.baseUrl}/online/follows`);
    await waiting.context().close();
    await phone.context().close();
  });

  test('scanned but not confirmed in time: 二维码已过期 on the waiting page and on the phone', async () => {
    const ttl = suite.platform.config.qrLoginTtlMs;
    // A short code (the page renews an unscanned one a quarter of its life early: scanned at once, it is kept).
    suite.platform.config.qrLoginTtlMs = 12_000;
    const me = await person('qre');
    const phone = await suite.newPage({ session: me.client, viewport: PHONE });
    let waiting: Page;
    let scanPath: string;
    try {
      waiting = await suite.newPage({ viewport: DESKTOP });
      scanPath = await openQrTab(waiting);
    } finally {
      suite.platform.config.qrLoginTtlMs = ttl;
    }
    await phone.goto(scanPath);
    await button(phone, '确认登录').waitFor();
    await waiting.getByText('已扫描，请在手机上确认').waitFor();
    await waiting.getByRole('status').getByText('二维码已过期').waitFor({ timeout: 20_000 });
    await button(waiting, '刷新').waitFor();
    await button(phone, '确认登录').click();
    await phone.getByText(/二维码已过期/).waitFor();
    await waiting.context().close();
    await phone.context().close();
  });

  test('a pending password change comes first: the confirmed QR login lands on the change page', async () => {
    const waiting = await suite.newPage({ viewport: DESKTOP });
    const scanPath = await openQrTab(waiting);
    const me = await person('qrp');
    // The phone's session was opened before: it is a normal one; the new login is flagged.
    await suite.platform.db.query('update accounts set must_change_password = true where login_name_key = lower($1)', [me.loginName]);
    const phone = await suite.newPage({ session: me.client, viewport: PHONE });
    await phone.goto(scanPath);
    await button(phone, '确认登录').click();
    await phone.getByText('已确认登录').waitFor();
    await waiting.waitForURL(/\/password\/expired/);
    await waiting.context().close();
    await phone.context().close();
  });

  test('nobody scans: the page takes a new code before the old one runs out, without a reload', async () => {
    const ttl = suite.platform.config.qrLoginTtlMs;
    suite.platform.config.qrLoginTtlMs = 4_000;
    try {
      const waiting = await suite.newPage({ viewport: DESKTOP });
      const first = await openQrTab(waiting);
      await waiting.evaluate(() => Object.assign(window, { qrMark: true }));
      await waiting.waitForFunction((old) => {
        const href = document.querySelector('a[href*="/m/scan?r="]')?.getAttribute('href');
        return Boolean(href) && !href!.endsWith(old);
      }, first, { timeout: 10_000 });
      assert.equal(await waiting.evaluate(() => 'qrMark' in window), true, 'no page load');
      assert.equal(await waiting.getByText('二维码已过期').count(), 0, 'never shown as expired');
      await waiting.context().close();
    } finally {
      suite.platform.config.qrLoginTtlMs = ttl;
    }
  });
});
