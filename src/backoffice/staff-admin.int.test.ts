/**
 * 工作人员管理 (issue 18.5): admins create staff, reset their password and TOTP, disable and
 * enable them; staff change their own password. Admin-only, audited, bad input changes nothing,
 * the last enabled admin stays enabled (also when two admins disable each other at once).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { currentTotp, staffClient } from '../../test/support/staff.ts';
import { generatePassword } from './staff-admin.ts';

const t = testPlatformForFile();

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const staffCount = () => count('select count(*)::int as n from staff');
const auditCount = (action: string) => count('select count(*)::int as n from audit_log where action = $1', [action]);
/** Staff-management entries (logins are audited as staff.login*, apart). */
const managementAudits = () => count(`select count(*)::int as n from audit_log where action like 'staff.%' and action not like 'staff.log%'`);
const staffRow = async (id: string) =>
  (await t.db.query<{ disabled: boolean; password_hash: string; totp_secret_enc: string; password_change_required: boolean }>('select * from staff where id = $1', [id]))[0]!;

/** A browser of its own logging in (callers pick another TOTP step, -1, 0 or +1, for each login of one secret). */
async function logIn(loginName: string, password: string, totp: string) {
  const client = new ApiClient(t.baseUrl);
  const res = await client.post('/api/admin/login', { loginName, password, totp });
  return { client, res };
}

let uniq = 0;
const newLoginName = (prefix = 'sm') => `${prefix}_${process.pid}_${++uniq}`;

describe('/api/admin/staff: 工作人员管理', () => {
  let admin: Awaited<ReturnType<typeof staffClient>>;

  before(async () => {
    admin = await staffClient(t.baseUrl, t.platform, ['admin']);
  });

  it('generated one-time passwords pass the platform rule and differ', () => {
    const seen = new Set(Array.from({ length: 50 }, generatePassword));
    assert.equal(seen.size, 50);
  });

  it('an admin creates a reviewer: password and TOTP shown once, the first login must change the password first', async () => {
    const loginName = newLoginName();
    const created = await admin.post('/api/admin/staff', { loginName, name: '李审核', roles: ['reviewer'] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { id, initialPassword, totpSecret, totpUri } = created.body;
    assert.match(totpSecret, /^[A-Z2-7]{32}$/);
    assert.equal(totpUri, `otpauth://totp/${encodeURIComponent(`科学技术部政务服务平台:${loginName}`)}?secret=${totpSecret}&issuer=${encodeURIComponent('科学技术部政务服务平台')}&digits=6&period=30`);
    assert.equal(created.body.passwordChangeRequired, true);

    // Stored as a hash and encrypted; never readable again, not in the list, not in the audit log.
    const row = await staffRow(id);
    assert.ok(!row.password_hash.includes(initialPassword) && !row.totp_secret_enc.includes(totpSecret));
    const list = await admin.get('/api/admin/staff');
    assert.equal(list.status, 200);
    const listed = list.body.staff.find((s: { id: string }) => s.id === id);
    assert.deepEqual([listed.loginName, listed.roles, listed.disabled], [loginName, ['reviewer'], false]);
    assert.ok(!JSON.stringify(list.body).includes(totpSecret) && !JSON.stringify(list.body).includes(initialPassword));
    const [audit] = await t.db.query<{ staff_login_name: string; target_id: string; detail: unknown }>(`select * from audit_log where action = 'staff.create' and target_id = $1`, [id]);
    assert.equal(audit!.staff_login_name, admin.staff.loginName);
    assert.ok(!JSON.stringify(audit!.detail).includes(totpSecret) && !JSON.stringify(audit!.detail).includes(initialPassword));

    const { client, res } = await logIn(loginName, initialPassword, currentTotp(totpSecret));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.passwordChangeRequired, true);
    assertError(await client.get('/api/admin/reviews'), 403, 'STAFF_PASSWORD_CHANGE_REQUIRED');
    assertError(await client.post('/api/admin/me/password', { oldPassword: 'Wrong@2026pass', password: 'Neu@2026Passwort', passwordConfirm: 'Neu@2026Passwort' }), 400, 'OLD_PASSWORD_WRONG');
    assert.equal((await staffRow(id)).password_hash, row.password_hash, 'a refused change changes nothing');
    const changed = await client.post('/api/admin/me/password', { oldPassword: initialPassword, password: 'Neu@2026Passwort', passwordConfirm: 'Neu@2026Passwort' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await client.get('/api/admin/me')).body.passwordChangeRequired, false);
    assert.equal((await client.get('/api/admin/reviews')).status, 200, 'the reviewer works now');
    assert.equal(await auditCount('staff.password_change'), 1);
    assertError((await logIn(loginName, initialPassword, currentTotp(totpSecret, 1))).res, 401, 'STAFF_LOGIN_FAILED');
  });

  it('a reviewer or an operator gets 403 on every staff-management route, and nothing changes', async () => {
    const target = await admin.post('/api/admin/staff', { loginName: newLoginName(), name: '王运维', roles: ['operator'] });
    const id = target.body.id as string;
    const before = { staff: await staffCount(), row: await staffRow(id), audit: await managementAudits() };
    for (const roles of [['reviewer'], ['operator'], ['reviewer', 'operator']] as const) {
      const other = await staffClient(t.baseUrl, t.platform, [...roles]);
      assertError(await other.get('/api/admin/staff'), 403, 'STAFF_ROLE_REQUIRED');
      assertError(await other.post('/api/admin/staff', { loginName: newLoginName(), name: '张三', roles: ['admin'] }), 403, 'STAFF_ROLE_REQUIRED');
      for (const action of ['reset', 'disable', 'enable']) assertError(await other.post(`/api/admin/staff/${id}/${action}`), 403, 'STAFF_ROLE_REQUIRED');
    }
    assert.equal(await staffCount(), before.staff + 3, 'only the three callers were added (by the test)');
    assert.deepEqual(await staffRow(id), before.row);
    assert.equal(await managementAudits(), before.audit);
    for (const client of [new ApiClient(t.baseUrl)]) assertError(await client.get('/api/admin/staff'), 403, 'STAFF_ONLY');
  });

  it('bad input is refused field by field and creates nobody', async () => {
    const taken = newLoginName('Taken');
    assert.equal((await admin.post('/api/admin/staff', { loginName: taken, name: '赵六', roles: ['reviewer'] })).status, 200);
    const before = { staff: await staffCount(), audit: await auditCount('staff.create') };
    const good = { loginName: newLoginName(), name: '赵六', roles: ['reviewer'] };
    assertFieldError(await admin.post('/api/admin/staff', { ...good, loginName: 'bad name!' }), 'loginName', 'LOGIN_NAME_INVALID_CHARS');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, loginName: '' }), 'loginName', 'LOGIN_NAME_EMPTY');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, loginName: 'x'.repeat(51) }), 'loginName', 'LOGIN_NAME_TOO_LONG');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, name: '' }), 'name', 'REQUIRED_FIELD');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, name: '赵\u202e六' }), 'name', 'PERSON_NAME_CHARS');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, roles: [] }), 'roles', 'STAFF_ROLES_REQUIRED');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, roles: ['root'] }), 'roles.0', 'STAFF_ROLE_INVALID');
    assertFieldError(await admin.post('/api/admin/staff', { ...good, roles: 'admin' }), 'roles', 'STAFF_ROLES_REQUIRED');
    assertError(await admin.post('/api/admin/staff', { ...good, loginName: taken.toLowerCase() }), 409, 'STAFF_LOGIN_NAME_TAKEN');
    assertError(await admin.post('/api/admin/staff/not-a-uuid/reset'), 400, 'VALIDATION_FAILED');
    assertError(await admin.post('/api/admin/staff/00000000-0000-4000-8000-000000000000/reset'), 404, 'STAFF_NOT_FOUND');
    assertError(await admin.post('/api/admin/staff/00000000-0000-4000-8000-000000000000/disable'), 404, 'STAFF_NOT_FOUND');
    assert.equal(await staffCount(), before.staff);
    assert.equal(await auditCount('staff.create'), before.audit);
  });

  it('a reset makes the old password and TOTP secret useless, ends the sessions, and asks for a new password', async () => {
    const created = await admin.post('/api/admin/staff', { loginName: newLoginName(), name: '孙审核', roles: ['reviewer'] });
    const { id, loginName, initialPassword, totpSecret } = created.body;
    const first = await logIn(loginName, initialPassword, currentTotp(totpSecret, -1));
    assert.equal(first.res.status, 200);
    const resetAudits = await auditCount('staff.reset_credentials');
    const reset = await admin.post(`/api/admin/staff/${id}/reset`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.notEqual(reset.body.totpSecret, totpSecret);
    assert.notEqual(reset.body.initialPassword, initialPassword);
    assert.equal(await auditCount('staff.reset_credentials'), resetAudits + 1);
    assertError(await first.client.get('/api/admin/me'), 403, 'STAFF_ONLY');
    // The new password with a code of the old secret: refused.
    assertError((await logIn(loginName, reset.body.initialPassword, currentTotp(totpSecret))).res, 401, 'STAFF_LOGIN_FAILED');
    const again = await logIn(loginName, reset.body.initialPassword, currentTotp(reset.body.totpSecret));
    assert.equal(again.res.status, 200);
    assert.equal(again.res.body.passwordChangeRequired, true);
  });

  it('disabling ends the staff member’s sessions and refuses their login; enabling lets them in again; both audited', async () => {
    const created = await admin.post('/api/admin/staff', { loginName: newLoginName(), name: '周审核', roles: ['reviewer'] });
    const { id, loginName, initialPassword, totpSecret } = created.body;
    const session = await logIn(loginName, initialPassword, currentTotp(totpSecret, -1));
    assert.equal(session.res.status, 200);
    const audits = await auditCount('staff.disable');
    assert.equal((await admin.post(`/api/admin/staff/${id}/disable`)).body.disabled, true);
    assert.equal(await auditCount('staff.disable'), audits + 1);
    assert.equal(await count('select count(*)::int as n from staff_sessions where staff_id = $1', [id]), 0);
    assertError(await session.client.get('/api/admin/me'), 403, 'STAFF_ONLY');
    assertError((await logIn(loginName, initialPassword, currentTotp(totpSecret))).res, 401, 'STAFF_LOGIN_FAILED');
    assert.equal((await admin.post(`/api/admin/staff/${id}/enable`)).body.disabled, false);
    assert.equal(await auditCount('staff.enable'), 1);
    assert.equal((await logIn(loginName, initialPassword, currentTotp(totpSecret, 1))).res.status, 200);
  });

  it('a staff member changes their own password: the old one is required, the rule applies, other sessions end', async () => {
    const me = await staffClient(t.baseUrl, t.platform, ['operator']);
    const other = await logIn(me.staff.loginName, me.staff.password, currentTotp(me.staff.totpSecret, 1));
    assert.equal(other.res.status, 200);
    const hash = (await t.db.query<{ password_hash: string }>('select password_hash from staff where login_name = $1', [me.staff.loginName]))[0]!.password_hash;
    const next = 'Anders@2026pw';
    assertFieldError(await me.post('/api/admin/me/password', { password: next, passwordConfirm: next }), 'oldPassword', 'REQUIRED_FIELD');
    assertError(await me.post('/api/admin/me/password', { oldPassword: 'Nicht@2026pw', password: next, passwordConfirm: next }), 400, 'OLD_PASSWORD_WRONG');
    assertFieldError(await me.post('/api/admin/me/password', { oldPassword: me.staff.password, password: 'short1A', passwordConfirm: 'short1A' }), 'password', 'PASSWORD_TOO_SHORT');
    assertFieldError(await me.post('/api/admin/me/password', { oldPassword: me.staff.password, password: next, passwordConfirm: `${next}x` }), 'passwordConfirm', 'PASSWORD_MISMATCH');
    assertError(await me.post('/api/admin/me/password', { oldPassword: me.staff.password, password: me.staff.password, passwordConfirm: me.staff.password }), 400, 'PASSWORD_SAME_AS_OLD');
    assert.equal((await t.db.query<{ password_hash: string }>('select password_hash from staff where login_name = $1', [me.staff.loginName]))[0]!.password_hash, hash);
    assert.equal((await other.client.get('/api/admin/me')).status, 200, 'refusals end nothing');

    assert.equal((await me.post('/api/admin/me/password', { oldPassword: me.staff.password, password: next, passwordConfirm: next })).status, 200);
    assert.equal((await me.get('/api/admin/me')).status, 200, 'this session stays');
    assertError(await other.client.get('/api/admin/me'), 403, 'STAFF_ONLY');
    assertError(await new ApiClient(t.baseUrl).post('/api/admin/me/password', { oldPassword: next, password: 'Dritte@2026pw', passwordConfirm: 'Dritte@2026pw' }), 403, 'STAFF_ONLY');
  });

  describe('the last enabled admin', () => {
    /** Leaves exactly these admins enabled (the test's own setup, straight in the database). */
    const onlyEnabledAdmins = async (...loginNames: string[]) =>
      t.db.query(`update staff set disabled = not (login_name = any($1)) where 'admin' = any(roles)`, [loginNames]);
    const enabledAdmins = () => count(`select count(*)::int as n from staff where 'admin' = any(roles) and not disabled`);
    const idOf = async (loginName: string) => (await t.db.query<{ id: string }>('select id from staff where login_name = $1', [loginName]))[0]!.id;

    it('cannot be disabled, not even by themselves; another admin can be', async () => {
      const a = await staffClient(t.baseUrl, t.platform, ['admin']);
      const b = await staffClient(t.baseUrl, t.platform, ['admin', 'reviewer']);
      await onlyEnabledAdmins(a.staff.loginName, b.staff.loginName);
      assert.equal((await a.post(`/api/admin/staff/${await idOf(b.staff.loginName)}/disable`)).status, 200);
      const audits = await auditCount('staff.disable');
      assertError(await a.post(`/api/admin/staff/${await idOf(a.staff.loginName)}/disable`), 409, 'STAFF_LAST_ADMIN');
      assert.equal(await enabledAdmins(), 1);
      assert.equal(await auditCount('staff.disable'), audits);
      assert.equal((await a.get('/api/admin/staff')).status, 200, 'still at work');
    });

    it('two admins disabling each other at the same moment: one succeeds, one admin stays enabled', async () => {
      for (let round = 0; round < 3; round++) {
        const a = await staffClient(t.baseUrl, t.platform, ['admin']);
        const b = await staffClient(t.baseUrl, t.platform, ['admin']);
        await onlyEnabledAdmins(a.staff.loginName, b.staff.loginName);
        const [idA, idB] = [await idOf(a.staff.loginName), await idOf(b.staff.loginName)];
        const answers = await Promise.all([a.post(`/api/admin/staff/${idB}/disable`), b.post(`/api/admin/staff/${idA}/disable`)]);
        const statuses = answers.map((res) => res.status).sort();
        assert.equal(statuses[0], 200, JSON.stringify(answers.map((r) => r.body)));
        // The loser is refused as the last admin, or (its session already ended) as no longer staff.
        assert.ok([403, 409].includes(statuses[1]!), JSON.stringify(answers.map((r) => r.body)));
        assert.equal(await enabledAdmins(), 1);
      }
    });
  });
});
