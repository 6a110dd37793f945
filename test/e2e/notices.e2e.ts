/**
 * 通知公告 in a real browser (issue 17 "Done when"): an operator writes a notice in the back office
 * at desktop size, attaches a PDF, publishes it and pins it; a citizen on a phone (390 × 844)
 * finds it on the home page, reads it and downloads the attachment. A body with HTML is refused
 * with its message beside 正文. Every new page passes checkPage at its widths.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createStaff, currentTotp } from '../support/staff.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, button } from './support.ts';

const suite = browserSuiteForFile();
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% 通知附件\n'), Buffer.alloc(300, 0x20), Buffer.from('\n%%EOF\n')]);

beforeEach(async () => {
  await suite.platform.db.query(`delete from kv where key like 'rl:%'`);
});

async function operatorPage(): Promise<Page> {
  const staff = await createStaff(suite.platform, ['operator'], '运营人员');
  const page = await suite.newPage({ viewport: DESKTOP });
  await page.goto('/admin/login');
  await page.getByLabel('登录名', { exact: true }).fill(staff.loginName);
  await page.getByLabel('密码', { exact: true }).fill(staff.password);
  await page.getByLabel('动态验证码', { exact: true }).fill(currentTotp(staff.totpSecret));
  await button(page, '登录').click();
  await page.getByRole('navigation', { name: '后台菜单' }).getByRole('link', { name: '通知公告管理' }).click();
  await page.getByRole('heading', { level: 1, name: '通知公告管理' }).waitFor();
  return page;
}

describe('通知公告', () => {
  test('an operator publishes a notice with an attachment; a citizen reads it on a phone from the home page', async () => {
    const title = `关于平台系统升级维护的通知${Date.now()}`;
    const ops = await operatorPage();
    await checkPage(ops, 'admin-notices');
    await button(ops, '新增通知公告').click();
    await ops.getByRole('heading', { level: 1, name: '新增通知公告' }).waitFor();
    await checkPage(ops, 'admin-notice-new');

    // HTML in the body is refused with its message beside 正文, and nothing is saved.
    await ops.getByLabel('标题', { exact: true }).fill(title);
    await ops.getByLabel('正文', { exact: true }).fill('<script>alert(1)</script>');
    await button(ops, '保存').click();
    await ops.getByText('正文不支持HTML标签').first().waitFor();
    assert.match(ops.url(), /\/admin\/notices\/new$/);

    await ops.getByLabel('正文', { exact: true }).fill('## 维护时间\n\n本周六 **20:00—24:00** 平台升级维护，期间暂停登录。\n\n- 登录暂停\n- 办理入口暂停');
    await ops.getByRole('tab', { name: '预览' }).click();
    await ops.getByRole('heading', { level: 2, name: '维护时间' }).waitFor();
    await ops.getByRole('tab', { name: '编辑' }).click();
    await button(ops, '保存').click();
    await ops.waitForURL(/\/admin\/notices\/[0-9a-f-]{36}$/);
    await ops.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    const state = ops.getByRole('group', { name: '状态' });
    await state.getByText('草稿', { exact: true }).waitFor();

    await ops.locator('input[type=file]').setInputFiles({ name: '维护说明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await ops.getByRole('link', { name: '维护说明.pdf' }).waitFor();
    // A file that is not what its name says is refused with its message.
    await ops.locator('input[type=file]').setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await ops.getByRole('alert').filter({ hasText: '附件须为PDF、图片' }).waitFor();
    assert.equal(await ops.getByRole('link', { name: '伪装.pdf' }).count(), 0);

    await button(ops, '发布').click();
    await state.getByText('已发布', { exact: true }).waitFor();
    await button(ops, '置顶').click();
    await button(ops, '取消置顶').waitFor();
    assert.equal(await ops.getByRole('checkbox', { name: '置顶' }).isChecked(), true, 'the form follows 置顶, so saving keeps it');
    await checkPage(ops, 'admin-notice-edit');

    await button(ops, '返回列表').click();
    const row = ops.getByRole('listitem').filter({ hasText: title });
    await row.getByText('已发布', { exact: true }).waitFor();
    await row.getByText('置顶', { exact: true }).waitFor();

    // The citizen, on a phone: home page → the notice → its attachment.
    const phone = await suite.newPage({ viewport: PHONE });
    await phone.goto('/');
    const notices = phone.getByRole('region', { name: '通知公告' });
    await notices.getByRole('link', { name: title }).waitFor();
    await checkPage(phone, 'home-with-notice');
    await notices.getByRole('link', { name: title }).click();
    await phone.getByRole('heading', { level: 1, name: title }).waitFor();
    await phone.getByRole('heading', { level: 2, name: '维护时间' }).waitFor();
    await phone.getByText('20:00—24:00').waitFor();
    await checkPage(phone, 'notice-detail');
    const detailPath = new URL(phone.url()).pathname;

    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('link', { name: '维护说明.pdf' }).click()]);
    assert.equal(download.suggestedFilename(), '维护说明.pdf');
    assert.ok((await readFile((await download.path())!)).equals(PDF), 'the file downloaded is the one uploaded');

    // The list page, newest / pinned first, at both widths.
    await phone.goto('/notices');
    await phone.getByRole('heading', { level: 1, name: '通知公告' }).waitFor();
    assert.equal(await phone.getByRole('region', { name: '通知公告列表' }).getByRole('link').first().textContent(), title);
    await checkPage(phone, 'notices');
    const desktop = await suite.newPage({ viewport: DESKTOP });
    await desktop.goto('/notices');
    await desktop.getByRole('link', { name: title }).waitFor();
    await checkPage(desktop, 'notices');

    // Withdrawn: gone from the portal, its page says so.
    await row.getByRole('button', { name: `撤回：${title}` }).click();
    await row.getByText('已撤回', { exact: true }).waitFor();
    await phone.goto(detailPath);
    await phone.getByText('未找到该通知公告').waitFor();
  });
});
