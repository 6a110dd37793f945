/** SQL of appeals (migrations/005_appeals.sql). */
import { maybeOne, type Db } from '../platform/db.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import type { SubmittedFile } from '../realname/materials-store.ts';

export type AppealKind = 'natural' | 'legal';
export type AppealStatus = 'open' | 'approved' | 'rejected';

export interface AppealPerson {
  name: string;
  region: string;
  documentType: string;
  documentNumber: string;
  mobile: string;
}

/** What the appellant submitted (stored encrypted as one JSON document). */
export type AppealData =
  | { kind: 'natural'; person: AppealPerson }
  | { kind: 'legal'; organizationName: string; legalPersonType: string; creditCode: string; agent: AppealPerson; email: string; reason: string };

export interface Appeal {
  id: string;
  kind: AppealKind;
  status: AppealStatus;
  data: AppealData;
  documentHash: string;
  organizationAccountId: string | null;
  files: SubmittedFile[];
  submittedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
  resolvedAccountId: string | null;
}

interface AppealRow {
  id: string;
  kind: AppealKind;
  status: AppealStatus;
  data_enc: string;
  document_hash: string;
  organization_account_id: string | null;
  files: SubmittedFile[];
  submitted_at: Date;
  decided_at: Date | null;
  reason: string | null;
  resolved_account_id: string | null;
}

const isId = (id: string) => /^\d{1,18}$/.test(id);

export function appealsStore(db: Db, cipher: PersonalDataCipher) {
  const fromRow = (row: AppealRow): Appeal => ({
    id: String(row.id),
    kind: row.kind,
    status: row.status,
    data: JSON.parse(cipher.decrypt(row.data_enc)) as AppealData,
    documentHash: row.document_hash,
    organizationAccountId: row.organization_account_id,
    files: row.files,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    reason: row.reason,
    resolvedAccountId: row.resolved_account_id,
  });

  return {
    async insert(tx: Db, appeal: { data: AppealData; documentHash: string; mobileHash: string; organizationAccountId: string | null; files: SubmittedFile[] }): Promise<string> {
      const rows = await tx.query<{ id: string }>(
        `insert into appeals (kind, status, data_enc, document_hash, mobile_hash, organization_account_id, files)
         values ($1, 'open', $2, $3, $4, $5, $6) returning id`,
        [appeal.data.kind, cipher.encrypt(JSON.stringify(appeal.data)), appeal.documentHash, appeal.mobileHash, appeal.organizationAccountId, JSON.stringify(appeal.files)],
      );
      return String((rows[0] as { id: string }).id);
    },

    async countSince(tx: Db, documentHash: string, since: Date): Promise<{ total: number; open: number }> {
      const rows = await tx.query<{ total: number; open: number }>(
        `select count(*)::int as total, count(*) filter (where status = 'open')::int as open from appeals where document_hash = $1 and (submitted_at >= $2 or status = 'open')`,
        [documentHash, since],
      );
      return rows[0] as { total: number; open: number };
    },

    async find(id: string, tx: Db = db): Promise<Appeal | undefined> {
      if (!isId(id)) return undefined;
      const row = await maybeOne<AppealRow>(tx, 'select * from appeals where id = $1', [id]);
      return row && fromRow(row);
    },

    async lockOpen(tx: Db, id: string): Promise<Appeal | undefined> {
      if (!isId(id)) return undefined;
      const row = await maybeOne<AppealRow>(tx, `select * from appeals where id = $1 and status = 'open' for update`, [id]);
      return row && fromRow(row);
    },

    async decide(tx: Db, id: string, decision: { status: 'approved' | 'rejected'; staffId: string; reason: string | null; resolvedAccountId: string | null }) {
      await tx.query('update appeals set status = $2, decided_at = now(), decided_by = $3, reason = $4, resolved_account_id = $5 where id = $1', [
        id,
        decision.status,
        decision.staffId,
        decision.reason,
        decision.resolvedAccountId,
      ]);
    },

    async queue(filter: { kind?: AppealKind; status?: AppealStatus; minAgeHours?: number; limit: number; offset: number }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.kind) where.push(`kind = $${params.push(filter.kind)}`);
      if (filter.status) where.push(`status = $${params.push(filter.status)}`);
      if (filter.minAgeHours) where.push(`submitted_at <= now() - $${params.push(filter.minAgeHours)} * interval '1 hour'`);
      const clause = where.length ? `where ${where.join(' and ')}` : '';
      const total = await db.query<{ n: number }>(`select count(*)::int as n from appeals ${clause}`, params);
      const rows = await db.query<AppealRow>(`select * from appeals ${clause} order by submitted_at, id limit $${params.push(filter.limit)} offset $${params.push(filter.offset)}`, params);
      return { total: (total[0] as { n: number }).n, appeals: rows.map(fromRow) };
    },
  };
}
