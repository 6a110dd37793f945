import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Config } from '../../src/platform/config.ts';
import type { ApiClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Debian's Chromium quiet on a machine without outside network. */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface PageOptions {
  /** Log the page in with this client's session cookies (an account logged in through the API). */
  session?: ApiClient;
  /** The page's language; the portal starts in Chinese. */
  lang?: 'zh' | 'en';
}

export interface BrowserSuite extends TestPlatform {
  browser: Browser;
  /** A page in a fresh browser context (its own cookies and storage). */
  newPage(options?: PageOptions): Promise<Page>;
}

/**
 * The platform serving the built portal (dist/web, or E2E_WEB_DIST_DIR: a build of one's own
 * while another build is under way), and a Chromium to drive it.
 */
export async function startBrowserSuite(overrides: Partial<Config> = {}): Promise<BrowserSuite> {
  const platform = await startTestPlatform({ webDistDir: path.resolve(process.env.E2E_WEB_DIST_DIR ?? 'dist/web'), ...overrides });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    ...platform,
    browser,
    async newPage({ session, lang = 'zh' }: PageOptions = {}) {
      const context = await browser.newContext({ baseURL: platform.baseUrl, locale: 'zh-CN' });
      if (session) await context.addCookies([...session.cookies].map(([name, value]) => ({ name, value, url: platform.baseUrl })));
      if (lang === 'en') await context.addInitScript(() => localStorage.setItem('lang', 'en'));
      const page = await context.newPage();
      // Generous: CI machines have two cores shared by the server, PGlite and Chromium.
      page.setDefaultTimeout(30_000);
      return page;
    },
    async close() {
      await browser.close();
      await platform.close();
    },
  };
}

/**
 * The browser suite of one test file: started before its first test, closed after its
 * last. The object returned is filled in by the `before` hook: read it inside tests only.
 */
export function browserSuiteForFile(overrides: Partial<Config> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  before(async () => {
    Object.assign(suite, await startBrowserSuite(overrides));
  });
  after(async () => {
    await suite.close?.();
  });
  return suite;
}

/**
 * A button by its exact text. Exact on purpose: an antd loading icon left behind after a request
 * would make the name "loading 提交" (web/src/lib/button-config.tsx) and fail the lookup.
 */
export const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: text, exact: true });

/**
 * A dialog's button clicked once the dialog has finished zooming in, as a person would: a click
 * while antd's zoom-in runs can land beside the still-growing button and be lost.
 */
export async function clickInDialog(dialog: Locator, name: string): Promise<void> {
  const settled = dialog.page().locator('.ant-modal:not([class*="-appear"]):not([class*="-enter"])');
  await dialog.and(settled).waitFor();
  await button(dialog, name).click();
}

/** Reads the answer of the captcha shown on the page (the image carries its id) from the development endpoint. */
export async function captchaAnswer(page: Page, baseUrl: string): Promise<string> {
  const image = page.locator('[data-captcha-id]').first();
  await image.waitFor();
  const id = await image.getAttribute('data-captcha-id');
  const response = await fetch(`${baseUrl}/dev/captcha/${id}`);
  const body = (await response.json()) as { answer: string };
  return body.answer;
}

/** The latest SMS code sent to a phone, from the development outbox. */
export async function latestSmsCode(baseUrl: string, mobile: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${baseUrl}/dev/outbox.json?phone=${mobile}`);
    const body = (await response.json()) as { messages: { text: string }[] };
    const match = body.messages[0]?.text.match(/(\d{6})/);
    if (match) return match[1] as string;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no SMS code sent to ${mobile}`);
}
