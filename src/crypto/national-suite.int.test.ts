import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { staffClient } from '../../test/support/staff.ts';
import { STAFF_SESSION_COOKIE } from '../backoffice/staff.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createPlatform } from '../platform/platform.ts';
import { personalDataCipher } from '../platform/personal-data.ts';
import { switchCryptoSuite } from './reencrypt.ts';
import { hmacSm3, sm3 } from './sm3.ts';
import { checkCryptoSuite, recordedSuite } from './suite-record.ts';

interface IdentityRow {
  mobile_enc: string;
  mobile_hash: string;
  document_number_enc: string;
  document_hash: string;
}

describe('CRYPTO_SUITE=national (issue 20)', () => {
  let t: TestPlatform;
  before(async () => {
    t = await startTestPlatform({}, { CRYPTO_SUITE: 'national' });
  });
  after(() => t.close());

  const identity = async (accountId: string) =>
    (await t.platform.db.query<IdentityRow>("select mobile_enc, mobile_hash, document_number_enc, document_hash from identities where account_id = $1 and role = 'natural_person'", [accountId]))[0]!;

  test('a registered person is stored with SM4 and HMAC-SM3 only; logging in and lookups work', async () => {
    assert.equal((await recordedSuite(t.platform.db))?.suite, 'national');
    const { client, body, accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    const row = await identity(accountId);
    const lookupKey = t.platform.config.keys.lookup;
    for (const sealed of [row.mobile_enc, row.document_number_enc]) {
      assert.match(sealed, /^sm4:1:/);
      assert.doesNotMatch(sealed, /^v[12]:/, 'no AES-GCM value');
    }
    assert.equal(row.mobile_hash, hmacSm3(lookupKey, `mobile:${body.mobile}`).toString('hex'));
    assert.equal(row.document_hash, hmacSm3(lookupKey, `document:${`${body.documentType}:${body.documentNumber}`.toUpperCase()}`).toString('hex'));
    assert.notEqual(row.mobile_hash, createHmac('sha256', lookupKey).update(`mobile:${body.mobile}`).digest('hex'), 'no HMAC-SHA-256 hash');
    // The session id is hashed with SM3, not SHA-256.
    const [session] = await t.platform.db.query<{ id_hash: string }>('select id_hash from sessions where account_id = $1', [accountId]);
    assert.equal(session?.id_hash, sm3(client.cookies.get('sid')!).toString('hex'));
    const profile = await client.get('/api/me/profile');
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    assert.equal(profile.body.naturalPerson.mobile, `${body.mobile.slice(0, 2)}*****${body.mobile.slice(-3)}`, 'decrypted (and masked) for the profile');
    const found = await t.platform.db.query('select account_id from identities where mobile_hash = $1', [t.platform.cipher.lookupHash('mobile', body.mobile)]);
    assert.deepEqual(found, [{ account_id: accountId }]);
  });

  test('staff session ids are hashed with SM3 too, and the staff session serves', async () => {
    const staff = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const id = staff.cookies.get(STAFF_SESSION_COOKIE)!;
    const rows = await t.platform.db.query<{ id_hash: string }>('select id_hash from staff_sessions where id_hash = $1', [sm3(id).toString('hex')]);
    assert.equal(rows.length, 1, 'stored as the SM3 digest of the cookie');
    assert.equal((await staff.get('/api/admin/me')).status, 200);
  });

  test('starting with the other suite on the same database is refused, naming the re-encryption command', async () => {
    const international = loadConfig({ NODE_ENV: 'development', CRYPTO_SUITE: 'international' }, { inMemoryDatabase: true });
    await assert.rejects(
      createPlatform(international, t.platform.db),
      (error: unknown) => error instanceof ConfigError && /CRYPTO_SUITE=international/.test(error.message) && /npm run crypto-suite -- international/.test(error.message),
    );
    await checkCryptoSuite(t.platform.db, 'national');
  });

  test('npm run crypto-suite re-encrypts columns, hashes and files to the other suite and back; logins still work', async () => {
    const { body, accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    const keys = t.platform.config.keys;
    const ciphers = { international: personalDataCipher(keys, 'international'), national: personalDataCipher(keys, 'national') };
    const scan = Buffer.from(`scan ${randomUUID()}`);
    const storageKey = `uploads/${randomUUID()}`;
    await t.platform.storage.put(storageKey, ciphers.national.encryptBytes(scan));
    await t.platform.db.query("insert into uploads (account_id, slot, storage_key, media_type, size, sha256) values ($1, 'front', $2, 'image/png', 1, 'x')", [accountId, storageKey]);
    const documentKey = `${body.documentType}:${body.documentNumber}`;
    await t.platform.db.query("update verifications set status = 'registry_verified', verified_document_hash = $2 where account_id = $1 and subject = 'natural_person'", [
      accountId,
      ciphers.national.lookupHash('document', documentKey),
    ]);
    const person = { name: '测试', region: 'mainland', documentType: body.documentType, documentNumber: body.documentNumber, mobile: body.mobile };
    const [staff] = await t.platform.db.query<{ id: string }>(
      "insert into staff (login_name, name, password_hash, totp_secret_enc, roles) values ($1, '审核员', 'x', $2, '{reviewer}') returning id",
      [`crypto-${randomUUID().slice(0, 8)}`, ciphers.national.encrypt('JBSWY3DPEHPK3PXP')],
    );
    const [appeal] = await t.platform.db.query<{ id: string }>(
      "insert into appeals (kind, status, data_enc, document_hash, mobile_hash) values ('natural', 'open', $1, $2, $3) returning id::text",
      [ciphers.national.encrypt(JSON.stringify({ kind: 'natural', person })), ciphers.national.lookupHash('document', documentKey), ciphers.national.lookupHash('mobile', body.mobile)],
    );

    const counts = await switchCryptoSuite(t.platform.db, t.platform.storage, ciphers, 'international');
    assert.ok((counts.identities ?? 0) >= 2 && counts.uploads === 1, JSON.stringify(counts));
    const moved = await identity(accountId);
    assert.match(moved.mobile_enc, /^v2:1:/); // international, key version 1 (src/crypto/keys/)
    assert.equal(ciphers.international.decrypt(moved.document_number_enc), body.documentNumber);
    assert.equal(moved.mobile_hash, ciphers.international.lookupHash('mobile', body.mobile));
    assert.deepEqual(ciphers.international.decryptBytes((await t.platform.storage.get(storageKey))!), scan);
    const [verification] = await t.platform.db.query<{ verified_document_hash: string }>("select verified_document_hash from verifications where account_id = $1 and subject = 'natural_person'", [accountId]);
    assert.equal(verification?.verified_document_hash, ciphers.international.lookupHash('document', documentKey));
    const [movedAppeal] = await t.platform.db.query<{ data_enc: string; document_hash: string; mobile_hash: string }>('select data_enc, document_hash, mobile_hash from appeals where id = $1::bigint', [appeal!.id]);
    assert.deepEqual(JSON.parse(ciphers.international.decrypt(movedAppeal!.data_enc)), { kind: 'natural', person });
    assert.equal(movedAppeal!.document_hash, ciphers.international.lookupHash('document', documentKey));
    assert.equal(movedAppeal!.mobile_hash, ciphers.international.lookupHash('mobile', body.mobile));
    const [movedStaff] = await t.platform.db.query<{ totp_secret_enc: string }>('select totp_secret_enc from staff where id = $1', [staff!.id]);
    assert.equal(ciphers.international.decrypt(movedStaff!.totp_secret_enc), 'JBSWY3DPEHPK3PXP');
    const staffCount = (await t.platform.db.query<{ n: number }>('select count(*)::int as n from staff where totp_secret_enc is not null'))[0]!.n;
    assert.equal(counts['staff.totp_secret_enc'], staffCount);
    assert.equal((await t.platform.db.query('select 1 from sessions')).length, 0, 'sessions ended');
    assert.equal((await t.platform.db.query('select 1 from staff_sessions')).length, 0, 'staff sessions ended');
    await checkCryptoSuite(t.platform.db, 'international');
    await assert.rejects(checkCryptoSuite(t.platform.db, 'national'), /npm run crypto-suite -- national/);

    await switchCryptoSuite(t.platform.db, t.platform.storage, ciphers, 'national');
    const back = await identity(accountId);
    assert.match(back.mobile_enc, /^sm4:1:/);
    assert.equal(back.mobile_hash, ciphers.national.lookupHash('mobile', body.mobile));
    assert.deepEqual(ciphers.national.decryptBytes((await t.platform.storage.get(storageKey))!), scan);
    const again = await registerAndLogIn(t.baseUrl, 'natural');
    const login = await again.client.login('natural', body.loginName, body.password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
  });

  test('an unfinished switch keeps every node from starting until the command is run again', async () => {
    await t.platform.db.query("update crypto_suite set switching_to = 'international'");
    await assert.rejects(checkCryptoSuite(t.platform.db, 'national'), /npm run crypto-suite -- international/);
    await assert.rejects(checkCryptoSuite(t.platform.db, 'international'), /npm run crypto-suite -- international/);
    const keys = t.platform.config.keys;
    const ciphers = { international: personalDataCipher(keys, 'international'), national: personalDataCipher(keys, 'national') };
    await switchCryptoSuite(t.platform.db, t.platform.storage, ciphers, 'international');
    await checkCryptoSuite(t.platform.db, 'international');
  });
});
