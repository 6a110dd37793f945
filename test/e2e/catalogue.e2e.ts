/**
 * 服务事项 in a real browser on the demo catalogue: browsing 按类别 / 按主办单位 / 按用户, searching
 * (您要办理什么业务，试着检索一下), an item's guide and sub-items, and 关注: without a login it goes to
 * the login page and back; logged in the item appears in 我的关注 and on the home page until 取消关注.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { registerAccount } from '../support/accounts.ts';
import { loginThroughUi } from './account-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();
let seeded: Promise<void> | undefined;

beforeEach(async () => {
  seeded ??= seedBusinessSystems(suite.platform).then(() => seedCatalogue(suite.platform));
  await seeded;
  await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

const card = (page: Page, name: string) => page.getByRole('article', { name, exact: true });
const cardNames = (page: Page) => page.locator('article.catalogue-item').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
/** Picks a value in the open 按用户 / 按类别 / 按主办单位 tab by its label (antd hides the radio input itself). */
async function choose(page: Page, label: string, url: RegExp) {
  await page.getByRole('tabpanel').locator('label', { hasText: new RegExp(`^${label}（`) }).click();
  await page.waitForURL(url);
}
const results = (page: Page) => page.getByRole('region', { name: '查询结果' });

/** Waits until the results show exactly these items (in this order when given as a list). */
async function expectResults(page: Page, names: string[]) {
  await page.waitForFunction(
    (expected) => JSON.stringify([...document.querySelectorAll('article.catalogue-item')].map((c) => c.getAttribute('aria-label'))) === JSON.stringify(expected),
    names,
  );
}

describe('服务事项', () => {
  test('browse by category, department and user, search by name and code, open an item guide', async () => {
    const page = await suite.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: /科技创新与服务/ }).click();
    await page.waitForURL(/\/services\?category=innovation_services/);
    await expectResults(page, ['科技型中小企业评价', '高新技术企业认定', '火炬中心业务办理平台', '全国技术合同认定登记']);
    const sme = card(page, '科技型中小企业评价');
    await sme.getByText('事项编码：000706007000').waitFor();
    await sme.getByText('主办单位：科技部火炬高技术产业开发中心').waitFor();
    assert.equal(await sme.getByRole('link', { name: '办理入口' }).getAttribute('href'), '/sso/enter/tech-sme');
    assert.equal(await sme.getByText('未关注').count(), 0, 'nobody is logged in');

    await page.getByRole('tab', { name: '按主办单位' }).click();
    await choose(page, '引进国外智力管理司', /department=/);
    await expectResults(page, ['外国人来华工作许可', '中国政府友谊奖', '因公出国（境）培训项目申报', '外国专家项目管理']);
    assert.equal(await card(page, '中国政府友谊奖').getByRole('link', { name: '办理入口' }).count(), 0, 'not handled online');

    await page.getByRole('tab', { name: '按用户' }).click();
    await choose(page, '法人单位', /audience=legal/);
    await card(page, '科技型中小企业评价').waitFor();
    await choose(page, '自然人', /audience=natural/);
    await card(page, '因公出国（境）培训项目申报').waitFor();
    assert.ok(!(await cardNames(page)).includes('科技型中小企业评价'), 'an item for organisations only is not offered to natural persons');
    await choose(page, '全部', /\/services$/);

    const search = page.getByPlaceholder('您要办理什么业务，试着检索一下');
    await search.fill('来华');
    await search.press('Enter');
    await expectResults(page, ['外国人来华工作许可']);
    assert.equal(await card(page, '外国人来华工作许可').locator('mark').first().innerText(), '来华');
    await search.fill('000106003000');
    await search.press('Enter');
    await expectResults(page, ['人类遗传资源管理']);
    await search.fill('量子引力');
    await search.press('Enter');
    await results(page).getByText('没有找到相关的服务事项').waitFor();
    await search.fill('遗传');
    await search.press('Enter');
    await expectResults(page, ['人类遗传资源管理']);

    const hgr = card(page, '人类遗传资源管理');
    await hgr.getByRole('link', { name: '中国人类遗传资源采集审批' }).waitFor();
    await hgr.getByRole('button', { name: '办理指南' }).click();
    await page.waitForURL(/\/services\/item\/000106003000$/);
    await page.getByRole('heading', { name: '人类遗传资源管理', exact: true }).waitFor();
    await page.getByText('社会发展科技司').waitFor();
    await page.getByRole('tab', { name: '服务指南' }).waitFor();
    await page.getByRole('tab', { name: '办理材料' }).click();
    await page.getByText(/七、开通网上申报系统提交材料清单/).waitFor();
    assert.equal(await page.getByRole('link', { name: '办理入口' }).first().getAttribute('href'), '/sso/enter/hgr');
    await page.getByRole('link', { name: '中国人类遗传资源国际合作科学研究审批' }).first().click();
    await page.waitForURL(/\/services\/item\/000106003003$/);
    await page.getByRole('tab', { name: '申请条件' }).waitFor();
    await page.getByRole('link', { name: '人类遗传资源管理' }).waitFor();

    await page.goto('/services/item/999999999999');
    await page.getByText('未找到该服务事项').first().waitFor();
    await page.context().close();
  });

  test('关注 asks for a login first; followed items show in 我的关注 and on the home page until 取消关注', async () => {
    const { body } = await registerAccount(suite.baseUrl, 'natural');
    const page = await suite.newPage();
    await page.goto('/services/item/000106004000');
    await page.getByRole('heading', { name: '外国人来华工作许可', exact: true }).waitFor();
    await page.getByRole('button', { name: '关注' }).click();
    await page.waitForURL(/\/login\?return=%2Fservices%2Fitem%2F000106004000/);
    await loginThroughUi(page, suite.baseUrl, '自然人登录', body.loginName, body.password);
    await page.waitForURL(/\/services\/item\/000106004000$/);
    await page.getByText('未关注').waitFor();
    await page.getByRole('button', { name: '关注', exact: true }).click();
    await page.getByText('关注成功').waitFor();
    await page.getByText('已关注').waitFor();

    // Another from the list.
    await page.goto('/services?q=%E9%AB%98%E6%96%B0');
    const highTech = card(page, '高新技术企业认定');
    await highTech.getByText('未关注').waitFor();
    await highTech.getByRole('button', { name: '关注', exact: true }).click();
    await highTech.getByText('已关注').waitFor();
    await highTech.getByRole('button', { name: '取消关注' }).waitFor();

    await page.getByRole('link', { name: '在线办事' }).click();
    await page.getByRole('link', { name: '我的关注' }).click();
    await page.waitForURL(/\/online\/follows$/);
    const table = page.getByRole('table');
    await table.getByRole('cell', { name: '高新技术企业认定' }).waitFor();
    await table.getByRole('cell', { name: '000106004000' }).waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.match(rows[0] ?? '', /高新技术企业认定/, 'the latest first');
    assert.match(rows[1] ?? '', /外国人来华工作许可[\s\S]*引进国外智力管理司/);

    await page.getByRole('link', { name: '首页' }).click();
    const homeFollows = page.getByRole('region', { name: '我的关注' });
    await homeFollows.getByRole('link', { name: '外国人来华工作许可' }).waitFor();
    await homeFollows.getByRole('link', { name: '高新技术企业认定' }).click();
    await page.waitForURL(/\/services\/item\/000706008000$/);
    await page.getByRole('button', { name: '取消关注' }).click();
    await page.getByText('已取消关注').waitFor();
    await page.getByText('未关注').waitFor();

    await page.goto('/online/follows');
    const row = page.getByRole('row').filter({ hasText: '外国人来华工作许可' });
    await row.getByRole('button', { name: '取消关注' }).click();
    await page.getByText('您还没有关注任何服务事项').waitFor();
    await page.goto('/');
    await page.getByRole('region', { name: '我的关注' }).getByText('您还没有关注任何服务事项').waitFor();
    await page.context().close();
  });
});
