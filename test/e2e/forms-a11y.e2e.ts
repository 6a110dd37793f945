/**
 * Issue 23.3, forms for screen readers (WCAG 1.3.1, 3.3.1, 3.3.3, 4.1.2): after a failed submit
 * the focus is on the first field in error; every aria-describedby points at elements that exist
 * (the captcha's pointed at nothing after a failed login); errors are marked aria-invalid and
 * are alerts (read out as they appear); required fields say so (aria-required). And the audio
 * captcha's answer when no speech synthesizer is there: a message, and the image still works.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { registerAccount } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { fieldError, selectOption } from './account-helpers.ts';
import { checkPage, describeFindings, scanAxe } from './page-checks.ts';
import { browserSuiteForFile, button, captchaAnswer } from './support.ts';

const suite = browserSuiteForFile();

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Every id named by an aria-describedby (or aria-labelledby) on the page that no element has. */
function danglingReferences(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap((element) =>
      ['aria-describedby', 'aria-labelledby'].flatMap((attribute) =>
        (element.getAttribute(attribute) ?? '')
          .split(/\s+/)
          .filter((id) => id && !document.getElementById(id))
          .map((id) => `${element.tagName.toLowerCase()}#${element.id} ${attribute}=${id}`),
      ),
    ),
  );
}

/** The text an input's aria-describedby points at. */
const description = (input: Locator) =>
  input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/**
 * axe-core's rules about forms and ARIA references. The whole page's scan (contrast, links…) is
 * page-checks.ts's and the pages' owners' business; these are the forms'.
 */
const FORM_RULES = new Set([
  'aria-valid-attr-value',
  'aria-allowed-attr',
  'aria-required-attr',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'label',
  'select-name',
  'form-field-multiple-labels',
  'duplicate-id',
  'duplicate-id-aria',
  'button-name',
  'nested-interactive',
]);

/** No horizontal scrolling nor one-character lines (checkPage), and no axe finding about the form. */
async function checkForm(page: Page, name: string): Promise<void> {
  await checkPage(page, name, { axe: false });
  const findings = (await scanAxe(page)).filter((finding) => FORM_RULES.has(finding.id));
  assert.deepEqual(findings, [], `${name}: axe-core on the form:\n${describeFindings(findings)}`);
}

/** The roles of the elements an input's aria-describedby points at. */
const describedByRoles = (input: Locator) =>
  input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.getAttribute('role') ?? ''),
  );

describe('accessible forms', () => {
  for (const viewport of VIEWPORTS) {
    test(`login at ${viewport.width}px: focus on the first field in error, messages tied to their fields and read out`, async () => {
      const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('a11y') });
      const page = await suite.newPage();
      await page.setViewportSize(viewport);
      await page.goto('/login');
      const loginName = page.getByLabel('登录名', { exact: true });
      const password = page.getByLabel('登录密码', { exact: true });
      const captcha = page.getByLabel('验证码', { exact: true });
      await page.locator('img[data-captcha-id]').waitFor();

      for (const field of [loginName, password, captcha]) assert.equal(await field.getAttribute('aria-required'), 'true', 'required for assistive technology');

      // Everything empty: the first field gets the focus, each says why.
      await button(page, '用户登录').click();
      await fieldError(page, '请输入登录名').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      assert.ok(await isFocused(loginName), 'the focus moved to 登录名');
      for (const [field, message] of [
        [loginName, '请输入登录名'],
        [password, '请输入密码'],
        [captcha, '请输入验证码'],
      ] as const) {
        assert.equal(await field.getAttribute('aria-invalid'), 'true');
        assert.match(await description(field), new RegExp(message));
      }
      assert.deepEqual(await danglingReferences(page), []);
      // Each message block is an alert, so screen readers say it as it appears; its text is there once.
      for (const field of [loginName, password, captcha]) assert.ok((await describedByRoles(field)).includes('alert'), 'the message is an alert');
      assert.equal(await page.getByText('请输入登录名', { exact: true }).count(), 1);
      await checkForm(page, `login-errors-${viewport.width}`);

      // A failed login (wrong captcha): the captcha is renewed and nothing points at nothing.
      await loginName.fill(account.body.loginName);
      await password.fill(account.body.password);
      await captcha.fill('zzzz');
      await button(page, '用户登录').click();
      await page.getByRole('alert').filter({ hasText: '验证码错误' }).first().waitFor();
      assert.deepEqual(await danglingReferences(page), [], 'after a failed login');

      // Sent again without the new captcha: the focus goes to it, its message is tied to it.
      await button(page, '用户登录').click();
      await fieldError(page, '请输入验证码').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      assert.ok(await isFocused(captcha), 'the focus moved to 验证码');
      assert.match(await description(captcha), /请输入验证码/);
      assert.deepEqual(await danglingReferences(page), [], 'the captcha field points at its own message');
      await checkForm(page, `login-captcha-error-${viewport.width}`);

      // The next try with the right answer logs in.
      await captcha.fill(await captchaAnswer(page, suite.baseUrl));
      await button(page, '用户登录').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.context().close();
    });
  }

  test('registration: an empty submit focuses the first field; the fields beside buttons point at their own messages', async () => {
    const page = await suite.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/register/natural');
    const submit = page.getByRole('button', { name: '注册账号' });
    await submit.waitFor();
    await submit.click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    const first = await page.evaluate(() => {
      const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
      return { focusedIsFirst: invalid[0] === document.activeElement, count: invalid.length };
    });
    assert.ok(first.count > 3, `${first.count} fields in error`);
    assert.ok(first.focusedIsFirst, 'the focus is on the first field in error');
    assert.deepEqual(await danglingReferences(page), []);
    await checkForm(page, 'register-natural-errors-1366');
    // 登录名 (with 检查是否可用 beside it) and 验证码 (with 获取短信验证码) carry their messages.
    for (const label of ['登录名', '验证码']) {
      const field = page.getByLabel(label, { exact: true });
      assert.equal(await field.getAttribute('aria-invalid'), 'true', label);
      assert.equal(await field.getAttribute('aria-required'), 'true', label);
      assert.notEqual((await description(field)).trim(), '', `${label} is described by its message`);
    }

    // The agreement's checkbox is required too (its rule is a validator antd cannot see as required).
    const agreement = page.getByRole('checkbox', { name: /我已阅读并同意/ });
    assert.equal(await agreement.getAttribute('aria-required'), 'true');
    assert.equal(await agreement.getAttribute('aria-invalid'), 'true');

    // 证件有效期: two dates under one label; the start date, required for an ID card, is described by its message.
    await page.getByRole('radiogroup', { name: '身份类型' }).getByText('中华人民共和国大陆地区', { exact: true }).click();
    await selectOption(page, '证件类型', '居民身份证');
    await submit.click();
    const validFrom = page.getByLabel('证件有效期起始日期', { exact: true });
    await page.locator('.ant-form-item-explain-error', { hasText: '起始' }).first().waitFor();
    assert.match(await description(validFrom), /起始/);
    assert.deepEqual(await danglingReferences(page), []);
    await page.context().close();
  });

  test('without a speech synthesizer, 听语音验证码 says so and the image captcha still logs in', async () => {
    const account = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('noaudio') });
    const page = await suite.newPage();
    await page.goto('/login');
    await page.locator('img[data-captcha-id]').waitFor();
    process.env.CAPTCHA_AUDIO_ESPEAK = '/nonexistent/espeak-ng';
    try {
      await page.getByRole('button', { name: '听语音验证码', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '语音验证码暂时无法使用，请稍后再试' }).waitFor();
    } finally {
      delete process.env.CAPTCHA_AUDIO_ESPEAK;
    }
    assert.equal(await page.locator('audio').count(), 0);
    await page.getByLabel('登录名', { exact: true }).fill(account.body.loginName);
    await page.getByLabel('登录密码', { exact: true }).fill(account.body.password);
    await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, suite.baseUrl));
    await button(page, '用户登录').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.context().close();
  });
});
