/** Shared steps of the 我的信息 browser tests. */
import type { Page } from 'playwright-core';
import type { ApiClient } from '../support/client.ts';
import type { BrowserSuite } from './support.ts';

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
