/**
 * Issue 23, "Done when": a person who can neither see the captcha image nor use a mouse logs in
 * with the keyboard only (Tab, Shift+Tab, Enter, typing; no clicks) and the audio captcha
 * (听语音验证码). The spoken answer is read from the development endpoint, never transcribed.
 * 二维码登录 likewise: the QR tab by Tab and the arrow keys, the phone's 确认登录 by Tab and Enter.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { registerAccount, registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { checkPage, describeFindings, scanAxe } from './page-checks.ts';
import { browserSuiteForFile, captchaAnswer } from './support.ts';

const suite = browserSuiteForFile();

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 40): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${key} ${max} times never reached the target; focus is on ${focused}`);
}

/** Reads the answer of a captcha id from the development endpoint (the current one: spoken or image). */
async function answerOf(id: string): Promise<string> {
  const response = await fetch(`${suite.baseUrl}/dev/captcha/${id}`);
  assert.equal(response.status, 200, `captcha ${id} has an answer`);
  return ((await response.json()) as { answer: string }).answer;
}

describe('keyboard-only login with the audio captcha', () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    test(`a registered citizen logs in with Tab, Enter and typing, hearing the captcha (${viewport.width}px)`, async () => {
      const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('kbd') });
      const page = await suite.newPage();
      await page.setViewportSize(viewport);
      await page.goto('/login');

      const loginName = page.getByLabel('登录名', { exact: true });
      const password = page.getByLabel('登录密码', { exact: true });
      const captcha = page.getByLabel('验证码', { exact: true });
      const listen = page.getByRole('button', { name: '听语音验证码', exact: true });
      await loginName.waitFor();

      await tabTo(page, loginName);
      await page.keyboard.type(account.body.loginName);
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(password), 'Tab goes from 登录名 to 登录密码');
      await page.keyboard.type(account.body.password);

      // The image's answer, to see it replaced by the spoken one.
      const imageAnswer = await captchaAnswer(page, suite.baseUrl);
      await tabTo(page, listen);
      await page.keyboard.press('Enter');

      const audio = page.locator('audio[data-captcha-id]');
      await audio.waitFor({ state: 'attached' });
      assert.equal(await audio.getAttribute('aria-label'), '语音验证码');
      assert.match((await audio.getAttribute('src')) ?? '', /^blob:/, 'played from the one answer fetched');
      assert.equal(await audio.evaluate((element: HTMLAudioElement) => element.controls), true, 'with controls');
      assert.ok(await isFocused(listen), 'the focus stays on 听语音验证码');
      assert.equal(await page.locator('img[data-captcha-id]').count(), 0, 'no image while listening');
      // The browser decodes it: more than a second of sound.
      await page.waitForFunction(() => {
        const element = document.querySelector<HTMLAudioElement>('audio[data-captcha-id]');
        return Boolean(element && Number.isFinite(element.duration) && element.duration > 1);
      });

      // The player fits the phone's width; the page's own axe scan is page-checks.ts's (E2E_AXE).
      await checkPage(page, `login-audio-captcha-${viewport.width}`, { axe: false });
      // axe-core has nothing to say about the captcha field with its player (any impact).
      const findings = (await scanAxe(page)).filter((finding) => finding.targets.some((target) => /audio|captcha/i.test(target)));
      assert.deepEqual(findings, [], describeFindings(findings));
      await tabTo(page, listen);

      const id = (await audio.getAttribute('data-captcha-id'))!;
      const spoken = await answerOf(id);
      assert.match(spoken, /^\d{6}$/, 'six spoken digits');
      assert.notEqual(spoken, imageAnswer);

      await tabTo(page, captcha, 'Shift+Tab');
      await page.keyboard.type(spoken);
      await page.keyboard.press('Enter');

      // Signed in: the login page is left, and the session is this account's.
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const me = await page.evaluate(async () => {
        const response = await fetch('/api/me');
        return { status: response.status, body: (await response.json()) as { loginName?: string } };
      });
      assert.equal(me.status, 200);
      assert.equal(me.body.loginName?.toLowerCase(), account.body.loginName.toLowerCase());
      await page.context().close();
    });
  }

  test('a wrong spoken answer: the next captcha is spoken too, and its answer logs in', async () => {
    const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('kbd2') });
    const page = await suite.newPage();
    await page.goto('/login');
    const loginName = page.getByLabel('登录名', { exact: true });
    const captcha = page.getByLabel('验证码', { exact: true });
    await loginName.waitFor();
    await tabTo(page, loginName);
    await page.keyboard.type(account.body.loginName);
    await page.keyboard.press('Tab');
    await page.keyboard.type(account.body.password);
    await tabTo(page, page.getByRole('button', { name: '听语音验证码', exact: true }));
    await page.keyboard.press('Space');
    const audio = page.locator('audio[data-captcha-id]');
    await audio.waitFor({ state: 'attached' });
    const firstId = (await audio.getAttribute('data-captcha-id'))!;
    const firstAnswer = await answerOf(firstId);

    await tabTo(page, captcha, 'Shift+Tab');
    await page.keyboard.type(firstAnswer === '000000' ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: '验证码错误' }).first().waitFor();

    // Still listening: the new captcha arrives spoken, under a new id; no image comes back.
    const next = page.locator(`audio[data-captcha-id]:not([data-captcha-id="${firstId}"])`);
    await next.waitFor({ state: 'attached' });
    assert.equal(await page.locator('img[data-captcha-id]').count(), 0);
    const answer = await answerOf((await next.getAttribute('data-captcha-id'))!);
    assert.match(answer, /^\d{6}$/);
    assert.equal(await captcha.inputValue(), '', 'the spent answer is cleared');
    await tabTo(page, captcha, 'Shift+Tab');
    await page.keyboard.type(answer);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.context().close();
  });
});

describe('二维码登录 with the keyboard only', () => {
  test('the QR tab is reached with Tab and the arrow keys, the phone confirms with Tab and Enter, and the desktop is logged in', async () => {
    const account = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('kbdqr'), name: '键盘扫码人' });
    const desktop = await suite.newPage({ viewport: { width: 1366, height: 768 } });
    await desktop.goto('/login');
    const tabs = desktop.getByRole('tab');
    await tabs.first().waitFor();
    // The tab list is one stop in the Tab order (the selected tab); the arrow keys move between its tabs.
    await tabTo(desktop, desktop.getByRole('tab', { selected: true }));
    const qrTab = desktop.getByRole('tab', { name: '二维码登录' });
    for (let presses = 0; presses < 5 && !(await isFocused(qrTab)); presses++) await desktop.keyboard.press('ArrowRight');
    assert.ok(await isFocused(qrTab), 'the arrow keys reach 二维码登录');
    await desktop.keyboard.press('Enter');
    await desktop.getByRole('img', { name: '登录二维码' }).waitFor();
    const href = await desktop.getByRole('link', { name: /\/m\/scan\?r=/ }).getAttribute('href');
    assert.ok(href);

    const phone = await suite.newPage({ session: account.client, viewport: { width: 390, height: 844 } });
    await phone.goto(new URL(href).pathname + new URL(href).search);
    const confirm = phone.getByRole('button', { name: '确认登录', exact: true });
    await confirm.waitFor();
    await tabTo(phone, confirm);
    await phone.keyboard.press('Enter');
    await phone.getByText('已确认登录').waitFor();
    await desktop.waitForURL(`${suite.baseUrl}/online/my-info`);
    assert.match(await desktop.locator('body').innerText(), /键盘扫码人/);
    await desktop.context().close();
    await phone.context().close();
  });
});
