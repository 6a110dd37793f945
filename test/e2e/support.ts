import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Config } from '../../src/platform/config.ts';
import type { ApiClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { describeFindings, failing, scanAxe, type AxeFinding } from './page-checks.ts';

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
  /** The window's size; Playwright's default is 1280 × 720. */
  viewport?: { width: number; height: number };
  /** Start in 大字版 (the larger-text mode remembered in localStorage). */
  largeText?: boolean;
}

/**
 * The automatic accessibility scan of every page the browser tests visit (issue 23.6):
 * strict fails the test file on a critical or serious axe-core finding, report prints them only,
 * off scans nothing. Default: strict.
 */
export type AxeMode = 'strict' | 'report' | 'off';
export function axeMode(value = process.env.E2E_AXE): AxeMode {
  if (value === undefined || value === '') return 'strict';
  if (value === 'strict' || value === 'report' || value === 'off') return value;
  throw new Error(`E2E_AXE must be strict, report or off, not ${value}`);
}

export interface BrowserSuite extends TestPlatform {
  browser: Browser;
  /** A page in a fresh browser context (its own cookies and storage). */
  newPage(options?: PageOptions): Promise<Page>;
  /** The automatic axe scan's findings so far, by `path@width`. */
  axeFindings(): Map<string, AxeFinding[]>;
  /** Waits for the automatic scans under way. */
  axeSettled(): Promise<void>;
}

/** How long the page must stay on one address before the automatic scan runs. */
const SCAN_DELAY_MS = 800;

/**
 * Scans each distinct path (and window width) the page shows once, shortly after it is reached
 * by a load or a route change of the single-page app.
 */
function watchForScans(page: Page, baseUrl: string, seen: Set<string>, findings: Map<string, AxeFinding[]>, pending: Set<Promise<void>>) {
  const origin = new URL(baseUrl).origin;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (page.isClosed()) return;
    const url = new URL(page.url());
    if (url.origin !== origin || /^\/(api|dev|oidc|cas)(\/|$)/.test(url.pathname)) return;
    const key = `${url.pathname}@${page.viewportSize()?.width ?? 0}`;
    if (seen.has(key)) return;
    seen.add(key);
    const job = (async () => {
      await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
      if (page.isClosed() || new URL(page.url()).pathname !== url.pathname) {
        seen.delete(key);
        return;
      }
      const isHtml = await page.evaluate(() => document.contentType === 'text/html' && !!document.getElementById('root'));
      if (!isHtml) return;
      const found = await scanAxe(page);
      // The test moved on to another page of the app during the scan: what was scanned is partly
      // that page. Scanned again the next time this one is shown.
      if (page.isClosed() || new URL(page.url()).pathname !== url.pathname) seen.delete(key);
      else findings.set(key, found);
    })().catch(() => {
      // The page closed or navigated away mid-scan: it is scanned again the next time it is shown.
      seen.delete(key);
    });
    pending.add(job);
    void job.finally(() => pending.delete(job));
  };
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    clearTimeout(timer);
    timer = setTimeout(run, SCAN_DELAY_MS);
  });
  page.on('close', () => clearTimeout(timer));
}

/** Debian's Chromium, headless, as every browser test drives it. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/**
 * The platform serving the built portal (dist/web, or E2E_WEB_DIST_DIR: a build of one's own
 * while another build is under way), and a Chromium to drive it.
 */
export async function startBrowserSuite(overrides: Partial<Config> = {}): Promise<BrowserSuite> {
  const platform = await startTestPlatform({ webDistDir: path.resolve(process.env.E2E_WEB_DIST_DIR ?? 'dist/web'), ...overrides });
  const browser = await launchChromium();
  const mode = axeMode();
  const scanned = new Set<string>();
  const findings = new Map<string, AxeFinding[]>();
  const pending = new Set<Promise<void>>();
  return {
    ...platform,
    browser,
    async newPage({ session, lang = 'zh', viewport, largeText }: PageOptions = {}) {
      const context = await browser.newContext({ baseURL: platform.baseUrl, locale: 'zh-CN', ...(viewport ? { viewport } : {}) });
      if (session) await context.addCookies([...session.cookies].map(([name, value]) => ({ name, value, url: platform.baseUrl })));
      if (lang === 'en') await context.addInitScript(() => localStorage.setItem('lang', 'en'));
      if (largeText) await context.addInitScript(() => localStorage.setItem('textSize', 'large'));
      const page = await context.newPage();
      // Generous: CI machines have two cores shared by the server, PGlite and Chromium.
      page.setDefaultTimeout(30_000);
      if (mode !== 'off') watchForScans(page, platform.baseUrl, scanned, findings, pending);
      return page;
    },
    axeFindings: () => findings,
    async axeSettled() {
      while (pending.size) await Promise.allSettled([...pending]);
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
    let report: string | undefined;
    if (suite.axeSettled) {
      await suite.axeSettled();
      report = reportAxe(suite.axeFindings());
    }
    await suite.close?.();
    if (report) throw new Error(report);
  });
  return suite;
}

/**
 * Prints the automatic scan's findings of a test file; returns the failure (critical or serious
 * findings under E2E_AXE=strict) for the caller to throw.
 */
function reportAxe(findings: Map<string, AxeFinding[]>): string | undefined {
  const mode = axeMode();
  const bad = [...findings].filter(([, list]) => failing(list).length > 0);
  const lines: string[] = [];
  for (const [key, list] of findings) {
    if (!list.length) continue;
    lines.push(`${key}:\n${describeFindings(list)}`);
  }
  if (lines.length) console.log(`# axe-core scan of ${findings.size} page(s) (E2E_AXE=${mode}):\n${lines.join('\n')}`);
  if (mode === 'strict' && bad.length) return `axe-core: critical or serious findings on ${bad.length} page(s): ${bad.map(([key]) => key).join(', ')}`;
  return undefined;
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
  await dialogSettled(dialog);
  await button(dialog, name).click();
}

/** Waits until the dialog has finished zooming in: a click during antd's zoom-in can miss its target. */
export async function dialogSettled(dialog: Locator): Promise<void> {
  const settled = dialog.page().locator('.ant-modal:not([class*="-appear"]):not([class*="-enter"])');
  await dialog.and(settled).waitFor();
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
