/**
 * 我的事项, 我的评价, 我要办理 and 结果公示 in a real browser. A business system (this test, through
 * the system API with the demo system's client credentials) reports an item's states; the citizen
 * sees them in 我的事项 at phone size (390 × 844), rates the finished item once (the comment rule
 * shown on the form), a second rating is refused; the rating shows in 我的评价 and for the
 * operator in the back office (评价管理). Results published by the system show on /results, no
 * login needed, searchable by title. Every new page passes checkPage at 390 × 844 and 1366 × 768.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { systemApiClient, type SystemApiClient } from '../../src/sso/system-api/client.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { createStaff } from '../support/staff.ts';
import { staffLogin } from './backoffice-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, button } from './support.ts';

const suite = browserSuiteForFile();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const HGR_COLLECTION = '000106003001';
let hgr: SystemApiClient;

let seeded: Promise<void> | undefined;
beforeEach(async () => {
  seeded ??= (async () => {
    await seedBusinessSystems(suite.platform);
    await seedCatalogue(suite.platform);
    hgr = systemApiClient(suite.baseUrl, DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
  })();
  await seeded;
  await suite.platform.db.query(`delete from kv where key like 'rl:%'`);
});

async function report(reference: string, applicantId: string, state: string) {
  const res = await hgr.call('PUT', `/matters/${reference}`, {
    itemCode: HGR_COLLECTION,
    applicantId,
    state,
    title: '中国人类遗传资源采集审批（队列研究）',
    link: `https://hgr.example.cn/applications/${reference}`,
  });
  assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
}

const matterCard = (page: Page) => page.getByRole('article', { name: '中国人类遗传资源采集审批（队列研究）' });

/** checkPage at both sizes on the page's path (the page's viewport is changed and restored). */
async function checkBothSizes(page: Page, name: string, ready: () => Promise<unknown>) {
  const original = page.viewportSize();
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await ready();
    await checkPage(page, `${name}`);
  }
  if (original) await page.setViewportSize(original);
}

describe('我的事项 and 我的评价', () => {
  test('a system reports the states, the citizen sees them on a phone, rates once, a second rating is refused, the operator sees it', async () => {
    const { client, accountId } = await registerAndLogIn(suite.baseUrl, 'natural');
    const reference = `E2E-${process.pid}-1`;
    await report(reference, accountId, '已提交');

    const page = await suite.newPage({ session: client, viewport: PHONE });
    await page.goto('/online/matters');
    await page.getByRole('heading', { level: 1, name: '我的事项' }).waitFor();
    await matterCard(page).getByText('已提交', { exact: true }).first().waitFor();
    assert.equal(await matterCard(page).getByRole('button', { name: '评价' }).count(), 0, 'not finished: nothing to rate');

    await report(reference, accountId, '受理中');
    await report(reference, accountId, '已办结');
    await page.reload();
    const card = matterCard(page);
    await card.locator('.ant-tag', { hasText: '已办结' }).waitFor();
    const history = await card.getByRole('list', { name: '办理记录' }).innerText();
    assert.match(history, /已提交[\s\S]*受理中[\s\S]*已办结/);
    assert.equal(await card.getByRole('link', { name: '查看办件' }).getAttribute('href'), `https://hgr.example.cn/applications/${reference}`);
    assert.match(await card.innerText(), /办理系统：人类遗传资源管理/);
    await checkBothSizes(page, 'online-matters', () => card.waitFor());

    // A second window, opened before the rating: its 评价 button is stale.
    const stale = await suite.newPage({ session: client, viewport: PHONE });
    await stale.goto('/online/matters');
    await matterCard(stale).getByRole('button', { name: '评价' }).waitFor();

    await card.getByRole('button', { name: '评价' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('不满意', { exact: true }).click();
    await button(dialog, '提交评价').click();
    await dialog.getByText('选择“不满意”或“非常不满意”时，请填写评价内容').waitFor();
    await checkPage(page, 'online-matters-rating');
    await dialog.getByLabel('评价内容').fill('审批材料要求说明不够清楚');
    await button(dialog, '提交评价').click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('我的评价：不满意').waitFor();
    assert.equal(await card.getByRole('button', { name: '评价' }).count(), 0, 'rated once: no second rating offered');

    // The second rating, from the stale window: refused with the reason.
    await matterCard(stale).getByRole('button', { name: '评价' }).click();
    const again = stale.getByRole('dialog');
    await again.getByText('满意', { exact: true }).click();
    await button(again, '提交评价').click();
    await again.getByText('您已评价过该事项，每个事项只能评价一次').waitFor();
    const rows = await suite.platform.db.query(`select grade from matter_ratings r join matters m on m.id = r.matter_id where m.reference = $1`, [reference]);
    assert.deepEqual(rows, [{ grade: '不满意' }]);

    // 我的评价
    await page.getByRole('navigation', { name: '在线办事' }).getByRole('button').click();
    await page.getByRole('link', { name: '我的评价' }).click();
    await page.getByRole('heading', { level: 1, name: '我的评价' }).waitFor();
    await page.getByText('审批材料要求说明不够清楚').waitFor();
    await checkBothSizes(page, 'online-reviews', () => page.getByText('审批材料要求说明不够清楚').waitFor());

    // 我要办理: the item used recently, with its 办理入口.
    await page.goto('/online/apply');
    const used = page.getByRole('article', { name: '中国人类遗传资源采集审批' });
    assert.equal(await used.getByRole('link', { name: '办理入口' }).getAttribute('href'), '/sso/enter/hgr');
    await checkBothSizes(page, 'online-apply', () => used.waitFor());

    // The operator: 评价管理 shows the rating with its comment, counted under 不满意.
    const staff = await createStaff(suite.platform, ['operator'], '运营人员');
    const admin = await staffLogin(suite, staff);
    await admin.getByRole('link', { name: '评价管理' }).click();
    await admin.getByRole('heading', { level: 1, name: '评价管理' }).waitFor();
    await admin.getByText('审批材料要求说明不够清楚').waitFor();
    const bySystem = admin.getByRole('region', { name: '按业务系统' });
    assert.match(await bySystem.innerText(), /人类遗传资源管理/);
    for (const size of [{ width: 768, height: 1024 }, DESKTOP]) {
      await admin.setViewportSize(size);
      await admin.getByText('审批材料要求说明不够清楚').waitFor();
      await checkPage(admin, 'admin-ratings');
    }
    const audited = await suite.platform.db.query(`select 1 from audit_log where staff_login_name = $1 and action = 'ratings.view'`, [staff.loginName]);
    assert.ok(audited.length >= 1, 'the operator’s read is audited');
  });
});

describe('结果公示', () => {
  test('published results are listed newest first without login, searchable by title; a withdrawn one disappears', async () => {
    for (const [reference, title, publishedOn] of [
      ['E2E-R-1', '人类遗传资源行政许可事项第一批审批结果', '2026-01-10'],
      ['E2E-R-2', '人类遗传资源国际合作临床试验备案情况公示', '2026-02-10'],
      ['E2E-R-3', '撤回测试公示', '2026-03-10'],
    ] as const) {
      const res = await hgr.call('PUT', `/results/${reference}`, { itemCode: '000106003000', title, publishedOn, summary: '经审查，准予以下申请。', link: '' });
      assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
    }
    assert.equal((await hgr.call('DELETE', '/results/E2E-R-3')).status, 200);
    // The system API answers JSON, never the portal's page, for a path it does not have.
    const unknown = await fetch(`${suite.baseUrl}/system-api/v1/no-such-call`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { code: string }).code, 'NOT_FOUND');

    const page = await suite.newPage({ viewport: PHONE });
    await page.goto('/results');
    await page.getByRole('heading', { level: 1, name: '结果公示' }).waitFor();
    const titles = () => page.locator('article').evaluateAll((list) => list.map((a) => a.getAttribute('aria-label')));
    await page.getByRole('article', { name: '人类遗传资源国际合作临床试验备案情况公示' }).waitFor();
    assert.deepEqual(await titles(), ['人类遗传资源国际合作临床试验备案情况公示', '人类遗传资源行政许可事项第一批审批结果']);
    await checkBothSizes(page, 'results', () => page.getByRole('article').first().waitFor());

    await page.getByLabel('公示标题').fill('第一批');
    await page.getByLabel('公示标题').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
    assert.deepEqual(await titles(), ['人类遗传资源行政许可事项第一批审批结果']);
  });
});
