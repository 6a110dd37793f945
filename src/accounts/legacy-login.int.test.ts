/**
 * Accounts migrated from older systems log in with the password they had there (SPEC §8): the
 * legacy hash is verified, replaced by argon2id at the first successful login, and a password
 * breaking today's policy still gets in but must be changed first.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { encodeStoredLegacyHash, legacyHash, type HashScheme } from '../legacy/password-schemes.ts';
import { loginNameKey } from './rules.ts';
import { accountStore } from './store.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%'`);
});

/** An account as an import leaves it: the old system's hash, stored as it was. */
async function migrated(kind: 'natural' | 'legal', scheme: HashScheme, password: string, salt = '') {
  const loginName = uniqueLoginName(kind === 'legal' ? 'HJ_' : 'old');
  const stored = encodeStoredLegacyHash({ scheme, salt, hash: legacyHash(scheme, salt, password, 4) });
  const store = accountStore(t.platform.db, t.platform.cipher);
  const id = await t.platform.db.transaction((tx) => store.insertAccount(tx, kind, loginName, loginNameKey(loginName), stored));
  return { id, loginName };
}

const hashOf = async (id: string) => (await t.db.query<{ password_hash: string; weak_password: boolean }>('select password_hash, weak_password from accounts where id = $1', [id]))[0]!;

describe('login with a legacy password', () => {
  for (const [scheme, salt] of [
    ['md5-salt-suffix', 'x9$k'],
    ['sha1', ''],
    ['sha256-salt-prefix', 'S@lt:1'],
    ['sm3', ''],
    ['bcrypt', ''],
  ] as [HashScheme, string][]) {
    it(`${scheme}: logs in and the hash becomes argon2id`, async () => {
      const account = await migrated('natural', scheme, 'Torch@2015ok', salt);
      const client = new ApiClient(t.baseUrl);
      const res = await client.login('natural', account.loginName, 'Torch@2015ok');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.passwordChangeReason, null);
      const after = await hashOf(account.id);
      assert.match(after.password_hash, /^\$argon2id\$/);
      // The same password still works afterwards, against the new hash.
      const again = await new ApiClient(t.baseUrl).login('natural', account.loginName, 'Torch@2015ok');
      assert.equal(again.status, 200);
    });
  }

  it('a wrong password is refused and the legacy hash stays', async () => {
    const account = await migrated('legal', 'md5-salt-prefix', 'Hj#20160801', 'abc');
    const before = await hashOf(account.id);
    assertError(await new ApiClient(t.baseUrl).login('legal', account.loginName, 'Hj#20160802'), 401, 'LOGIN_FAILED');
    assert.equal((await hashOf(account.id)).password_hash, before.password_hash);
    // The window rule holds for migrated accounts too.
    assertError(await new ApiClient(t.baseUrl).login('natural', account.loginName, 'Hj#20160801'), 409, 'WRONG_WINDOW_LEGAL');
  });

  it('a legacy password breaking today’s policy logs in, then must be changed first', async () => {
    const account = await migrated('natural', 'md5', '123456');
    const client = new ApiClient(t.baseUrl);
    const res = await client.login('natural', account.loginName, '123456');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.passwordChangeReason, 'weak');
    assert.equal((await hashOf(account.id)).weak_password, true);
    assertError(await client.get('/api/me/profile'), 403, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal((await client.get('/api/me')).body.passwordChangeReason, 'weak');

    // Logging in again (now argon2id) still asks for the change.
    const second = await new ApiClient(t.baseUrl).login('natural', account.loginName, '123456');
    assert.equal(second.body.passwordChangeReason, 'weak');

    const changed = await client.post('/api/me/password', { oldPassword: '123456', password: 'Xin@2026mima', passwordConfirm: 'Xin@2026mima' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await hashOf(account.id)).weak_password, false);
    const fresh = await new ApiClient(t.baseUrl).login('natural', account.loginName, 'Xin@2026mima');
    assert.equal(fresh.body.passwordChangeReason, null);
  });

  it('a stored legacy hash that is malformed never matches', async () => {
    const loginName = uniqueLoginName('bad');
    const store = accountStore(t.platform.db, t.platform.cipher);
    await t.platform.db.transaction((tx) => store.insertAccount(tx, 'natural', loginName, loginNameKey(loginName), 'legacy:md5::not-hex'));
    assertError(await new ApiClient(t.baseUrl).login('natural', loginName, 'anything'), 401, 'LOGIN_FAILED');
  });
});
