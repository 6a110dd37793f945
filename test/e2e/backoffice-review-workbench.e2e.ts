/**
 * The review page as a reviewer works it all day (issue 18.3), at desktop and phone width: a
 * case rejected with a preset reason (常用原因); the person resubmits new scans; the new case
 * shows the history (the earlier rejection, its reason and reviewer); the shortcut N opens it
 * from the decided one; a scan opens large with zoom, rotate and both sides side by side; the
 * shortcut A asks 确认审核通过？ like the button, where 取消 decides nothing and 确定 approves.
 * Admins keep the presets at /admin/review-reasons.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../support/images.ts';
import { createStaff } from '../support/staff.ts';
import { approvalConfirmation, expectDecided, openScanLarge, rejectWithPreset, staffLogin } from './backoffice-helpers.ts';
import { submitScansThroughApi } from './materials-helpers.ts';
import { browserSuiteForFile, button, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone (390 px)', width: 390, height: 844 },
];

const PRESET = '证件信息与填写信息不一致';

async function reviewStatus(id: string): Promise<string> {
  const [row] = await suite.platform.db.query<{ status: string }>('select status from reviews where id = $1', [id]);
  return row!.status;
}

async function openCase(page: Page, id: string) {
  await page.goto(`/admin/reviews/${id}`);
  await page.getByRole('figure', { name: '注册人身份证正面' }).waitFor();
}

describe('后台管理系统: the review page (issue 18.3)', () => {
  for (const size of SIZES) {
    test(`${size.name}: reject with a preset, resubmission shows the history, N opens it, scans large, A asks for confirmation`, async () => {
      const person = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('wb') });
      const firstId = await submitScansThroughApi(person.client);
      const reviewer = await createStaff(suite.platform, ['reviewer'], '审核员甲');
      const page = await staffLogin(suite, reviewer);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.waitForURL('**/admin/reviews');

      // A first submission: no history yet; rejected with a preset only.
      await openCase(page, firstId);
      const history = page.getByRole('region', { name: '审核历史' });
      await history.getByText('无更早的提交').waitFor();
      await rejectWithPreset(page, PRESET);
      await expectDecided(page);
      assert.equal(await reviewStatus(firstId), 'rejected');
      const status = (await person.client.get('/api/me/profile')).body.verification.natural_person;
      assert.equal(status.reason.detail, PRESET, 'the user reads the preset’s words');

      // New scans (the sides swapped in format), a new case; its page lists the rejection.
      const secondId = await submitScansThroughApi(person.client, PNG_1X1, JPEG_1X1);
      // From the decided case, the shortcut N opens the next waiting one: the new submission.
      await page.goto(`/admin/reviews/${firstId}`);
      await page.getByText('审核已结束，提交的材料不再可查看。').waitFor();
      await page.keyboard.press('n');
      await page.waitForURL(new RegExp(`/admin/reviews/${secondId}$`));
      await page.getByRole('figure', { name: '注册人身份证正面' }).waitFor();
      const earlier = history.getByRole('article');
      await earlier.getByText(PRESET, { exact: true }).waitFor();
      assert.equal(await earlier.count(), 1);
      const text = await earlier.innerText();
      assert.match(text, /审核不通过/);
      assert.match(text, /审核员甲/);

      // 查看大图: the scan fills the viewer, larger than its thumbnail; zoom and rotate; both sides.
      const thumbnail = await page.getByRole('figure', { name: '注册人身份证正面' }).getByRole('img').boundingBox();
      const { viewer, image } = await openScanLarge(page, '注册人身份证正面');
      const large = await image.boundingBox();
      assert.ok(large && thumbnail && large.width > thumbnail.width && large.height > thumbnail.height, `large ${JSON.stringify(large)} vs ${JSON.stringify(thumbnail)}`);
      const pane = viewer.getByRole('group', { name: '注册人身份证正面' });
      await pane.getByRole('button', { name: '放大', exact: true }).click();
      assert.equal(await image.getAttribute('data-zoom'), '1.25');
      const zoomed = await image.boundingBox();
      assert.ok(zoomed && zoomed.width > large.width * 1.2, 'zoomed in');
      await pane.getByRole('button', { name: '向右旋转', exact: true }).click();
      assert.equal(await image.getAttribute('data-rotation'), '90');
      assert.match(await image.evaluate((img) => getComputedStyle(img).transform), /^matrix\(/, 'turned on screen');
      await viewer.getByText('两面并排', { exact: true }).click();
      await viewer.getByRole('group', { name: '注册人身份证反面' }).getByRole('img', { name: '注册人身份证反面' }).waitFor();
      assert.equal(await viewer.getByRole('group').count(), 2, 'front and back side by side');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'hidden' });

      // The shortcut A asks like the button: 取消 decides nothing.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('a');
      const confirmation = await approvalConfirmation(page);
      await clickInDialog(confirmation, '取消');
      await confirmation.waitFor({ state: 'hidden' });
      assert.equal(await reviewStatus(secondId), 'open', '取消 decides nothing');

      // 审核通过, then 确定: approved.
      await page.getByRole('button', { name: '审核通过', exact: true }).click();
      await clickInDialog(await approvalConfirmation(page), '确定');
      await expectDecided(page);
      assert.equal(await reviewStatus(secondId), 'approved');
      assert.equal((await person.client.get('/api/me/profile')).body.verification.natural_person.label, '科技部平台人工审核通过');
      await page.context().close();
    });
  }
});

describe('后台管理系统: 常用不通过原因 (admins)', () => {
  SIZES.forEach((size, index) => {
    test(`${size.name}: an admin adds, changes and deletes a preset; an empty or repeated one is refused`, async () => {
      const admin = await createStaff(suite.platform, ['admin'], '管理员丁');
      const page = await staffLogin(suite, admin);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.getByText('管理员丁').waitFor();
      await page.goto('/admin/review-reasons');
      const list = page.locator('section[aria-label="原因列表"][aria-busy="false"]');
      await list.getByRole('row').filter({ hasText: '证件已过期' }).waitFor();
      const add = page.locator('form#add-reason');

      await button(add, '添加').click();
      await add.getByText('请填写常用原因，最多100个字').waitFor();
      await add.getByLabel('原因', { exact: true }).fill('证件已过期');
      await button(add, '添加').click();
      await page.getByRole('alert').filter({ hasText: '该常用原因已存在' }).waitFor();

      const text = `证件正反面上传颠倒${index}`;
      await add.getByLabel('原因', { exact: true }).fill(text);
      await add.getByLabel('排序号', { exact: true }).fill('1');
      await button(add, '添加').click();
      await list.getByRole('row').filter({ hasText: text }).waitFor();
      assert.equal(await add.getByLabel('原因', { exact: true }).inputValue(), '', 'the form is ready for the next one');

      await page.getByRole('button', { name: `修改：${text}`, exact: true }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '修改常用原因' });
      await dialog.getByLabel('原因', { exact: true }).fill(`${text}，请按提示重新上传`);
      await clickInDialog(dialog, '保存');
      await list.getByRole('row').filter({ hasText: `${text}，请按提示重新上传` }).waitFor();
      const [stored] = await suite.platform.db.query<{ n: number }>('select count(*)::int as n from review_reasons where text = $1', [`${text}，请按提示重新上传`]);
      assert.equal(stored!.n, 1);

      await page.getByRole('button', { name: `删除：${text}，请按提示重新上传`, exact: true }).click();
      await page.getByRole('tooltip').getByRole('button', { name: '确定', exact: true }).click();
      await list.getByRole('row').filter({ hasText: text }).waitFor({ state: 'detached' });
      const [left] = await suite.platform.db.query<{ n: number }>('select count(*)::int as n from review_reasons where text like $1', [`${text}%`]);
      assert.equal(left!.n, 0);
      await page.context().close();
    });
  });
});
