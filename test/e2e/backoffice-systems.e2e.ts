/**
 * 业务系统管理 and 服务事项管理 in a real browser (SPEC §9): an operator, logged in with the
 * authenticator code, registers a business system with an OIDC client, a CAS prefix and an
 * entry address (a bad entry address and a taken key are refused beside their fields), sees
 * the client secret once and finds the system listed; then registers a service item handled in
 * it, which the public 服务事项 page shows with its 办理入口; disabling the system (after confirming)
 * removes the 办理入口, disabling the item removes the item.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemsStore, type NewBusinessSystem } from '../../src/sso/systems-store.ts';
import { createStaff } from '../support/staff.ts';
import { registerTestSystem } from '../support/systems.ts';
import { fieldError, selectOption } from './account-helpers.ts';
import { loadedQueue, sideMenu, staffLogin } from './backoffice-helpers.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';
import { checkPage } from './page-checks.ts';

const suite = browserSuiteForFile();

beforeEach(async () => {
  await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'login%'`);
});

const stamp = Date.now().toString(36);
const SYSTEM = {
  name: `科技成果登记系统${stamp}`,
  key: `achievements-${stamp}`,
  department: '成果转化与区域创新司',
  clientId: `achievements-${stamp}`,
  base: 'http://localhost:4777',
};

/** A system registered earlier whose key the operator tries first. */
async function takenSystem() {
  return registerTestSystem(suite.platform, { key: `taken-${stamp}`, name: '已登记的系统' });
}

/** Client authentication at the introspection endpoint: 200 with the right secret. */
async function clientAuthStatus(clientId: string, secret: string): Promise<number> {
  const response = await fetch(`${suite.baseUrl}/oidc/token/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: 'token=none',
  });
  await response.arrayBuffer();
  return response.status;
}

async function registerSystem(page: Page) {
  const taken = await takenSystem();
  await sideMenu(page).getByRole('link', { name: '业务系统管理' }).click();
  await page.waitForURL(/\/admin\/systems$/);
  await loadedQueue(page, '业务系统列表').waitFor();
  await page.getByRole('button', { name: '新增业务系统' }).click();
  await page.waitForURL(/\/admin\/systems\/new$/);

  await page.getByLabel('系统名称', { exact: true }).fill(SYSTEM.name);
  await page.getByLabel('主管司局', { exact: true }).fill(SYSTEM.department);
  await page.getByLabel('系统标识', { exact: true }).fill(taken.key);
  await page.getByLabel('法人单位', { exact: true }).check();
  await page.getByLabel('法人单位基本信息完整', { exact: true }).check();
  await page.getByLabel('主代办人已实名认证', { exact: true }).check();
  assert.equal(await page.getByLabel('是否需要实名认证', { exact: true }).getAttribute('aria-checked'), 'true');
  // The usual two roles are offered; they stay.
  assert.equal(await page.getByRole('group', { name: '角色1' }).getByLabel('角色名称').inputValue(), '事项办理员');

  await page.getByLabel('使用 OIDC 单点登录', { exact: true }).click();
  await page.getByLabel('OIDC 客户端标识', { exact: true }).fill(SYSTEM.clientId);
  await page.getByLabel('回调地址', { exact: true }).fill(`${SYSTEM.base}/callback`);
  await page.getByLabel('退出后跳转地址', { exact: true }).fill(`${SYSTEM.base}/`);
  await page.getByLabel('后端退出通知地址', { exact: true }).fill(`${SYSTEM.base}/backchannel-logout`);
  await page.getByLabel('使用 CAS 单点登录', { exact: true }).click();
  await page.getByLabel('CAS 服务地址前缀', { exact: true }).fill(`${SYSTEM.base}/cas/`);
  await page.getByLabel('办理入口地址', { exact: true }).fill('https://elsewhere.example.cn/login');

  // Checked before sending: the entry address must be the system's own site.
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await fieldError(page, '办理入口地址须与回调地址或 CAS 服务地址前缀属于同一站点').waitFor();
  await page.getByLabel('办理入口地址', { exact: true }).fill(`${SYSTEM.base}/login`);
  // Refused by the server, shown at its field.
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await fieldError(page, '该系统标识已被其他业务系统使用').waitFor();
  await page.getByLabel('系统标识', { exact: true }).fill(SYSTEM.key);
  await page.getByRole('button', { name: '保存', exact: true }).click();

  const dialog = page.getByRole('dialog').filter({ hasText: 'OIDC 客户端密钥' });
  await dialog.getByText('客户端密钥只显示这一次，关闭后将无法再次查看').waitFor();
  const secret = (await dialog.getByTestId('client-secret').innerText()).trim();
  assert.ok(secret.length >= 43, secret);
  assert.equal(await clientAuthStatus(SYSTEM.clientId, secret), 200, 'the secret shown is the client secret');
  await clickInDialog(dialog, '我已妥善保存');

  await page.waitForURL(/\/admin\/systems$/);
  await loadedQueue(page, '业务系统列表').waitFor();
  const row = page.getByRole('row').filter({ hasText: SYSTEM.name });
  await row.getByText(SYSTEM.key, { exact: true }).waitFor();
  await row.getByText(`${SYSTEM.base}/login`).waitFor();
  assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');
  return secret;
}

async function registerItem(page: Page, code: string, name: string) {
  await sideMenu(page).getByRole('link', { name: '服务事项管理' }).click();
  await page.waitForURL(/\/admin\/service-items$/);
  await loadedQueue(page, '服务事项列表').waitFor();
  await page.getByRole('button', { name: '新增服务事项' }).click();
  await page.waitForURL(/\/admin\/service-items\/new$/);

  await page.getByLabel('事项编码', { exact: true }).fill('12345');
  await page.getByLabel('事项名称', { exact: true }).fill(name);
  await page.getByLabel('主办单位', { exact: true }).fill(SYSTEM.department);
  await page.getByLabel('科技创新与服务', { exact: true }).check();
  await page.getByLabel('法人单位', { exact: true }).check();
  await selectOption(page, '办理系统', SYSTEM.name);
  const first = page.getByRole('group', { name: '第1栏' });
  assert.equal(await first.getByLabel('栏目名称').inputValue(), '服务指南');
  await first.getByLabel('栏目内容').fill('科技成果登记的服务指南。');
  await page.getByRole('button', { name: '添加栏目' }).click();
  const second = page.getByRole('group', { name: '第2栏' });
  await second.getByLabel('栏目名称').fill('联系方式');
  await second.getByLabel('栏目内容').fill('010-88659000');

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await fieldError(page, '事项编码应为12位数字').waitFor();
  await page.getByLabel('事项编码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/\/admin\/service-items$/);
  await loadedQueue(page, '服务事项列表').waitFor();
  await page.getByRole('row').filter({ hasText: code }).getByText(SYSTEM.name).waitFor();
}

describe('业务系统管理 and 服务事项管理', () => {
  test('an operator registers a business system and a service item handled in it; the portal lists the item until it is disabled', async () => {
    const operator = await createStaff(suite.platform, ['operator'], '运维人员');
    const page = await staffLogin(suite, operator);
    await sideMenu(page).getByRole('link', { name: '业务系统管理' }).waitFor();
    assert.equal(await sideMenu(page).getByRole('link', { name: '实名认证审核' }).count(), 0, 'an operator reviews nothing');
    await registerSystem(page);

    const code = `7${String(Date.now() % 1e8).padStart(8, '0')}000`;
    const itemName = `科技成果登记${stamp}`;
    await registerItem(page, code, itemName);

    // The public catalogue (nobody logged in) shows the item with its 办理入口 into the new system.
    const portal = await suite.newPage();
    await portal.goto('/services?category=innovation_services');
    const card = portal.getByRole('article', { name: itemName, exact: true });
    await card.getByText(`事项编码：${code}`).waitFor();
    assert.equal(await card.getByRole('link', { name: '办理入口' }).getAttribute('href'), `/sso/enter/${SYSTEM.key}`);
    await card.getByRole('link', { name: '联系方式', exact: true }).waitFor();

    // 停用 the system after confirming: the item stays, but without its 办理入口.
    await sideMenu(page).getByRole('link', { name: '业务系统管理' }).click();
    await loadedQueue(page, '业务系统列表').waitFor();
    await page.getByRole('button', { name: `停用${SYSTEM.name}` }).click();
    const confirmSystem = page.getByRole('dialog').filter({ hasText: '停用业务系统' });
    await confirmSystem.getByText(`确定停用“${SYSTEM.name}”吗？`).waitFor();
    await clickInDialog(confirmSystem, '确定');
    await page.getByRole('button', { name: `启用${SYSTEM.name}` }).waitFor();
    await portal.reload();
    await card.getByText(`事项编码：${code}`).waitFor();
    assert.equal(await card.getByRole('link', { name: '办理入口' }).count(), 0, 'a disabled system has no entry');

    // 停用 the item after confirming: it leaves the portal.
    await sideMenu(page).getByRole('link', { name: '服务事项管理' }).click();
    await loadedQueue(page, '服务事项列表').waitFor();
    await page.getByRole('button', { name: `停用${itemName}` }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '停用服务事项' });
    await confirm.getByText(`确定停用“${itemName}”吗？`).waitFor();
    await clickInDialog(confirm, '确定');
    await page.getByRole('button', { name: `启用${itemName}` }).waitFor();
    await portal.reload();
    // The only item of the category in this platform's catalogue is gone.
    await portal.getByText('没有找到相关的服务事项').waitFor();
    assert.equal(await portal.getByRole('article', { name: itemName, exact: true }).count(), 0);
  });
});

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 768 },
];

/** A test system registered in the store (overrides on a plain one), opened in the back-office form by an operator at `size`. */
async function openSystemForm(size: (typeof SIZES)[number], key: string, overrides: Partial<NewBusinessSystem>) {
  const registered = await registerTestSystem(suite.platform, { key: `${key}-${size.name}-${stamp}`, name: `${key}系统${size.name}${stamp}`, ...overrides });
  const operator = await createStaff(suite.platform, ['operator'], '运维人员');
  const page = await staffLogin(suite, operator);
  await page.setViewportSize(size);
  await sideMenu(page).getByRole('link', { name: '业务系统管理' }).waitFor({ state: 'attached' });
  await page.goto(`/admin/systems/${registered.id}`);
  return { page, id: registered.id };
}

/** The text a select of the form shows as chosen, for the field with this label. */
const chosen = (page: Page, label: string, text: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).getByText(text, { exact: true }).first();

/** 保存, back on the list once it has loaded. */
async function saveSystemForm(page: Page) {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/\/admin\/systems$/);
  await loadedQueue(page, '业务系统列表').waitFor();
}

const savedSystem = (id: string) => systemsStore(suite.platform.db, suite.platform.cipher).findById(id);

// Issue 20.4: 最低实名认证级别, chosen from a list (never typed), at a phone's width and a desktop's.
describe('业务系统：最低实名认证级别', () => {
  for (const size of SIZES) {
    test(`an operator sets a system's minimum real-name level, and it is saved as chosen (${size.name})`, async () => {
      const { page, id } = await openSystemForm(size, 'levels', {});
      const label = '最低实名认证级别';
      // A new or unchanged system requires none.
      await chosen(page, label, '不要求').waitFor();
      await selectOption(page, label, 'L4 科技部平台人工审核通过');
      await checkPage(page, `system-form-minimum-level-${size.name}`);
      await saveSystemForm(page);
      assert.equal((await savedSystem(id))?.minimumLevel, 'l4');

      // Opened again, the form shows the level saved; 不要求 clears it.
      await page.goto(`/admin/systems/${id}`);
      await chosen(page, label, 'L4 科技部平台人工审核通过').waitFor();
      await selectOption(page, label, '不要求');
      await saveSystemForm(page);
      assert.equal((await savedSystem(id))?.minimumLevel, null);
    });
  }
});

// Issue 20.2: ID令牌签名算法, chosen from a list in the OIDC part of the form.
describe('业务系统：ID令牌签名算法', () => {
  for (const size of SIZES) {
    test(`an operator has a system's ID tokens signed with SM2, and back with RS256 (${size.name})`, async () => {
      const oidc = { clientId: `sm2-${size.name}-${stamp}`, clientSecret: 'Sm2-e2e-secret-0123456789abcdef0123', redirectUris: ['http://localhost:4999/callback'], postLogoutRedirectUris: [], backchannelLogoutUri: null };
      const { page, id } = await openSystemForm(size, 'sm2', { oidc });
      const label = 'ID令牌签名算法';
      await chosen(page, label, 'RS256（默认）').waitFor();
      await selectOption(page, label, 'SM2（国密）');
      await checkPage(page, `system-form-sm2-${size.name}`);
      await saveSystemForm(page);
      assert.equal((await savedSystem(id))?.oidc?.idTokenSigning, 'SM2SM3');

      await page.goto(`/admin/systems/${id}`);
      await chosen(page, label, 'SM2（国密）').waitFor();
      await selectOption(page, label, 'RS256（默认）');
      await saveSystemForm(page);
      assert.equal((await savedSystem(id))?.oidc?.idTokenSigning, 'RS256');
    });
  }
});
