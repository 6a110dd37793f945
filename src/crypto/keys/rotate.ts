import type { Db } from '../../platform/db.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { ObjectStorage } from '../../platform/storage/object-storage.ts';
import { ENCRYPTED_COLUMNS, REENCRYPT_BATCH, firstKey, inBatches, type EncryptedColumn } from '../reencrypt.ts';
import { fileKeyVersion, textKeyVersion } from './stored-version.ts';

/**
 * Key rotation (`npm run rotate-keys`, scripts/rotate-keys.ts), with the platform running: every
 * encrypted column (reencrypt.ts's ENCRYPTED_COLUMNS, walked with its batching) and every uploaded
 * file whose stored key version is not the current one is decrypted (with the version it names) and
 * sealed again under the current version.
 *  - No downtime: a row is rewritten only if its value is still the one read (compare-and-set on the
 *    old ciphertext); one a node changed meanwhile is left alone (that node wrote it under the
 *    current version already, if it has the same keys: give every node the new keys first).
 *  - Resumable: values already on the current version are skipped, so after a crash it is run again.
 *  - Lookup hashes are not touched (PII_LOOKUP_KEY is not rotated).
 * At the end it counts what is still on other versions: 0 means the old key can leave the provider.
 */
export interface RotationOptions {
  batch?: number;
  /** A pause between batches, to spare a busy database. */
  pauseMs?: number;
  /** After every batch: which column (or "uploads") and how many values were re-encrypted there so far. */
  onProgress?: (what: string, rewritten: number) => void;
}

export interface RotationReport {
  /** Values re-encrypted, per column ("table.column", "uploads"). */
  rewritten: Record<string, number>;
  /** Rows a node changed between our read and our write (left as the node wrote them). */
  changedMeanwhile: number;
  /** Uploads whose file was missing from storage. */
  missingFiles: number;
  /** Values still on other key versions, per column, after the pass (counted again at the end). */
  left: Record<string, number>;
  leftTotal: number;
}

export async function rotateKeys(db: Db, storage: ObjectStorage, cipher: PersonalDataCipher, current: number, options: RotationOptions = {}): Promise<RotationReport> {
  const batch = options.batch ?? REENCRYPT_BATCH;
  const report: RotationReport = { rewritten: {}, changedMeanwhile: 0, missingFiles: 0, left: {}, leftTotal: 0 };
  // Counted inside a batch's transaction, reported (and paused after) once it is committed.
  const count = (what: string, rewritten: number) => (report.rewritten[what] = (report.rewritten[what] ?? 0) + rewritten);
  const progress = (what: string) => async () => {
    options.onProgress?.(what, report.rewritten[what] ?? 0);
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  };

  for (const target of ENCRYPTED_COLUMNS) {
    const what = `${target.table}.${target.column}`;
    await eachValue(db, target, batch, progress(what), async (tx, rows) => {
      let rewritten = 0;
      for (const row of rows) {
        if (textKeyVersion(row.value) === current) continue;
        const sealed = cipher.encrypt(cipher.decrypt(row.value));
        const written = await tx.query(
          `update ${target.table} set ${target.column} = $1 where ${keyMatch(target, 2)} and ${target.column} = $${target.keys.length + 2} returning 1`,
          [sealed, ...row.key, row.value],
        );
        if (written.length === 1) rewritten += 1;
        else report.changedMeanwhile += 1;
      }
      count(what, rewritten);
    });
  }

  await eachUpload(db, batch, progress('uploads'), async (rows) => {
    let rewritten = 0;
    for (const row of rows) {
      const sealed = await storage.get(row.storage_key);
      if (!sealed) {
        report.missingFiles += 1;
        continue;
      }
      if (fileKeyVersion(sealed) === current) continue;
      await storage.put(row.storage_key, cipher.encryptBytes(cipher.decryptBytes(sealed)));
      rewritten += 1;
    }
    count('uploads', rewritten);
  });

  // What is left on other versions: a node still on the old keys, or rows changed meanwhile.
  const leave = (what: string) => {
    report.left[what] = (report.left[what] ?? 0) + 1;
    report.leftTotal += 1;
  };
  for (const target of ENCRYPTED_COLUMNS) {
    await eachValue(db, target, batch, async () => {}, async (_tx, rows) => {
      for (const row of rows) if (textKeyVersion(row.value) !== current) leave(`${target.table}.${target.column}`);
    });
  }
  await eachUpload(db, batch, async () => {}, async (rows) => {
    for (const row of rows) {
      const sealed = await storage.get(row.storage_key);
      if (sealed && fileKeyVersion(sealed) !== current) leave('uploads');
    }
  });
  return report;
}

interface ValueRow {
  key: string[];
  value: string;
}

/** Every non-null value of a column, in key order, a batch at a time (reencrypt.ts's inBatches). */
async function eachValue(db: Db, target: EncryptedColumn, batch: number, committed: () => Promise<void>, work: (tx: Db, rows: ValueRow[]) => Promise<void>): Promise<void> {
  const keyColumns = target.keys.map(([column]) => column).join(', ');
  const selected = target.keys.map(([column], i) => `${column}::text as k${i}`).join(', ');
  const start = target.keys.map(([, type]) => firstKey(type));
  const limit = `$${target.keys.length + 1}`;
  await inBatches<Record<string, string>>(
    db,
    `select ${selected}, ${target.column} as value from ${target.table}
     where (${keyColumns}) > (${target.keys.map(([, type], i) => `$${i + 1}::${type}`).join(', ')}) and ${target.column} is not null
     order by ${keyColumns} limit ${limit}`,
    start,
    (row) => target.keys.map((_, i) => row[`k${i}`]),
    (tx, rows) => work(tx, rows.map((row) => ({ key: target.keys.map((_, i) => row[`k${i}`]!), value: row.value! }))),
    batch,
    committed,
  );
}

function keyMatch(target: EncryptedColumn, from: number): string {
  return target.keys.map(([column, type], i) => `${column} = $${from + i}::${type}`).join(' and ');
}

async function eachUpload(db: Db, batch: number, committed: () => Promise<void>, work: (rows: { id: string; storage_key: string }[]) => Promise<void>): Promise<void> {
  await inBatches<{ id: string; storage_key: string }>(
    db,
    'select id::text, storage_key from uploads where id > $1::uuid order by id limit $2',
    [firstKey('uuid')],
    (row) => [row.id],
    (_tx, rows) => work(rows),
    batch,
    committed,
  );
}
