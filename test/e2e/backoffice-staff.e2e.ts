/**
 * 工作人员管理 in a real browser (issue 18.5), at desktop and phone width: an admin adds a
 * reviewer (a login name breaking the rule is refused beside its field first), reads the
 * initial password and the TOTP secret shown once beside its QR code; the reviewer logs in with
 * them and a code of that secret, is held on 修改密码 until the initial password is changed,
 * then reaches the review queue.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { RULE_MESSAGES } from '../../src/accounts/rules.ts';
import { createStaff, currentTotp } from '../support/staff.ts';
import { fieldError } from './account-helpers.ts';
import { loadedQueue, sideMenu, staffLogin } from './backoffice-helpers.ts';
import { browserSuiteForFile, button, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

beforeEach(async () => {
  await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'login%'`);
});

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: '390 px', width: 390, height: 844 },
];
const stamp = Date.now().toString(36);

describe('工作人员管理', () => {
  WIDTHS.forEach((size, index) => {
    test(`an admin adds a reviewer, who logs in with the secret shown once and changes the initial password (${size.name})`, async () => {
      const admin = await createStaff(suite.platform, ['admin'], '平台管理员');
      const page = await staffLogin(suite, admin);
      await page.setViewportSize(size);
      await sideMenu(page).getByRole('link', { name: '工作人员管理' }).click();
      await page.waitForURL(/\/admin\/staff$/);
      await page.locator('section[aria-label="工作人员列表"][aria-busy="false"]').waitFor();

      const loginName = `reviewer_${stamp}_${index}`;
      await page.getByLabel('登录名', { exact: true }).fill('bad name!');
      await page.getByLabel('姓名', { exact: true }).fill('李审核');
      await page.getByLabel('审核员', { exact: true }).check();
      await button(page, '新增工作人员').click();
      await fieldError(page, RULE_MESSAGES.LOGIN_NAME_INVALID_CHARS!.zh).waitFor();
      await page.getByLabel('登录名', { exact: true }).fill(loginName);
      await button(page, '新增工作人员').click();

      const dialog = page.getByRole('dialog').filter({ hasText: '工作人员登录信息' });
      await dialog.waitFor();
      await dialog.getByRole('figure', { name: '动态验证码二维码' }).locator('svg').waitFor();
      const totpSecret = (await dialog.getByTestId('staff-totp-secret').innerText()).trim();
      const initialPassword = (await dialog.getByTestId('staff-initial-password').innerText()).trim();
      assert.match(totpSecret, /^[A-Z2-7]{32}$/);
      await clickInDialog(dialog, '我已妥善保存');
      // Closed, the dialog leaves the page: the secret is nowhere in it any more (the list never carries it).
      await page.getByText(totpSecret).waitFor({ state: 'detached' });
      const row = page.getByRole('row').filter({ hasText: loginName });
      await row.getByText('待修改初始密码').waitFor();
      assert.equal(await page.getByText(totpSecret).count(), 0, 'the secret is not shown again');

      // The reviewer, in a browser of their own.
      const reviewer = await suite.newPage();
      await reviewer.setViewportSize(size);
      await reviewer.goto('/admin/login');
      await reviewer.getByLabel('登录名', { exact: true }).fill(loginName);
      await reviewer.getByLabel('密码', { exact: true }).fill(initialPassword);
      await reviewer.getByLabel('动态验证码', { exact: true }).fill(currentTotp(totpSecret));
      await button(reviewer, '登录').click();
      await reviewer.waitForURL(/\/admin\/password$/);
      await reviewer.getByText('您正在使用初始密码，请先修改密码').waitFor();
      // The queue is out of reach until the password is changed.
      await reviewer.goto('/admin/reviews');
      await reviewer.waitForURL(/\/admin\/password$/);

      await reviewer.getByLabel('原密码', { exact: true }).fill('Wrong@2026pass');
      await reviewer.getByLabel('新密码', { exact: true }).fill('Shen@2026he');
      await reviewer.getByLabel('确认新密码', { exact: true }).fill('Shen@2026he');
      await button(reviewer, '确认修改').click();
      await reviewer.getByText('原密码错误').waitFor();
      await reviewer.getByLabel('原密码', { exact: true }).fill(initialPassword);
      await button(reviewer, '确认修改').click();
      await reviewer.waitForURL(/\/admin\/reviews(\?.*)?$/);
      await loadedQueue(reviewer).waitFor();
      assert.equal(await sideMenu(reviewer).getByRole('link', { name: '工作人员管理' }).count(), 0, 'a reviewer has no staff management');

      // The admin's list shows the reviewer at work now.
      await page.reload();
      await page.getByRole('row').filter({ hasText: loginName }).getByText('正常').waitFor();
      await page.context().close();
      await reviewer.context().close();
    });
  });
});
