/**
 * Every page of the portal at 390 × 844 and 1366 × 768, and of the back office at 768 × 1024 and
 * 1366 × 768, through checkPage (page-checks.ts): no sideways scrolling, no text one character per
 * line, no critical or serious axe-core finding; screenshots under test/e2e/screenshots/.
 * Issues 17.1 ("Done when") and 23.6. One test per page: a page that fails names its problems.
 */
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../examples/common/http.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { createStaff, type StaffLogin } from '../support/staff.ts';
import { WU_JIAYI, grantThroughApi, organization, startHgrDemo, verifiedPerson, type Organization } from './authorization-helpers.ts';
import { staffLogin } from './backoffice-helpers.ts';
import { submitScansThroughApi } from './materials-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, type PageOptions } from './support.ts';

const suite = browserSuiteForFile();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const TABLET = { width: 768, height: 1024 };

/** Waits for the page's h1 (a page without one is still checked, after a short wait). */
async function shown(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 8_000 }).catch(() => {});
}

/**
 * Opens the page at each size with `open` and checks it; every size is checked even when an
 * earlier one failed, and the test fails with all their problems.
 */
async function checkAtSizes(page: Page, name: string, sizes: { width: number; height: number }[], open: () => Promise<void>) {
  const problems: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    await open();
    try {
      await checkPage(page, name);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length) throw new Error(problems.join('\n\n'));
}

async function portalPage(name: string, path: string, options: PageOptions = {}, then?: (page: Page) => Promise<void>) {
  const page = await suite.newPage(options);
  try {
    await checkAtSizes(page, name, [PHONE, DESKTOP], async () => {
      await page.goto(path);
      await shown(page);
      await then?.(page);
    });
  } finally {
    await page.context().close();
  }
}

/** Picks a tab of 我的信息 by name, and with `edit` opens its 修改… form. */
const myInfoTab = (tab: string, edit = false) => async (page: Page) => {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  if (edit) {
    await page.getByRole('tabpanel').getByRole('button', { name: /^修改(?!密码)/ }).first().click();
    await page.getByRole('button', { name: '保存', exact: true }).waitFor();
  }
  await page.waitForTimeout(300);
};

let demo: DemoServer | undefined;
let itemCode = '';
let natural: ApiClient;
let legal: ApiClient;
let delegate: ApiClient;
let org: Organization;
let staff: StaffLogin;
let reviewId = '';
let accountId = '';

/** Runs a step of the set-up, naming it in the error if it fails. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`set-up step "${name}" failed: ${(error as Error).message}`, { cause: error });
  }
}

describe('every page at phone and desktop sizes', () => {
  before(async () => {
    const hgr = await step('start the hgr demo', () => startHgrDemo(suite));
    demo = hgr.demo;
    const [item] = await suite.platform.db.query<{ code: string }>(`select code from service_items order by code limit 1`);
    itemCode = item?.code ?? '000106003001';
    const person = await step('register a natural person', () => registerAndLogIn(suite.baseUrl, 'natural'));
    natural = person.client;
    accountId = person.accountId;
    reviewId = await step('submit scans for review', () => submitScansThroughApi(natural));
    legal = (await step('register an organisation', () => registerAndLogIn(suite.baseUrl, 'legal'))).client;
    org = await step('an organisation holding hgr', () => organization(suite, [hgr.systemId]));
    delegate = (await step('a verified person', () => verifiedPerson(suite, WU_JIAYI))).client;
    await step('grant', () => grantThroughApi(org, WU_JIAYI, [{ key: 'hgr', roles: ['item_handler'] }]));
    staff = await step('create staff', () => createStaff(suite.platform, ['reviewer', 'operator', 'admin'], '管理员'));
  });

  after(async () => {
    // Not left waiting on a browser's open connection to the demo.
    await Promise.race([demo?.close(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  });

  describe('portal pages, signed out (390 × 844 and 1366 × 768)', () => {
    const pages: [string, string][] = [
      ['home', '/'],
      ['login', '/login'],
      ['register', '/register'],
      ['register-natural', '/register/natural'],
      ['register-legal', '/register/legal'],
      ['recover', '/password/recover'],
      ['recover-login-name', '/password/recover/login-name'],
      ['recover-natural-appeal', '/password/recover/natural-appeal'],
      ['recover-legal-appeal', '/password/recover/legal-appeal'],
      ['account-lookup', '/account-lookup'],
      ['services', '/services'],
      ['notices', '/notices'],
      ['consult', '/consult'],
      ['results', '/results'],
      ['not-found', '/no-such-page'],
      ['entry-signed-out', '/services/entry/hgr'],
    ];
    for (const [name, path] of pages) test(`${name} ${path}`, () => portalPage(name, path));
    test('service item page', () => portalPage('service-item', `/services/item/${itemCode}`));
  });

  describe('portal pages of a natural person', () => {
    test('我的信息: 自然人用户信息 (view)', () => portalPage('my-info-natural', '/online/my-info', { session: natural }, myInfoTab('自然人用户信息')));
    test('我的信息: 自然人用户信息 (edit)', () => portalPage('my-info-natural-edit', '/online/my-info', { session: natural }, myInfoTab('自然人用户信息', true)));
    test('我的信息: 法人(单位)授权办理情况', () => portalPage('my-info-delegations', '/online/my-info', { session: delegate }, myInfoTab('法人(单位)授权办理情况')));
    test('upload: 自然人', () => portalPage('upload-natural', '/online/my-info/upload/natural_person', { session: delegate }));
    test('我的关注', () => portalPage('follows', '/online/follows', { session: natural }));
    test('我要办理', () => portalPage('apply', '/online/apply', { session: natural }));
    test('我的事项', () => portalPage('matters', '/online/matters', { session: natural }));
    test('我的评价', () => portalPage('reviews', '/online/reviews', { session: natural }));
    test('a delegated organisation', () => portalPage('delegated-organization', `/online/delegations/${org.accountId}`, { session: delegate }));
    test('办理入口 of a person not yet verified (its dialog)', () => portalPage('entry-natural', '/services/entry/hgr', { session: natural }));
  });

  describe('portal pages of an organisation (legal account)', () => {
    for (const tab of ['法人单位基本信息', '法人单位其他信息', '主代办人信息']) {
      test(`我的信息: ${tab} (view)`, () => portalPage(`my-info-${tab}`, '/online/my-info', { session: legal }, myInfoTab(tab)));
      test(`我的信息: ${tab} (edit)`, () => portalPage(`my-info-${tab}-edit`, '/online/my-info', { session: legal }, myInfoTab(tab, true)));
    }
    test('upload: 法人', () => portalPage('upload-organization', '/online/my-info/upload/organization', { session: legal }));
    test('upload: 主代办人', () => portalPage('upload-primary-agent', '/online/my-info/upload/primary_agent', { session: legal }));
    test('用户授权管理', () => portalPage('authorizations', '/online/authorizations', { session: org.client }));
    test('用户授权管理: 授权用户管理', () =>
      portalPage('authorizations-users', '/online/authorizations', { session: org.client }, async (page) => {
        await page.getByRole('tab', { name: '授权用户管理' }).click();
        await page.waitForTimeout(500);
      }));
  });

  describe('back-office pages (768 × 1024 and 1366 × 768)', () => {
    test('staff login', async () => {
      const page = await suite.newPage();
      await checkAtSizes(page, 'admin-login', [TABLET, DESKTOP], async () => {
        await page.goto('/admin/login');
        await shown(page);
      });
      await page.context().close();
    });

    const pages: [string, () => string][] = [
      ['reviews', () => '/admin/reviews'],
      ['review-detail', () => `/admin/reviews/${reviewId}`],
      ['review-reasons', () => '/admin/review-reasons'],
      ['appeals', () => '/admin/appeals'],
      ['audit', () => '/admin/audit'],
      ['organizations', () => '/admin/organizations'],
      ['accounts', () => '/admin/accounts'],
      ['account-detail', () => `/admin/accounts/${accountId}`],
      ['systems', () => '/admin/systems'],
      ['system-new', () => '/admin/systems/new'],
      ['service-items', () => '/admin/service-items'],
      ['service-item-new', () => '/admin/service-items/new'],
      ['ratings', () => '/admin/ratings'],
      ['notices', () => '/admin/notices'],
      ['staff', () => '/admin/staff'],
      ['password', () => '/admin/password'],
    ];
    let admin: Page;
    before(async () => {
      admin = await staffLogin(suite, staff);
      await admin.getByRole('navigation', { name: '后台菜单' }).waitFor();
    });
    for (const [name, path] of pages) {
      test(`admin ${name}`, () =>
        checkAtSizes(admin, `admin-${name}`, [TABLET, DESKTOP], async () => {
          await admin.goto(path());
          await shown(admin);
        }));
    }
    test('admin: a business system and a service item being edited', async () => {
      const problems: string[] = [];
      for (const [name, list] of [['system-edit', '/admin/systems'], ['service-item-edit', '/admin/service-items']] as const) {
        try {
          await checkAtSizes(admin, `admin-${name}`, [TABLET, DESKTOP], async () => {
            await admin.goto(list);
            await shown(admin);
            const row = admin.locator('main table a, main .ant-list-item a').filter({ hasNotText: /^(停用|启用)$/ }).first();
            await row.click();
            await shown(admin);
          });
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      if (problems.length) throw new Error(problems.join('\n\n'));
    });
  });
});
