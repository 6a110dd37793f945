/**
 * The frames of the portal and the back office (issues 23.1, 23.2, 23.5 and 17.1): the skip
 * link as the first tab stop, one `main`, the title per page, `lang` from the first render,
 * the language and 大字版 switches as one tab stop each (remembered), a visible focus ring,
 * the phone header with its menu drawer, and pages usable at 200 % zoom.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { createStaff } from '../support/staff.ts';
import { staffLogin } from './backoffice-helpers.ts';
import { checkPage, horizontalOverflow } from './page-checks.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

/** The element focused now, as tag, text or label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), id: el?.id ?? '', text: (el?.innerText ?? '').trim(), label: el?.getAttribute('aria-label') ?? '' };
  });

describe('portal frame', () => {
  test('the skip link is the first tab stop and moves focus to the one main landmark', async () => {
    const page = await suite.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.locator('main').count(), 1, 'one main landmark');
    await page.keyboard.press('Tab');
    assert.deepEqual((await focused(page)).text, '跳到主要内容');
    assert.ok(await page.getByRole('link', { name: '跳到主要内容' }).isVisible(), 'shown when focused');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).tag, 'main');
    // The next tab stop is inside the page, not the header's.
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('main')), 'the next tab stop is in main');
    await page.context().close();
  });

  test('a title per page, lang from the first render, the language switch one tab stop and remembered', async () => {
    const page = await suite.newPage({ lang: 'en', viewport: { width: 1366, height: 768 } });
    await page.goto('/register');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.title(), / - MOST Government Service Platform$/);
    // The site's name is a link home, not a heading competing with the page's h1.
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    assert.equal(await page.locator('header').getByRole('heading').count(), 0, 'no heading in the header');

    const toChinese = page.getByRole('button', { name: '中文', exact: true });
    await toChinese.focus();
    await page.keyboard.press('Tab');
    assert.notEqual((await focused(page)).text, 'English', 'the switch is one tab stop, not two radios');
    await toChinese.click();
    await page.getByRole('button', { name: 'English', exact: true }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.match(await page.title(), / - 科学技术部政务服务平台$/);
    await page.context().close();

    // Chosen in a fresh window, remembered across a reload.
    const zh = await suite.newPage({ viewport: { width: 1366, height: 768 } });
    await zh.goto('/register');
    await zh.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await zh.evaluate(() => document.documentElement.lang), 'zh-CN');
    await zh.getByRole('button', { name: 'English', exact: true }).click();
    await zh.getByRole('button', { name: '中文', exact: true }).waitFor();
    assert.equal(await zh.evaluate(() => document.documentElement.lang), 'en');
    await zh.reload();
    await zh.getByRole('button', { name: '中文', exact: true }).waitFor();
    assert.equal(await zh.evaluate(() => document.documentElement.lang), 'en', 'remembered');
    await zh.context().close();
  });

  test('大字版 is one toggle with aria-pressed that scales the page and is remembered', async () => {
    const page = await suite.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto('/login');
    const toggle = page.getByRole('button', { name: '大字版', exact: true });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const size = () => page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main .ant-form-item-label label, main p, main') as Element).fontSize));
    const [before, bodyBefore] = [await size(), await bodySize()];
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok((await size()) > before, 'the heading grows');
    assert.ok((await bodySize()) > bodyBefore, 'the text grows');
    await page.reload();
    assert.equal(await page.getByRole('button', { name: '大字版', exact: true }).getAttribute('aria-pressed'), 'true', 'remembered');
    await page.getByRole('button', { name: '大字版', exact: true }).click();
    assert.equal(await page.evaluate(() => localStorage.getItem('textSize')), null);
    await page.context().close();
  });

  test('focus is shown with a 2 px ring on links, buttons and text inputs', async () => {
    const page = await suite.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        // A text input inside antd's wrapper: the wrapper carries the ring.
        const box = (el.closest('.ant-input-affix-wrapper') as HTMLElement | null) ?? el;
        const style = getComputedStyle(box);
        return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor };
      });
    await page.keyboard.press('Tab'); // skip link
    let seen = 0;
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const r = await ring();
      const what = await focused(page);
      assert.ok(r.width >= 2 && r.style !== 'none', `focus ring on ${JSON.stringify(what)}: ${JSON.stringify(r)}`);
      seen++;
    }
    assert.equal(seen, 14);
    await page.getByLabel('登录名', { exact: true }).first().focus();
    const input = await ring();
    assert.ok(input.width >= 2, `a text input is ringed, not only its border: ${JSON.stringify(input)}`);
    await page.context().close();
  });

  test('at 390 px: a compact header, the navigation in a drawer opened by a named menu button, the user line whole', async () => {
    const { client, body } = await registerAndLogIn(suite.baseUrl, 'natural');
    const page = await suite.newPage({ session: client, viewport: { width: 390, height: 844 } });
    await page.goto('/online/follows');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: '主导航' }).count(), 0, 'no navigation links hidden in the tab order');
    const userLine = page.locator('header').getByText(`当前用户：${body.name ?? ''}`.replace(/：$/, '：'), { exact: false });
    await userLine.first().waitFor();
    const cut = await userLine.first().evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth);
    assert.equal(cut, false, 'the user line is not cut');
    const menuButton = page.getByRole('button', { name: '打开导航菜单' });
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'false');
    await menuButton.click();
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '服务事项' }).waitFor();
    await nav.getByRole('button', { name: '退出登录' }).waitFor();
    await nav.getByRole('link', { name: '服务事项' }).click();
    await page.waitForURL(/\/services$/);
    await nav.waitFor({ state: 'detached' });
    // 在线办事's menu folds into a button above the page.
    await page.goto('/online/follows');
    const online = page.getByRole('navigation', { name: '在线办事' });
    const fold = online.getByRole('button', { name: /在线办事/ });
    assert.equal(await fold.getAttribute('aria-expanded'), 'false');
    assert.equal(await online.getByRole('link').count(), 0, 'folded links are out of the tab order');
    await fold.click();
    await online.getByRole('link', { name: '我的信息' }).click();
    await page.waitForURL(/\/online\/my-info$/);
    assert.equal(await page.locator('main').count(), 1, 'one main landmark on 在线办事 pages');
    assert.equal(await horizontalOverflow(page), null);
    await page.context().close();
  });

  test('at 200 % zoom (683 × 384) and in 大字版 the portal pages do not scroll sideways', async () => {
    const page = await suite.newPage({ viewport: { width: 683, height: 384 }, largeText: true });
    for (const path of ['/', '/login', '/register', '/register/natural', '/password/recover', '/account-lookup', '/services']) {
      await page.goto(path);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('button', { name: '大字版', exact: true }).getAttribute('aria-pressed'), 'true');
      const overflow = await horizontalOverflow(page);
      assert.equal(overflow, null, `${path}: ${JSON.stringify(overflow)}`);
    }
    await page.context().close();
  });
});

describe('back-office frame', () => {
  test('skip link, one main, a heading and a title per page; the menu folds; no sideways scrolling at 768 px', async () => {
    const staff = await createStaff(suite.platform, ['reviewer', 'operator', 'admin'], '管理员');
    const page = await staffLogin(suite, staff);
    await page.setViewportSize({ width: 768, height: 1024 });
    const menu = page.getByRole('navigation', { name: '后台菜单' });
    await menu.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    assert.equal(await page.title(), '审计日志 - 科学技术部政务服务平台');
    assert.equal(await page.locator('main').count(), 1);
    assert.equal(await horizontalOverflow(page), null);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, '跳到主要内容');
    const fold = page.getByRole('button', { name: '收起菜单' });
    assert.equal(await fold.getAttribute('aria-expanded'), 'true');
    await fold.click();
    assert.equal(await menu.count(), 0, 'a folded menu leaves the tab order');
    await page.getByRole('button', { name: '展开菜单' }).click();
    await menu.getByRole('link', { name: '工作人员管理' }).click();
    await page.getByRole('heading', { level: 1, name: '工作人员管理' }).waitFor();

    // A table wider than a phone scrolls in its own box, which the keyboard can reach.
    await page.setViewportSize({ width: 390, height: 844 });
    await menu.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    await page.locator('main .ant-table-row').first().waitFor();
    await page.waitForTimeout(300);
    const boxes = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('main .ant-table-content, main .ant-table-body'))
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .map((box) => ({ tabIndex: box.tabIndex, name: box.getAttribute('aria-label'), focusableInside: !!box.querySelector('a[href], button, input') })),
    );
    assert.ok(boxes.length > 0, 'the audit table scrolls sideways at 390 px');
    for (const box of boxes) assert.ok(box.focusableInside || (box.tabIndex === 0 && box.name), JSON.stringify(box));
    assert.equal(await horizontalOverflow(page), null, 'the page itself does not scroll sideways');
    await page.context().close();
  });
});

describe('the page checks themselves', () => {
  test('checkPage fails on sideways scrolling, text one character per line and a serious axe finding, and passes a clean page', async () => {
    const page = await suite.newPage({ viewport: { width: 390, height: 844 } });
    await page.setContent(`<!doctype html><html lang="zh-CN"><head><title>检查</title></head><body><main><h1>检查页</h1>
      <p style="width: 1em">张伟</p>
      <div style="width: 600px">宽</div>
      <p style="color: #bbb">浅色文字</p>
    </main></body></html>`);
    await assert.rejects(checkPage(page, 'page-checks-bad'), (error: Error) => {
      assert.match(error.message, /scrolls sideways: document 6\d\dpx wide in a 390px viewport/);
      assert.match(error.message, /text one character per line: "张伟"/);
      assert.match(error.message, /\[serious\] color-contrast/);
      return true;
    });
    await page.setContent(`<!doctype html><html lang="zh-CN"><head><title>检查</title></head><body><main><h1>检查页</h1><p>张伟</p></main></body></html>`);
    const result = await checkPage(page, 'page-checks-good');
    assert.equal(result.overflow, null);
    assert.deepEqual(result.oneCharacterLines, []);
    assert.deepEqual(result.axe.filter((f) => f.impact === 'serious' || f.impact === 'critical'), []);
    await page.context().close();
  });
});
