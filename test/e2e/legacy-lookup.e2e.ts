/**
 * 账号检索 in a real browser (issue 7; seed: torch guide (一) 1-2 第三种): a Torch company
 * account imported while someone holds its credit code as a personal login name becomes the
 * organisation account HJ_<code>; the user looks it up from the login page, is told to use
 * 法人登录 with HJ_<code>, follows the answer's button to that window with the name filled in,
 * logs in with the old system's password and the stored hash becomes argon2id. A code the old
 * system never had is told to register an organisation account; a wrong captcha is refused.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { csvLine } from '../../src/legacy/csv.ts';
import { importLegacyFile } from '../../src/legacy/import/importer.ts';
import { LOOKUP_LIMITS } from '../../src/legacy/lookup.ts';
import { legacyHash } from '../../src/legacy/password-schemes.ts';
import { headerOf } from '../../src/legacy/sources.ts';
import { registerAccount } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { creditCode, mobile } from '../support/fixtures.ts';
import { fieldError, header, selectOption } from './account-helpers.ts';
import { browserSuiteForFile, button, captchaAnswer } from './support.ts';

const suite = browserSuiteForFile();

/** The Torch Centre password, meeting today's policy: the login lands signed in, no change asked. */
const LEGACY_PASSWORD = 'Huoju@2016kj';

let workDir: string;

const answer = (page: Page) => page.getByRole('region', { name: '检索结果' });

/** Imports one Torch company account (企业账号) as the import command does, from a CSV file. */
async function importTorchCompany(code: string): Promise<void> {
  const salt = `s${code.slice(-6)}`;
  const row = {
    credit_code: code,
    password_hash: legacyHash('md5-salt-suffix', salt, LEGACY_PASSWORD),
    hash_scheme: 'md5-salt-suffix',
    salt,
    organization_name: `火炬检索测试科技有限公司${code.slice(-6)}`,
    contact_name: '王小明',
    contact_mobile: mobile(),
  };
  const columns = headerOf('torch-company');
  const file = path.join(workDir, `${code}.csv`);
  await writeFile(file, csvLine(columns) + csvLine(columns.map((c) => (row as Record<string, string>)[c] ?? '')));
  const summary = await importLegacyFile({ db: suite.platform.db, cipher: suite.platform.cipher }, { source: 'torch-company', file });
  assert.equal(summary.status, 'finished', JSON.stringify(summary));
  assert.equal(summary.counts['torch-company-3'], 1, JSON.stringify(summary.counts));
}

const passwordHashOf = async (loginName: string) =>
  (await suite.platform.db.query<{ password_hash: string }>('select password_hash from accounts where login_name_key = lower($1)', [loginName]))[0]?.password_hash;

/** 原系统, 检索内容 and the captcha (its answer from the development endpoint, or `captcha`), then 检索. */
async function lookUp(page: Page, source: string, query: string, captcha?: string): Promise<void> {
  await selectOption(page, '原系统', source);
  await page.getByLabel('检索内容', { exact: true }).fill(query);
  await page.getByLabel('验证码', { exact: true }).fill(captcha ?? (await captchaAnswer(page, suite.baseUrl)));
  await button(page, '检索').click();
}

describe('账号检索 (legacy account lookup)', () => {
  before(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'legacy-lookup-'));
    // The Torch systems a company import grants (case 4) must exist before any Torch import.
    await seedBusinessSystems(suite.platform);
  });
  after(async () => {
    await rm(workDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'sms%' or key like 'login%'`);
  });

  test('a Torch company account is told HJ_<code> through 法人登录, logs in with its old password and is upgraded to argon2id', async () => {
    const code = creditCode();
    // 第三种: someone registered the company's credit code as a personal login name.
    await registerAccount(suite.baseUrl, 'natural', { loginName: code });
    await importTorchCompany(code);
    const loginName = `HJ_${code}`;
    assert.match((await passwordHashOf(loginName)) ?? '', /^legacy:md5-salt-suffix:/);

    const page = await suite.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: '账号检索' }).last().click();
    await page.waitForURL(/\/account-lookup$/);
    await lookUp(page, '火炬中心企业账号', code);

    await answer(page).waitFor();
    await answer(page).getByText('检索结果：第三种').waitFor();
    assert.equal(await answer(page).locator('.legacy-window').innerText(), '法人登录');
    assert.equal(await answer(page).locator('.legacy-login-name').innerText(), loginName);
    const text = await answer(page).innerText();
    assert.match(text, new RegExp(`即：${loginName}）同时密码不变`));
    assert.match(text, /原因：虽然该企业之前在政务服务平台没有注册过账号/);
    // Nothing of the person holding the code, nor of the company, is shown.
    assert.doesNotMatch(text, /测试用户|火炬检索测试科技有限公司|王小明/);

    await button(answer(page), '前往法人登录').click();
    await page.waitForURL(/\/login\?/);
    assert.equal(await page.getByRole('tab', { name: '法人登录' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByLabel('登录名', { exact: true }).inputValue(), loginName);

    await page.getByLabel('登录密码', { exact: true }).fill(LEGACY_PASSWORD);
    await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, suite.baseUrl));
    await button(page, '用户登录').click();
    await page.waitForURL(/\/online\/my-info$/);
    await header(page).getByText('法人（单位管理员）').waitFor();
    assert.match((await passwordHashOf(loginName)) ?? '', /^\$argon2id\$/);
  });

  test('a credit code the old system never had is told to register an organisation account, in Chinese or English', async () => {
    const page = await suite.newPage();
    await page.goto('/account-lookup');
    await lookUp(page, '火炬中心企业账号', creditCode());

    await answer(page).getByText('检索结果：未注册账号 · 第一种').waitFor();
    assert.equal(await answer(page).locator('.legacy-window').innerText(), '法人登录');
    assert.equal(await answer(page).locator('.legacy-login-name').count(), 0);
    assert.match(await answer(page).innerText(), /未在科技部政务服务平台注册过法人账号，需要在政务平台注册法人单位账号/);

    await page.getByText('English', { exact: true }).click();
    const english = page.getByRole('region', { name: 'Result' });
    await english.getByText('Result: Not registered, case 1').waitFor();
    assert.equal(await english.locator('.legacy-window').innerText(), 'Organisation login');
    await page.getByText('中文', { exact: true }).click();

    await button(answer(page), '单位用户（法人）注册').click();
    await page.waitForURL(/\/register\/legal$/);
  });

  test('a wrong captcha is refused in Chinese, nothing is told, and the next captcha works', async () => {
    const page = await suite.newPage();
    await page.goto('/account-lookup');
    const firstCaptcha = await page.locator('[data-captcha-id]').getAttribute('data-captcha-id');
    await lookUp(page, '火炬中心企业账号', creditCode(), 'wrong');

    await page.getByRole('alert').filter({ hasText: '验证码错误' }).waitFor();
    assert.equal(await answer(page).count(), 0);
    // The server spent that captcha: a new one is shown, its answer field empty.
    await page.locator(`[data-captcha-id]:not([data-captcha-id="${firstCaptcha}"])`).waitFor();
    assert.equal(await page.getByLabel('验证码', { exact: true }).inputValue(), '');

    await page.getByLabel('验证码', { exact: true }).fill(await captchaAnswer(page, suite.baseUrl));
    await button(page, '检索').click();
    await answer(page).getByText('检索结果：未注册账号 · 第一种').waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: '验证码错误' }).count(), 0);
  });

  test('a code looked up too often is refused in Chinese', async () => {
    const code = creditCode();
    const client = new ApiClient(suite.baseUrl);
    for (let i = 0; i < LOOKUP_LIMITS.perQueryPerHour; i++) {
      const res = await client.post('/api/legacy/lookup', { source: 'torch-company', query: code, ...(await client.captcha()) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const page = await suite.newPage();
    await page.goto('/account-lookup');
    await lookUp(page, '火炬中心企业账号', code);
    await page.getByRole('alert').filter({ hasText: '操作过于频繁，请稍后再试。' }).waitFor();
    assert.equal(await answer(page).count(), 0);
  });

  test('the form checks the old system and the search text before sending anything', async () => {
    const page = await suite.newPage();
    let sent = 0;
    page.on('request', (request) => void (request.url().endsWith('/api/legacy/lookup') && sent++));
    await page.goto('/account-lookup');
    await button(page, '检索').click();
    await fieldError(page, '请选择原系统').waitFor();
    await fieldError(page, '请输入检索内容').waitFor();
    // A Torch company is looked up by its credit code: a mobile is refused by the same rule as the server's.
    await lookUp(page, '火炬中心企业账号', '13912345678', 'abcd');
    await fieldError(page, '统一社会信用代码格式不正确').waitFor();
    assert.equal(sent, 0);
  });
});
