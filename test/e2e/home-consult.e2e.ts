/**
 * 首页 and 办事咨询 in a real browser at 390 × 844 and 1366 × 768 (issue 17.2): the four categories
 * with their counts (names never one character a line), quick links, 热门服务 and, signed in,
 * 最近使用 measured from what the person opened; /consult with the support phone and the FAQ,
 * whose search finds a question and opens its answer.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();
const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];
let seeded: Promise<void> | undefined;

beforeEach(async () => {
  seeded ??= seedBusinessSystems(suite.platform).then(() => seedCatalogue(suite.platform)).then(() => undefined);
  await seeded;
  await suite.platform.db.query(`delete from kv where key like 'rl:%'`);
});

describe('首页', () => {
  test('shows the four categories with their counts, the quick links and 热门服务, at both sizes', async () => {
    const facets = (await new ApiClient(suite.baseUrl).get('/api/catalogue/facets')).body as { categories: { code: string; count: number }[] };
    const innovation = facets.categories.find((c) => c.code === 'innovation_services')!.count;
    for (const viewport of SIZES) {
      const page = await suite.newPage({ viewport });
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: '首页' }).waitFor();
      const categories = page.getByRole('region', { name: '四类服务' });
      await categories.getByRole('link', { name: `科技创新与服务 ${innovation}项` }).waitFor();
      assert.equal(await categories.getByRole('link').count(), 4);
      const links = page.getByRole('navigation', { name: '统一用户' });
      for (const [name, href] of [['用户登录', '/login'], ['用户注册', '/register'], ['账号检索', '/account-lookup'], ['忘记密码', '/password/recover']]) {
        assert.equal(await links.getByRole('link', { name: name!, exact: true }).getAttribute('href'), href);
      }
      await page.getByRole('region', { name: '热门服务' }).waitFor();
      assert.equal(await page.getByRole('region', { name: '最近使用' }).count(), 0, 'nobody is signed in');
      // The category names stay whole words: each card is wider than its name.
      const narrow = await categories.locator('.home-category-name').evaluateAll((names) => names.filter((n) => n.getBoundingClientRect().height > 2.5 * parseFloat(getComputedStyle(n).lineHeight || '22')).map((n) => n.textContent));
      assert.deepEqual(narrow, []);
      await checkPage(page, 'home');
    }
  });

  test('signed in: the services the person opened show in 最近使用, and count in 热门服务', async () => {
    const { client } = await registerAndLogIn(suite.baseUrl, 'natural');
    for (const viewport of SIZES) {
      const page = await suite.newPage({ viewport, session: client });
      await page.goto('/services/item/000106004000');
      await page.getByRole('heading', { level: 1, name: '外国人来华工作许可' }).waitFor();
      await page.goto('/');
      await page.getByRole('region', { name: '最近使用' }).getByRole('link', { name: '外国人来华工作许可' }).waitFor();
      await page.getByRole('region', { name: '热门服务' }).getByRole('link', { name: '外国人来华工作许可' }).waitFor();
      await page.getByRole('region', { name: '我的关注' }).waitFor();
      await checkPage(page, 'home-signed-in');
    }
  });
});

describe('办事咨询', () => {
  test('shows the support contacts and the FAQ; the search finds a question and shows its answer', async () => {
    for (const viewport of SIZES) {
      const page = await suite.newPage({ viewport });
      await page.goto('/consult');
      await page.getByRole('heading', { level: 1, name: '办事咨询' }).waitFor();
      await page.getByRole('link', { name: '010-88659000' }).waitFor();
      await page.getByRole('heading', { level: 3, name: '一、政务服务平台问题' }).waitFor();
      await checkPage(page, 'consult');

      await page.getByRole('searchbox', { name: '搜索常见问题' }).fill('验证码错误');
      await page.getByRole('status').filter({ hasText: '找到1个相关问题' }).waitFor();
      await page.getByRole('button', { name: '1.3 验证码错误' }).waitFor();
      await page.getByText('先确认输入验证码是否正确').waitFor();
      assert.equal(await page.getByRole('button', { name: '1.1 登录名与密码都忘记了' }).count(), 0);
      assert.equal(await page.getByRole('heading', { level: 3, name: '二、人类遗传系统问题' }).count(), 0);
      await checkPage(page, 'consult-search');

      await page.getByRole('searchbox', { name: '搜索常见问题' }).fill('没有这样的问题xyz');
      await page.getByText('没有找到相关问题').waitFor();
      await page.getByRole('searchbox', { name: '搜索常见问题' }).fill('');
      await page.getByRole('button', { name: '1.1 登录名与密码都忘记了' }).click();
      await page.getByText('(1) 自然人：点击用户登录→忘记密码→自然人申诉找回密码。').waitFor();
    }
  });
});
