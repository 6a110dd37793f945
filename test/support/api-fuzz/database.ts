/**
 * "Nothing written": the row count and a digest of the contents of every table, taken before
 * and after a request the platform refused (4xx), must be equal. The tables come from the
 * catalogue, so a new table is watched without anyone listing it.
 */
import type { Db } from '../../../src/platform/db.ts';

/**
 * What a refused request may change, and why. Everything else must stay as it was.
 * - `skip`: the table is not compared at all.
 * - `rows`: only these rows are compared (a SQL condition).
 * - `columns`: the digest covers only these columns (the others are touched by reads).
 */
export const WRITES_ALLOWED_ON_REFUSAL: Record<string, { skip?: true; rows?: string; columns?: string; reason: string }> = {
  kv: {
    skip: true,
    reason:
      'short-lived state that exists to change on refused requests: rate-limit counters (rl:*, counted before the input is read), ' +
      'login failure counters and locks (loginfail:/loginlock:/loginwait:), captcha answers (single use: a wrong answer consumes it), ' +
      'verification-code attempt counters, recovery-ticket failure counters, used TOTP steps',
  },
  audit_log: {
    rows: `action <> 'staff.login_failed'`,
    reason: 'every staff login is audited, the failed ones too (SPEC §9, backoffice/staff-login.ts): a 401 from /api/admin/login adds a staff.login_failed row',
  },
  sessions: {
    columns: 'id_hash, account_id, password_change_required, created_at',
    reason: 'reading a session moves its idle expiry on (last_seen_at, expires_at; at most once a minute), refused requests included',
  },
  staff_sessions: {
    columns: 'id_hash, staff_id, created_at, absolute_expires_at',
    reason: 'reading a staff session moves its idle expiry on (expires_at) on every back-office request, refused ones included',
  },
};

export type Snapshot = Map<string, { rows: number; digest: string }>;

/** One statement that counts and digests every table of the schema (minus the allowances above). */
export async function snapshotQuery(db: Db): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  );
  const parts = tables
    .map(({ name }) => ({ name, allowance: WRITES_ALLOWED_ON_REFUSAL[name] }))
    .filter(({ allowance }) => !allowance?.skip)
    .map(({ name, allowance }) => {
      const row = allowance?.columns ? `(${allowance.columns.split(',').map((c) => `t.${c.trim()}`).join(', ')})` : 't';
      return `select '${name}' as name, count(*)::int as rows,
        coalesce(md5(string_agg(md5(${row}::text), '' order by md5(${row}::text))), '') as digest
        from "${name}" t ${allowance?.rows ? `where ${allowance.rows}` : ''}`;
    });
  return parts.join('\nunion all\n');
}

export async function snapshot(db: Db, query: string): Promise<Snapshot> {
  const rows = await db.query<{ name: string; rows: number; digest: string }>(query);
  return new Map(rows.map((r) => [r.name, { rows: r.rows, digest: r.digest }]));
}

/** The tables that differ, e.g. ["accounts: 3 rows → 4", "identities: contents changed"]. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (!now) changes.push(`${name}: gone`);
    else if (now.rows !== was.rows) changes.push(`${name}: ${was.rows} rows → ${now.rows}`);
    else if (now.digest !== was.digest) changes.push(`${name}: contents changed`);
  }
  return changes.sort();
}
