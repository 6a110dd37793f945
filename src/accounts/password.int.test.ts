/**
 * 修改密码: the change forced by an expired (提示密码过期) or one-time password, and the
 * ordinary change from My information, which ends the account's other sessions and is
 * kept in the update records.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAccount, registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';

const t = testPlatformForFile({ passwordMaxAgeDays: 90 });

interface Account {
  loginName: string;
  password: string;
  accountId: string;
}

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%'`);
});

async function registerNatural(): Promise<Account> {
  const { body, accountId } = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('pw') });
  return { loginName: body.loginName, password: body.password, accountId };
}

async function loggedIn(account: Account, kind: 'natural' | 'legal' = 'natural') {
  const client = new ApiClient(t.baseUrl);
  const res = await client.login(kind, account.loginName, account.password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { client, res };
}

const change = (client: ApiClient, oldPassword: string, password: string, passwordConfirm = password) =>
  client.post('/api/me/password', { oldPassword, password, passwordConfirm });

describe('expired password (提示密码过期)', () => {
  it('the login must change the password before anything else', async () => {
    const account = await registerNatural();
    await t.db.query(`update accounts set password_changed_at = now() - interval '91 days' where id = $1`, [account.accountId]);
    const { client, res } = await loggedIn(account);
    assert.equal(res.body.passwordChangeReason, 'expired');

    assertError(await client.get('/api/me/profile'), 403, 'PASSWORD_CHANGE_REQUIRED');
    assertError(await client.get('/api/me/update-records'), 403, 'PASSWORD_CHANGE_REQUIRED');
    assertError(await client.put('/api/me/profile/natural-person', {}), 403, 'PASSWORD_CHANGE_REQUIRED');
    const me = await client.get('/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.passwordChangeReason, 'expired');

    const next = 'N3w-Passw0rd!';
    assertError(await change(client, 'Not-the-0ld!', next), 400, 'OLD_PASSWORD_WRONG');
    assertError(await change(client, account.password, account.password), 400, 'PASSWORD_SAME_AS_OLD');
    assertFieldError(await change(client, account.password, 'weakpassword'), 'password', 'PASSWORD_TOO_FEW_CLASSES');
    assertFieldError(await change(client, account.password, next, `${next}x`), 'passwordConfirm', 'PASSWORD_MISMATCH');
    assertError(await client.get('/api/me/profile'), 403, 'PASSWORD_CHANGE_REQUIRED');

    const done = await change(client, account.password, next);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal((await client.get('/api/me/profile')).status, 200);
    assert.equal((await client.get('/api/me')).body.passwordChangeReason, null);

    const [row] = await t.db.query<{ age_days: number }>(`select extract(epoch from now() - password_changed_at) / 86400 as age_days from accounts where id = $1`, [account.accountId]);
    assert.ok(Number(row!.age_days) < 1, 'the password age restarts');
    const again = await loggedIn({ ...account, password: next });
    assert.equal(again.res.body.passwordChangeReason, null);
  });

  it('a password younger than the maximum age is not expired', async () => {
    const account = await registerNatural();
    await t.db.query(`update accounts set password_changed_at = now() - interval '89 days' where id = $1`, [account.accountId]);
    const { client, res } = await loggedIn(account);
    assert.equal(res.body.passwordChangeReason, null);
    assert.equal((await client.get('/api/me/profile')).status, 200);
  });

  it('a one-time password (must_change_password) gives the reason one_time', async () => {
    const account = await registerNatural();
    await t.db.query('update accounts set must_change_password = true where id = $1', [account.accountId]);
    const { client, res } = await loggedIn(account);
    assert.equal(res.body.passwordChangeReason, 'one_time');
    assert.equal((await client.get('/api/me')).body.passwordChangeReason, 'one_time');
    assertError(await client.get('/api/me/profile'), 403, 'PASSWORD_CHANGE_REQUIRED');

    assert.equal((await change(client, account.password, 'Fresh-Passw0rd')).status, 200);
    assert.equal((await client.get('/api/me/profile')).status, 200);
    const [row] = await t.db.query<{ must_change_password: boolean }>('select must_change_password from accounts where id = $1', [account.accountId]);
    assert.equal(row!.must_change_password, false);
  });
});

describe('password change in normal state', () => {
  it('the old password stops working, the new one works, other sessions end, an update record is kept', async () => {
    const account = await registerNatural();
    const { client } = await loggedIn(account);
    const { client: otherDevice } = await loggedIn(account);
    assert.equal((await otherDevice.get('/api/me')).status, 200);

    const next = 'An0ther-Passw0rd';
    const res = await change(client, account.password, next);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { changed: true });

    assert.equal((await client.get('/api/me')).status, 200, 'the session that changed it stays');
    assertError(await otherDevice.get('/api/me'), 401, 'NOT_LOGGED_IN');
    const sessions = await t.db.query('select 1 from sessions where account_id = $1', [account.accountId]);
    assert.equal(sessions.length, 1);

    assertError(await new ApiClient(t.baseUrl).login('natural', account.loginName, account.password), 401, 'LOGIN_FAILED');
    assert.equal((await new ApiClient(t.baseUrl).login('natural', account.loginName, next)).status, 200);

    const records = await client.get('/api/me/update-records?section=password');
    assert.equal(records.status, 200);
    assert.equal(records.body.records.length, 1);
    const [record] = records.body.records;
    assert.equal(record.section, 'password');
    assert.equal(record.actorName, account.loginName);
    assert.deepEqual(record.changes.map((c: { field: string }) => c.field), ['password']);
    const text = JSON.stringify(record);
    assert.ok(!text.includes(account.password) && !text.includes(next), 'no password in the record');
    const natural = await client.get('/api/me/update-records?section=natural_person');
    assert.equal(natural.body.records.length, 0);
  });

  it('a legal account changes its password the same way', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'legal');
    assert.equal((await change(client, body.password, 'Legal-Passw0rd2')).status, 200);
    assert.equal((await new ApiClient(t.baseUrl).login('legal', body.loginName, 'Legal-Passw0rd2')).status, 200);
    assert.equal((await client.get('/api/me/update-records?section=password')).body.records.length, 1);
  });

  it('a wrong old password changes nothing', async () => {
    const account = await registerNatural();
    const { client } = await loggedIn(account);
    const [before] = await t.db.query<{ password_hash: string }>('select password_hash from accounts where id = $1', [account.accountId]);
    assertError(await change(client, 'Wrong-0ld-pass', 'Whatever-Passw0rd'), 400, 'OLD_PASSWORD_WRONG');
    const [afterRow] = await t.db.query<{ password_hash: string }>('select password_hash from accounts where id = $1', [account.accountId]);
    assert.equal(afterRow!.password_hash, before!.password_hash);
    assert.equal((await client.get('/api/me/update-records?section=password')).body.records.length, 0);
  });

  it('needs a session', async () => {
    assertError(await change(new ApiClient(t.baseUrl), 'Old-Passw0rd', 'New-Passw0rd'), 401, 'NOT_LOGGED_IN');
  });
});
