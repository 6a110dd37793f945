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

/** Opens the select labelled `label` and picks the option titled exactly `option`. */
export async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}
