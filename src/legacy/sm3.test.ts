import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, getHashes, randomBytes } from 'node:crypto';
import { sm3, sm3Hex } from './sm3.ts';

describe('SM3 (GB/T 32905-2016)', () => {
  it('gives the standard’s example 1: "abc"', () => {
    assert.equal(sm3Hex('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('gives the standard’s example 2: "abcd" × 16 (64 bytes, two blocks after padding)', () => {
    assert.equal(sm3Hex('abcd'.repeat(16)), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes the empty message', () => {
    assert.equal(sm3Hex(''), '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('hashes UTF-8 text as its bytes', () => {
    assert.equal(sm3Hex('密码'), Buffer.from(sm3(Buffer.from('密码', 'utf8'))).toString('hex'));
    assert.notEqual(sm3Hex('abd'), sm3Hex('abc'));
  });

  it('agrees with OpenSSL’s SM3 on every padding boundary and random inputs', { skip: !getHashes().includes('sm3') && 'OpenSSL without SM3' }, () => {
    const lengths = [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000];
    for (let i = 0; i < 40; i++) lengths.push(Math.floor(Math.random() * 300));
    for (const length of lengths) {
      const data = randomBytes(length);
      assert.equal(Buffer.from(sm3(data)).toString('hex'), createHash('sm3').update(data).digest('hex'), `length ${length}`);
    }
  });
});
