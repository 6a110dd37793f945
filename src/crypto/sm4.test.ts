import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { deriveSm4Keys, sm4Nonces, sm4Open, sm4Seal } from './sm4.ts';

const KEY = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');

function sm4EcbBlock(key: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

describe('SM4 block cipher (GM/T 0002-2012 Appendix A)', () => {
  test('example 1: one block, key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    assert.equal(sm4EcbBlock(KEY, KEY).toString('hex'), '681edf34d206965e86b3e94f536e4246');
  });

  // About 0.8 s on this machine (one ECB context, 1,000,000 single-block updates): not "well under a
  // second", so it runs only with SM4_LONG_KAT=1 (it passed when this was written).
  test('example 2: the same block encrypted 1,000,000 times', { skip: process.env.SM4_LONG_KAT !== '1' && 'slow (about 0.8 s): set SM4_LONG_KAT=1' }, () => {
    const cipher = createCipheriv('sm4-ecb', KEY, null).setAutoPadding(false);
    let block = KEY;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    assert.equal(block.toString('hex'), '595298c7c6fd271f0402f804c33d3f66');
  });

  test('CTR mode is the SM4 keystream of successive counter blocks (checked against the block cipher)', () => {
    const iv = Buffer.from('00000000000000000000000000000001', 'hex');
    const plain = randomBytes(40);
    const ctr = createCipheriv('sm4-ctr', KEY, iv);
    const sealed = Buffer.concat([ctr.update(plain), ctr.final()]);
    const counter = (n: number) => Buffer.from((1n + BigInt(n)).toString(16).padStart(32, '0'), 'hex');
    const stream = Buffer.concat([0, 1, 2].map((n) => sm4EcbBlock(KEY, counter(n))));
    assert.deepEqual(sealed, Buffer.from(plain.map((byte, i) => byte ^ stream[i]!)));
  });
});

describe('SM4-CTR with an HMAC-SM3 tag', () => {
  const keys = deriveSm4Keys(randomBytes(32));
  const nonce = sm4Nonces();

  test('round-trips, empty values included, and never shows the plain text', () => {
    for (const plain of [Buffer.alloc(0), Buffer.from('110105199003071234'), randomBytes(5000)]) {
      const sealed = sm4Seal(keys, plain, nonce());
      assert.deepEqual(sm4Open(keys, sealed), plain);
      if (plain.length > 8) assert.equal(sealed.body.includes(plain.subarray(0, 8)), false);
    }
  });

  test('the cipher and MAC keys differ from each other and from the master key', () => {
    const master = randomBytes(32);
    const derived = deriveSm4Keys(master);
    const cipherKey = derived.cipher.export();
    const macKey = derived.mac.export();
    assert.equal(cipherKey.length, 16);
    assert.notDeepEqual(macKey.subarray(0, 16), cipherKey);
    assert.equal(master.includes(cipherKey), false);
    assert.notDeepEqual(macKey, master);
  });

  test('a changed body, IV, tag or key version, or another key, is refused', () => {
    const sealed = sm4Seal(keys, Buffer.from('13800138000'), nonce());
    const flip = (b: Buffer) => {
      const copy = Buffer.from(b);
      copy[0]! ^= 1;
      return copy;
    };
    assert.throws(() => sm4Open(keys, { ...sealed, body: flip(sealed.body) }), /authentication/);
    assert.throws(() => sm4Open(keys, { ...sealed, iv: flip(sealed.iv) }), /authentication/);
    assert.throws(() => sm4Open(keys, { ...sealed, tag: flip(sealed.tag) }), /authentication/);
    assert.throws(() => sm4Open(keys, { ...sealed, keyVersion: 2 }), /authentication/);
    assert.throws(() => sm4Open(keys, { ...sealed, tag: sealed.tag.subarray(0, 16) }), /malformed/);
    assert.throws(() => sm4Open(deriveSm4Keys(randomBytes(32)), sealed), /authentication/);
  });

  test('every value gets its own IV, across refills of the pool', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => nonce().toString('hex')));
    assert.equal(seen.size, 10_000);
  });
});
