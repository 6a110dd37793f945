/**
 * The checks every page of the browser tests goes through (issues 17.1 and 23.6):
 * - no horizontal scrolling (the document no wider than the viewport),
 * - no visible text broken one character per line (`张/伟`, `z/h/a/n/g`),
 * - axe-core's WCAG 2.0/2.1 A and AA rules (GB/T 37668-2019): critical and serious findings fail,
 *   moderate and minor ones are printed,
 * - a screenshot kept under test/e2e/screenshots/<name>-<width>.png (gitignored; CI keeps them).
 *
 * `checkPage` is called explicitly by tests (pages-responsive.e2e.ts); `scanAxe` also runs on its
 * own on every page the browser tests visit (support.ts, E2E_AXE).
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, 'screenshots');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['critical', 'serious']);

let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** CSS selectors of the first few elements, with a piece of their HTML. */
  targets: string[];
  count: number;
}

/** The findings that fail a page: critical and serious. */
export const failing = (findings: readonly AxeFinding[]) => findings.filter((f) => FAILING_IMPACTS.has(f.impact));

export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings.map((f) => `  [${f.impact}] ${f.id}: ${f.help} (${f.count} element(s))\n${f.targets.map((t) => `      ${t}`).join('\n')}`).join('\n');
}

/**
 * Runs axe-core on the page as it is now. Injected through the DevTools protocol (page.evaluate),
 * which the portal's Content-Security-Policy does not apply to, unlike an inline <script>.
 */
export async function scanAxe(page: Page): Promise<AxeFinding[]> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(axeScript());
  return page.evaluate(async (tags) => {
    type Violation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; html: string }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    // Not what a person perceives: popups and dialogs in the middle of an antd motion (fading
    // in or out) have transient colours and positions.
    // Also left out: the 0 × 0 listbox antd's Select renders beside an open dropdown only to carry
    // aria-activedescendant's options (@rc-component/select OptionList); the library gives it no
    // name, and the combobox that owns it is named by its label.
    const context = { exclude: ['[class*="-leave-active"]', '[class*="-appear-active"]', '[class*="-enter-active"]', '.ant-select-dropdown [role="listbox"][style*="height: 0px"]'] };
    // A button's background fading after a click or hover is a CSS transition, not a motion class:
    // wait for the finite animations and transitions running now (spinners never end: 2 s at most).
    const settled = () =>
      Promise.race([
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => {})),
        ),
        new Promise((resolve) => setTimeout(resolve, 2_000)),
      ]);
    const scan = async (runOnly: { type: 'tag' | 'rule'; values: string[] }) => {
      await settled();
      return (await axe.run(context, { runOnly, resultTypes: ['violations'] })).violations;
    };
    // One run at a time: the automatic scan (support.ts) and checkPage may ask at once.
    const queue = window as unknown as { __axeRun?: Promise<unknown> };
    const run = (queue.__axeRun ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        const violations = await scan({ type: 'tag', values: tags });
        if (!violations.some((v) => v.id === 'color-contrast')) return violations;
        // A colour caught mid-change (a transition that started during the scan) is looked at once
        // more after it has had time to end; a contrast that is really too low fails both times.
        await new Promise((resolve) => setTimeout(resolve, 600));
        const again = await scan({ type: 'rule', values: ['color-contrast'] });
        return [...violations.filter((v) => v.id !== 'color-contrast'), ...again];
      });
    queue.__axeRun = run;
    const violations = await run;
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      helpUrl: v.helpUrl,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 140)}`),
    }));
  }, AXE_TAGS);
}

/** Whether the document is wider than the viewport (horizontal scrolling), with the widths. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] } | null> {
  return page.evaluate(() => {
    const scrollWidth = document.documentElement.scrollWidth;
    const innerWidth = window.innerWidth;
    if (scrollWidth <= innerWidth + 1) return null;
    // The elements sticking out on the right, innermost first: where to look.
    const widest: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.right > innerWidth + 1 && rect.width > 0 && ![...el.children].some((c) => c.getBoundingClientRect().right > innerWidth + 1)) {
        widest.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(rect.right)}`);
        if (widest.length >= 5) break;
      }
    }
    return { scrollWidth, innerWidth, widest };
  });
}

/**
 * Visible text nodes of two or more letters or digits whose every rendered line holds a single
 * one of them: a word squeezed into a column one character wide.
 */
export async function oneCharacterLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const word = /[\p{L}\p{N}]/u;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      const letters = [...text].filter((c) => word.test(c)).length;
      if (letters < 2) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('[aria-hidden="true"], script, style, noscript, .skip-link')) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      range.selectNodeContents(node);
      const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (boxes.length < 2) continue;
      // Line by line: the letters whose boxes share a top edge.
      const lines = new Map<number, number>();
      for (let i = 0; i < text.length; i++) {
        if (!word.test(text[i] as string)) continue;
        const end = Math.min(text.length, i + (text.codePointAt(i)! > 0xffff ? 2 : 1));
        range.setStart(node, i);
        range.setEnd(node, end);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) ?? 0) + 1);
      }
      if (lines.size >= 2 && [...lines.values()].every((n) => n <= 1)) {
        found.push(`"${text.trim().slice(0, 30)}" in <${parent.tagName.toLowerCase()} class="${typeof parent.className === 'string' ? parent.className : ''}">`);
      }
    }
    return found;
  });
}

/** The screenshot of the whole page, named after the check and the viewport width. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? (await page.evaluate(() => window.innerWidth));
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\p{L}\p{N}_.-]+/gu, '_')}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Lets requests and antd's motions settle before measuring. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => setTimeout(resolve, 350))));
}

export interface PageCheckResult {
  overflow: Awaited<ReturnType<typeof horizontalOverflow>>;
  oneCharacterLines: string[];
  axe: AxeFinding[];
  screenshot: string;
}

/**
 * All the checks on the page as it is now; throws one error naming every problem found
 * (horizontal overflow, text one character per line, critical or serious axe findings).
 * Moderate and minor axe findings are printed only.
 */
export async function checkPage(page: Page, name: string, options: { axe?: boolean } = {}): Promise<PageCheckResult> {
  await settle(page);
  const result: PageCheckResult = {
    overflow: await horizontalOverflow(page),
    oneCharacterLines: await oneCharacterLines(page),
    axe: options.axe === false ? [] : await scanAxe(page),
    screenshot: await saveScreenshot(page, name),
  };
  const width = page.viewportSize()?.width;
  const problems: string[] = [];
  if (result.overflow) problems.push(`scrolls sideways: document ${result.overflow.scrollWidth}px wide in a ${result.overflow.innerWidth}px viewport; sticking out: ${result.overflow.widest.join(', ')}`);
  if (result.oneCharacterLines.length) problems.push(`text one character per line: ${result.oneCharacterLines.slice(0, 8).join('; ')}`);
  const serious = failing(result.axe);
  if (serious.length) problems.push(`axe-core (${AXE_TAGS.join(', ')}) critical/serious:\n${describeFindings(serious)}`);
  const minor = result.axe.filter((f) => !FAILING_IMPACTS.has(f.impact));
  if (minor.length) console.log(`# axe moderate/minor on ${name} at ${width}px:\n${describeFindings(minor)}`);
  if (problems.length) throw new Error(`${name} at ${width}px (${page.url()}):\n- ${problems.join('\n- ')}\n  screenshot: ${result.screenshot}`);
  return result;
}
