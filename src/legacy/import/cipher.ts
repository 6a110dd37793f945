/**
 * The personal-data cipher as the import uses it: the platform's own (same formats, same keys),
 * made cheap enough for millions of rows.
 *
 * - `importCipher(keys)`: personalDataCipher with the keys turned into KeyObjects once, and
 *   nonces from a pooled random buffer. Node derives a key object from a raw Buffer key on every
 *   createHmac / createCipheriv (~100 µs of a ~10 µs HMAC on Node 24, measured for bench/import),
 *   and each randomBytes(12) is a system call. Same formats, same keys: what it writes the
 *   platform's cipher reads, its hashes are the platform's (import.int.test.ts checks both).
 *   personal-data.ts could do both itself for every caller.
 * - `batchCipher(cipher)`: memoises hashes and ciphertexts of one batch, which the key, the
 *   facts, the records and the outcome of a row all ask for; computed ahead by `prepareBatch`
 *   while the database writes the previous batch.
 */
import { createCipheriv, createSecretKey, randomFillSync } from 'node:crypto';
import { documentKey } from '../../accounts/rules.ts';
import { personalDataCipher, type PersonalDataCipher } from '../../platform/personal-data.ts';
import type { LegacyRow, LegacyRowResult } from '../rows.ts';

export function importCipher(keys: { personalData: Buffer; lookup: Buffer }): PersonalDataCipher {
  const objects = { personalData: createSecretKey(keys.personalData), lookup: createSecretKey(keys.lookup) };
  const platform = personalDataCipher(objects as unknown as typeof keys);
  const nonce = nonces();
  return {
    ...platform,
    // personal-data.ts's format (v1:iv:tag:body, AES-256-GCM), with nonces cut from a pooled random buffer:
    // a randomBytes(12) call per value cost more than the encryption.
    encrypt(plain) {
      const iv = nonce();
      const cipher = createCipheriv('aes-256-gcm', objects.personalData, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
  };
}

const NONCE_BYTES = 12;
const NONCES_PER_FILL = 4096;

/** Random 96-bit GCM nonces, NONCES_PER_FILL drawn at a time. */
function nonces(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + NONCE_BYTES > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(NONCE_BYTES * NONCES_PER_FILL));
      offset = 0;
    }
    offset += NONCE_BYTES;
    return pool.subarray(offset - NONCE_BYTES, offset);
  };
}

export function batchCipher(cipher: PersonalDataCipher): PersonalDataCipher {
  const hashes = new Map<string, string>();
  const sealed = new Map<string, string>();
  return {
    ...cipher,
    lookupHash(kind, value) {
      const key = `${kind}\u0000${value}`;
      let hash = hashes.get(key);
      if (hash === undefined) hashes.set(key, (hash = cipher.lookupHash(kind, value)));
      return hash;
    },
    // The same plaintext twice in a batch (a repeated row) gets the same ciphertext: equality is no secret, the hash shows it.
    encrypt(plain) {
      let text = sealed.get(plain);
      if (text === undefined) sealed.set(plain, (text = cipher.encrypt(plain)));
      return text;
    },
  };
}

export interface PreparedBatch {
  results: LegacyRowResult[];
  cipher: PersonalDataCipher;
}

/** Hashes and encrypts the personal fields of a batch's rows ahead of deciding them. */
export function prepareBatch(results: LegacyRowResult[], cipher: PersonalDataCipher): PreparedBatch {
  const memo = batchCipher(cipher);
  for (const result of results) if (result.ok) prepareRow(result.row, memo);
  return { results, cipher: memo };
}

function prepareRow(row: LegacyRow, cipher: PersonalDataCipher) {
  if (row.mobile) {
    cipher.lookupHash('mobile', row.mobile);
    cipher.encrypt(row.mobile);
  }
  if (row.documentType && row.documentNumber) {
    cipher.lookupHash('document', documentKey(row.documentType, row.documentNumber));
    cipher.encrypt(row.documentNumber);
  }
  // Torch personal login names are mobiles (hashed above); the others need no key hash.
}
