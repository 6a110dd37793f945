/**
 * SM3 for legacy password hashes: the platform hashes with Node's createHash('sm3')
 * (password-schemes.ts); test/support/sm3.ts, our own implementation, stays only as an
 * independent oracle. Both are checked against the standard's examples, and Node's
 * against the oracle on every padding boundary.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, getHashes, randomBytes } from 'node:crypto';
import { sm3 } from '../../test/support/sm3.ts';
import { legacyHash } from './password-schemes.ts';

/** GM/T 0004-2012 (= GB/T 32905-2016) appendix A: example 1 (one block) and example 2 (64 bytes, two blocks after padding). */
const APPENDIX_A: [string, string][] = [
  ['abc', '66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0'],
  ['abcd'.repeat(16), 'debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732'],
];

const nodeSm3 = (data: string | Uint8Array) => createHash('sm3').update(data).digest('hex');
const oracleSm3 = (data: string | Uint8Array) => Buffer.from(sm3(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)).toString('hex');

describe('SM3 (GM/T 0004-2012)', () => {
  it("Node's crypto offers SM3 (legacy SM3 passwords depend on it)", () => {
    assert.ok(getHashes().includes('sm3'), `this Node (${process.version}, OpenSSL ${process.versions.openssl}) has no SM3`);
  });

  for (const [message, digest] of APPENDIX_A) {
    const expected = digest.replaceAll(' ', '');
    const name = message.length > 3 ? '"abcd" × 16' : `"${message}"`;
    it(`appendix A: ${name} → ${digest.slice(0, 17)}…`, () => {
      assert.equal(nodeSm3(message), expected, "Node's createHash('sm3')");
      assert.equal(legacyHash('sm3', '', message), expected, "the platform's legacy scheme 'sm3'");
      assert.equal(oracleSm3(message), expected, 'the oracle (test/support/sm3.ts)');
    });
  }

  it('the salted schemes hash salt and password as one UTF-8 message', () => {
    const abc = APPENDIX_A[0]![1].replaceAll(' ', '');
    assert.equal(legacyHash('sm3-salt-prefix', 'ab', 'c'), abc, 'salt + password');
    assert.equal(legacyHash('sm3-salt-suffix', 'bc', 'a'), abc, 'password + salt');
    assert.equal(legacyHash('sm3', '', '密码'), oracleSm3(Buffer.from('密码', 'utf8')));
  });

  it("Node's SM3 and the oracle agree on every padding boundary and on random inputs", () => {
    const lengths = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000];
    for (let i = 0; i < 40; i++) lengths.push(Math.floor(Math.random() * 300));
    for (const length of lengths) {
      const data = randomBytes(length);
      assert.equal(nodeSm3(data), oracleSm3(data), `length ${length}`);
    }
  });
});
