import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, totpCode, totpStep } from './totp.ts';

// RFC 6238 appendix B: SHA-1 with the ASCII key "12345678901234567890" (8-digit codes; ours are the last 6).
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  test('matches the RFC 6238 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [seconds, eight] of vectors) assert.equal(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000))), eight.slice(2));
  });

  test('base32 round-trips', () => {
    const bytes = Buffer.from('any bytes at all \u0000\u00ff');
    assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    assert.throws(() => base32Decode('not base32!'));
  });

  test('accepts the current step and one step of drift, refuses the rest', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-25T10:00:10Z');
    const step = totpStep(at);
    assert.equal(matchTotp(secret, totpCode(secret, step), at), step);
    assert.equal(matchTotp(secret, totpCode(secret, step - 1), at), step - 1);
    assert.equal(matchTotp(secret, totpCode(secret, step + 1), at), step + 1);
    assert.equal(matchTotp(secret, totpCode(secret, step - 2), at), undefined);
    assert.equal(matchTotp(secret, '12345', at), undefined);
    assert.equal(matchTotp(secret, 'abcdef', at), undefined);
  });

  test('a code for another secret does not match', () => {
    const at = new Date('2026-11-25T10:00:10Z');
    const other = base32Encode(Buffer.from('another secret, 20 b'));
    assert.equal(matchTotp(other, totpCode(RFC_SECRET, totpStep(at)), at), undefined);
  });
});
