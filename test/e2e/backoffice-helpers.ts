/** Shared steps of the back-office browser tests (/admin). */
import type { Page } from 'playwright-core';
import { currentTotp, type StaffLogin } from '../support/staff.ts';
import { clickInDialog, type BrowserSuite } from './support.ts';

/** /admin/login typed in as a staff member would, with the code the authenticator app shows now. */
export async function staffLogin(suite: BrowserSuite, staff: StaffLogin, totp = currentTotp(staff.totpSecret)): Promise<Page> {
  const page = await suite.newPage();
  await page.goto('/admin/login');
  await page.getByLabel('登录名', { exact: true }).fill(staff.loginName);
  await page.getByLabel('密码', { exact: true }).fill(staff.password);
  await page.getByLabel('动态验证码', { exact: true }).fill(totp);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  return page;
}

export const sideMenu = (page: Page) => page.getByRole('navigation', { name: '后台菜单' });

/** Retries `check` until it passes (a filtered table replaces its rows some time after the click). */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A queue's table once its answer is in (the detail page before it also has rows). */
export const loadedQueue = (page: Page, listLabel = '审核列表') => page.locator(`section[aria-label="${listLabel}"][aria-busy="false"]`);

/** Finishes a decision: the notice 审核完成, then the queue at `path` again. */
export async function expectDecided(page: Page, path = '/admin/reviews', listLabel = '审核列表') {
  await page.getByText('审核完成', { exact: true }).waitFor();
  await page.waitForURL(new RegExp(`${path}(\\?.*)?$`));
  await loadedQueue(page, listLabel).waitFor();
}

/** Each captioned image of the files panel is shown and really loaded. */
export async function expectImagesLoaded(page: Page, captions: string[]) {
  for (const caption of captions) {
    const image = page.getByRole('figure', { name: caption }).getByRole('img', { name: caption });
    await image.waitFor();
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, await image.elementHandle());
  }
}

/** 审核不通过: the dialog first refuses an empty reason, then takes `reason` with 确定. */
export async function rejectWithReason(page: Page, reason: string) {
  await page.getByRole('button', { name: '审核不通过', exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '不通过原因' });
  await clickInDialog(dialog, '确定');
  await dialog.getByText('请填写审核不通过的原因').waitFor();
  await dialog.getByLabel('不通过原因', { exact: true }).fill(reason);
  await clickInDialog(dialog, '确定');
}

/** 审核不通过 with a ticked 常用原因 (and, when given, words of the reviewer's own), then 确定. */
export async function rejectWithPreset(page: Page, preset: string, words = '') {
  await page.getByRole('button', { name: '审核不通过', exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '不通过原因' });
  await dialog.getByRole('group', { name: '常用原因' }).getByText(preset, { exact: true }).click();
  if (words) await dialog.getByLabel('不通过原因', { exact: true }).fill(words);
  await clickInDialog(dialog, '确定');
}

/** 审核通过 asks 确认审核通过？ first: the confirmation dialog, once it is shown. */
export async function approvalConfirmation(page: Page) {
  const dialog = page.getByRole('dialog').filter({ hasText: '确认审核通过？' });
  await dialog.waitFor();
  return dialog;
}

/** 查看大图 of a scan: the viewer 查看材料 with that scan large, its picture loaded. */
export async function openScanLarge(page: Page, caption: string) {
  await page.getByRole('button', { name: `查看大图：${caption}`, exact: true }).click();
  const viewer = page.getByRole('dialog').filter({ hasText: '查看材料' });
  // Measured once antd's zoom-in is over: while it runs the dialog is scaled down.
  await viewer.and(page.locator('.ant-modal:not([class*="-appear"]):not([class*="-enter"])')).waitFor();
  const image = viewer.getByRole('group', { name: caption }).getByRole('img', { name: caption });
  await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, await image.elementHandle());
  return { viewer, image };
}

/** /admin/reviews searched by 姓名/单位名称 (the box and its 搜索 button): the row of `name` once listed. */
export async function searchQueueByName(page: Page, name: string) {
  await page.goto('/admin/reviews');
  await loadedQueue(page).waitFor();
  await page.getByLabel('姓名/单位名称', { exact: true }).fill(name);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.waitForURL(/[?&]name=/);
  await loadedQueue(page).waitFor();
  const row = loadedQueue(page).getByRole('row').filter({ hasText: name });
  await row.waitFor();
  return row;
}

/** The claim line of a review's page (审核中：<reviewer>). */
export const claimBanner = (page: Page) => page.getByRole('status').filter({ hasText: '审核中：' });
