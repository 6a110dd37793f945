/** The append-only audit log of staff actions (SPEC §9); the table refuses updates and deletes. */
import type { Db } from '../platform/db.ts';

export interface AuditEntry {
  staff: { id: string | null; loginName: string };
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
  ip?: string;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (staff_id, staff_login_name, action, target_type, target_id, detail, ip) values ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.staff.id, entry.staff.loginName, entry.action, entry.target?.type ?? null, entry.target?.id ?? null, JSON.stringify(entry.detail ?? {}), entry.ip ?? null],
  );
}

export interface AuditFilter {
  action?: string;
  staffLoginName?: string;
  /** The subject account, by login name or id. */
  account?: string;
  /** Days 'YYYY-MM-DD' in China time, both included. */
  from?: string;
  to?: string;
}

export interface AuditRecord {
  id: string;
  staffLoginName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  createdAt: Date;
}

/** Most rows one CSV export holds; a narrower filter gets the rest. */
export const AUDIT_EXPORT_LIMIT = 10_000;

const CHINA_OFFSET = '+08:00';
const startOfDay = (day: string) => new Date(`${day}T00:00:00${CHINA_OFFSET}`);
const DAY_MS = 24 * 60 * 60 * 1000;

function whereClause(filter: AuditFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.action) where.push(`action = $${params.push(filter.action)}`);
  if (filter.staffLoginName) where.push(`lower(staff_login_name) = lower($${params.push(filter.staffLoginName)})`);
  if (filter.account) {
    const n = params.push(filter.account);
    where.push(`target_type = 'account' and target_id = coalesce((select a.id::text from accounts a where a.login_name_key = lower($${n})), $${n})`);
  }
  if (filter.from) where.push(`created_at >= $${params.push(startOfDay(filter.from))}`);
  if (filter.to) where.push(`created_at < $${params.push(new Date(startOfDay(filter.to).getTime() + DAY_MS))}`);
  return where.length ? `where ${where.join(' and ')}` : '';
}

type AuditRow = { id: string; staff_login_name: string; action: string; target_type: string | null; target_id: string | null; detail: Record<string, unknown>; ip: string | null; created_at: Date };

const record = (r: AuditRow): AuditRecord => ({ id: String(r.id), staffLoginName: r.staff_login_name, action: r.action, targetType: r.target_type, targetId: r.target_id, detail: r.detail, ip: r.ip, createdAt: r.created_at });

export async function listAudit(db: Db, filter: AuditFilter & { limit: number; offset: number }): Promise<{ rows: AuditRecord[]; total: number }> {
  const params: unknown[] = [];
  const clause = whereClause(filter, params);
  const total = await db.query<{ n: number }>(`select count(*)::int as n from audit_log ${clause}`, params);
  const rows = await db.query<AuditRow>(`select * from audit_log ${clause} order by id desc limit $${params.push(filter.limit)} offset $${params.push(filter.offset)}`, params);
  return { total: (total[0] as { n: number }).n, rows: rows.map(record) };
}

/**
 * A cell a spreadsheet will not run: one starting with = + - @ (or a tab or carriage return,
 * which some spreadsheets skip before reading a formula) gets a leading apostrophe; then quoted.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const CSV_HEADER = ['编号', '时间', '工作人员', '操作', '对象类型', '对象', '详情', 'IP'];

/** The filtered audit log as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese). */
export async function exportAuditCsv(db: Db, filter: AuditFilter): Promise<{ csv: string; rows: number }> {
  const params: unknown[] = [];
  const clause = whereClause(filter, params);
  const rows = (await db.query<AuditRow>(`select * from audit_log ${clause} order by id desc limit ${AUDIT_EXPORT_LIMIT}`, params)).map(record);
  const lines = [CSV_HEADER, ...rows.map((r) => [r.id, r.createdAt.toISOString(), r.staffLoginName, r.action, r.targetType ?? '', r.targetId ?? '', JSON.stringify(r.detail), r.ip ?? ''])];
  return { csv: `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`, rows: rows.length };
}
