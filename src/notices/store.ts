/** SQL of 通知公告 and their attachments (migrations/024). */
import type { Db } from '../platform/db.ts';
import type { NoticeState } from './rules.ts';

export interface NoticeRow {
  id: string;
  title: string;
  body: string;
  state: NoticeState;
  pinned: boolean;
  publish_at: Date;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttachmentRow {
  id: string;
  notice_id: string;
  file_name: string;
  media_type: string;
  size: number;
  storage_key: string;
  sha256: string;
}

export interface NoticeRecord {
  title: string;
  body: string;
  pinned: boolean;
  publishAt: Date;
  expiresAt: Date | null;
}

const COLUMNS = 'id, title, body, state, pinned, publish_at, expires_at, created_at, updated_at';
const ATTACHMENT_COLUMNS = 'id, notice_id, file_name, media_type, size, storage_key, sha256';
/** Visible to the public at $1. */
const PUBLIC = `state = 'published' and publish_at <= $1 and (expires_at is null or expires_at > $1)`;

export function noticesStore(db: Db) {
  return {
    async insert(record: NoticeRecord, tx: Db = db): Promise<NoticeRow> {
      const rows = await tx.query<NoticeRow>(
        `insert into notices (title, body, pinned, publish_at, expires_at) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
        [record.title, record.body, record.pinned, record.publishAt, record.expiresAt],
      );
      return rows[0]!;
    },

    async update(id: string, record: NoticeRecord, tx: Db = db): Promise<NoticeRow | undefined> {
      const rows = await tx.query<NoticeRow>(
        `update notices set title = $2, body = $3, pinned = $4, publish_at = $5, expires_at = $6, updated_at = now()
         where id = $1 returning ${COLUMNS}`,
        [id, record.title, record.body, record.pinned, record.publishAt, record.expiresAt],
      );
      return rows[0];
    },

    async setState(id: string, state: NoticeState, pinned: boolean, tx: Db = db): Promise<NoticeRow | undefined> {
      const rows = await tx.query<NoticeRow>(`update notices set state = $2, pinned = $3, updated_at = now() where id = $1 returning ${COLUMNS}`, [id, state, pinned]);
      return rows[0];
    },

    /** The row, locked for a state change when inside a transaction. */
    async find(id: string, tx: Db = db, lock = false): Promise<NoticeRow | undefined> {
      const rows = await tx.query<NoticeRow>(`select ${COLUMNS} from notices where id = $1${lock ? ' for update' : ''}`, [id]);
      return rows[0];
    },

    /** Every notice, the latest written first (back office). */
    async listAll(): Promise<NoticeRow[]> {
      return db.query<NoticeRow>(`select ${COLUMNS} from notices order by pinned desc, publish_at desc, created_at desc`);
    },

    /** A page of what the public sees at `now`: pinned first, newest first. */
    async listPublic(now: Date, limit: number, offset: number): Promise<{ rows: NoticeRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        db.query<NoticeRow>(`select ${COLUMNS} from notices where ${PUBLIC} order by pinned desc, publish_at desc, id limit $2 offset $3`, [now, limit, offset]),
        db.query<{ total: number }>(`select count(*)::int as total from notices where ${PUBLIC}`, [now]),
      ]);
      return { rows, total: count[0]?.total ?? 0 };
    },

    async findPublic(id: string, now: Date): Promise<NoticeRow | undefined> {
      const rows = await db.query<NoticeRow>(`select ${COLUMNS} from notices where id = $2 and ${PUBLIC}`, [now, id]);
      return rows[0];
    },

    async attachmentsOf(noticeId: string, tx: Db = db): Promise<AttachmentRow[]> {
      return tx.query<AttachmentRow>(`select ${ATTACHMENT_COLUMNS} from notice_attachments where notice_id = $1 order by created_at, id`, [noticeId]);
    },

    async findAttachment(noticeId: string, attachmentId: string, tx: Db = db): Promise<AttachmentRow | undefined> {
      const rows = await tx.query<AttachmentRow>(`select ${ATTACHMENT_COLUMNS} from notice_attachments where notice_id = $1 and id = $2`, [noticeId, attachmentId]);
      return rows[0];
    },

    async insertAttachment(row: Omit<AttachmentRow, 'id'>, tx: Db = db): Promise<AttachmentRow> {
      const rows = await tx.query<AttachmentRow>(
        `insert into notice_attachments (notice_id, file_name, media_type, size, storage_key, sha256) values ($1, $2, $3, $4, $5, $6) returning ${ATTACHMENT_COLUMNS}`,
        [row.notice_id, row.file_name, row.media_type, row.size, row.storage_key, row.sha256],
      );
      return rows[0]!;
    },

    async deleteAttachment(noticeId: string, attachmentId: string, tx: Db = db): Promise<AttachmentRow | undefined> {
      const rows = await tx.query<AttachmentRow>(`delete from notice_attachments where notice_id = $1 and id = $2 returning ${ATTACHMENT_COLUMNS}`, [noticeId, attachmentId]);
      return rows[0];
    },
  };
}
