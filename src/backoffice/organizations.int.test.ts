/**
 * 单位管理 (/api/admin/organizations/:id/disable|enable) with ids that name no organisation:
 * unknown, malformed, or another kind of account. Each is a 404 or 400, never a 500, and
 * changes nothing: no account disabled, no session ended, nothing in the audit log.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';

const t = testPlatformForFile();

const ACTIONS = ['disable', 'enable'] as const;
const auditCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from audit_log where action like $1', ['organization.%']))[0]!.n;
const disabledAccounts = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from accounts where disabled'))[0]!.n;

describe('/api/admin/organizations/:id with an id that is not an organisation’s', () => {
  let operator: ApiClient;
  let person: Awaited<ReturnType<typeof registerAndLogIn>>;
  let organization: Awaited<ReturnType<typeof registerAndLogIn>>;

  before(async () => {
    operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('notorg') });
    organization = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('org') });
  });

  it('an unknown id is 404 ORGANIZATION_NOT_FOUND and nothing is recorded', async () => {
    const audited = await auditCount();
    for (const action of ACTIONS) {
      assertError(await operator.post(`/api/admin/organizations/00000000-0000-4000-8000-000000000000/${action}`), 404, 'ORGANIZATION_NOT_FOUND');
    }
    assert.equal(await auditCount(), audited);
  });

  it('a natural person’s account id is not an organisation: 404, and the person is neither disabled nor logged out', async () => {
    const audited = await auditCount();
    for (const action of ACTIONS) assertError(await operator.post(`/api/admin/organizations/${person.accountId}/${action}`), 404, 'ORGANIZATION_NOT_FOUND');
    const [row] = await t.db.query<{ disabled: boolean }>('select disabled from accounts where id = $1', [person.accountId]);
    assert.equal(row!.disabled, false);
    assert.equal((await person.client.get('/api/me')).status, 200, 'the session lives');
    assert.equal(await auditCount(), audited);
  });

  it('a malformed id is 400 VALIDATION_FAILED on the field id, not a server error, and nothing changes', async () => {
    const audited = await auditCount();
    const before = await t.db.query('select id, disabled from accounts order by id');
    for (const id of ['not-a-uuid', '1', '00000000-0000-0000-0000', `${organization.accountId}x`, "' or '1'='1"]) {
      for (const action of ACTIONS) {
        const res = await operator.post(`/api/admin/organizations/${encodeURIComponent(id)}/${action}`);
        assertError(res, 400, 'VALIDATION_FAILED');
        assert.equal(res.body.fields?.[0]?.field, 'id', JSON.stringify(res.body));
      }
    }
    assert.deepEqual(await t.db.query('select id, disabled from accounts order by id'), before);
    assert.equal((await organization.client.get('/api/me')).status, 200, "the organisation's session lives");
    assert.equal(await auditCount(), audited);
  });

  it('there is no route for the bare id (GET or POST): 404 NOT_FOUND', async () => {
    assertError(await operator.get(`/api/admin/organizations/${organization.accountId}`), 404, 'NOT_FOUND');
    assertError(await operator.post(`/api/admin/organizations/${organization.accountId}`), 404, 'NOT_FOUND');
    assertError(await operator.post(`/api/admin/organizations/${organization.accountId}/delete`), 404, 'NOT_FOUND');
  });

  it('the right id does disable and enable (the refusals above are about the id)', async () => {
    assert.equal((await operator.post(`/api/admin/organizations/${organization.accountId}/disable`)).body.disabled, true);
    assert.equal((await organization.client.get('/api/me')).status, 401, 'logged out');
    assert.equal((await operator.post(`/api/admin/organizations/${organization.accountId}/enable`)).body.disabled, false);
    assert.equal(await disabledAccounts(), 0);
  });
});
