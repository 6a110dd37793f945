/**
 * SQL of the legacy import (migrations/016): runs, the outcome of each legacy account, the rows
 * a run could not import, and the platform records an outcome creates, written a batch at a
 * time with one multi-row statement (json_to_recordset) per table.
 */
import type { Db } from '../../platform/db.ts';
import type { LegacySource } from '../sources.ts';

/** Serialises batches of imports (of any source) against each other: they may create the same login names. */
export const IMPORT_LOCK = 816_001;

export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted';

export interface RunRecord {
  id: number;
  source: LegacySource;
  file_name: string;
  file_checksum: string;
  dry_run: boolean;
  status: RunStatus;
  resumed_from: number | null;
  counts: Record<string, number>;
  rows_read: number;
  last_line: number;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

/** What a legacy account's stored outcome says, as the importer and the lookup read it. */
export interface StoredOutcome {
  legacy_key: string;
  outcome: string;
  conflict_reason: string | null;
  login_window: 'natural' | 'legal' | null;
  login_name: string | null;
  account_id: string | null;
  notes: string[];
  run_id: number;
  line: number;
}

export interface OutcomeRow {
  legacyKey: string;
  /** A stored conflict of an earlier run is decided again. */
  replacesConflict: boolean;
  legacyLoginName: string;
  outcome: string;
  conflictReason: string | null;
  window: 'natural' | 'legal' | null;
  accountId: string | null;
  loginName: string | null;
  notes: string[];
  creditCodeKey: string | null;
  mobileHash: string | null;
  line: number;
}

export interface NewAccount {
  id: string;
  kind: 'natural' | 'legal';
  loginName: string;
  loginNameKey: string;
  passwordHash: string;
}

/** An identity with its personal fields already encrypted and hashed. */
export interface NewIdentity {
  accountId: string;
  role: 'natural_person' | 'primary_agent';
  name: string;
  mobileEnc: string | null;
  mobileHash: string | null;
  region: string | null;
  documentType: string | null;
  documentNumberEnc: string | null;
  documentHash: string | null;
}

export interface NewOrganization {
  accountId: string;
  name: string;
  nameKey: string;
  region: string;
  legalPersonType: string;
  code: string | null;
}

export interface NewGrant {
  authorizationId: string;
  organizationId: string;
  personId: string;
  systemIds: string[];
  role: string;
  /** authorization_events.detail (systems with role names, period, maintainInfo). */
  detail: string;
}

const OUTCOME_RECORD = `"legacyKey" text, "legacyLoginName" text, outcome text, "conflictReason" text, "window" text,
  "accountId" uuid, "loginName" text, notes text, "creditCodeKey" text, "mobileHash" text, line int`;

/** The actor of the authorisation events an import writes. */
export const IMPORT_ACTOR_NAME = '数据迁移';

export function legacyImportStore(db: Db) {
  return {
    /** The latest real run of this file, to resume when it did not finish. */
    async lastRunOfFile(source: LegacySource, checksum: string): Promise<RunRecord | undefined> {
      const rows = await db.query<RunRecord>(
        'select * from legacy_import_runs where source = $1 and file_checksum = $2 and not dry_run order by id desc limit 1',
        [source, checksum],
      );
      return rows[0];
    },
    async startRun(run: { source: LegacySource; fileName: string; checksum: string; dryRun: boolean; resumedFrom: number | null }): Promise<number> {
      const [row] = await db.query<{ id: number }>(
        `insert into legacy_import_runs (source, file_name, file_checksum, dry_run, resumed_from) values ($1, $2, $3, $4, $5) returning id`,
        [run.source, run.fileName, run.checksum, run.dryRun, run.resumedFrom],
      );
      // A run left 'running' by a process that died is over: this one takes its place.
      if (run.resumedFrom !== null) await db.query(`update legacy_import_runs set status = 'interrupted' where id = $1 and status = 'running'`, [run.resumedFrom]);
      return Number(row!.id);
    },
    async saveProgress(tx: Db, runId: number, progress: { counts: Record<string, number>; rowsRead: number; lastLine: number }) {
      await tx.query('update legacy_import_runs set counts = $2, rows_read = $3, last_line = $4, updated_at = now() where id = $1', [
        runId,
        JSON.stringify(progress.counts),
        progress.rowsRead,
        progress.lastLine,
      ]);
    },
    async finishRun(runId: number, end: { status: Exclude<RunStatus, 'running'>; counts?: Record<string, number>; rowsRead?: number; lastLine?: number; error?: string }) {
      await db.query(
        `update legacy_import_runs set status = $2, counts = coalesce($3, counts), rows_read = coalesce($4, rows_read), last_line = coalesce($5, last_line),
           error = $6, updated_at = now(), finished_at = case when $2 = 'finished' then now() end
         where id = $1`,
        [runId, end.status, end.counts ? JSON.stringify(end.counts) : null, end.rowsRead ?? null, end.lastLine ?? null, end.error ?? null],
      );
    },
    async run(runId: number): Promise<RunRecord | undefined> {
      return (await db.query<RunRecord>('select * from legacy_import_runs where id = $1', [runId]))[0];
    },

    /** The stored outcomes of these legacy keys. */
    async outcomes(tx: Db, source: LegacySource, keys: string[]): Promise<Map<string, StoredOutcome>> {
      const rows = await tx.query<StoredOutcome>(
        `select r.legacy_key, r.outcome, r.conflict_reason, r.login_window, r.login_name, r.account_id, r.notes, r.run_id, r.line
         from unnest($2::text[]) as k (key)
           cross join lateral (select * from legacy_import_rows r where r.source = $1 and r.legacy_key = k.key offset 0) as r`,
        [source, keys],
      );
      return new Map(rows.map((r) => [r.legacy_key, r]));
    },
    /**
     * Records outcomes: new ones inserted, stored conflicts replaced (a stored case is final and
     * never comes here). A plain insert costs the server less than an upsert.
     */
    async saveOutcomes(tx: Db, source: LegacySource, runId: number, rows: OutcomeRow[]) {
      const json = (list: OutcomeRow[]) => JSON.stringify(list.map((r) => ({ ...r, notes: r.notes.join(',') })));
      const fresh = rows.filter((r) => !r.replacesConflict);
      const replacing = rows.filter((r) => r.replacesConflict);
      if (fresh.length > 0) {
        await tx.query(
          `insert into legacy_import_rows (source, legacy_key, legacy_login_name, outcome, conflict_reason, login_window, account_id, login_name,
             notes, credit_code_key, mobile_hash, run_id, line)
           select $1, r."legacyKey", r."legacyLoginName", r.outcome, r."conflictReason", r."window", r."accountId", r."loginName",
             string_to_array(r.notes, ','), r."creditCodeKey", r."mobileHash", $2, r.line
           from json_to_recordset($3::json) as r (${OUTCOME_RECORD})`,
          [source, runId, json(fresh)],
        );
      }
      if (replacing.length > 0) {
        await tx.query(
          `update legacy_import_rows t set legacy_login_name = r."legacyLoginName", outcome = r.outcome, conflict_reason = r."conflictReason",
             login_window = r."window", account_id = r."accountId", login_name = r."loginName", notes = string_to_array(r.notes, ','),
             credit_code_key = r."creditCodeKey", mobile_hash = r."mobileHash", run_id = $2, line = r.line, decided_at = now()
           from json_to_recordset($3::json) as r (${OUTCOME_RECORD})
           where t.source = $1 and t.legacy_key = r."legacyKey" and t.outcome = 'conflict'`,
          [source, runId, json(replacing)],
        );
      }
    },
    async saveErrors(tx: Db, runId: number, errors: { line: number; codes: string[]; message: string }[]) {
      if (errors.length === 0) return;
      await tx.query(
        `insert into legacy_import_errors (run_id, line, codes, message)
         select $1, e.line, string_to_array(e.codes, ','), e.message from json_to_recordset($2::json) as e (line int, codes text, message text)
         on conflict (run_id, line) do nothing`,
        [runId, JSON.stringify(errors.map((e) => ({ ...e, codes: e.codes.join(',') })))],
      );
    },
    async errorsOf(runId: number) {
      return db.query<{ line: number; codes: string[]; message: string }>('select line, codes, message from legacy_import_errors where run_id = $1 order by line', [runId]);
    },

    /**
     * Accounts, identities and organisations of one batch. Rows travel as one JSON parameter per
     * table (json_to_recordset): serialising it is native, where a dozen array parameters cost the
     * driver more than the statement costs the server.
     */
    async insertAccounts(tx: Db, accounts: NewAccount[], identities: NewIdentity[], organizations: NewOrganization[]) {
      if (accounts.length > 0) {
        await tx.query(
          `insert into accounts (id, kind, login_name, login_name_key, password_hash)
           select r.id, r.kind, r."loginName", r."loginNameKey", r."passwordHash"
           from json_to_recordset($1::json) as r (id uuid, kind text, "loginName" text, "loginNameKey" text, "passwordHash" text)`,
          [JSON.stringify(accounts)],
        );
      }
      if (identities.length > 0) {
        await tx.query(
          `insert into identities (account_id, role, name, mobile_enc, mobile_hash, region, document_type, document_number_enc, document_hash)
           select r."accountId", r.role, r.name, r."mobileEnc", r."mobileHash", r.region, r."documentType", r."documentNumberEnc", r."documentHash"
           from json_to_recordset($1::json) as r ("accountId" uuid, role text, name text, "mobileEnc" text, "mobileHash" text, region text,
             "documentType" text, "documentNumberEnc" text, "documentHash" text)`,
          [JSON.stringify(identities)],
        );
      }
      if (organizations.length > 0) {
        await tx.query(
          `insert into organizations (account_id, name, name_key, region, legal_person_type, code, code_key)
           select r."accountId", r.name, r."nameKey", r.region, r."legalPersonType", r.code, upper(r.code)
           from json_to_recordset($1::json) as r ("accountId" uuid, name text, "nameKey" text, region text, "legalPersonType" text, code text)`,
          [JSON.stringify(organizations)],
        );
      }
    },

    /**
     * Authorisations a migration gives (FAQ 三.1 4; 用户说明 (3)): the organisation holds the systems
     * (approved), the person gets the role in each, maintain_info, and the event is recorded.
     */
    async insertGrants(tx: Db, grants: NewGrant[]) {
      if (grants.length === 0) return;
      const holdings = grants.flatMap((g) => g.systemIds.map((systemId) => ({ accountId: g.organizationId, systemId })));
      await tx.query(
        `insert into organization_systems (account_id, system_id, how)
         select distinct h."accountId", h."systemId", 'approved' from json_to_recordset($1::json) as h ("accountId" uuid, "systemId" uuid)
         on conflict (account_id, system_id) do nothing`,
        [JSON.stringify(holdings)],
      );
      await tx.query(
        `insert into authorizations (id, organization_id, person_id, maintain_info)
         select g."authorizationId", g."organizationId", g."personId", true
         from json_to_recordset($1::json) as g ("authorizationId" uuid, "organizationId" uuid, "personId" uuid)`,
        [JSON.stringify(grants)],
      );
      const roles = grants.flatMap((g) => g.systemIds.map((systemId) => ({ authorizationId: g.authorizationId, systemId, role: g.role })));
      await tx.query(
        `insert into authorization_roles (authorization_id, system_id, role_code)
         select r."authorizationId", r."systemId", r.role from json_to_recordset($1::json) as r ("authorizationId" uuid, "systemId" uuid, role text)`,
        [JSON.stringify(roles)],
      );
      await tx.query(
        `insert into authorization_events (organization_id, person_id, action, detail, actor_account_id, actor_name)
         select g."organizationId", g."personId", 'grant', g.detail::jsonb, null, $2
         from json_to_recordset($1::json) as g ("organizationId" uuid, "personId" uuid, detail text)`,
        [JSON.stringify(grants), IMPORT_ACTOR_NAME],
      );
    },

    /** The business systems a source grants, by key, with their names and roles. */
    async systems(keys: readonly string[]) {
      return db.query<{ id: string; key: string; name: string; roles: { code: string; name: string }[] }>(
        'select id, key, name, roles from business_systems where key = any($1::text[])',
        [keys],
      );
    },
  };
}

export type LegacyImportStore = ReturnType<typeof legacyImportStore>;
