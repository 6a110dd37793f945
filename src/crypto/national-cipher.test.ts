import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { personalDataCipher } from '../platform/personal-data.ts';
import { isNationalFile, isNationalText } from './national-cipher.ts';
import { hmacSm3 } from './sm3.ts';

const keys = () => ({ personalData: randomBytes(32), lookup: randomBytes(32) });

describe('personal data in the national suite (SM4-CTR + HMAC-SM3)', () => {
  test('text and files round-trip in their own formats, with key version 1', () => {
    const cipher = personalDataCipher(keys(), 'national');
    const sealed = cipher.encrypt('110105199003071234');
    assert.match(sealed, /^sm4:1:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/=]+$/);
    assert.equal(isNationalText(sealed), true);
    assert.equal(cipher.decrypt(sealed), '110105199003071234');
    assert.equal(cipher.decrypt(cipher.encrypt('')), '');
    const file = randomBytes(4096);
    const sealedFile = cipher.encryptBytes(file);
    assert.deepEqual(sealedFile.subarray(0, 8), Buffer.from([0x53, 0x4d, 0x34, 0x01, 0, 0, 0, 1]));
    assert.equal(isNationalFile(sealedFile), true);
    assert.deepEqual(cipher.decryptBytes(sealedFile), file);
    assert.equal(sealedFile.includes(file.subarray(0, 32)), false);
  });

  test('lookup hashes are HMAC-SM3 of kind:VALUE with the lookup key, namespaced and case-insensitive', () => {
    const k = keys();
    const cipher = personalDataCipher(k, 'national');
    assert.equal(cipher.lookupHash('mobile', ' 13800138000 '), hmacSm3(k.lookup, 'mobile:13800138000').toString('hex'));
    assert.equal(cipher.lookupHash('document', 'resident_id:11010519900307123x'), hmacSm3(k.lookup, 'document:RESIDENT_ID:11010519900307123X').toString('hex'));
    assert.notEqual(cipher.lookupHash('document', 'abc'), cipher.lookupHash('mobile', 'abc'));
    assert.notEqual(cipher.lookupHash('mobile', 'abc'), personalDataCipher(k).lookupHash('mobile', 'abc'));
  });

  test('tampered, foreign-key, malformed and international values are refused, never returned altered', () => {
    const k = keys();
    const cipher = personalDataCipher(k, 'national');
    const sealed = cipher.encrypt('13800138000');
    const [format, version, iv, tag, body] = sealed.split(':');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0]! ^= 1;
    assert.throws(() => cipher.decrypt([format, version, iv, tag, flipped.toString('base64')].join(':')), /authentication/);
    // Another key version: not in this provider (with it, the tag covers the version: see keys/formats.test.ts).
    assert.throws(() => cipher.decrypt([format, '2', iv, tag, body].join(':')), /key version 2 is not in the key provider/);
    assert.throws(() => personalDataCipher(keys(), 'national').decrypt(sealed), /authentication/);
    for (const bad of ['', 'sm4', 'sm4:1:a:b', `${sealed}:extra`, 'sm4:x:a:b:c', 'garbage']) assert.throws(() => cipher.decrypt(bad), /format|malformed/, bad);
    const international = personalDataCipher(k);
    assert.throws(() => cipher.decrypt(international.encrypt('13800138000')), /unknown ciphertext format/);
    assert.throws(() => cipher.decryptBytes(international.encryptBytes(Buffer.from('scan'))));
    assert.throws(() => international.decrypt(sealed), /unknown ciphertext format/);
    const file = cipher.encryptBytes(Buffer.from('signed scan'));
    file[file.length - 1]! ^= 1;
    assert.throws(() => cipher.decryptBytes(file), /authentication/);
    assert.throws(() => cipher.decryptBytes(file.subarray(0, 20)), /unknown ciphertext format/);
  });

  test('the international suite is unchanged: a value sealed by hand with AES-256-GCM in the v1 format still opens', () => {
    const k = keys();
    const iv = randomBytes(12);
    const aes = createCipheriv('aes-256-gcm', k.personalData, iv);
    const body = Buffer.concat([aes.update('13800138000', 'utf8'), aes.final()]);
    const stored = ['v1', iv.toString('base64'), aes.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    assert.equal(personalDataCipher(k).decrypt(stored), '13800138000');
    assert.equal(personalDataCipher(k, 'international').decrypt(stored), '13800138000');
    // Written from now on with its key version (src/crypto/keys/): v2:<version>:….
    assert.match(personalDataCipher(k).encrypt('x'), /^v2:1:/);
  });
});
