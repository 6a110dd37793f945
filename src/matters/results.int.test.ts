/**
 * 结果公示 through HTTP: a business system publishes results of its own items (idempotent by
 * its reference, republishing replaces), withdraws them, is refused for another system's items
 * and for bad input; the public list (no login) is newest first, paged and searchable by title.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../demo/business-systems.ts';
import { seedCatalogue } from '../demo/catalogue.ts';
import { systemApiClient, type SystemApiClient } from '../sso/system-api/client.ts';
import type { PublicResult } from './schemas.ts';

const t = testPlatformForFile();
const HGR = '000106003000';
const TECH_SME = '000706007000';
let hgr: SystemApiClient;

let seeded: Promise<void> | undefined;
beforeEach(async () => {
  seeded ??= (async () => {
    await seedBusinessSystems(t.platform);
    await seedCatalogue(t.platform);
    hgr = systemApiClient(t.baseUrl, DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
  })();
  await seeded;
});

const result = (overrides: Record<string, unknown> = {}) => ({
  itemCode: HGR,
  title: '2026年第1批人类遗传资源采集审批结果',
  publishedOn: '2026-03-01',
  summary: '经审查，准予以下单位开展采集活动：北京示例科技有限公司。',
  link: 'https://hgr.example.cn/results/1',
  ...overrides,
});
const api = async (answer: Promise<{ status: number; body: any }>) => ({ ...(await answer), headers: new Headers() });
const anonymous = () => new ApiClient(t.baseUrl);

async function list(query = ''): Promise<{ rows: PublicResult[]; total: number }> {
  const res = await anonymous().get(`/api/results${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

describe('结果公示', () => {
  it('publishes (201), takes a repeat as the same result (200), replaces on a new version, lists newest first without login', async () => {
    const first = await hgr.call('PUT', '/results/R-2026-01', result());
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const repeat = await hgr.call('PUT', '/results/R-2026-01', result());
    assert.equal(repeat.status, 200);
    assert.equal(repeat.body.id, first.body.id);
    assert.equal((await hgr.call('PUT', '/results/R-2026-02', result({ title: '2026年第2批采集审批结果', publishedOn: '2026-04-01', link: '' }))).status, 201);
    assert.equal((await hgr.call('PUT', '/results/R-2026-01', result({ summary: '更正后的内容' }))).status, 200);
    const { rows, total } = await list();
    assert.equal(total, 2);
    assert.deepEqual(rows.map((r) => r.title), ['2026年第2批采集审批结果', '2026年第1批人类遗传资源采集审批结果']);
    assert.equal(rows[1]?.summary, '更正后的内容');
    assert.equal(rows[0]?.link, null);
    assert.deepEqual(rows[1]?.item, { code: HGR, name: '人类遗传资源管理' });
    assert.equal(rows[1]?.systemName, '人类遗传资源管理');
    const audited = await t.db.query(`select 1 from audit_log where action = 'result.publish' and staff_login_name = 'system:hgr'`);
    assert.equal(audited.length, 4);
  });

  it('pages and searches by title', async () => {
    for (let i = 1; i <= 3; i++) assert.ok([200, 201].includes((await hgr.call('PUT', `/results/P-${i}`, result({ title: `分页测试公示${i}`, publishedOn: `2025-01-0${i}` }))).status));
    const page1 = await list('?q=分页测试&pageSize=2&page=1');
    assert.equal(page1.total, 3);
    assert.deepEqual(page1.rows.map((r) => r.title), ['分页测试公示3', '分页测试公示2']);
    const page2 = await list('?q=分页测试&pageSize=2&page=2');
    assert.deepEqual(page2.rows.map((r) => r.title), ['分页测试公示1']);
    assert.equal((await list('?q=%25')).total, 0, 'a % is a character, not a wildcard');
    assertError(await anonymous().get('/api/results?pageSize=500'), 400, 'VALIDATION_FAILED');
    assertError(await anonymous().get('/api/results?page=0'), 400, 'VALIDATION_FAILED');
    assertFieldError(await anonymous().get(`/api/results?q=${'长'.repeat(51)}`), 'q', 'TEXT_TOO_LONG');
  });

  it('withdraws a result (again: the same), which then is no longer listed; an unknown reference is 404', async () => {
    assert.equal((await hgr.call('PUT', '/results/W-1', result({ title: '待撤回的公示' }))).status, 201);
    assert.equal((await list('?q=待撤回')).total, 1);
    const withdrawn = await hgr.call('DELETE', '/results/W-1');
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    assert.equal((await hgr.call('DELETE', '/results/W-1')).status, 200);
    assert.equal((await list('?q=待撤回')).total, 0);
    assertError(await api(hgr.call('DELETE', '/results/NO-SUCH')), 404, 'RESULT_NOT_FOUND');
    // Published again with the same reference: back on the list.
    assert.equal((await hgr.call('PUT', '/results/W-1', result({ title: '待撤回的公示' }))).status, 200);
    assert.equal((await list('?q=待撤回')).total, 1);
  });

  it('refuses another system’s item (403), bad input (400), and calls without a token (401)', async () => {
    assertError(await api(hgr.call('PUT', '/results/X-1', result({ itemCode: TECH_SME }))), 403, 'MATTER_ITEM_OF_OTHER_SYSTEM');
    assertFieldError(await api(hgr.call('PUT', '/results/X-1', result({ title: '' }))), 'title', 'RESULT_TITLE_REQUIRED');
    assertFieldError(await api(hgr.call('PUT', '/results/X-1', result({ summary: '' }))), 'summary', 'RESULT_SUMMARY_REQUIRED');
    assertFieldError(await api(hgr.call('PUT', '/results/X-1', result({ summary: 'x'.repeat(1001) }))), 'summary', 'TEXT_TOO_LONG');
    assertFieldError(await api(hgr.call('PUT', '/results/X-1', result({ publishedOn: '2026-02-30' }))), 'publishedOn', 'DATE_INVALID');
    assertFieldError(await api(hgr.call('PUT', '/results/X-1', result({ publishedOn: '' }))), 'publishedOn', 'RESULT_DATE_REQUIRED');
    assertFieldError(await api(hgr.call('PUT', '/results/X-1', result({ link: 'data:text/html,x' }))), 'link', 'URL_INVALID');
    assertError(await api(hgr.call('PUT', '/results/-bad', result())), 400, 'VALIDATION_FAILED');
    const res = await fetch(`${t.baseUrl}/system-api/v1/results/X-1`, { method: 'DELETE' });
    assert.equal(res.status, 401);
    assert.equal((await list('?q=X-1')).total, 0);
    const stored = await t.db.query(`select 1 from public_results where reference = 'X-1'`);
    assert.equal(stored.length, 0);
  });
});
