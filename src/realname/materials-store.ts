/** SQL of uploaded materials and of manual reviews (migrations/003). */
import { maybeOne, type Db } from '../platform/db.ts';
import type { VerificationSubject } from './rules.ts';

export interface UploadRow {
  id: string;
  account_id: string | null;
  subject: VerificationSubject | null;
  slot: string;
  generation: number | null;
  storage_key: string;
  media_type: 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  anonymous_owner: string | null;
  created_at: Date;
  withdrawn_at: Date | null;
}

export type ReviewStatus = 'open' | 'approved' | 'rejected' | 'superseded';

export interface SubmittedFile {
  slot: string;
  uploadId: string;
}

export interface ReviewRow {
  id: string;
  kind: 'realname';
  account_id: string;
  subject: VerificationSubject;
  generation: number;
  status: ReviewStatus;
  files: SubmittedFile[];
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
  data_enc: string | null;
  /** As submitted (migrations/019): the real name or organisation name, its document or legal person type. */
  subject_name: string;
  subject_type: string;
  earlier_submissions: number;
  /** Who opened it last, valid until claimed_until (review-queue-store.ts). */
  claimed_by: string | null;
  claimed_until: Date | null;
}

export function materialsStore(db: Db) {
  return {
    async insertUpload(upload: Omit<UploadRow, 'id' | 'created_at' | 'withdrawn_at'>): Promise<UploadRow> {
      const rows = await db.query<UploadRow>(
        `insert into uploads (account_id, subject, slot, generation, storage_key, media_type, size, sha256, anonymous_owner)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
        [upload.account_id, upload.subject, upload.slot, upload.generation, upload.storage_key, upload.media_type, upload.size, upload.sha256, upload.anonymous_owner],
      );
      return rows[0] as UploadRow;
    },

    /**
     * The latest upload of each slot for this generation of the subject's data (以最后上传的材料为准);
     * none for a slot whose latest upload was withdrawn.
     */
    async currentUploads(accountId: string, subject: VerificationSubject, generation: number, tx: Db = db): Promise<Map<string, UploadRow>> {
      const rows = await tx.query<UploadRow>(
        `select * from (
           select distinct on (slot) * from uploads
           where account_id = $1 and subject = $2 and generation = $3
           order by slot, created_at desc, id) latest
         where withdrawn_at is null`,
        [accountId, subject, generation],
      );
      return new Map(rows.map((r) => [r.slot, r]));
    },

    /** Empties a slot: its current upload is withdrawn (kept for the reviews that name it). Whether there was one. */
    async withdrawCurrent(tx: Db, accountId: string, subject: VerificationSubject, generation: number, slot: string): Promise<boolean> {
      const rows = await tx.query(
        `update uploads set withdrawn_at = now()
         where id = (select id from uploads where account_id = $1 and subject = $2 and generation = $3 and slot = $4 order by created_at desc, id limit 1)
           and withdrawn_at is null
         returning id`,
        [accountId, subject, generation, slot],
      );
      return rows.length > 0;
    },

    async findUpload(id: string): Promise<UploadRow | undefined> {
      return maybeOne<UploadRow>(db, 'select * from uploads where id = $1', [id]);
    },

    /**
     * Opens a review of what the subject holds now; its name, type and the number of earlier
     * submissions are copied for the queue (migrations/019).
     */
    async openReview(tx: Db, accountId: string, subject: VerificationSubject, generation: number, files: SubmittedFile[], dataEnc: string): Promise<string> {
      const rows = await tx.query<{ id: string }>(
        `insert into reviews (kind, account_id, subject, generation, status, files, data_enc, subject_name, subject_type, earlier_submissions)
         select 'realname', $1, $2::text, $3, 'open', $4, $5, coalesce(o.name, i.name, ''), coalesce(o.legal_person_type, i.document_type, ''),
           (select count(*)::int from reviews e where e.account_id = $1 and e.subject = $2::text)
         from (select 1) one
         left join organizations o on $2::text = 'organization' and o.account_id = $1
         left join identities i on $2::text <> 'organization' and i.account_id = $1 and i.role = $2::text
         returning id`,
        [accountId, subject, generation, JSON.stringify(files), dataEnc],
      );
      return String((rows[0] as { id: string }).id);
    },

    /** Key data changed during review: the open review no longer describes the data, new uploads are needed. */
    async supersedeOpen(tx: Db, accountId: string, subject: VerificationSubject): Promise<void> {
      await tx.query(`update reviews set status = 'superseded', decided_at = now() where account_id = $1 and subject = $2 and status = 'open'`, [accountId, subject]);
    },

    async findReview(id: string, tx: Db = db): Promise<ReviewRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const row = await maybeOne<ReviewRow>(tx, 'select * from reviews where id = $1', [id]);
      return row && { ...row, id: String(row.id) };
    },

    async decide(tx: Db, id: string, status: 'approved' | 'rejected', staffId: string, reason: string | null): Promise<void> {
      await tx.query('update reviews set status = $2, decided_at = now(), decided_by = $3, reason = $4 where id = $1', [id, status, staffId, reason]);
    },

    async latestReview(accountId: string, subject: VerificationSubject, tx: Db = db): Promise<ReviewRow | undefined> {
      const row = await maybeOne<ReviewRow>(tx, 'select * from reviews where account_id = $1 and subject = $2 order by submitted_at desc, id desc limit 1', [accountId, subject]);
      return row && { ...row, id: String(row.id) };
    },
  };
}

export type MaterialsStore = ReturnType<typeof materialsStore>;
