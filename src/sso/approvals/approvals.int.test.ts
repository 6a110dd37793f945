/**
 * 单位需经系统审核 over HTTP: a business system approves and withdraws an organisation's holding
 * through the system API with its own client-credentials token (its own holdings only, repeats
 * idempotent, systems without the rule 409, bad input 400, unknown code 404, audited as
 * system:<key>); operators do the same in the back office (role operator, audited); while the
 * organisation waits, 办理入口 and 授权 say 待业务系统审核; after approval it enters and can
 * grant; after withdrawal it holds nothing again.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { assertError } from '../../../test/support/assertions.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { staffClient } from '../../../test/support/staff.ts';
import { systemApiClient } from '../system-api/client.ts';
import { systemsStore, type NewBusinessSystem } from '../systems-store.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

let count = 0;
/** A system with its own OIDC client (for the system API), requiring approval unless told otherwise. */
async function system(overrides: Partial<NewBusinessSystem> = {}) {
  const n = ++count;
  const key = `approval-${n}-${Date.now()}`;
  const secret = `Approval@2026-secret-${n}-client`;
  const created = await systemsStore(t.platform.db, t.platform.cipher).create({
    key,
    name: `审核测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: true,
    requiresGrant: true,
    roles: [{ code: 'applicant', name: '申报人' }],
    oidc: { clientId: key, clientSecret: secret, redirectUris: [`https://${key}.example.cn/cb`], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    casServicePrefix: null,
    entryUrl: `http://localhost:${4400 + n}/login`,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  } as NewBusinessSystem);
  return { ...created, api: systemApiClient(t.baseUrl, key, secret) };
}

// A person the development registry knows, so the account verifies (once per file).
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
let wangWu: Promise<string> | undefined;
const verifiedPersonId = () => (wangWu ??= registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('apprp'), ...WANG_WU }).then((p) => p.accountId));
const legal = () => registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('appr') });
const creditCodeOf = (corp: { body: Record<string, any> }) => corp.body.organization.code as string;
const state = async (accountId: string, systemId: string) => {
  const [row] = await t.db.query<{ held: boolean; pending: boolean }>(
    `select exists (select 1 from organization_systems where account_id = $1 and system_id = $2) as held,
            exists (select 1 from holding_requests where account_id = $1 and system_id = $2) as pending`,
    [accountId, systemId],
  );
  return row!.held ? 'held' : row!.pending ? 'pending' : 'none';
};
const audits = (action: string, accountId: string) =>
  t.db.query<{ staff_login_name: string; detail: any }>('select staff_login_name, detail from audit_log where action = $1 and target_id = $2 order by id', [action, accountId]);

describe('system API: a system approves organisations', () => {
  it('approves and withdraws its own holding, idempotently and audited, and the entry and grants follow', async () => {
    const s = await system();
    const corp = await legal();
    const code = creditCodeOf(corp);

    // First entry: the organisation goes to the system (to register there) and now waits.
    assert.equal((await corp.client.get(`/sso/enter/${s.key}`)).headers.get('location'), s.entryUrl);
    assert.equal(await state(corp.accountId, s.id), 'pending');
    // Entering again while waiting: 待业务系统审核, not "enter once".
    const pending = (await corp.client.get(`/api/sso/entry/${s.key}`)).body;
    assert.equal(pending.ok, false);
    assert.deepEqual(pending.refusals.map((r: any) => r.code), ['HOLDING_PENDING']);
    assert.match(pending.refusals[0].message, /^待业务系统审核/);
    assert.match(pending.refusals[0].message, new RegExp(s.name));
    // The grant screen too.
    const held = (await corp.client.get('/api/org/held-systems')).body;
    assert.deepEqual(held.pending, [{ key: s.key, name: s.name }]);
    const grant = await corp.client.post('/api/org/authorizations', { personId: await verifiedPersonId(), systems: [{ key: s.key, roles: ['applicant'] }], maintainInfo: false });
    assertError(grant, 400, 'HOLDING_PENDING');
    assert.match(grant.body.message, /待业务系统审核/);

    // The system approves: 200, held; again: 200, the same state, no second audit row.
    const first = await s.api.call('PUT', `/organizations/${code}/holding`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body, { organizationId: corp.accountId, system: s.key, state: 'held', changed: true });
    const again = await s.api.call('PUT', `/organizations/${code.toLowerCase()}/holding`);
    assert.equal(again.status, 200);
    assert.deepEqual({ ...again.body, changed: undefined }, { ...first.body, changed: undefined });
    assert.equal(again.body.changed, false);
    assert.equal(await state(corp.accountId, s.id), 'held');
    assert.deepEqual((await audits('holding.approve', corp.accountId)).map((a) => [a.staff_login_name, a.detail.system]), [[`system:${s.key}`, s.key]]);

    // Held: 办理入口 leads into the system, the system is offered for grants, nothing pending.
    assert.deepEqual((await corp.client.get(`/api/sso/entry/${s.key}`)).body, { ok: true, url: s.entryUrl });
    const after = (await corp.client.get('/api/org/held-systems')).body;
    assert.deepEqual(after.pending, []);
    assert.ok(after.systems.some((h: any) => h.key === s.key));

    // Withdrawal ends the holding: grants say "enter once" again (SYSTEM_NOT_HELD); twice is 200 too.
    const withdrawn = await s.api.call('DELETE', `/organizations/${code}/holding`);
    assert.equal(withdrawn.status, 200);
    assert.deepEqual(withdrawn.body, { organizationId: corp.accountId, system: s.key, state: 'none', changed: true });
    const twice = await s.api.call('DELETE', `/organizations/${code}/holding`);
    assert.equal(twice.status, 200);
    assert.equal(twice.body.changed, false);
    assert.equal(await state(corp.accountId, s.id), 'none');
    assert.equal((await audits('holding.withdraw', corp.accountId)).length, 1);
    assertError(await corp.client.post('/api/org/authorizations', { personId: await verifiedPersonId(), systems: [{ key: s.key, roles: ['applicant'] }], maintainInfo: false }), 400, 'SYSTEM_NOT_HELD');
  });

  it("acts only on the calling system's own holding", async () => {
    const mine = await system();
    const other = await system();
    const corp = await legal();
    assert.equal((await mine.api.call('PUT', `/organizations/${creditCodeOf(corp)}/holding`)).status, 200);
    assert.equal(await state(corp.accountId, mine.id), 'held');
    assert.equal(await state(corp.accountId, other.id), 'none');
    // The other system withdrawing withdraws nothing of mine.
    const res = await other.api.call('DELETE', `/organizations/${creditCodeOf(corp)}/holding`);
    assert.equal(res.status, 200);
    assert.equal(res.body.changed, false);
    assert.equal(await state(corp.accountId, mine.id), 'held');
  });

  it('refuses systems without the rule (409), unknown codes (404), bad codes (400) and missing tokens (401)', async () => {
    const open = await system({ requiresApproval: false });
    const s = await system();
    const corp = await legal();
    const notReviewing = await open.api.call('PUT', `/organizations/${creditCodeOf(corp)}/holding`);
    assert.equal(notReviewing.status, 409);
    assert.equal(notReviewing.body.code, 'HOLDING_APPROVAL_NOT_REQUIRED');
    assert.match(notReviewing.body.message, /未设置“单位需经系统审核”/);
    assert.equal(await state(corp.accountId, open.id), 'none');

    // A valid code no organisation has (check character recomputed: the last one differs).
    const code = creditCodeOf(corp);
    const { creditCodeCheckChar } = await import('../../accounts/rules.ts');
    const free = `91350000${'7'.repeat(9)}`;
    const freeCode = free + creditCodeCheckChar(free);
    if (freeCode !== code) {
      const missing = await s.api.call('PUT', `/organizations/${freeCode}/holding`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'HOLDING_ORGANIZATION_NOT_FOUND');
    }

    for (const bad of ['123', encodeURIComponent('９１１１'), `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`, 'A'.repeat(60)]) {
      const res = await s.api.call('PUT', `/organizations/${bad}/holding`);
      assert.equal(res.status, 400, `${bad}: ${JSON.stringify(res.body)}`);
      assert.equal(typeof res.body.message, 'string');
    }
    assert.equal(await state(corp.accountId, s.id), 'none');

    const anonymous = await fetch(`${t.baseUrl}/system-api/v1/organizations/${code}/holding`, { method: 'PUT' });
    assert.equal(anonymous.status, 401);
    assert.equal(await state(corp.accountId, s.id), 'none');
  });
});

describe('back office: operators approve and withdraw', () => {
  it('operators only, audited as the staff member, idempotent, with bad input refused', async () => {
    const s = await system();
    const open = await system({ requiresApproval: false });
    const corp = await legal();
    await corp.client.get(`/sso/enter/${s.key}`);
    assert.equal(await state(corp.accountId, s.id), 'pending');

    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assert.equal((await reviewer.put(`/api/admin/organizations/${corp.accountId}/holdings/${s.key}`)).status, 403);
    assert.equal((await reviewer.delete(`/api/admin/organizations/${corp.accountId}/holdings/${s.key}`)).status, 403);
    assert.equal((await reviewer.get(`/api/admin/organizations/${corp.accountId}/holdings`)).status, 403);
    assert.equal(await state(corp.accountId, s.id), 'pending');

    const operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    const list = (await operator.get(`/api/admin/organizations/${corp.accountId}/holdings`)).body.holdings;
    assert.deepEqual(list.find((h: any) => h.key === s.key), { key: s.key, name: s.name, state: 'pending' });
    assert.equal(list.find((h: any) => h.key === open.key), undefined);

    const approved = await operator.put(`/api/admin/organizations/${corp.accountId}/holdings/${s.key}`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.state, 'held');
    assert.equal((await operator.put(`/api/admin/organizations/${corp.accountId}/holdings/${s.key}`)).body.changed, false);
    assert.deepEqual((await audits('holding.approve', corp.accountId)).map((a) => a.staff_login_name), [operator.staff.loginName]);
    assert.deepEqual((await corp.client.get(`/api/sso/entry/${s.key}`)).body, { ok: true, url: s.entryUrl });

    assert.equal((await operator.delete(`/api/admin/organizations/${corp.accountId}/holdings/${s.key}`)).body.state, 'none');
    assert.equal(await state(corp.accountId, s.id), 'none');
    assert.deepEqual((await audits('holding.withdraw', corp.accountId)).map((a) => a.staff_login_name), [operator.staff.loginName]);

    assertError(await operator.put(`/api/admin/organizations/${corp.accountId}/holdings/${open.key}`), 409, 'HOLDING_APPROVAL_NOT_REQUIRED');
    assert.equal((await operator.put(`/api/admin/organizations/not-a-uuid/holdings/${s.key}`)).status, 400);
    assertError(await operator.put(`/api/admin/organizations/${randomUUID()}/holdings/${s.key}`), 404, 'ORGANIZATION_NOT_FOUND');
    assertError(await operator.put(`/api/admin/organizations/${corp.accountId}/holdings/no-such-system`), 404, 'SYSTEM_NOT_FOUND');
    assert.equal((await operator.put(`/api/admin/organizations/${corp.accountId}/holdings/BAD%20KEY`)).status, 400);
    assert.equal(await state(corp.accountId, s.id), 'none');
  });
});

describe('demo', () => {
  it('外国专家项目管理信息系统 approves organisations (FAQ 五.1(2)) and has a 服务事项 with its 办理入口', async () => {
    const { seedBusinessSystems } = await import('../../demo/business-systems.ts');
    const { demoServiceItems } = await import('../../demo/catalogue.ts');
    await seedBusinessSystems(t.platform);
    const experts = await systemsStore(t.platform.db, t.platform.cipher).findByKey('foreign-expert-projects');
    assert.equal(experts?.name, '外国专家项目管理信息系统');
    assert.equal(experts?.requiresApproval, true);
    assert.equal(experts?.requiresGrant, true);
    assert.equal(demoServiceItems().find((item) => item.systemKey === 'foreign-expert-projects')?.name, '外国专家项目管理');
  });
});
