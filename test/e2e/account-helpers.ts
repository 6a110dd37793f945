/** Shared steps of the account browser tests: fields are found by their label text, as a user sees them. */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { Db } from '../../src/platform/db.ts';
import { captchaAnswer, latestSmsCode, type BrowserSuite } from './support.ts';

/** Opens an antd select by its label and picks the option with this text. */
export async function selectOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** Types a date into an antd date picker and commits it. */
export async function fillDate(field: Locator, date: string): Promise<void> {
  await field.click();
  await field.fill(date);
  await field.press('Enter');
}

/** The error shown under a form field. */
export function fieldError(page: Page, text: string): Locator {
  return page.locator('.ant-form-item-explain-error', { hasText: text });
}

/** Asks for the SMS code with the button beside `codeLabel` and types the code from the outbox. */
export async function fillSmsCode(page: Page, baseUrl: string, mobile: string, codeLabel: string): Promise<void> {
  await page.getByRole('button', { name: '获取短信验证码' }).click();
  await page.getByText('验证码已发送至').waitFor();
  await page.getByLabel(codeLabel, { exact: true }).fill(await latestSmsCode(baseUrl, mobile));
}

export interface Person {
  name: string;
  mobile: string;
  documentNumber: string;
}

/**
 * Fills an identity block (居民身份证, valid from 2020-01-01, 长期有效 or an end date):
 * `prefix` is '' on the natural form, 法定代表人 / 主代办人 on the legal one.
 */
export async function fillIdentity(page: Page, prefix: string, person: Person, options: { longTerm?: boolean } = {}): Promise<void> {
  await page.getByRole('radiogroup', { name: `${prefix}身份类型` }).getByText('中华人民共和国大陆地区', { exact: true }).click();
  await selectOption(page, `${prefix}证件类型`, '居民身份证');
  await page.getByLabel(`${prefix}证件号码`, { exact: true }).fill(person.documentNumber);
  await fillDate(page.getByLabel(`${prefix}证件有效期起始日期`, { exact: true }), '2020-01-01');
  if (options.longTerm) await page.getByLabel(`${prefix}长期有效`, { exact: true }).check();
  else await fillDate(page.getByLabel(`${prefix}证件有效期终止日期`, { exact: true }), '2040-01-01');
}

/** 登录名, 登录密码, 密码确认. */
export async function fillAccount(page: Page, loginName: string, password: string): Promise<void> {
  await page.getByLabel('登录名', { exact: true }).fill(loginName);
  await page.getByLabel('登录密码', { exact: true }).fill(password);
  await page.getByLabel('密码确认', { exact: true }).fill(password);
}

/** Logs in through 自然人登录 or 法人登录 on /login, reading the captcha answer from the development endpoint. */
export async function loginThroughUi(page: Page, baseUrl: string, window: '自然人登录' | '法人登录', loginName: string, password: string): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByRole('tab', { name: window }).click();
  await page.getByLabel('登录名', { exact: true }).fill(loginName);
  await page.getByLabel('登录密码', { exact: true }).fill(password);
  await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, baseUrl));
  await page.getByRole('button', { name: '用户登录' }).click();
}

/** Logs out with the header's 退出登录 and checks that 用户登录 is offered again. */
export async function logoutThroughUi(page: Page): Promise<void> {
  await header(page).getByRole('button', { name: '退出登录' }).click();
  await header(page).getByRole('link', { name: '用户登录' }).waitFor();
}

/** The portal's main navigation bar, with the user area at its right. */
export function header(page: Page): Locator {
  return page.getByRole('navigation', { name: '主导航' });
}

/** How many accounts the platform holds: refused registrations must not change it. */
export async function accountCount(db: Db): Promise<number> {
  const rows = await db.query<{ n: number | string }>('select count(*)::int as n from accounts');
  assert.ok(rows[0]);
  return Number(rows[0].n);
}

/** A registration form (/register/natural, /register/legal) on a fresh page, with its 注册账号 and a wait for a field's error. */
export async function openRegistrationForm(suite: BrowserSuite, path: string) {
  const page = await suite.newPage();
  await page.goto(path);
  return {
    page,
    submit: () => page.getByRole('button', { name: '注册账号' }).click(),
    expectError: (text: string) => fieldError(page, text).waitFor(),
  };
}
