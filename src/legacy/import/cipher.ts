/**
 * The personal-data cipher of one batch: memoises hashes and ciphertexts, which the key, the
 * facts, the records and the outcome of a row all ask for; computed ahead by `prepareBatch`
 * while the database writes the previous batch.
 */
import { documentKey } from '../../accounts/rules.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { LegacyRow, LegacyRowResult } from '../rows.ts';

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
