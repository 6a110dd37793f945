/**
 * One batch of an import: the rows of the file in order, decided against the facts loaded for
 * the whole batch and an overlay of the accounts the batch itself creates (facts.ts
 * `createdAccount`, `mergeFacts`), then turned into the records, outcomes and report lines to
 * write. Rows whose legacy account already has a decided case are skipped; a key met twice
 * in one run is a duplicate.
 */
import { loginNameKey } from '../../accounts/rules.ts';
import type { Db } from '../../platform/db.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { decideLegacyCase, type LegacyDecision } from '../cases.ts';
import { createdAccount, memoryPlatform, mergeFacts, type PlatformFixture } from '../facts.ts';
import { legacyMessage } from '../messages.ts';
import type { LegacyRow, LegacyRowResult } from '../rows.ts';
import { prefixedLoginName, type LegacySource } from '../sources.ts';
import { loadBatchFacts } from './facts-store.ts';
import { uuidv7Generator } from './ids.ts';
import { legacyDisplayName, legacyKey, mobileHash } from './keys.ts';
import { emptyRecords, recordsBuilder, type BatchRecords, type GrantSystem } from './records.ts';
import type { RowReport } from './report.ts';
import type { LegacyImportStore, OutcomeRow, StoredOutcome } from './store.ts';

export interface BatchContext {
  source: LegacySource;
  runId: number;
  dryRun: boolean;
  cipher: PersonalDataCipher;
  store: LegacyImportStore;
  systems: GrantSystem[];
}

export interface DecidedBatch {
  records: BatchRecords;
  outcomes: OutcomeRow[];
  errors: { line: number; codes: string[]; message: string }[];
  reports: RowReport[];
  /** Rows per result and per case of this batch. */
  counts: Record<string, number>;
  /** What the next batch must see of this one, if it is decided before this one is committed. */
  carry: BatchCarry;
}

/** A batch's own created accounts (with their ids) and legacy keys (with their lines). */
export interface BatchCarry {
  created: PlatformFixture[];
  createdIds: Map<string, string>;
  seen: Map<string, number>;
}

/** Ids of created accounts and authorisations: time-ordered (ids.ts). */
const newId = uuidv7Generator();

const add = (counts: Record<string, number>, key: string) => void (counts[key] = (counts[key] ?? 0) + 1);

/**
 * Decides every row of the batch. `previous`: the batch before, when it may not be committed yet
 * (its accounts and keys count as if it were).
 */
export async function decideBatch(tx: Db, context: BatchContext, results: readonly LegacyRowResult[], previous: BatchCarry | null = null): Promise<DecidedBatch> {
  const { source, runId, cipher } = context;
  const build = recordsBuilder(cipher);
  const carry: BatchCarry = { created: [], createdIds: new Map(), seen: new Map() };
  const batch: DecidedBatch = { records: emptyRecords(), outcomes: [], errors: [], reports: [], counts: {}, carry };
  const valid = results.flatMap((r) => (r.ok ? [r.row] : []));
  const keys = new Map(valid.map((row) => [row, legacyKey(source, row.loginName, cipher)]));
  const stored = await context.store.outcomes(tx, source, [...new Set(keys.values())]);
  const decided = (outcome: StoredOutcome | undefined) => outcome !== undefined && outcome.outcome !== 'conflict';
  const facts = await loadBatchFacts(tx, cipher, valid.filter((row) => !decided(stored.get(keys.get(row)!))));
  const overlay = memoryPlatform(previous?.created ?? []);
  const idOf = (loginName: string) => {
    const key = loginNameKey(loginName);
    return carry.createdIds.get(key) ?? previous?.createdIds.get(key) ?? facts.accountIds.get(key) ?? null;
  };

  /** Decides a row not decided before, adds what it creates (and grants) to the batch. */
  const decideRow = (row: LegacyRow, key: string, earlier: StoredOutcome | undefined) => {
    const decision = decideLegacyCase(row, mergeFacts(facts.facts(row), overlay.facts(row)));
    add(batch.counts, decision.case);
    const created = createdAccount(row, decision);
    let accountId: string | null = null;
    if (created) {
      accountId = newId();
      overlay.add(created);
      carry.created.push(created);
      carry.createdIds.set(loginNameKey(created.loginName), accountId);
      build.account(batch.records, accountId, row, created.kind, created.loginName);
    } else if (decision.case !== 'conflict' && decision.action.type === 'keep') accountId = idOf(decision.action.loginName);

    let grantedBy = '';
    if (decision.case !== 'conflict' && decision.grant && accountId) {
      const organizationId = idOf(decision.grant.organizationLoginName);
      if (!organizationId) throw new Error(`legacy import: no account id for ${decision.grant.organizationLoginName}`);
      build.grant(batch.records, newId(), organizationId, accountId, decision.grant, context.systems);
      grantedBy = decision.grant.organizationLoginName;
    }
    batch.outcomes.push({ ...outcomeRow(source, key, row, decision, accountId, cipher), replacesConflict: earlier !== undefined });
    batch.reports.push(decisionReport(row, decision, context.dryRun, accountId, grantedBy));
  };

  for (const result of results) {
    if (!result.ok) {
      skipMalformed(batch, result.line, result.errors);
      continue;
    }
    const row = result.row;
    const key = keys.get(row)!;
    const earlier = stored.get(key);
    const firstLine = carry.seen.get(key) ?? previous?.seen.get(key) ?? (earlier?.run_id === runId ? earlier.line : undefined);
    if (firstLine !== undefined) {
      skipDuplicate(batch, row, firstLine);
      continue;
    }
    carry.seen.set(key, row.line);
    if (earlier && decided(earlier)) skipImported(batch, row, earlier);
    else decideRow(row, key, earlier);
  }
  return batch;
}

function skipMalformed(batch: DecidedBatch, line: number, errors: readonly { code: string; message: string }[]) {
  add(batch.counts, 'malformed');
  const message = errors.map((e) => e.message).join('；');
  batch.errors.push({ line, codes: errors.map((e) => e.code), message });
  batch.reports.push(report(line, '', 'malformed', { message }));
}

function skipDuplicate(batch: DecidedBatch, row: LegacyRow, firstLine: number) {
  add(batch.counts, 'duplicate');
  const message = `第${row.line}行：${legacyMessage('DUPLICATE_ROW', { line: firstLine })}`;
  batch.errors.push({ line: row.line, codes: ['DUPLICATE_ROW'], message });
  batch.reports.push(report(row.line, row.loginName, 'duplicate', { message }));
}

/** A row an earlier run decided: reported with that decision, nothing written. */
function skipImported(batch: DecidedBatch, row: LegacyRow, earlier: StoredOutcome) {
  add(batch.counts, 'already_imported');
  batch.reports.push(
    report(row.line, row.loginName, 'already_imported', {
      case: earlier.outcome,
      window: earlier.login_window ?? '',
      loginName: earlier.login_name ?? torchPersonalLoginName(earlier.outcome, row.loginName),
      accountId: earlier.account_id ?? '',
      notes: earlier.notes.join(' '),
    }),
  );
}

function decisionReport(row: LegacyRow, decision: LegacyDecision, dryRun: boolean, accountId: string | null, grantedBy: string): RowReport {
  if (decision.case === 'conflict') return report(row.line, row.loginName, 'conflict', { message: decision.reason });
  return report(row.line, row.loginName, dryRun ? 'would_import' : 'imported', {
    case: decision.case,
    window: decision.window,
    loginName: decision.loginName ?? '',
    accountId: accountId ?? '',
    grantedBy,
    notes: decision.notes.join(' '),
  });
}

function outcomeRow(source: LegacySource, key: string, row: LegacyRow, decision: LegacyDecision, accountId: string | null, cipher: PersonalDataCipher): Omit<OutcomeRow, 'replacesConflict'> {
  const conflict = decision.case === 'conflict';
  return {
    legacyKey: key,
    legacyLoginName: legacyDisplayName(source, row.loginName),
    outcome: decision.case,
    conflictReason: conflict ? decision.reason : null,
    window: conflict ? null : decision.window,
    accountId,
    // Torch personal login names hold the mobile: the account id leads to it, this table keeps no plain mobile.
    loginName: conflict || source === 'torch-personal' ? null : decision.loginName,
    notes: conflict ? [] : [...decision.notes],
    creditCodeKey: row.creditCode || null,
    // Torch personal: the legacy key is the mobile's hash already.
    mobileHash: source === 'foreign-expert' ? mobileHash(row.mobile, cipher) : null,
    line: row.line,
  };
}

/** Torch personal outcomes keep no login name (it holds the mobile): it follows from the case. */
function torchPersonalLoginName(outcome: string, mobile: string): string {
  if (outcome === 'torch-personal-1' || outcome === 'torch-personal-2') return mobile;
  return outcome === 'torch-personal-3' ? prefixedLoginName('torch-personal', mobile) : '';
}

function report(line: number, legacyLoginName: string, result: RowReport['result'], fields: Partial<RowReport> = {}): RowReport {
  return { line, legacyLoginName, result, case: '', window: '', loginName: '', accountId: '', grantedBy: '', notes: '', message: '', ...fields };
}
