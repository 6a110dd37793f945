import { documentKey, type DocumentType } from '../accounts/rules.ts';
import type { CryptoSuite } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import type { ObjectStorage } from '../platform/storage/object-storage.ts';
import { isNationalFile, isNationalText } from './national-cipher.ts';
import { recordedSuite } from './suite-record.ts';

/**
 * Moves every piece of personal data at rest from one cipher suite to the other (`npm run
 * crypto-suite -- <suite>`, scripts/crypto-suite.ts), with every node stopped:
 *  1. marks the switch (crypto_suite.switching_to): no node starts until it is finished;
 *  2. table by table, in batches of BATCH rows each in its own transaction: re-encrypts the *_enc
 *     columns and recomputes the lookup hashes from the decrypted values; then the uploaded files;
 *  3. ends every session (their id hashes change with the suite) and records the new suite.
 * Each value says its suite (national-cipher.ts), so a run that was stopped is simply run again:
 * converted values are recognised and skipped, hashes are recomputed from the plain values.
 */
export const REENCRYPT_BATCH = 200;

export interface SuiteCiphers {
  international: PersonalDataCipher;
  national: PersonalDataCipher;
}

export type ReencryptCounts = Record<string, number>;

export async function switchCryptoSuite(db: Db, storage: ObjectStorage, ciphers: SuiteCiphers, target: CryptoSuite, onProgress: (table: string, rows: number) => void = () => {}): Promise<ReencryptCounts> {
  const recorded = await recordedSuite(db);
  if (recorded?.suite === target && !recorded.switching_to) return {};
  if (recorded?.switching_to && recorded.switching_to !== target) throw new Error(`a switch to ${recorded.switching_to} is unfinished: finish it first`);
  await db.query(
    `insert into crypto_suite (suite, switching_to) values ($1, $2)
     on conflict (singleton) do update set switching_to = $2, updated_at = now()`,
    [target === 'national' ? 'international' : 'national', target],
  );
  const to = ciphers[target];
  const open = (value: string) => (isNationalText(value) ? ciphers.national : ciphers.international).decrypt(value);
  const inTarget = (value: string) => isNationalText(value) === (target === 'national');
  const reseal = (value: string | null) => (value === null || inTarget(value) ? value : to.encrypt(open(value)));
  const counts: ReencryptCounts = {};
  const count = (table: string, rows: number) => {
    counts[table] = (counts[table] ?? 0) + rows;
    onProgress(table, counts[table]);
  };

  // identities: phones and document numbers, with their lookup hashes (as accounts/store.ts computes them).
  await inBatches<{ account_id: string; role: string; mobile_enc: string | null; document_type: string | null; document_number_enc: string | null }>(
    db,
    'select account_id, role, mobile_enc, document_type, document_number_enc from identities where (account_id, role) > ($1, $2) order by account_id, role limit $3',
    ['00000000-0000-0000-0000-000000000000', ''],
    (row) => [row.account_id, row.role],
    async (tx, rows) => {
      for (const row of rows) {
        const mobile = row.mobile_enc ? open(row.mobile_enc) : '';
        const documentNumber = row.document_number_enc ? open(row.document_number_enc) : '';
        await tx.query('update identities set mobile_enc = $3, mobile_hash = $4, document_number_enc = $5, document_hash = $6 where account_id = $1 and role = $2', [
          row.account_id,
          row.role,
          reseal(row.mobile_enc),
          mobile ? to.lookupHash('mobile', mobile) : null,
          reseal(row.document_number_enc),
          documentNumber ? to.lookupHash('document', `${row.document_type}:${documentNumber}`) : null,
        ]);
      }
      count('identities', rows.length);
    },
  );

  // verifications: the document hash a verified natural person holds (realname/service.ts documentHash).
  await inBatches<{ account_id: string; subject: string; document_type: string | null; document_number_enc: string | null }>(
    db,
    `select v.account_id, v.subject, i.document_type, i.document_number_enc from verifications v
     left join identities i on i.account_id = v.account_id and i.role = 'natural_person'
     where v.verified_document_hash is not null and (v.account_id, v.subject) > ($1, $2) order by v.account_id, v.subject limit $3`,
    ['00000000-0000-0000-0000-000000000000', ''],
    (row) => [row.account_id, row.subject],
    async (tx, rows) => {
      for (const row of rows) {
        if (!row.document_type || !row.document_number_enc) {
          count('verifications without a document (hash left as it was)', 1);
          continue;
        }
        const hash = to.lookupHash('document', documentKey(row.document_type as DocumentType, open(row.document_number_enc)));
        await tx.query('update verifications set verified_document_hash = $3 where account_id = $1 and subject = $2', [row.account_id, row.subject, hash]);
      }
      count('verifications', rows.length);
    },
  );

  // national_links: the document a link was made on is kept only as a hash; it is the account's
  // document unless that changed since, and only then can it be carried over.
  await inBatches<{ id: string; document_hash: string; document_type: string | null; document_number_enc: string | null }>(
    db,
    `select l.id, l.document_hash, i.document_type, i.document_number_enc from national_links l
     left join identities i on i.account_id = l.account_id and i.role = 'natural_person'
     where l.id > $1 order by l.id limit $2`,
    ['00000000-0000-0000-0000-000000000000'],
    (row) => [row.id],
    async (tx, rows) => {
      for (const row of rows) {
        const key = row.document_type && row.document_number_enc ? documentKey(row.document_type as DocumentType, open(row.document_number_enc)) : undefined;
        const fromHash = key && ciphers[target === 'national' ? 'international' : 'national'].lookupHash('document', key);
        if (key && row.document_hash === fromHash) {
          await tx.query('update national_links set document_hash = $2 where id = $1', [row.id, to.lookupHash('document', key)]);
        } else if (!key || row.document_hash !== to.lookupHash('document', key)) {
          count('national_links not carried over (document changed since linking)', 1);
        }
      }
      count('national_links', rows.length);
    },
  );

  // appeals: what the appellant typed, with the hashes of the person's document and mobile (recovery/appeals.ts).
  await inBatches<{ id: string; data_enc: string }>(
    db,
    'select id::text, data_enc from appeals where id > $1::bigint order by id limit $2',
    ['0'],
    (row) => [row.id],
    async (tx, rows) => {
      for (const row of rows) {
        const data = JSON.parse(open(row.data_enc)) as { kind: 'natural'; person: AppealPerson } | { kind: 'legal'; agent: AppealPerson };
        const person = data.kind === 'natural' ? data.person : data.agent;
        await tx.query('update appeals set data_enc = $2, document_hash = $3, mobile_hash = $4 where id = $1::bigint', [
          row.id,
          reseal(row.data_enc),
          to.lookupHash('document', documentKey(person.documentType as DocumentType, person.documentNumber)),
          to.lookupHash('mobile', person.mobile),
        ]);
      }
      count('appeals', rows.length);
    },
  );

  // Columns that are only encrypted, never looked up.
  for (const [table, key, column, keyType] of ENCRYPTED_ONLY) {
    await inBatches<{ key: string; value: string | null }>(
      db,
      `select ${key}::text as key, ${column} as value from ${table} where ${key} > $1::${keyType} and ${column} is not null order by ${key} limit $2`,
      [keyType === 'bigint' ? '0' : keyType === 'uuid' ? '00000000-0000-0000-0000-000000000000' : ''],
      (row) => [row.key],
      async (tx, rows) => {
        for (const row of rows) await tx.query(`update ${table} set ${column} = $2 where ${key} = $1::${keyType}`, [row.key, reseal(row.value)]);
        count(`${table}.${column}`, rows.length);
      },
    );
  }

  // Uploaded files: read, re-encrypted and written back under the same key.
  await inBatches<{ id: string; storage_key: string }>(
    db,
    'select id::text, storage_key from uploads where id > $1::uuid order by id limit $2',
    ['00000000-0000-0000-0000-000000000000'],
    (row) => [row.id],
    async (_tx, rows) => {
      for (const row of rows) {
        const sealed = await storage.get(row.storage_key);
        if (!sealed) {
          count('uploads missing from storage', 1);
          continue;
        }
        if (isNationalFile(sealed) === (target === 'national')) continue;
        const plain = (isNationalFile(sealed) ? ciphers.national : ciphers.international).decryptBytes(sealed);
        await storage.put(row.storage_key, to.encryptBytes(plain));
      }
      count('uploads', rows.length);
    },
  );

  // Session ids are hashed with the suite's hash (http/sessions.ts, backoffice/staff.ts): the old ones would never match
  // again. (So are the owners of anonymous appeal uploads, which live minutes: an appeal under way uploads again.)
  const ended = await db.query('delete from sessions returning 1');
  counts['sessions ended'] = ended.length;
  counts['staff sessions ended'] = (await db.query('delete from staff_sessions returning 1')).length;
  // Not convertible: legacy_import_rows keep keyed hashes of mobiles whose plain values are not stored.
  counts['legacy_import_rows with mobile hashes (not convertible)'] = Number(
    (await db.query<{ n: string }>("select count(*)::text as n from legacy_import_rows where mobile_hash is not null or source = 'torch-personal'"))[0]?.n ?? 0,
  );
  await db.query('update crypto_suite set suite = $1, switching_to = null, updated_at = now()', [target]);
  return counts;
}

interface AppealPerson {
  documentType: string;
  documentNumber: string;
  mobile: string;
}

const ENCRYPTED_ONLY: readonly [table: string, key: string, column: string, keyType: 'uuid' | 'bigint' | 'text'][] = [
  ['staff', 'id', 'totp_secret_enc', 'uuid'],
  ['reviews', 'id', 'data_enc', 'bigint'],
  ['business_systems', 'id', 'oidc_client_secret_enc', 'uuid'],
  ['oidc_keys', 'kid', 'jwk_enc', 'text'],
];

export type KeyType = 'uuid' | 'bigint' | 'text';

/** An encrypted column and the key its rows are walked by (keyset pagination in key order). */
export interface EncryptedColumn {
  table: string;
  keys: readonly (readonly [column: string, type: KeyType])[];
  column: string;
}

/**
 * Every encrypted column at rest (the uploaded files aside, in `uploads`): the key rotation
 * (src/crypto/keys/rotate.ts) walks this list; the switch above handles those with lookup hashes itself.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'identities', keys: [['account_id', 'uuid'], ['role', 'text']], column: 'mobile_enc' },
  { table: 'identities', keys: [['account_id', 'uuid'], ['role', 'text']], column: 'document_number_enc' },
  { table: 'appeals', keys: [['id', 'bigint']], column: 'data_enc' },
  ...ENCRYPTED_ONLY.map(([table, key, column, type]) => ({ table, keys: [[key, type] as const], column })),
];

/** The smallest key of a type, for keyset pagination's first page. */
export function firstKey(type: KeyType): string {
  return type === 'bigint' ? '-9223372036854775808' : type === 'uuid' ? '00000000-0000-0000-0000-000000000000' : '';
}

/**
 * Keyset pagination: `sql` takes the last key's parameters then the limit; each batch in one
 * transaction, then `committed` (progress, a pause) outside it.
 */
export async function inBatches<Row>(
  db: Db,
  sql: string,
  start: unknown[],
  keyOf: (row: Row) => unknown[],
  work: (tx: Db, rows: Row[]) => Promise<void>,
  batch = REENCRYPT_BATCH,
  committed: () => Promise<void> = async () => {},
): Promise<void> {
  let after = start;
  for (;;) {
    const rows = await db.query<Row>(sql, [...after, batch]);
    if (rows.length === 0) return;
    await db.transaction((tx) => work(tx, rows));
    await committed();
    after = keyOf(rows[rows.length - 1]!);
    if (rows.length < batch) return;
  }
}
