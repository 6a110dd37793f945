/**
 * The legacy import (SPEC §8): a legacy export file of one source, read as a stream, decided
 * and applied in batches, each in one transaction with its run's progress, so that:
 * - re-running the same file changes nothing (rows with a decided case are skipped);
 * - a run killed halfway is resumed by the next run of the file (what was committed is
 *   skipped, the rest imported; the new run records which one it resumes);
 * - a malformed row is reported with its line and skipped, never stopping the rest;
 * - a dry run does the same work inside one transaction rolled back at the end: its counts are
 *   exactly those a real run would give now, and it leaves only its run record.
 * Legacy hashes are stored as they are (no argon2 here): the first login upgrades them.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../platform/db.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { isUniqueViolation } from '../../platform/errors.ts';
import { legacyMessage } from '../messages.ts';
import type { HashScheme } from '../password-schemes.ts';
import { readLegacyFile, type LegacyRowResult } from '../rows.ts';
import { LEGACY_SOURCE_CONFIG, type LegacySource } from '../sources.ts';
import { decideBatch, type BatchCarry, type BatchContext, type DecidedBatch } from './batch.ts';
import { prepareBatch, type PreparedBatch } from './cipher.ts';
import type { GrantSystem } from './records.ts';
import { openReport } from './report.ts';
import { IMPORT_LOCK, legacyImportStore, type LegacyImportStore, type RunStatus } from './store.ts';
import { inTransaction, rolledBack } from './transactions.ts';

/** Rows per batch (and per transaction) by default. */
export const DEFAULT_BATCH_SIZE = 2000;
/**
 * Thousands of keys per lookup: with scans allowed, the planner hash-joins them against whole
 * tables (or, on tables filling faster than their statistics follow, scans once per key); each
 * key looked up in its index stays cheap however large the platform grows. No JIT: with scans
 * turned off every plan looks costly enough to be compiled, which cost more than running it
 * (12 s of the 39 s of login name lookups of a million rows, bench/import).
 */
const PLANNER_SETTINGS = 'set local enable_seqscan = off; set local enable_hashjoin = off; set local enable_mergejoin = off; set local jit = off';

export interface ImportHooks {
  /** Inside the batch's transaction, after its writes (throwing rolls the batch back and fails the run). */
  beforeCommit?(batch: number): void | Promise<void>;
  /** After a batch was committed (a dry run: decided). */
  afterBatch?(progress: ImportProgress): void | Promise<void>;
  /** After a batch was decided ahead of its transaction, before that begins (tests: a registration overtaking the import). */
  afterDecide?(batch: number): void | Promise<void>;
}

export interface ImportOptions {
  source: LegacySource;
  /** Path of the export file. */
  file: string;
  dryRun?: boolean;
  /** Path of the per-row report (CSV) to write. */
  report?: string;
  batchSize?: number;
  /** Hash schemes accepted (default: the source's configured ones). */
  schemes?: readonly HashScheme[];
  /** Stops after this many batches, as if killed (status 'interrupted'): to try out resuming. */
  stopAfterBatches?: number;
  hooks?: ImportHooks;
}

export interface ImportProgress {
  batches: number;
  rowsRead: number;
  lastLine: number;
  counts: Record<string, number>;
}

export interface ImportSummary extends ImportProgress {
  runId: number;
  source: LegacySource;
  dryRun: boolean;
  status: RunStatus;
  resumedFrom: number | null;
  seconds: number;
}

/** What an import needs of the platform: its database and the personal-data cipher. */
export interface ImportServices {
  db: Db;
  cipher: PersonalDataCipher;
}

/** The import cannot start (configuration), with a Chinese message. */
export class LegacyImportError extends Error {
  readonly code: string;
  readonly en: string;
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(legacyMessage(code, params));
    this.name = 'LegacyImportError';
    this.code = code;
    this.en = legacyMessage(code, params, 'en');
  }
}

export async function importLegacyFile(services: ImportServices, options: ImportOptions): Promise<ImportSummary> {
  const { db } = services;
  const { source } = options;
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error('batchSize must be a positive whole number');
  const started = performance.now();
  const store = legacyImportStore(db);
  const checksum = await fileChecksum(options.file);
  const systems = await grantSystems(store, source);
  const previous = dryRun ? undefined : await store.lastRunOfFile(source, checksum);
  const resumedFrom = previous && previous.status !== 'finished' ? Number(previous.id) : null;
  const runId = await store.startRun({ source, fileName: path.basename(options.file), checksum, dryRun, resumedFrom });
  const context: BatchContext = { source, runId, dryRun, cipher: services.cipher, store, systems };
  const progress: ImportProgress = { batches: 0, rowsRead: 0, lastLine: 0, counts: {} };
  const report = await openReport(options.report);

  /** Keeps other imports' batches out and makes every key a lookup in its index (facts-store.ts). */
  async function begin(tx: Db) {
    await tx.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    await tx.exec(PLANNER_SETTINGS);
  }

  /** Writes a decided batch and the run's progress, inside the batch's transaction. */
  async function write(tx: Db, decided: DecidedBatch, results: LegacyRowResult[]): Promise<ImportProgress> {
    const { records } = decided;
    await store.insertAccounts(tx, records.accounts, records.identities, records.organizations);
    await store.insertGrants(tx, records.grants);
    await store.saveOutcomes(tx, source, runId, decided.outcomes);
    await store.saveErrors(tx, runId, decided.errors);
    const after: ImportProgress = {
      batches: progress.batches + 1,
      rowsRead: progress.rowsRead + results.length,
      lastLine: results[results.length - 1]!.line,
      counts: mergeCounts(progress.counts, decided.counts),
    };
    if (!dryRun) await store.saveProgress(tx, runId, after);
    await options.hooks?.beforeCommit?.(after.batches);
    return after;
  }

  type Written = { decided: DecidedBatch; after: ImportProgress; redecided: boolean };

  /** Decides and writes a batch in one transaction (the dry run; a batch whose early decision was overtaken). */
  async function decideAndWrite(tx: Db, prepared: PreparedBatch): Promise<Written> {
    await begin(tx);
    const decided = await decideBatch(tx, { ...context, cipher: prepared.cipher }, prepared.results);
    return { decided, after: await write(tx, decided, prepared.results), redecided: true };
  }

  /**
   * Decides a batch while the previous one is being written (read-only, in a transaction of its
   * own for the planner settings): the previous batch's accounts and keys count through `carry`.
   */
  const decideAhead = (prepared: PreparedBatch, carry: BatchCarry | null) =>
    db.transaction(async (tx) => {
      await tx.exec(PLANNER_SETTINGS);
      return decideBatch(tx, { ...context, cipher: prepared.cipher }, prepared.results, carry);
    });

  /** Writes a batch decided ahead; if a registration took one of its names meanwhile, decides it again inside the transaction. */
  async function commit(prepared: PreparedBatch, decided: DecidedBatch): Promise<Written> {
    try {
      return await db.transaction(async (tx) => {
        await begin(tx);
        return { decided, after: await write(tx, decided, prepared.results), redecided: false };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return inTransaction(db, (tx) => decideAndWrite(tx, prepared));
    }
  }

  /** After a batch was committed: progress, its report lines, the hook. */
  async function done(written: Written): Promise<boolean> {
    Object.assign(progress, written.after);
    await report.rows(written.decided.reports);
    await options.hooks?.afterBatch?.({ ...progress, counts: { ...progress.counts } });
    return written.redecided;
  }

  const stopped = () => options.stopAfterBatches !== undefined && progress.batches >= options.stopAfterBatches;

  /**
   * Reads the file batch by batch, in a pipeline: batch N+2 is read and prepared and batch N+1
   * decided while batch N is written, so that the database and this process work at once. The
   * dry run goes one batch at a time in its single transaction.
   */
  async function all(dryTx?: Db): Promise<'finished' | 'interrupted'> {
    const iterator = readLegacyFile(source, createReadStream(options.file), { schemes: options.schemes })[Symbol.asyncIterator]();
    const read = () => {
      const next = readBatch(iterator, batchSize).then((results) => prepareBatch(results, services.cipher));
      next.catch(() => {});
      return next;
    };
    let pending = read();
    let writing: Promise<boolean> | null = null;
    let carry: BatchCarry | null = null;
    let decidedAhead = 0;
    try {
      for (;;) {
        const prepared = await pending;
        if (prepared.results.length === 0) break;
        pending = read();
        if (dryTx) {
          await done(await decideAndWrite(dryTx, prepared));
          if (stopped()) return 'interrupted';
          continue;
        }
        // Decided ahead only beside a batch whose decision is known (carry); else after its commit.
        if (writing && !carry) {
          await writing;
          writing = null;
        }
        if (stopped()) return 'interrupted';
        let decided: DecidedBatch | null = await decideAhead(prepared, carry);
        await options.hooks?.afterDecide?.(++decidedAhead);
        // The previous batch was decided again at its commit: what this one saw of it no longer holds.
        if (writing && (await writing)) decided = null;
        writing = null;
        if (stopped()) return 'interrupted';
        const next: Promise<Written> = decided ? commit(prepared, decided) : inTransaction(db, (tx) => decideAndWrite(tx, prepared));
        writing = next.then(done);
        writing.catch(() => {});
        carry = decided?.carry ?? null;
      }
      if (writing) await writing;
      writing = null;
      return 'finished';
    } finally {
      await writing?.catch(() => {});
      await pending.catch(() => {});
      await iterator.return?.(undefined);
    }
  }

  let status: 'finished' | 'interrupted';
  try {
    status = dryRun ? await rolledBack(db, all) : await all();
  } catch (error) {
    await report.close().catch(() => {});
    await store.finishRun(runId, { status: 'failed', error: error instanceof Error ? error.message : String(error), ...(dryRun ? {} : progress) });
    throw error;
  }
  await report.close();
  await store.finishRun(runId, { status, ...progress });
  return { runId, source, dryRun, status, resumedFrom, ...progress, seconds: (performance.now() - started) / 1000 };
}

async function readBatch(iterator: AsyncIterator<LegacyRowResult>, size: number): Promise<LegacyRowResult[]> {
  const results: LegacyRowResult[] = [];
  while (results.length < size) {
    const next = await iterator.next();
    if (next.done) break;
    results.push(next.value);
  }
  return results;
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const merged = { ...a };
  for (const [key, n] of Object.entries(b)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** The systems a source's migrated accounts are authorised in; each must be registered with the unit administrator role. */
async function grantSystems(store: LegacyImportStore, source: LegacySource): Promise<GrantSystem[]> {
  const spec = LEGACY_SOURCE_CONFIG[source].grant;
  if (!spec) return [];
  const found = await store.systems(spec.systems);
  for (const key of spec.systems) {
    const system = found.find((s) => s.key === key);
    if (!system) throw new LegacyImportError('GRANT_SYSTEM_MISSING', { key });
    if (!system.roles.some((r) => r.code === spec.role)) throw new LegacyImportError('GRANT_ROLE_MISSING', { system: system.name, role: spec.role });
  }
  return found;
}

async function fileChecksum(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
