/**
 * Shared steps of the manual-review browser tests, on the upload pages (上传自然人信息,
 * 上传法人信息, 上传主代办人信息): rows are found by their 文件类型, inputs by their label
 * (上传 + the file type), as a user sees them.
 */
import type { Locator, Page } from 'playwright-core';
import type { ApiClient } from '../support/client.ts';
import { JPEG_1X1, PNG_1X1 } from '../support/images.ts';
import { button, clickInDialog } from './support.ts';

export const SUBMITTED = '用户上传信息提交成功，请耐心等待实名认证信息。';

/** One file to put in a row: its 文件类型 (e.g. 注册人身份证正面) and the bytes the user picks. */
export interface MaterialFile {
  label: string;
  bytes: Buffer;
  /** The name the browser reports (the server never trusts it); scan.jpg unless given. */
  name?: string;
  mimeType?: string;
}

export const jpegScan = (label: string): MaterialFile => ({ label, bytes: JPEG_1X1, name: `${label}.jpg`, mimeType: 'image/jpeg' });
export const pngScan = (label: string): MaterialFile => ({ label, bytes: PNG_1X1, name: `${label}.png`, mimeType: 'image/png' });

/** The rows of the file types: table rows, or list items on a phone (ResponsiveTable). */
const SLOT_ROWS = ':is(tr, li)[data-slot]';

/** The table row (on a phone: list item) of one file type. */
export function materialRow(page: Page, label: string): Locator {
  return page.locator(SLOT_ROWS).filter({ has: page.getByRole('cell', { name: label, exact: true }) });
}

/** From 我的信息 (on the right tab), 上传…信息 opens the upload page titled `title`. */
export async function openUploadPage(page: Page, button: '上传自然人信息' | '上传法人信息' | '上传主代办人信息', title: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('heading', { name: title, exact: true }).waitFor();
  await page.locator(SLOT_ROWS).first().waitFor();
}

/** Picks a file in a row's 上传 input, without waiting for the answer (for refused files). */
export async function chooseFile(page: Page, file: MaterialFile): Promise<void> {
  await page.getByLabel(`上传${file.label}`, { exact: true }).setInputFiles({ name: file.name ?? 'scan.jpg', mimeType: file.mimeType ?? 'image/jpeg', buffer: file.bytes });
}

/** Uploads each file in turn, each done when its row shows a new upload; a refused one fails with the row's message. */
export async function uploadMaterials(page: Page, files: MaterialFile[]): Promise<void> {
  for (const file of files) {
    const row = materialRow(page, file.label);
    const before = (await row.getAttribute('data-upload-id')) ?? '';
    await chooseFile(page, file);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [id, busy] = await Promise.all([row.getAttribute('data-upload-id'), row.getAttribute('aria-busy')]);
      if (id && id !== before) break;
      const problem = row.getByRole('alert');
      if (busy !== 'true' && (await problem.count()) > 0) throw new Error(`${file.label}: upload refused: ${await problem.innerText()}`);
      if (Date.now() > deadline) throw new Error(`${file.label}: upload did not finish`);
      await page.waitForTimeout(50);
    }
    await row.getByRole('button', { name: '预览', exact: true }).waitFor();
  }
}

/** 预览 of a row: the dialog with the uploaded image, once the image has loaded. */
export async function openPreview(page: Page, label: string): Promise<Locator> {
  await materialRow(page, label).getByRole('button', { name: '预览', exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByRole('img', { name: label, exact: true }) });
  await dialog.waitFor();
  return dialog;
}

/** Whether an <img> has loaded and decoded to a real picture. */
export async function imageLoaded(image: Locator): Promise<boolean> {
  await image.waitFor();
  return image.evaluate(async (element) => {
    const img = element as HTMLImageElement;
    if (!img.complete) {
      await new Promise((resolve) => {
        img.addEventListener('load', resolve, { once: true });
        img.addEventListener('error', resolve, { once: true });
      });
    }
    return img.naturalWidth > 0;
  });
}

/** The page's 提交 button. */
export const submitButton = (page: Page) => button(page, '提交');

/** 提交, the confirmation 用户上传信息提交成功… and its 确定, once the dialog has zoomed in (as a person sees it). */
export async function submitMaterials(page: Page): Promise<void> {
  await submitButton(page).click();
  const confirmation = page.getByRole('dialog').filter({ hasText: SUBMITTED });
  await clickInDialog(confirmation, '确定');
  await confirmation.waitFor({ state: 'hidden' });
}

/** 实名认证状态：… at the top right of the visible tab or page. */
export const statusLine = (page: Page) => page.getByRole('status').filter({ hasText: '实名认证状态：' });

/** Waits until the status line shows `label`, and returns its whole text (as written, without layout line breaks). */
export async function expectStatus(page: Page, label: string): Promise<string> {
  await statusLine(page).getByText(label, { exact: true }).waitFor();
  return (await statusLine(page).textContent()) ?? '';
}

/** A person's scans (both sides) uploaded and submitted through the API; the new review's id. */
export async function submitScansThroughApi(client: ApiClient, front = JPEG_1X1, back = PNG_1X1): Promise<string> {
  const base = '/api/me/verification/natural_person/materials';
  for (const [slot, bytes] of [['document_front', front], ['document_back', back]] as const) {
    const res = await client.putBytes(`${base}/${slot}`, bytes, bytes === PNG_1X1 ? 'image/png' : 'image/jpeg');
    if (res.status !== 200) throw new Error(`${slot}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const submitted = await client.post(`${base}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return String(submitted.body.reviewId);
}
