import { createHash, createHmac, type KeyObject } from 'node:crypto';

/**
 * SM3 (GM/T 0004-2012, GB/T 32905-2016) and HMAC-SM3 (RFC 2104 over SM3), both from Node's
 * OpenSSL: no code of ours to keep correct, only the known-answer tests in sm3.test.ts.
 */
export const SM3_BYTES = 32;

export function sm3(data: Buffer | string): Buffer {
  return createHash('sm3').update(data).digest();
}

export function hmacSm3(key: Buffer | KeyObject, data: Buffer | string): Buffer {
  return createHmac('sm3', key).update(data).digest();
}
