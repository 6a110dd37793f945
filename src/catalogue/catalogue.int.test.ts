/**
 * 服务事项 through the HTTP API on the demo catalogue: browsing 按用户 / 按类别 / 按主办单位,
 * searching by name, code, department, sub-item and system, one item with its guide and
 * sub-items, facets, and 关注 / 取消关注 into 我的关注 (login and CSRF required, idempotent).
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { seedBusinessSystems } from '../demo/business-systems.ts';
import { demoServiceItems, seedCatalogue } from '../demo/catalogue.ts';
import { CATALOGUE_LIMITS } from './routes.ts';
import type { CatalogueFacets, FollowedItem, ServiceItemDetail, ServiceItemSummary } from './schemas.ts';

const t = testPlatformForFile();
const HGR = '000106003000';
const WORK_PERMIT = '000106004000';
const TECH_SME = '000706007000';
const HIGH_TECH = '000706008000';
const TOP_LEVEL = demoServiceItems().filter((i) => !i.parentCode);

async function seed() {
  await seedBusinessSystems(t.platform);
  await seedCatalogue(t.platform);
  await seedCatalogue(t.platform); // seeding twice changes nothing
}
let seeded: Promise<void> | undefined;

beforeEach(async () => {
  seeded ??= seed();
  await seeded;
  await t.db.query(`delete from kv where key like 'rl:%'`);
});

const anonymous = () => new ApiClient(t.baseUrl);

async function browse(query: string, client = anonymous()): Promise<ServiceItemSummary[]> {
  const res = await client.get(`/api/catalogue/items${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}
const codes = (items: { code: string }[]) => items.map((i) => i.code);
const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('browsing the catalogue', () => {
  it('lists every top-level item once, in catalogue order, with sub-items and guide titles inside', async () => {
    const items = await browse('');
    assert.deepEqual(codes(items), TOP_LEVEL.map((i) => i.code));
    const [count] = await t.db.query<{ n: number }>('select count(*)::int as n from service_items');
    assert.equal(count?.n, demoServiceItems().length, 'the second seeding added nothing');
    const hgr = items.find((i) => i.code === HGR)!;
    assert.equal(hgr.name, '人类遗传资源管理');
    assert.equal(hgr.department, '社会发展科技司');
    assert.deepEqual(hgr.system, { key: 'hgr', name: '人类遗传资源管理' });
    assert.ok(names(hgr.subItems).includes('中国人类遗传资源采集审批'));
    assert.ok(names(hgr.subItems).includes('中国人类遗传资源国际合作科学研究审批'));
    assert.deepEqual(hgr.sections.slice(0, 5), ['服务指南', '设定依据', '申请条件', '办理材料', '办理流程']);
    assert.equal(hgr.followed, null, 'nobody is logged in');
    assert.equal(items.find((i) => i.code === '000106002000')?.system, null, 'not handled online');
  });

  it('按用户: natural persons see items for them and for both; organisations see theirs and both', async () => {
    const natural = await browse('?audience=natural');
    assert.ok(natural.length > 0 && natural.every((i) => i.audience === 'natural' || i.audience === 'both'));
    assert.ok(codes(natural).includes(WORK_PERMIT) && !codes(natural).includes(TECH_SME));
    assert.ok(names(natural).includes('因公出国（境）培训项目申报'));
    const legal = await browse('?audience=legal');
    assert.ok(legal.every((i) => i.audience === 'legal' || i.audience === 'both'));
    assert.ok(codes(legal).includes(TECH_SME) && codes(legal).includes(WORK_PERMIT));
    assert.ok(!names(legal).includes('因公出国（境）培训项目申报'));
  });

  it('按类别 and 按主办单位, also combined', async () => {
    const innovation = await browse('?category=innovation_services');
    assert.deepEqual(names(innovation), ['科技型中小企业评价', '高新技术企业认定', '火炬中心业务办理平台', '全国技术合同认定登记']);
    const funding = await browse('?category=programmes_funding');
    assert.ok(funding.length >= 2 && funding.every((i) => i.category === 'programmes_funding'));
    const foreign = await browse(`?department=${encodeURIComponent('引进国外智力管理司')}`);
    assert.deepEqual(codes(foreign).sort(), TOP_LEVEL.filter((i) => i.department === '引进国外智力管理司').map((i) => i.code).sort());
    assert.ok(foreign.length >= 2);
    const both = await browse(`?category=administrative_licensing&department=${encodeURIComponent('引进国外智力管理司')}`);
    assert.deepEqual(codes(both), [WORK_PERMIT]);
    assert.deepEqual(await browse(`?department=${encodeURIComponent('不存在的单位')}`), []);
  });

  it('facets count items by category (all four), department and kind of user', async () => {
    const res = await anonymous().get<CatalogueFacets>('/api/catalogue/facets');
    assert.equal(res.status, 200);
    const facets = res.body;
    assert.equal(facets.total, TOP_LEVEL.length);
    assert.deepEqual(facets.categories.map((c) => c.code), ['administrative_licensing', 'innovation_services', 'programmes_funding', 'other']);
    assert.equal(facets.categories.find((c) => c.code === 'innovation_services')?.count, 4);
    assert.equal(facets.categories.reduce((sum, c) => sum + c.count, 0), TOP_LEVEL.length);
    assert.equal(facets.departments.find((d) => d.name === '科技部火炬高技术产业开发中心')?.count, 4);
    assert.equal(facets.audiences.find((a) => a.code === 'natural')?.count, (await browse('?audience=natural')).length);
    assert.equal(facets.audiences.find((a) => a.code === 'legal')?.count, (await browse('?audience=legal')).length);
  });
});

describe('您要办理什么业务，试着检索一下', () => {
  it('finds items by part of the name, by code, by department, by sub-item and by system name', async () => {
    assert.deepEqual(codes(await browse(`?q=${encodeURIComponent('来华')}`)), [WORK_PERMIT]);
    assert.deepEqual(codes(await browse(`?q=${encodeURIComponent(' 高新技术 ')}`)), [HIGH_TECH]);
    assert.deepEqual(codes(await browse(`?q=${HIGH_TECH}`)), [HIGH_TECH]);
    assert.deepEqual(codes(await browse('?q=00010600')), ['000106003000', '000106002000', WORK_PERMIT]);
    assert.equal((await browse(`?q=${encodeURIComponent('火炬')}`)).length, 4);
    assert.deepEqual(codes(await browse(`?q=${encodeURIComponent('采集审批')}`)), [HGR]);
    assert.deepEqual(names(await browse(`?q=${encodeURIComponent('技术合同管理与服务')}`)), ['全国技术合同认定登记']);
    assert.deepEqual(await browse(`?q=${encodeURIComponent('%')}`), [], 'wildcards are literal');
    assert.deepEqual(await browse(`?q=${encodeURIComponent('量子引力')}`), []);
    assert.equal((await browse('?q=')).length, TOP_LEVEL.length, 'an empty search lists everything');
  });

  it('combines with the browse filters', async () => {
    assert.deepEqual(await browse(`?audience=natural&q=${encodeURIComponent('高新')}`), []);
    assert.deepEqual(codes(await browse(`?audience=legal&q=${encodeURIComponent('高新')}`)), [HIGH_TECH]);
  });

  it('refuses bad queries with a field-level code', async () => {
    const client = anonymous();
    assertFieldError(await client.get('/api/catalogue/items?audience=both'), 'audience', 'CATALOGUE_AUDIENCE_INVALID');
    assertFieldError(await client.get(`/api/catalogue/items?category=${encodeURIComponent('行政许可')}`), 'category', 'CATALOGUE_CATEGORY_INVALID');
    assertFieldError(await client.get(`/api/catalogue/items?q=${encodeURIComponent('检'.repeat(51))}`), 'q', 'CATALOGUE_SEARCH_TOO_LONG');
    assertFieldError(await client.get(`/api/catalogue/items?department=${encodeURIComponent('司'.repeat(61))}`), 'department', 'CATALOGUE_DEPARTMENT_TOO_LONG');
    const refused = await client.get('/api/catalogue/items?audience=both');
    assert.equal(refused.body.message, '提交的信息有误，请检查后重试。');
    assert.equal(refused.body.fields[0].message, '用户类型只能是自然人或法人单位');
  });

  it('searching is limited per address; browsing without a search is not', async () => {
    const client = anonymous();
    for (let i = 0; i < CATALOGUE_LIMITS.search.max; i++) assert.equal((await client.get('/api/catalogue/items?q=x')).status, 200);
    assertError(await client.get('/api/catalogue/items?q=x'), 429, 'RATE_LIMITED');
    assert.equal((await client.get('/api/catalogue/items?category=other')).status, 200);
  });
});

describe('one item', () => {
  it('comes with its guide sections in order, its sub-items and its system', async () => {
    const res = await anonymous().get<ServiceItemDetail>(`/api/catalogue/items/${HGR}`);
    assert.equal(res.status, 200);
    const item = res.body;
    assert.equal(item.name, '人类遗传资源管理');
    assert.equal(item.category, 'administrative_licensing');
    assert.equal(item.audience, 'both');
    assert.equal(item.system?.key, 'hgr');
    assert.equal(item.parent, null);
    assert.equal(item.followed, null);
    assert.deepEqual(item.guide.map((s) => s.title), ['服务指南', '设定依据', '申请条件', '办理材料', '办理流程', '办理时限', '收费标准', '联系方式', '常见问题']);
    assert.match(item.guide.find((s) => s.title === '办理材料')!.text, /七、开通网上申报系统提交材料清单/);
    assert.equal(item.subItems[0]?.name, '中国人类遗传资源采集审批');
    assert.equal(item.subItems[0]?.system?.key, 'hgr');

    const sub = await anonymous().get<ServiceItemDetail>('/api/catalogue/items/000106003003');
    assert.equal(sub.status, 200);
    assert.deepEqual(sub.body.parent, { code: HGR, name: '人类遗传资源管理' });
    assert.ok(sub.body.guide.some((s) => s.title === '申请条件'));
  });

  it('an unknown code is 404, a malformed one 400, a disabled item is gone, a disabled system has no 办理入口', async () => {
    assertError(await anonymous().get('/api/catalogue/items/999999999999'), 404, 'SERVICE_ITEM_NOT_FOUND');
    assertFieldError(await anonymous().get('/api/catalogue/items/abc'), 'code', 'ITEM_CODE_INVALID');

    await t.db.query(`update service_items set enabled = false where code = '000906002000'`);
    assertError(await anonymous().get('/api/catalogue/items/000906002000'), 404, 'SERVICE_ITEM_NOT_FOUND');
    assert.ok(!codes(await browse('')).includes('000906002000'));
    await t.db.query(`update service_items set enabled = true where code = '000906002000'`);

    await t.db.query(`update business_systems set enabled = false where key = 'tech-sme'`);
    assert.equal((await anonymous().get(`/api/catalogue/items/${TECH_SME}`)).body.system, null);
    await t.db.query(`update business_systems set enabled = true where key = 'tech-sme'`);
  });
});

describe('关注 and 我的关注', () => {
  it('following needs a login (and the CSRF token)', async () => {
    const client = anonymous();
    assertError(await client.post(`/api/catalogue/items/${HGR}/follow`), 401, 'NOT_LOGGED_IN');
    assertError(await client.request('DELETE', `/api/catalogue/items/${HGR}/follow`), 401, 'NOT_LOGGED_IN');
    assertError(await client.get('/api/me/follows'), 401, 'NOT_LOGGED_IN');
    const { client: person } = await registerAndLogIn(t.baseUrl, 'natural');
    assertError(await person.request('POST', `/api/catalogue/items/${HGR}/follow`, undefined, { 'x-csrf-token': 'forged' }), 403, 'CSRF_REJECTED');
    assert.deepEqual((await person.get('/api/me/follows')).body.items, []);
  });

  it('follow and unfollow are idempotent; 我的关注 lists the latest first; each account has its own', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'legal');
    const { client: other } = await registerAndLogIn(t.baseUrl, 'natural');

    for (let i = 0; i < 2; i++) {
      const res = await client.post(`/api/catalogue/items/${TECH_SME}/follow`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, { code: TECH_SME, followed: true });
    }
    await client.post(`/api/catalogue/items/${HGR}/follow`);
    const follows = (await client.get<{ items: FollowedItem[] }>('/api/me/follows')).body.items;
    assert.deepEqual(codes(follows), [HGR, TECH_SME]);
    assert.equal(follows[1]?.name, '科技型中小企业评价');
    assert.equal(follows[1]?.system?.key, 'tech-sme');
    assert.ok(!Number.isNaN(Date.parse(follows[0]!.followedAt)));

    assert.equal((await client.get(`/api/catalogue/items/${TECH_SME}`)).body.followed, true);
    const listed = await browse('?category=innovation_services', client);
    assert.deepEqual(listed.map((i) => [i.code, i.followed]), [[TECH_SME, true], [HIGH_TECH, false], ['000706009000', false], ['000706010000', false]]);
    assert.equal((await other.get(`/api/catalogue/items/${TECH_SME}`)).body.followed, false);
    assert.deepEqual((await other.get('/api/me/follows')).body.items, []);

    for (let i = 0; i < 2; i++) {
      const res = await client.request('DELETE', `/api/catalogue/items/${TECH_SME}/follow`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { code: TECH_SME, followed: false });
    }
    assert.deepEqual(codes((await client.get('/api/me/follows')).body.items), [HGR]);
    assert.equal((await client.get(`/api/catalogue/items/${TECH_SME}`)).body.followed, false);
  });

  it('a sub-item can be followed; unknown items cannot; a disabled item leaves 我的关注', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    assert.equal((await client.post('/api/catalogue/items/000106003001/follow')).status, 200);
    assertError(await client.post('/api/catalogue/items/999999999999/follow'), 404, 'SERVICE_ITEM_NOT_FOUND');
    assertFieldError(await client.post('/api/catalogue/items/x/follow'), 'code', 'ITEM_CODE_INVALID');
    assert.deepEqual(names((await client.get('/api/me/follows')).body.items), ['中国人类遗传资源采集审批']);
    await t.db.query(`update service_items set enabled = false where code = '000106003001'`);
    assert.deepEqual((await client.get('/api/me/follows')).body.items, []);
    await t.db.query(`update service_items set enabled = true where code = '000106003001'`);
  });
});
