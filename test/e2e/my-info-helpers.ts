/** Shared steps of the 我的信息 browser tests. */
import type { Locator, Page } from 'playwright-core';
import type { ApiClient } from '../support/client.ts';
import { clickInDialog, type BrowserSuite } from './support.ts';

/** A browser page logged in with the client's session, on 在线办事 → 我的信息. */
export async function openMyInfo(suite: BrowserSuite, client: ApiClient, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const page = await suite.newPage({ session: client, lang });
  await page.goto('/online/my-info');
  return page;
}

/** The value cell beside a label of the view table. */
export const viewValue = (page: Page, label: string) => page.locator(`xpath=//th[normalize-space(.)="${label}"]/following-sibling::td[1]`);

/**
 * Opens the select labelled `label`, picks the option titled exactly `option`, and waits until
 * the select shows it. On a loaded machine a click can land while the dropdown is still
 * opening; the pick is then made again (three tries), and the test still checks what was saved.
 */
export async function choose(page: Page, label: string, option: string) {
  const input = page.getByLabel(label, { exact: true });
  const select = input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
    try {
      await select.getByText(option, { exact: true }).waitFor({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** The success sentences of a save (foreigner quickstart 4.1.2; src/accounts/save-outcome.ts). */
export const SAVED = {
  naturalPerson: '自然人用户修改个人信息成功。',
  organizationBasic: '法人用户修改法人信息成功。',
  primaryAgent: '法人用户修改主代办人信息成功。',
} as const;

/** The dialog a save of 我的信息 answers with, found by its success sentence (and any other text it must hold). */
export async function saveDialog(page: Page, sentence: string, ...texts: string[]): Promise<Locator> {
  let dialog = page.getByRole('dialog').filter({ hasText: sentence });
  for (const text of texts) dialog = dialog.filter({ hasText: text });
  await dialog.waitFor();
  return dialog;
}

/** Waits for the save's dialog and closes it with 确定. */
export async function acknowledgeSave(page: Page, sentence: string, ...texts: string[]): Promise<void> {
  const dialog = await saveDialog(page, sentence, ...texts);
  await clickInDialog(dialog, '确定');
  await dialog.waitFor({ state: 'hidden' });
}
