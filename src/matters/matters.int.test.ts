/**
 * 我的事项 end to end through HTTP: a business system reports items with its client-credentials
 * token (authentication, another system's items refused, repeats idempotent, state history,
 * bad input, unknown account, audit), the applicant sees them in 我的事项 (an organisation sees
 * those done for it), rates a finished item once (comment rule, only finished, only the
 * applicant, once also under concurrency), 我要办理, and the back office's ratings and export.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError, assertFieldIssue } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../demo/business-systems.ts';
import { seedCatalogue } from '../demo/catalogue.ts';
import { systemApiClient, type SystemApiClient } from '../sso/system-api/client.ts';
import { systemsStore } from '../sso/systems-store.ts';
import type { MatterView, RatingsSummary } from './schemas.ts';

const t = testPlatformForFile();
const HGR = '000106003000';
const HGR_SUB = '000106003001';
const TECH_SME = '000706007000';
const OTHER = { clientId: 'matters-other', secret: 'Other@2026-client-secret' };

let hgr: SystemApiClient;
let other: SystemApiClient;

async function seed() {
  await seedBusinessSystems(t.platform);
  await seedCatalogue(t.platform);
  await systemsStore(t.platform.db, t.platform.cipher).create({
    key: 'matters-other', name: '其他业务系统', department: '测试司', audience: 'both', requiresVerification: false, requirements: [], requiresApproval: false, roles: [],
    oidc: { clientId: OTHER.clientId, clientSecret: OTHER.secret, redirectUris: ['https://other.example.cn/cb'], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    casServicePrefix: null, mobileAllowed: false, enabled: true,
  });
  hgr = systemApiClient(t.baseUrl, DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
  other = systemApiClient(t.baseUrl, OTHER.clientId, OTHER.secret);
}
let seeded: Promise<void> | undefined;
beforeEach(async () => {
  seeded ??= seed();
  await seeded;
});

let counter = 0;
const reference = () => `HGR-${process.pid}-${++counter}`;
const report = (applicantId: string, overrides: Record<string, unknown> = {}) => ({
  itemCode: HGR,
  applicantId,
  state: '已提交',
  title: '中国人类遗传资源采集审批申请',
  link: 'https://hgr.example.cn/applications/1',
  ...overrides,
});

async function myMatters(client: ApiClient): Promise<MatterView[]> {
  const res = await client.get('/api/me/matters');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.matters;
}

describe('reporting an item (system API)', () => {
  it('stores the first report (201), takes an identical repeat as a no-op (200) and records each new state with its time', async () => {
    const { client, accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    const ref = reference();
    const first = await hgr.call('PUT', `/matters/${ref}`, report(accountId));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual({ ...first.body, id: undefined }, { id: undefined, reference: ref, state: '已提交', created: true, changed: true });
    const repeat = await hgr.call('PUT', `/matters/${ref}`, report(accountId));
    assert.equal(repeat.status, 200);
    assert.equal(repeat.body.id, first.body.id);
    assert.equal(repeat.body.changed, false);
    await hgr.call('PUT', `/matters/${ref}`, report(accountId, { state: '受理中' }));
    const again = await hgr.call('PUT', `/matters/${ref}`, report(accountId, { state: '受理中' }));
    assert.equal(again.body.changed, false);
    const done = await hgr.call('PUT', `/matters/${ref}`, report(accountId, { state: '已办结', title: '采集审批（已批准）' }));
    assert.equal(done.status, 200);
    assert.equal(done.body.changed, true);

    const [matter] = await myMatters(client);
    assert.equal(matter?.reference, ref);
    assert.equal(matter?.state, '已办结');
    assert.equal(matter?.title, '采集审批（已批准）');
    assert.deepEqual(matter?.item, { code: HGR, name: '人类遗传资源管理' });
    assert.deepEqual(matter?.system, { key: 'hgr', name: '人类遗传资源管理' });
    assert.deepEqual(matter?.history.map((h) => h.state), ['已提交', '受理中', '已办结'], 'one history entry per state, none for repeats');
    assert.ok(matter?.history.every((h) => !Number.isNaN(Date.parse(h.at))));
    assert.equal(matter?.canRate, true);

    const [{ n }] = (await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'matter.report' and staff_login_name = 'system:hgr' and target_id = $1`,
      [first.body.id],
    )) as [{ n: number }];
    assert.equal(n, 5, 'every accepted call is audited');
  });

  it('takes identical first reports sent at once as one item with one history entry', async () => {
    const { accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    const ref = reference();
    const answers = await Promise.all([1, 2, 3].map(() => hgr.call('PUT', `/matters/${ref}`, report(accountId))));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 201], JSON.stringify(answers.map((a) => a.body)));
    const [counts] = await t.db.query<{ matters: number; states: number }>(
      `select count(distinct m.id)::int as matters, count(s.id)::int as states from matters m join matter_states s on s.matter_id = m.id where m.reference = $1`,
      [ref],
    );
    assert.deepEqual(counts, { matters: 1, states: 1 });
  });

  it('refuses a call without a valid token', async () => {
    const res = await fetch(`${t.baseUrl}/system-api/v1/matters/${reference()}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { code: string }).code, 'SYSTEM_TOKEN_MISSING');
  });

  it('refuses a system reporting another system’s items (403), and stores nothing', async () => {
    const { accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    const ref = reference();
    assertError(await asApi(other.call('PUT', `/matters/${ref}`, report(accountId))), 403, 'MATTER_ITEM_OF_OTHER_SYSTEM');
    assertError(await asApi(hgr.call('PUT', `/matters/${ref}`, report(accountId, { itemCode: TECH_SME }))), 403, 'MATTER_ITEM_OF_OTHER_SYSTEM');
    const rows = await t.db.query('select 1 from matters where reference = $1', [ref]);
    assert.equal(rows.length, 0);
  });

  it('keeps each system’s references apart and refuses a reference reused for another applicant or item (409)', async () => {
    const a = await registerAndLogIn(t.baseUrl, 'natural');
    const b = await registerAndLogIn(t.baseUrl, 'natural');
    const ref = reference();
    assert.equal((await hgr.call('PUT', `/matters/${ref}`, report(a.accountId))).status, 201);
    assertError(await asApi(hgr.call('PUT', `/matters/${ref}`, report(b.accountId))), 409, 'MATTER_REFERENCE_REUSED');
    assertError(await asApi(hgr.call('PUT', `/matters/${ref}`, report(a.accountId, { itemCode: HGR_SUB }))), 409, 'MATTER_REFERENCE_REUSED');
    assert.deepEqual((await myMatters(b.client)).length, 0, 'the other person sees nothing');
  });

  it('refuses bad input with Chinese field messages (400) and changes nothing', async () => {
    const { accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    const ref = reference();
    const put = (body: unknown) => asApi(hgr.call('PUT', `/matters/${ref}`, body));
    assertFieldError(await put(report(accountId, { state: '已完成' })), 'state', 'MATTER_STATE_INVALID');
    assertFieldError(await put(report(accountId, { title: '' })), 'title', 'MATTER_TITLE_REQUIRED');
    assertFieldError(await put(report(accountId, { title: 'x'.repeat(101) })), 'title', 'TEXT_TOO_LONG');
    assertFieldError(await put(report(accountId, { title: 'a\u200bb' })), 'title', 'TEXT_CONTROL_CHARS');
    assertFieldError(await put(report(accountId, { link: 'javascript:alert(1)' })), 'link', 'URL_INVALID');
    assertFieldError(await put(report(accountId, { link: 'ftp://hgr.example.cn/x' })), 'link', 'URL_INVALID');
    assertFieldError(await put(report(accountId, { itemCode: '12' })), 'itemCode', 'ITEM_CODE_INVALID');
    assertFieldError(await put(report('not-a-uuid')), 'applicantId', 'MATTER_APPLICANT_NOT_FOUND');
    const many = await put({});
    for (const field of ['itemCode', 'applicantId', 'state', 'title', 'link']) assertFieldIssue(many, field, many.body.fields.find((f: { field: string }) => f.field === field)?.code);
    assert.match(many.body.fields[0].message, /[\u4e00-\u9fff]/, 'a Chinese message');
    assertError(await put([]), 400, 'VALIDATION_FAILED');
    assertError(await asApi(hgr.call('PUT', '/matters/bad%20ref', report(accountId))), 400, 'VALIDATION_FAILED');
    assertError(await put(report(accountId, { itemCode: '999999999999' })), 404, 'SERVICE_ITEM_NOT_FOUND');
    const rows = await t.db.query('select 1 from matters where reference = $1', [ref]);
    assert.equal(rows.length, 0);
  });

  it('refuses an unknown applicant, and an "organisation" that is a person', async () => {
    const person = await registerAndLogIn(t.baseUrl, 'natural');
    assertError(await asApi(hgr.call('PUT', `/matters/${reference()}`, report(randomUUID()))), 400, 'MATTER_APPLICANT_NOT_FOUND');
    assertError(await asApi(hgr.call('PUT', `/matters/${reference()}`, report(person.accountId, { organizationId: person.accountId }))), 400, 'MATTER_ORGANIZATION_NOT_FOUND');
    assertError(await asApi(hgr.call('PUT', `/matters/${reference()}`, report(person.accountId, { organizationCreditCode: '91110000000000000X' }))), 400, 'MATTER_ORGANIZATION_NOT_FOUND');
    assertFieldError(await asApi(hgr.call('PUT', `/matters/${reference()}`, report(person.accountId, { organizationCreditCode: '9111-0000' }))), 'organizationCreditCode', 'MATTER_ORGANIZATION_NOT_FOUND');
  });

  it('shows an organisation the items a person did for it; only the person rates them', async () => {
    const person = await registerAndLogIn(t.baseUrl, 'natural');
    const organisation = await registerAndLogIn(t.baseUrl, 'legal');
    const ref = reference();
    assert.equal((await hgr.call('PUT', `/matters/${ref}`, report(person.accountId, { organizationId: organisation.accountId, state: '已办结' }))).status, 201);
    const [seen] = await myMatters(organisation.client);
    assert.equal(seen?.reference, ref);
    assert.equal(seen?.ownApplication, false);
    assert.equal(seen?.canRate, false);
    assertError(await organisation.client.post(`/api/me/matters/${seen!.id}/rating`, { grade: '满意' }), 403, 'FORBIDDEN');
    // The same, with the credit code a system reads in acts_for (credit_code).
    const [stored] = await t.db.query<{ code: string }>('select code from organizations where account_id = $1', [organisation.accountId]);
    const byCode = await hgr.call('PUT', `/matters/${reference()}`, report(person.accountId, { organizationCreditCode: stored!.code.toLowerCase(), state: '受理中' }));
    assert.equal(byCode.status, 201, JSON.stringify(byCode.body));
    assert.equal((await myMatters(organisation.client)).length, 2);
    const own = (await myMatters(person.client)).find((m) => m.reference === ref);
    const [org] = await t.db.query<{ name: string }>('select name from organizations where account_id = $1', [organisation.accountId]);
    assert.equal(own?.organizationName, org?.name, 'the person sees whom they acted for');
    assert.equal(own?.canRate, true);
  });
});

describe('我的评价', () => {
  async function finishedMatter(state = '已办结') {
    const account = await registerAndLogIn(t.baseUrl, 'natural');
    const ref = reference();
    const res = await hgr.call('PUT', `/matters/${ref}`, report(account.accountId, { state }));
    assert.equal(res.status, 201);
    return { ...account, matterId: res.body.id as string, ref };
  }

  it('rates a finished item once; the second rating is refused (409)', async () => {
    const { client, matterId } = await finishedMatter();
    const res = await client.post(`/api/me/matters/${matterId}/rating`, { grade: '非常满意', comment: '' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.grade, '非常满意');
    assertError(await client.post(`/api/me/matters/${matterId}/rating`, { grade: '满意' }), 409, 'RATING_ALREADY_GIVEN');
    const ratings = (await client.get('/api/me/ratings')).body.ratings;
    assert.deepEqual(ratings.map((r: { grade: string }) => r.grade), ['非常满意']);
    const [matter] = await myMatters(client);
    assert.equal(matter?.canRate, false);
    assert.equal(matter?.rating?.grade, '非常满意');
  });

  it('accepts one of two ratings sent at once', async () => {
    const { client, matterId } = await finishedMatter('不予受理');
    const answers = await Promise.all(['满意', '基本满意'].map((grade) => client.post(`/api/me/matters/${matterId}/rating`, { grade })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
    const rows = await t.db.query('select grade from matter_ratings where matter_id = $1', [matterId]);
    assert.equal(rows.length, 1);
  });

  it('needs a comment for 不满意 and 非常不满意, within its length', async () => {
    const { client, matterId } = await finishedMatter();
    const url = `/api/me/matters/${matterId}/rating`;
    assertFieldError(await client.post(url, { grade: '不满意' }), 'comment', 'RATING_COMMENT_REQUIRED');
    assertFieldError(await client.post(url, { grade: '非常不满意', comment: '   ' }), 'comment', 'RATING_COMMENT_REQUIRED');
    assertFieldError(await client.post(url, { grade: '不满意', comment: '慢'.repeat(501) }), 'comment', 'TEXT_TOO_LONG');
    assertFieldError(await client.post(url, { grade: '很好' }), 'grade', 'RATING_GRADE_INVALID');
    const res = await client.post(url, { grade: '不满意', comment: '审批时间过长' });
    assert.equal(res.status, 201);
    assert.equal(res.body.comment, '审批时间过长');
  });

  it('only for a finished item, only by its applicant, only when logged in', async () => {
    const pending = await finishedMatter('受理中');
    assertError(await pending.client.post(`/api/me/matters/${pending.matterId}/rating`, { grade: '满意' }), 409, 'RATING_NOT_FINISHED');
    const stranger = await registerAndLogIn(t.baseUrl, 'natural');
    assertError(await stranger.client.post(`/api/me/matters/${pending.matterId}/rating`, { grade: '满意' }), 404, 'MATTER_NOT_FOUND');
    assertError(await new ApiClient(t.baseUrl).post(`/api/me/matters/${pending.matterId}/rating`, { grade: '满意' }), 401, 'NOT_LOGGED_IN');
    assertError(await pending.client.post('/api/me/matters/not-an-id/rating', { grade: '满意' }), 400, 'VALIDATION_FAILED');
    assertError(await new ApiClient(t.baseUrl).get('/api/me/matters'), 401, 'NOT_LOGGED_IN');
    assertError(await new ApiClient(t.baseUrl).get('/api/me/ratings'), 401, 'NOT_LOGGED_IN');
  });

  it('the back office shows counts per system and item and exports them (operators only, audited)', async () => {
    const { client, matterId } = await finishedMatter();
    assert.equal((await client.post(`/api/me/matters/${matterId}/rating`, { grade: '基本满意' })).status, 201);
    const operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    const res = await operator.get('/api/admin/ratings?system=hgr');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const summary = res.body as RatingsSummary;
    const system = summary.bySystem.find((s) => s.key === 'hgr')!;
    assert.ok(system.counts['基本满意'] >= 1);
    assert.equal(system.total, Object.values(system.counts).reduce((a, b) => a + b, 0));
    assert.ok(summary.byItem.some((i) => i.code === HGR && i.counts['基本满意'] >= 1));
    assert.ok(summary.ratings.some((r) => r.matterId === matterId));
    const csv = await operator.get('/api/admin/ratings/export?itemCode=' + HGR);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(String(csv.body), /业务系统,|"业务系统"/);
    assert.match(String(csv.body), /基本满意/);
    const audited = await t.db.query(`select action from audit_log where staff_login_name = $1 order by id`, [operator.staff.loginName]);
    assert.ok(audited.some((r) => (r as { action: string }).action === 'ratings.view'));
    assert.ok(audited.some((r) => (r as { action: string }).action === 'ratings.export'));
    assertFieldError(await operator.get('/api/admin/ratings?itemCode=abc'), 'itemCode', 'ITEM_CODE_INVALID');
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.get('/api/admin/ratings'), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await client.get('/api/admin/ratings'), 403, 'STAFF_ONLY');
    assertError(await client.get('/api/admin/ratings/export'), 403, 'STAFF_ONLY');
  });
});

describe('我要办理', () => {
  it('lists followed items and the items of recent matters with their systems', async () => {
    const { client, accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    assert.equal((await client.post(`/api/catalogue/items/${TECH_SME}/follow`, {})).status, 200);
    await hgr.call('PUT', `/matters/${reference()}`, report(accountId, { itemCode: HGR_SUB }));
    const res = await client.get('/api/me/apply');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.followed.map((i: { code: string }) => i.code), [TECH_SME]);
    assert.deepEqual(res.body.recent.map((i: { code: string; system: { key: string } }) => [i.code, i.system.key]), [[HGR_SUB, 'hgr']]);
    // An item opened in the catalogue is recently used too, newest first, each item once.
    assert.equal((await client.get(`/api/catalogue/items/${TECH_SME}`)).status, 200);
    const after = await client.get('/api/me/apply');
    assert.deepEqual(after.body.recent.map((i: { code: string }) => i.code), [TECH_SME, HGR_SUB]);
    assert.equal(after.body.recent[0].followed, true);
    assertError(await new ApiClient(t.baseUrl).get('/api/me/apply'), 401, 'NOT_LOGGED_IN');
  });
});

/** The system client's answer in the shape the assertions read. */
async function asApi(answer: Promise<{ status: number; body: any }>) {
  const { status, body } = await answer;
  return { status, body, headers: new Headers() };
}
