/**
 * 账号管理 in a real browser (issue 18.4), at desktop and phone width: a citizen locks their
 * login with five wrong passwords; an operator finds them by login name, sees 已锁定 on the
 * account's page, lifts the lock after confirming, and the citizen logs in at once. The lift is
 * in the audit log.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { registerAccount } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { createStaff } from '../support/staff.ts';
import { sideMenu, staffLogin } from './backoffice-helpers.ts';
import { browserSuiteForFile, button, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

beforeEach(async () => {
  await suite.platform.db.query(`delete from kv where key like 'rl:%'`);
});

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: '390 px', width: 390, height: 844 },
];

/** Five wrong passwords through the API; the growing wait between them skipped as if it had passed. */
async function lockOut(loginName: string) {
  const client = new ApiClient(suite.baseUrl);
  for (let i = 1; i <= 5; i++) {
    const res = await client.login('natural', loginName, `Wrong-${i}-pass`);
    assert.equal(res.body.code, i < 5 ? 'LOGIN_FAILED' : 'LOGIN_LOCKED');
    await suite.platform.db.query(`delete from kv where key like 'loginwait:%'`);
  }
}

describe('账号管理', () => {
  for (const size of WIDTHS) {
    test(`an operator finds a citizen locked out, lifts the lock, and the citizen logs in at once (${size.name})`, async () => {
      const citizen = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('locked') });
      const { loginName, password } = citizen.body as { loginName: string; password: string };
      await lockOut(loginName);
      assert.equal((await new ApiClient(suite.baseUrl).login('natural', loginName, password)).body.code, 'LOGIN_LOCKED');

      const operator = await createStaff(suite.platform, ['operator'], '运营人员');
      const page = await staffLogin(suite, operator);
      await page.setViewportSize(size);
      await sideMenu(page).getByRole('link', { name: '账号管理' }).click();
      await page.waitForURL(/\/admin\/accounts$/);

      await page.getByLabel('查询条件', { exact: true }).fill(loginName.toUpperCase());
      await button(page, '查询').click();
      const list = page.locator('section[aria-label="账号列表"][aria-busy="false"]');
      await list.getByRole('link', { name: loginName }).click();
      await page.waitForURL(new RegExp(`/admin/accounts/${citizen.accountId}$`));

      const details = page.locator('section[aria-label="账号信息"][aria-busy="false"]');
      await details.getByText(/^已锁定/).waitFor();
      await details.getByText('连续登录失败5次').waitFor();
      await button(page, '解除登录锁定').click();
      const dialog = page.getByRole('dialog').filter({ hasText: '确定解除该账号的登录锁定吗？' });
      await clickInDialog(dialog, '确定');
      await page.getByText('已解除登录锁定', { exact: true }).waitFor();
      await page.locator('section[aria-label="账号信息"][aria-busy="false"]').getByText('未锁定', { exact: true }).waitFor();

      const login = await new ApiClient(suite.baseUrl).login('natural', loginName, password);
      assert.equal(login.status, 200, JSON.stringify(login.body));
      const audited = await suite.platform.db.query<{ staff_login_name: string }>(`select staff_login_name from audit_log where action = 'account.unlock' and target_id = $1`, [citizen.accountId]);
      assert.deepEqual(audited.map((r) => r.staff_login_name), [operator.loginName]);
    });

    test(`an operator disables an account with a reason, an admin finds it in the audit log and exports it as CSV (${size.name})`, async () => {
      const citizen = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('disabled') });
      const { loginName, password } = citizen.body as { loginName: string; password: string };
      const operator = await createStaff(suite.platform, ['operator'], '运营人员');
      const page = await staffLogin(suite, operator);
      await page.setViewportSize(size);
      await sideMenu(page).waitFor();
      await page.goto(`/admin/accounts/${citizen.accountId}`);
      await page.locator('section[aria-label="账号信息"][aria-busy="false"]').getByText('正常', { exact: true }).waitFor();

      await button(page, '停用账号').click();
      const dialog = page.getByRole('dialog').filter({ hasText: '停用后该账号将无法登录' });
      await clickInDialog(dialog, '确定');
      await dialog.getByText('请填写原因', { exact: true }).waitFor();
      await dialog.getByLabel('原因', { exact: true }).fill('本人来电要求停用');
      await clickInDialog(dialog, '确定');
      await page.getByText('账号已停用', { exact: true }).waitFor();
      await page.locator('section[aria-label="账号信息"][aria-busy="false"]').getByText('停用', { exact: true }).waitFor();
      await page.locator('section[aria-label="账号信息"][aria-busy="false"]').getByText(/^本人来电要求停用/).waitFor();
      assert.equal((await new ApiClient(suite.baseUrl).login('natural', loginName, password)).body.code, 'ACCOUNT_DISABLED');

      const admin = await createStaff(suite.platform, ['admin'], '平台管理员');
      const audit = await staffLogin(suite, admin);
      await audit.setViewportSize(size);
      await sideMenu(audit).getByRole('link', { name: '审计日志' }).click();
      await audit.waitForURL(/\/admin\/audit$/);
      await audit.getByLabel('对象账号', { exact: true }).fill(loginName);
      await audit.getByLabel('终止日期', { exact: true }).fill('2001-01-01');
      await audit.getByLabel('起始日期', { exact: true }).fill('2001-01-02');
      await button(audit, '查询').click();
      await audit.getByText('终止日期不能早于起始日期').waitFor();
      await audit.getByLabel('终止日期', { exact: true }).fill('');
      await audit.getByLabel('起始日期', { exact: true }).fill('');
      await button(audit, '查询').click();
      const entries = audit.locator('section[aria-label="日志列表"][aria-busy="false"]');
      await entries.getByRole('row').filter({ hasText: '停用账号' }).filter({ hasText: '本人来电要求停用' }).waitFor();
      await entries.getByRole('row').filter({ hasText: '查看账号' }).first().waitFor();

      const [download] = await Promise.all([audit.waitForEvent('download'), audit.getByRole('link', { name: '导出CSV' }).click()]);
      const csv = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
      assert.match(csv, /"account\.disable"/);
      assert.match(csv, /本人来电要求停用/);
      assert.doesNotMatch(csv, /"account\.search"|"staff\.login"/, 'only the filtered account');
    });
  }
});
