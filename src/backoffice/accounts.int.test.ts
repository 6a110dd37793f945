/**
 * 账号管理 (/api/admin/accounts): every way an operator finds an account, without decrypting
 * rows to search; the account's page masked; unlock, end sessions, disable / enable with a
 * reason, each audited and each refused to a reviewer with nothing changed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';

const t = testPlatformForFile();

type Account = Awaited<ReturnType<typeof registerAndLogIn>>;

const audits = async (action: string, accountId?: string) =>
  t.db.query<{ staff_login_name: string; target_id: string | null; detail: Record<string, unknown> }>(
    `select staff_login_name, target_id, detail from audit_log where action = $1 and ($2::text is null or target_id = $2) order by id`,
    [action, accountId ?? null],
  );

/** Five wrong passwords in a row, the progressive wait skipped as if its seconds had passed. */
async function lockOut(loginName: string) {
  const client = new ApiClient(t.baseUrl);
  for (let i = 1; i <= 5; i++) {
    const res = await client.login('natural', loginName, `Wrong-${i}-pass`);
    assert.equal(res.body.code, i < 5 ? 'LOGIN_FAILED' : 'LOGIN_LOCKED');
    await t.db.query(`delete from kv where key like 'loginwait:%'`);
  }
}

const found = async (operator: ApiClient, q: string) => {
  const res = await operator.get(`/api/admin/accounts?q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.accounts as { id: string }[]).map((a) => a.id);
};

describe('/api/admin/accounts', () => {
  let operator: ApiClient & { staff: { loginName: string } };
  let reviewer: ApiClient;
  let person: Account;
  let organization: Account;
  let other: Account;

  before(async () => {
    operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('Citizen'), name: '欧阳明远' });
    other = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('bystander'), name: '司马光' });
    organization = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('firm') });
  });

  it('finds an account by login name (any case), real name, full phone, document number, organisation name or credit code', async () => {
    const org = organization.body.organization as { name: string; code: string };
    const agent = organization.body.primaryAgent as { name: string; mobile: string; documentNumber: string };
    const cases: [string, string, string][] = [
      ['login name', person.body.loginName.toUpperCase(), person.accountId],
      ['real name', '欧阳明远', person.accountId],
      ['phone', person.body.mobile, person.accountId],
      ['document number', person.body.documentNumber.toLowerCase(), person.accountId],
      ['organisation name (part)', org.name.slice(2), organization.accountId],
      ['credit code', org.code.toLowerCase(), organization.accountId],
      ["primary agent's phone", agent.mobile, organization.accountId],
      ["primary agent's document number", agent.documentNumber, organization.accountId],
    ];
    for (const [by, q, id] of cases) {
      const ids = await found(operator, q);
      assert.ok(ids.includes(id), `${by}: ${q}`);
      assert.ok(!ids.includes(other.accountId), `${by} finds only what matches`);
    }
    assert.deepEqual(await found(operator, '13900000000'), [], 'a phone nobody holds finds nothing');
    assert.deepEqual(await found(operator, person.body.mobile.slice(0, 7)), [], 'part of a phone finds nothing (hashes match whole values)');
  });

  it('searches are audited without the text searched for (it may be a phone or document number)', async () => {
    await found(operator, person.body.mobile);
    const rows = await audits('account.search');
    const last = rows.at(-1)!;
    assert.equal(last.staff_login_name, operator.staff.loginName);
    assert.deepEqual(last.detail, { results: 1 });
    assert.ok(!JSON.stringify(rows).includes(person.body.mobile));
  });

  it('searching by phone or document number decrypts no row, and works with every other row unreadable', async () => {
    const cipher = t.platform.cipher;
    const decrypt = cipher.decrypt;
    let calls = 0;
    cipher.decrypt = (sealed: string) => {
      calls++;
      return decrypt.call(cipher, sealed);
    };
    const saved = await t.db.query<{ account_id: string; role: string; mobile_enc: string; document_number_enc: string }>(
      `select account_id, role, mobile_enc, document_number_enc from identities where account_id <> $1`,
      [person.accountId],
    );
    try {
      await t.db.query(`update identities set mobile_enc = 'v1:broken', document_number_enc = 'v1:broken' where account_id <> $1`, [person.accountId]);
      assert.deepEqual(await found(operator, person.body.documentNumber), [person.accountId]);
      assert.deepEqual(await found(operator, person.body.mobile), [person.accountId]);
      assert.equal(calls, 0, 'no ciphertext was decrypted');
    } finally {
      cipher.decrypt = decrypt;
      for (const row of saved) {
        await t.db.query(`update identities set mobile_enc = $3, document_number_enc = $4 where account_id = $1 and role = $2`, [row.account_id, row.role, row.mobile_enc, row.document_number_enc]);
      }
    }
  });

  it('an empty or overlong search is 400 ACCOUNT_QUERY_REQUIRED', async () => {
    assertFieldError(await operator.get('/api/admin/accounts?q=%20'), 'q', 'ACCOUNT_QUERY_REQUIRED');
    assertFieldError(await operator.get(`/api/admin/accounts?q=${'a'.repeat(101)}`), 'q', 'ACCOUNT_QUERY_REQUIRED');
    assert.equal((await operator.get('/api/admin/accounts?q=a%00b')).status < 500, true, 'a NUL is no server error');
  });

  it("the account's page shows status, masked personal data, sessions, verification and update records, and is audited", async () => {
    const res = await operator.get(`/api/admin/accounts/${person.accountId}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const body = res.body;
    assert.equal(body.account.loginName, person.body.loginName);
    assert.equal(body.account.disabled, false);
    const identity = body.identities.find((i: { role: string }) => i.role === 'natural_person');
    assert.equal(identity.mobile, `${person.body.mobile.slice(0, 2)}*****${person.body.mobile.slice(-3)}`);
    assert.equal(identity.documentNumber, `${person.body.documentNumber.slice(0, 4)}********${person.body.documentNumber.slice(-4)}`);
    assert.ok(!JSON.stringify(body).includes(person.body.mobile) && !JSON.stringify(body).includes(person.body.documentNumber), 'nothing unmasked');
    assert.equal(body.lock.locked, false);
    assert.ok(body.sessions.length >= 1);
    assert.ok(Array.isArray(body.verifications) && body.verifications.length >= 1);
    assert.ok(Array.isArray(body.updateRecords) && Array.isArray(body.reviews));
    assert.equal((await audits('account.view', person.accountId)).length, 1);
  });

  it('an unknown account is 404 ACCOUNT_NOT_FOUND, a malformed id 400, for every action, and nothing is audited', async () => {
    const before = (await t.db.query('select count(*)::int as n from audit_log'))[0];
    for (const [method, suffix] of [['get', ''], ['post', '/unlock'], ['post', '/end-sessions'], ['post', '/disable'], ['post', '/enable']] as const) {
      const unknown = `/api/admin/accounts/00000000-0000-4000-8000-000000000000${suffix}`;
      assertError(method === 'get' ? await operator.get(unknown) : await operator.post(unknown, { reason: '核实' }), 404, 'ACCOUNT_NOT_FOUND');
      const malformed = `/api/admin/accounts/not-an-id${suffix}`;
      assertFieldError(method === 'get' ? await operator.get(malformed) : await operator.post(malformed, { reason: '核实' }), 'id', 'ACCOUNT_NOT_FOUND');
    }
    assert.deepEqual((await t.db.query('select count(*)::int as n from audit_log'))[0], before);
  });

  it('a reviewer is refused (403) every account tool and changes nothing', async () => {
    await lockOut(person.body.loginName);
    const refused = [
      await reviewer.get(`/api/admin/accounts?q=${person.body.loginName}`),
      await reviewer.get(`/api/admin/accounts/${person.accountId}`),
      await reviewer.post(`/api/admin/accounts/${person.accountId}/unlock`),
      await reviewer.post(`/api/admin/accounts/${person.accountId}/end-sessions`),
      await reviewer.post(`/api/admin/accounts/${person.accountId}/disable`, { reason: '核实' }),
      await reviewer.post(`/api/admin/accounts/${person.accountId}/enable`, { reason: '核实' }),
    ];
    for (const res of refused) assertError(res, 403, 'STAFF_ROLE_REQUIRED');
    assertError(await new ApiClient(t.baseUrl).post(`/api/admin/accounts/${person.accountId}/unlock`), 403, 'STAFF_ONLY');
    assertError(await person.client.post(`/api/admin/accounts/${person.accountId}/unlock`), 403, 'STAFF_ONLY');
    assert.equal((await operator.get(`/api/admin/accounts/${person.accountId}`)).body.lock.locked, true, 'still locked');
    assert.equal((await person.client.get('/api/me')).status, 200, 'the session lives');
    assert.equal((await t.db.query<{ disabled: boolean }>('select disabled from accounts where id = $1', [person.accountId]))[0]!.disabled, false);
    assert.equal((await audits('account.unlock')).length, 0);
  });

  it('unlock lifts the lock at once: the citizen logs in with the right password; audited', async () => {
    const citizen = new ApiClient(t.baseUrl);
    assertError(await citizen.login('natural', person.body.loginName, person.body.password), 429, 'LOGIN_LOCKED');
    const res = await operator.post(`/api/admin/accounts/${person.accountId}/unlock`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.wasLocked, true);
    assert.equal((await citizen.login('natural', person.body.loginName, person.body.password)).status, 200);
    const [audit] = await audits('account.unlock', person.accountId);
    assert.equal(audit!.staff_login_name, operator.staff.loginName);
    assert.equal(audit!.detail.wasLocked, true);
  });

  it('ending sessions logs the account out everywhere; audited', async () => {
    const second = new ApiClient(t.baseUrl);
    assert.equal((await second.login('natural', other.body.loginName, other.body.password)).status, 200);
    const res = await operator.post(`/api/admin/accounts/${other.accountId}/end-sessions`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.ended, 2);
    assert.equal((await other.client.get('/api/me')).status, 401);
    assert.equal((await second.get('/api/me')).status, 401);
    assert.deepEqual((await audits('account.end_sessions', other.accountId)).map((a) => a.detail), [{ ended: 2 }]);
  });

  it('disable needs a reason (400, nothing changes), then disables, ends the sessions and refuses login; enable lets it in again; both audited with the reason', async () => {
    const path = `/api/admin/accounts/${organization.accountId}`;
    assertFieldError(await operator.post(`${path}/disable`, { reason: '  ' }), 'reason', 'ACCOUNT_REASON_REQUIRED');
    assertFieldError(await operator.post(`${path}/disable`, {}), 'reason', 'ACCOUNT_REASON_REQUIRED');
    assertFieldError(await operator.post(`${path}/disable`, { reason: '长'.repeat(201) }), 'reason', 'ACCOUNT_REASON_TOO_LONG');
    assert.equal((await organization.client.get('/api/me')).status, 200, 'nothing changed');
    assert.equal((await audits('account.disable')).length, 0);

    const disabled = await operator.post(`${path}/disable`, { reason: '单位申请注销' });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    assert.equal(disabled.body.disabled, true);
    assert.equal((await organization.client.get('/api/me')).status, 401, 'logged out');
    assertError(await new ApiClient(t.baseUrl).login('legal', organization.body.loginName, organization.body.password), 403, 'ACCOUNT_DISABLED');
    assertFieldError(await operator.post(`${path}/enable`, { reason: '' }), 'reason', 'ACCOUNT_REASON_REQUIRED');
    const shown = (await operator.get(path)).body;
    assert.equal(shown.account.disabled, true);
    assert.deepEqual([shown.statusChange.disabled, shown.statusChange.reason, shown.statusChange.staffLoginName], [true, '单位申请注销', operator.staff.loginName]);

    const enabled = await operator.post(`${path}/enable`, { reason: '核实后恢复' });
    assert.equal(enabled.body.disabled, false);
    assert.equal((await new ApiClient(t.baseUrl).login('legal', organization.body.loginName, organization.body.password)).status, 200);
    assert.deepEqual((await audits('account.disable', organization.accountId)).map((a) => a.detail), [{ reason: '单位申请注销', wasDisabled: false }]);
    assert.deepEqual((await audits('account.enable', organization.accountId)).map((a) => a.detail), [{ reason: '核实后恢复', wasDisabled: true }]);
  });
});
