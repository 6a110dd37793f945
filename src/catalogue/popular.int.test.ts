/**
 * 首页's 热门服务 and 最近使用 (issue 17.2): hot items are measured from the data (accounts
 * following an item plus accounts that opened it in the last 30 days), recent items are the
 * ones the signed-in account opened, latest first; a sub-item counts for its parent's heat.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { seedBusinessSystems } from '../demo/business-systems.ts';
import { seedCatalogue } from '../demo/catalogue.ts';
import type { PopularItem, RecentItem } from './schemas.ts';

const t = testPlatformForFile();
const HGR = '000106003000';
const HGR_SUB = '000106003001';
const WORK_PERMIT = '000106004000';
const TECH_SME = '000706007000';

let seeded: Promise<void> | undefined;
beforeEach(async () => {
  seeded ??= seedBusinessSystems(t.platform).then(() => seedCatalogue(t.platform)).then(() => undefined);
  await seeded;
});

const popular = async () => ((await new ApiClient(t.baseUrl).get('/api/catalogue/popular')).body.items as PopularItem[]);

describe('热门服务 and 最近使用', () => {
  it('ranks items by followers and recent visitors, and lists nothing nobody used', async () => {
    assert.deepEqual(await popular(), [], 'a fresh catalogue has no hot items (nothing hard-coded)');

    const a = (await registerAndLogIn(t.baseUrl, 'natural')).client;
    const b = (await registerAndLogIn(t.baseUrl, 'natural')).client;
    const c = (await registerAndLogIn(t.baseUrl, 'natural')).client;
    // 科技型中小企业评价: two followers and one visitor; 人类遗传资源管理: opened by two (one through its sub-item).
    assert.equal((await a.post(`/api/catalogue/items/${TECH_SME}/follow`)).status, 200);
    assert.equal((await b.post(`/api/catalogue/items/${TECH_SME}/follow`)).status, 200);
    assert.equal((await c.get(`/api/catalogue/items/${TECH_SME}`)).status, 200);
    assert.equal((await a.get(`/api/catalogue/items/${HGR}`)).status, 200);
    assert.equal((await b.get(`/api/catalogue/items/${HGR_SUB}`)).status, 200);
    // Anonymous visits count for nothing.
    await new ApiClient(t.baseUrl).get(`/api/catalogue/items/${WORK_PERMIT}`);

    const hot = await popular();
    assert.deepEqual(hot.map((i) => i.code), [TECH_SME, HGR]);
    assert.deepEqual([hot[0]!.followers, hot[0]!.visitors], [2, 1]);
    assert.deepEqual([hot[1]!.followers, hot[1]!.visitors], [0, 2]);

    // Visits older than the window no longer count.
    await t.db.query(`update item_visits set visited_at = now() - interval '31 days'`);
    assert.deepEqual((await popular()).map((i) => i.code), [TECH_SME]);
  });

  it('lists the items the signed-in account opened, latest first, each once; refuses anonymous callers', async () => {
    const person = (await registerAndLogIn(t.baseUrl, 'natural')).client;
    await person.get(`/api/catalogue/items/${HGR}`);
    await person.get(`/api/catalogue/items/${WORK_PERMIT}`);
    await person.get(`/api/catalogue/items/${HGR}`);
    await person.get('/api/catalogue/items/999999999999');
    const recent = (await person.get('/api/me/recent-items')).body.items as RecentItem[];
    assert.deepEqual(recent.map((i) => i.code), [HGR, WORK_PERMIT]);
    assertError(await new ApiClient(t.baseUrl).get('/api/me/recent-items'), 401, 'NOT_LOGGED_IN');
  });
});
