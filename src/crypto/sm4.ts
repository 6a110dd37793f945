import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { hmacSm3, SM3_BYTES } from './sm3.ts';

/**
 * SM4 (GM/T 0002-2012, GB/T 32907-2016) authenticated encryption: SM4-CTR, then an HMAC-SM3 tag
 * over everything before it (encrypt-then-MAC), checked in constant time before any decryption.
 *
 * Why not SM4-GCM: Node's OpenSSL has SM4 in ECB/CBC/CTR but not GCM, and the pure-JS SM4-GCM
 * packages are small, little-reviewed and slow. CTR + HMAC uses only OpenSSL's primitives and is
 * the generic composition proven secure (Bellare–Namprempre); it costs 32 bytes of tag instead of 16.
 *
 * One 32-byte key is split into an SM4 key and a MAC key (HMAC-SM3 with distinct labels), so the
 * cipher and the MAC never share a key. Every sealed value carries a key version (today always 1),
 * authenticated with it, so keys can later be rotated with old and new values readable side by side.
 */
export const SM4_IV_BYTES = 16;
export const SM4_TAG_BYTES = SM3_BYTES;
const SM4_KEY_BYTES = 16;
const NONCES_PER_FILL = 4096;

export interface Sm4Sealed {
  keyVersion: number;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

export interface Sm4Keys {
  cipher: KeyObject;
  mac: KeyObject;
}

export function deriveSm4Keys(key: Buffer): Sm4Keys {
  if (key.length < SM4_KEY_BYTES) throw new Error('SM4 master key too short');
  return {
    cipher: createSecretKey(hmacSm3(key, 'most-identity sm4-ctr encryption key').subarray(0, SM4_KEY_BYTES)),
    mac: createSecretKey(hmacSm3(key, 'most-identity hmac-sm3 tag key')),
  };
}

/** What the tag covers: the key version, the IV and the ciphertext (the format is fixed by the caller's tag). */
function tagOf(keys: Sm4Keys, keyVersion: number, iv: Buffer, body: Buffer): Buffer {
  const version = Buffer.alloc(4);
  version.writeUInt32BE(keyVersion);
  return hmacSm3(keys.mac, Buffer.concat([Buffer.from('sm4-ctr-hmac-sm3:'), version, iv, body]));
}

export function sm4Seal(keys: Sm4Keys, plain: Buffer, iv: Buffer, keyVersion = 1): Sm4Sealed {
  const cipher = createCipheriv('sm4-ctr', keys.cipher, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyVersion, iv, tag: tagOf(keys, keyVersion, iv, body), body };
}

/** Throws on a wrong tag (tampered, or another key): nothing altered is ever returned. */
export function sm4Open(keys: Sm4Keys, sealed: Sm4Sealed): Buffer {
  if (sealed.iv.length !== SM4_IV_BYTES || sealed.tag.length !== SM4_TAG_BYTES) throw new Error('malformed SM4 ciphertext');
  const expected = tagOf(keys, sealed.keyVersion, sealed.iv, sealed.body);
  if (!timingSafeEqual(expected, sealed.tag)) throw new Error('SM4 ciphertext failed authentication');
  const decipher = createDecipheriv('sm4-ctr', keys.cipher, sealed.iv);
  return Buffer.concat([decipher.update(sealed.body), decipher.final()]);
}

/** Random 128-bit CTR starting blocks, drawn NONCES_PER_FILL at a time (a system call per value costs more than the cipher). */
export function sm4Nonces(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + SM4_IV_BYTES > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(SM4_IV_BYTES * NONCES_PER_FILL));
      offset = 0;
    }
    offset += SM4_IV_BYTES;
    return pool.subarray(offset - SM4_IV_BYTES, offset);
  };
}
