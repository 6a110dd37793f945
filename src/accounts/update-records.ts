import type { Db } from '../platform/db.ts';
import { maskDocumentNumber, maskPhone } from './rules.ts';
import { SECTION_FIELDS, fieldValue, type Section } from './profile-fields.ts';

export interface FieldChange {
  field: string;
  label: string;
  labelEn: string;
  old: string;
  new: string;
}

/** What a record is about: a 我的信息 section, the password, or a 国家政务服务平台 link (src/federation/national/). */
export type RecordSection = Section | 'password' | 'national_link';

export interface UpdateRecord {
  id: number;
  section: RecordSection;
  actorName: string;
  changes: FieldChange[];
  createdAt: Date;
}

function shown(value: unknown, personal: 'mobile' | 'document' | undefined): string {
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  if (personal === 'mobile') return maskPhone(text);
  if (personal === 'document') return maskDocumentNumber(text);
  return text;
}

/** The fields of a section whose values differ; personal data appears only masked. */
export function diffSection(section: Section, before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [path, spec] of Object.entries(SECTION_FIELDS[section])) {
    const a = fieldValue(before, path) ?? '';
    const b = fieldValue(after, path) ?? '';
    if (String(a) === String(b)) continue;
    changes.push({ field: path, label: spec.zh, labelEn: spec.en, old: shown(a, spec.personal), new: shown(b, spec.personal) });
  }
  return changes;
}

export async function addUpdateRecord(tx: Db, accountId: string, section: RecordSection, actor: { accountId: string | null; name: string }, changes: FieldChange[]) {
  if (changes.length === 0) return;
  await tx.query(
    'insert into update_records (account_id, section, actor_account_id, actor_name, changes) values ($1, $2, $3, $4, $5)',
    [accountId, section, actor.accountId, actor.name, JSON.stringify(changes)],
  );
}

export async function listUpdateRecords(db: Db, accountId: string, section?: string): Promise<UpdateRecord[]> {
  const rows = await db.query<{ id: number; section: RecordSection; actor_name: string; changes: FieldChange[]; created_at: Date }>(
    `select id, section, actor_name, changes, created_at from update_records
     where account_id = $1 and ($2::text is null or section = $2) order by id desc limit 200`,
    [accountId, section ?? null],
  );
  return rows.map((r) => ({ id: Number(r.id), section: r.section, actorName: r.actor_name, changes: r.changes, createdAt: r.created_at }));
}
