import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import smCrypto from 'sm-crypto';
import { hmacSm3, sm3 } from './sm3.ts';

describe('SM3 (GM/T 0004-2012 Appendix A)', () => {
  test('example 1: "abc"', () => {
    assert.equal(sm3('abc').toString('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  test('example 2: "abcd" sixteen times (64 bytes, two blocks after padding)', () => {
    assert.equal(sm3('abcd'.repeat(16)).toString('hex'), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('HMAC-SM3 (GM/T 0042-2015 Appendix D.3, as in OpenSSL evpmac_sm3.txt)', () => {
  const key32 = Buffer.from('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', 'hex');

  test('count 1: 112-byte message, 32-byte key', () => {
    const message = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2);
    assert.equal(hmacSm3(key32, message).toString('hex'), 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a');
  });

  test('count 2: 50 bytes of cd, 37-byte key', () => {
    const key = Buffer.from('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425', 'hex');
    assert.equal(hmacSm3(key, Buffer.alloc(50, 0xcd)).toString('hex'), '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae');
  });

  test('agrees with an independent implementation (sm-crypto) on random keys and messages, keys longer than a block included', () => {
    for (const keyLength of [1, 16, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const message = randomBytes(keyLength * 3);
      assert.equal(hmacSm3(key, message).toString('hex'), smCrypto.sm3(Array.from(message), { key: key.toString('hex') }));
    }
  });
});
