import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomFillSync } from 'node:crypto';
import { nationalPersonalDataCipher } from '../crypto/national-cipher.ts';
import type { CryptoSuite } from './config.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';
const NONCES_PER_FILL = 4096;

/**
 * Personal data at rest: AES-256-GCM ciphertext for reading back, and a keyed hash
 * (HMAC-SHA-256) for lookups and uniqueness without decrypting. With CRYPTO_SUITE=national:
 * SM4-CTR with an HMAC-SM3 tag, and HMAC-SM3 (src/crypto/national-cipher.ts, its own formats).
 */
export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Files (uploaded scans): iv (12) | tag (16) | ciphertext, with the same key. */
  encryptBytes(plain: Buffer): Buffer;
  decryptBytes(sealed: Buffer): Buffer;
  /** kind separates namespaces, so a phone number and a document number never share a hash. */
  lookupHash(kind: 'mobile' | 'document' | 'email', value: string): string;
}

/**
 * The keys become key objects once: from a raw key Node makes one at every call, which costs
 * more than the HMAC itself. Nonces are cut from a pooled random buffer: a randomBytes call per
 * value is a system call, more than the encryption (both measured in bench/import and bench/sso).
 */
export function personalDataCipher(raw: { personalData: Buffer; lookup: Buffer }, suite: CryptoSuite = 'international'): PersonalDataCipher {
  if (suite === 'national') return nationalPersonalDataCipher(raw);
  const keys = { personalData: createSecretKey(raw.personalData), lookup: createSecretKey(raw.lookup) };
  const nonce = nonces();
  return {
    encrypt(plain) {
      const iv = nonce();
      const cipher = createCipheriv(ALGORITHM, keys.personalData, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(sealed) {
      const [format, iv, tag, body] = sealed.split(':');
      if (format !== FORMAT || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv(ALGORITHM, keys.personalData, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    encryptBytes(plain) {
      const iv = nonce();
      const cipher = createCipheriv(ALGORITHM, keys.personalData, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptBytes(sealed) {
      const decipher = createDecipheriv(ALGORITHM, keys.personalData, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
    lookupHash(kind, value) {
      return createHmac('sha256', keys.lookup).update(`${kind}:${value.trim().toUpperCase()}`).digest('hex');
    },
  };
}

/** Random 96-bit GCM nonces, NONCES_PER_FILL drawn at a time. */
function nonces(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(IV_BYTES * NONCES_PER_FILL));
      offset = 0;
    }
    offset += IV_BYTES;
    return pool.subarray(offset - IV_BYTES, offset);
  };
}
