/**
 * 通知公告 use cases: operators write, publish, pin and withdraw notices and attach files (every
 * write audited); the public reads what is visible now. Attachments are checked by content
 * (attachments.ts) and kept in the object storage; the row pointing at the bytes is written only
 * once they are stored. They are public documents, so they are stored as they are, not sealed
 * with the personal-data cipher.
 */
import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../backoffice/audit.ts';
import { AppError } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { checkAttachment } from './attachments.ts';
import { NOTICE_LIMITS, statusOf, transition, type NoticeEvent } from './rules.ts';
import type { AdminNotice, NoticeAttachmentView, NoticeInput, PublicNotice, PublicNoticeDetail } from './schemas.ts';
import { noticesStore, type AttachmentRow, type NoticeRow } from './store.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

const attachmentView = (row: AttachmentRow): NoticeAttachmentView => ({ id: row.id, fileName: row.file_name, mediaType: row.media_type, size: row.size });

function publicView(row: NoticeRow): PublicNotice {
  return { id: row.id, title: row.title, pinned: row.pinned, publishAt: iso(row.publish_at) };
}

function times(row: NoticeRow) {
  return { state: row.state, pinned: row.pinned, publishAt: new Date(row.publish_at), expiresAt: row.expires_at ? new Date(row.expires_at) : null };
}

const AUDIT_ACTIONS: Record<NoticeEvent, string> = { publish: 'notice.publish', withdraw: 'notice.withdraw', pin: 'notice.pin', unpin: 'notice.unpin' };

export function noticesService(platform: Platform, clock: () => Date = () => new Date()) {
  const store = noticesStore(platform.db);

  async function adminView(row: NoticeRow, tx: Db = platform.db): Promise<AdminNotice> {
    const attachments = await store.attachmentsOf(row.id, tx);
    return {
      ...publicView(row),
      body: row.body,
      attachments: attachments.map(attachmentView),
      state: row.state,
      status: statusOf(times(row), clock()),
      expiresAt: row.expires_at ? iso(row.expires_at) : null,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  async function found(id: string, tx: Db = platform.db, lock = false): Promise<NoticeRow> {
    const row = await store.find(id, tx, lock);
    if (!row) throw new AppError('NOTICE_NOT_FOUND', 404);
    return row;
  }

  const audit = (tx: Db, ctx: StaffContext, action: string, id: string, detail: Record<string, unknown>) =>
    recordAudit(tx, { staff: ctx.staff, action, target: { type: 'notice', id }, detail, ip: ctx.ip });

  return {
    // Back office (operators)

    async list(): Promise<AdminNotice[]> {
      const rows = await store.listAll();
      return Promise.all(rows.map((row) => adminView(row)));
    },

    detail: async (id: string) => adminView(await found(id)),

    /** A new notice is a draft; publishing is a separate, deliberate act. */
    async create(ctx: StaffContext, input: NoticeInput): Promise<AdminNotice> {
      return platform.db.transaction(async (tx) => {
        const row = await store.insert(input, tx);
        await audit(tx, ctx, 'notice.create', row.id, { title: input.title });
        return adminView(row, tx);
      });
    },

    async update(ctx: StaffContext, id: string, input: NoticeInput): Promise<AdminNotice> {
      return platform.db.transaction(async (tx) => {
        const before = await found(id, tx, true);
        // The form's 置顶 follows the same rule as the 置顶 button.
        if (input.pinned && !before.pinned && !transition(times(before), 'pin', clock()).ok) throw new AppError('NOTICE_WITHDRAWN_PIN', 409);
        const row = await store.update(id, input, tx);
        if (!row) throw new AppError('NOTICE_NOT_FOUND', 404);
        const was = times(before);
        const changed: string[] = (['title', 'body', 'pinned'] as const).filter((key) => before[key] !== input[key]);
        if (was.publishAt.getTime() !== input.publishAt.getTime()) changed.push('publishAt');
        if ((was.expiresAt?.getTime() ?? null) !== (input.expiresAt?.getTime() ?? null)) changed.push('expiresAt');
        await audit(tx, ctx, 'notice.update', id, { title: input.title, changed: changed.join(', ') });
        return adminView(row, tx);
      });
    },

    /** 发布 / 撤回 / 置顶 / 取消置顶, by the rules of rules.ts. */
    async act(ctx: StaffContext, id: string, event: NoticeEvent): Promise<AdminNotice> {
      return platform.db.transaction(async (tx) => {
        const before = await found(id, tx, true);
        const next = transition(times(before), event, clock());
        if (!next.ok) throw new AppError(next.code, 409);
        const row = await store.setState(id, next.state, next.pinned, tx);
        await audit(tx, ctx, AUDIT_ACTIONS[event], id, { title: before.title });
        return adminView(row!, tx);
      });
    },

    async attach(ctx: StaffContext, id: string, fileName: string, bytes: Buffer): Promise<NoticeAttachmentView> {
      await found(id);
      const checked = checkAttachment(fileName, bytes);
      if (!checked.ok) throw new AppError(checked.code, checked.code === 'NOTICE_ATTACHMENT_TOO_LARGE' ? 413 : 400);
      const key = `notices/${randomUUID()}`;
      await platform.storage.put(key, bytes);
      try {
        return await platform.db.transaction(async (tx) => {
          await found(id, tx, true);
          if ((await store.attachmentsOf(id, tx)).length >= NOTICE_LIMITS.maxAttachments) throw new AppError('NOTICE_TOO_MANY_ATTACHMENTS', 400, { max: NOTICE_LIMITS.maxAttachments });
          const row = await store.insertAttachment(
            { notice_id: id, file_name: fileName, media_type: checked.mediaType, size: bytes.length, storage_key: key, sha256: createHash('sha256').update(bytes).digest('hex') },
            tx,
          );
          await audit(tx, ctx, 'notice.attach', id, { attachmentId: row.id, fileName, size: bytes.length });
          return attachmentView(row);
        });
      } catch (error) {
        await platform.storage.delete(key).catch(() => {});
        throw error;
      }
    },

    async detach(ctx: StaffContext, id: string, attachmentId: string): Promise<{ removed: true }> {
      const removed = await platform.db.transaction(async (tx) => {
        const row = await store.deleteAttachment(id, attachmentId, tx);
        if (!row) throw new AppError('NOTICE_ATTACHMENT_NOT_FOUND', 404);
        await audit(tx, ctx, 'notice.detach', id, { attachmentId, fileName: row.file_name });
        return row;
      });
      await platform.storage.delete(removed.storage_key).catch(() => {});
      return { removed: true };
    },

    /** An attachment of any notice (the back office's preview). */
    async adminFile(id: string, attachmentId: string) {
      return fileOf(platform, await store.findAttachment(id, attachmentId));
    },

    // Portal (public)

    async publicList(page: number, pageSize: number): Promise<{ items: PublicNotice[]; total: number; page: number; pageSize: number }> {
      const { rows, total } = await store.listPublic(clock(), pageSize, (page - 1) * pageSize);
      return { items: rows.map(publicView), total, page, pageSize };
    },

    async publicDetail(id: string): Promise<PublicNoticeDetail> {
      const row = await store.findPublic(id, clock());
      if (!row) throw new AppError('NOTICE_NOT_FOUND', 404);
      const attachments = await store.attachmentsOf(id);
      return { ...publicView(row), body: row.body, attachments: attachments.map(attachmentView) };
    },

    /** An attachment, only while its notice is visible to the public. */
    async publicFile(id: string, attachmentId: string) {
      if (!(await store.findPublic(id, clock()))) throw new AppError('NOTICE_NOT_FOUND', 404);
      return fileOf(platform, await store.findAttachment(id, attachmentId));
    },
  };
}

async function fileOf(platform: Platform, row: AttachmentRow | undefined): Promise<{ fileName: string; mediaType: string; bytes: Buffer }> {
  const bytes = row ? await platform.storage.get(row.storage_key) : undefined;
  if (!row || !bytes) throw new AppError('NOTICE_ATTACHMENT_NOT_FOUND', 404);
  return { fileName: row.file_name, mediaType: row.media_type, bytes };
}

export type NoticesService = ReturnType<typeof noticesService>;
