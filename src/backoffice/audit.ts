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
  limit: number;
  offset: number;
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

export async function listAudit(db: Db, filter: AuditFilter): Promise<{ rows: AuditRecord[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.action) where.push(`action = $${params.push(filter.action)}`);
  if (filter.staffLoginName) where.push(`lower(staff_login_name) = lower($${params.push(filter.staffLoginName)})`);
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const total = await db.query<{ n: number }>(`select count(*)::int as n from audit_log ${clause}`, params);
  const rows = await db.query<{ id: string; staff_login_name: string; action: string; target_type: string | null; target_id: string | null; detail: Record<string, unknown>; ip: string | null; created_at: Date }>(
    `select * from audit_log ${clause} order by id desc limit $${params.push(filter.limit)} offset $${params.push(filter.offset)}`,
    params,
  );
  return {
    total: (total[0] as { n: number }).n,
    rows: rows.map((r) => ({ id: String(r.id), staffLoginName: r.staff_login_name, action: r.action, targetType: r.target_type, targetId: r.target_id, detail: r.detail, ip: r.ip, createdAt: r.created_at })),
  };
}
