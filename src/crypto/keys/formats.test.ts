/** Every ciphertext carries its key version (issue 20.3): written under the current one, read under the one it names. */
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { personalDataCipher } from '../../platform/personal-data.ts';
import type { CryptoSuite } from '../../platform/config.ts';
import type { KeyRing } from './key-ring.ts';
import { fileKeyVersion, textKeyVersion } from './stored-version.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const lookup = randomBytes(32);
const ring = (current: number, ...versions: [number, Buffer][]): KeyRing => ({ current, keys: new Map(versions) });
const before = { personalData: k1, lookup };
const during = { personalData: k2, lookup, ring: ring(2, [2, k2], [1, k1]) };
const after = { personalData: k2, lookup, ring: ring(2, [2, k2]) };

/** How international values and files were written before versioned keys (v1, no file header). */
function sealedTheOldWay(plain: Buffer): { text: string; file: Buffer } {
  const iv = randomBytes(12);
  const aes = createCipheriv('aes-256-gcm', k1, iv);
  const body = Buffer.concat([aes.update(plain), aes.final()]);
  const tag = aes.getAuthTag();
  return { text: ['v1', iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':'), file: Buffer.concat([iv, tag, body]) };
}

for (const suite of ['international', 'national'] as CryptoSuite[]) {
  describe(`key versions in the ${suite} suite`, () => {
    test('values are written under the current version and read under the version they name, old and new side by side', () => {
      const old = personalDataCipher(before, suite);
      const rotating = personalDataCipher(during, suite);
      const oldText = old.encrypt('13800138000');
      const oldFile = old.encryptBytes(Buffer.from('scan'));
      const newText = rotating.encrypt('13800138000');
      const newFile = rotating.encryptBytes(Buffer.from('scan'));
      assert.equal(textKeyVersion(oldText), 1);
      assert.equal(fileKeyVersion(oldFile), 1);
      assert.equal(textKeyVersion(newText), 2);
      assert.equal(fileKeyVersion(newFile), 2);
      assert.match(newText, suite === 'national' ? /^sm4:2:/ : /^v2:2:/);
      for (const text of [oldText, newText]) assert.equal(rotating.decrypt(text), '13800138000');
      for (const file of [oldFile, newFile]) assert.equal(rotating.decryptBytes(file).toString(), 'scan');
      // Version 1 gone from the provider: new values still read, old ones are refused by name.
      const done = personalDataCipher(after, suite);
      assert.equal(done.decrypt(newText), '13800138000');
      assert.equal(done.decryptBytes(newFile).toString(), 'scan');
      assert.throws(() => done.decrypt(oldText), /key version 1 is not in the key provider/);
      assert.throws(() => done.decryptBytes(oldFile), /key version 1 is not in the key provider|authenticate/);
      // The lookup key is not versioned: hashes are the same before, during and after.
      assert.equal(done.lookupHash('mobile', '13800138000'), old.lookupHash('mobile', '13800138000'));
    });

    test('the stored version is authenticated: a value relabelled with another version is refused', () => {
      const rotating = personalDataCipher(during, suite);
      const text = rotating.encrypt('13800138000');
      const relabelled = text.replace(/^(v2|sm4):2:/, '$1:1:');
      assert.notEqual(relabelled, text);
      assert.throws(() => rotating.decrypt(relabelled));
      const file = rotating.encryptBytes(Buffer.from('scan'));
      file.writeUInt32BE(1, 4);
      assert.throws(() => rotating.decryptBytes(file));
    });
  });
}

describe('international formats before versioned keys', () => {
  test('v1 text and header-less files (key version 1) still open, during and before a rotation', () => {
    const { text, file } = sealedTheOldWay(Buffer.from('110105199003071234'));
    assert.equal(textKeyVersion(text), 1);
    assert.equal(fileKeyVersion(file), 1);
    for (const keys of [before, during]) {
      assert.equal(personalDataCipher(keys).decrypt(text), '110105199003071234');
      assert.equal(personalDataCipher(keys).decryptBytes(file).toString(), '110105199003071234');
    }
  });

  test('malformed values are refused with a clear error, never decrypted to something', () => {
    const cipher = personalDataCipher(during);
    for (const bad of ['', 'v2', 'v2:2:a:b', 'v2:0:a:b:c', 'v2:x:a:b:c', 'v3:2:a:b:c', 'v2:2:a:b:c:d', 'v1:a:b']) {
      assert.throws(() => cipher.decrypt(bad), /unknown ciphertext format|not in the key provider/, bad);
    }
    assert.throws(() => cipher.decrypt(cipher.encrypt('x').replace(/^v2:2:/, 'v2:7:')), /key version 7 is not in the key provider/);
    for (const bad of ['garbage', 'v2:x:a', 'sm4:y:a']) assert.equal(textKeyVersion(bad), undefined, bad);
  });
});
