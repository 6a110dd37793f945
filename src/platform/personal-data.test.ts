import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { personalDataCipher } from './personal-data.ts';

const keys = () => ({ personalData: randomBytes(32), lookup: randomBytes(32) });

describe('personal data at rest', () => {
  test('text and files round-trip, and ciphertexts differ each time', () => {
    const cipher = personalDataCipher(keys());
    assert.equal(cipher.decrypt(cipher.encrypt('110105199003071234')), '110105199003071234');
    const file = randomBytes(4096);
    const sealed = cipher.encryptBytes(file);
    assert.deepEqual(cipher.decryptBytes(sealed), file);
    assert.notDeepEqual(cipher.encryptBytes(file), sealed);
    assert.equal(sealed.includes(file.subarray(0, 32)), false);
  });

  test('every value gets its own nonce, across refills of the nonce pool', () => {
    const cipher = personalDataCipher(keys());
    const texts = Array.from({ length: 10_000 }, () => cipher.encrypt('13800138000'));
    // Text v2:<key version>:<iv>:…; files "AES" 0x02 | key version (4) | iv (12) | … (src/crypto/keys/).
    const files = Array.from({ length: 100 }, () => cipher.encryptBytes(Buffer.from('scan')).subarray(8, 20).toString('base64'));
    assert.equal(new Set([...texts.map((t) => t.split(':')[2]), ...files]).size, 10_100);
    assert.equal(cipher.decrypt(texts[0]!), '13800138000');
  });

  test('a tampered or foreign file is refused, never returned altered', () => {
    const cipher = personalDataCipher(keys());
    const sealed = cipher.encryptBytes(Buffer.from('signed scan'));
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    assert.throws(() => cipher.decryptBytes(tampered));
    assert.throws(() => personalDataCipher(keys()).decryptBytes(sealed));
  });

  test('lookup hashes are keyed, namespaced and case-insensitive', () => {
    const k = keys();
    const cipher = personalDataCipher(k);
    assert.equal(cipher.lookupHash('document', 'abc'), cipher.lookupHash('document', ' ABC '));
    assert.notEqual(cipher.lookupHash('document', 'abc'), cipher.lookupHash('mobile', 'abc'));
    assert.notEqual(cipher.lookupHash('document', 'abc'), personalDataCipher(keys()).lookupHash('document', 'abc'));
  });
});
