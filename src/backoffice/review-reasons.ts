/**
 * 常用不通过原因 (issue 18.3): presets a reviewer picks for 审核不通过, kept by admins. Every
 * change is audited; a rejection copies the words, so a later change rewrites no decision.
 */
import { AppError, uniqueViolationsAs } from '../platform/errors.ts';
import { maybeOne, type Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { recordAudit } from './audit.ts';
import type { ReviewReasonInput } from './review-reason-schemas.ts';

export interface ReviewReason {
  id: string;
  text: string;
  sortOrder: number;
  updatedAt: Date;
}

interface Row {
  id: string;
  text: string;
  sort_order: number;
  updated_at: Date;
}

const toReason = (row: Row): ReviewReason => ({ id: row.id, text: row.text, sortOrder: row.sort_order, updatedAt: row.updated_at });

/** Another admin's identical preset, added meanwhile, reads as the same message as any duplicate. */
const uniqueText = <T>(work: () => Promise<T>) => uniqueViolationsAs({ review_reasons_text_key: 'REVIEW_REASON_DUPLICATE' }, work);

export function reviewReasons(platform: Platform) {
  const db: Db = platform.db;
  const audit = (tx: Db, ctx: StaffContext, action: string, id: string, text: string) =>
    recordAudit(tx, { staff: ctx.staff, action, target: { type: 'review_reason', id }, detail: { text }, ip: ctx.ip });

  return {
    async list(): Promise<ReviewReason[]> {
      return (await db.query<Row>('select * from review_reasons order by sort_order, created_at, id')).map(toReason);
    },

    /** The words of these presets, in the order given; 400 when one is unknown (deleted meanwhile). */
    async textsOf(ids: readonly string[]): Promise<string[]> {
      if (!ids.length) return [];
      const rows = await db.query<Row>('select * from review_reasons where id = any($1::uuid[])', [ids]);
      const byId = new Map(rows.map((r) => [r.id, r.text]));
      return ids.map((id) => {
        const text = byId.get(id);
        if (text === undefined) throw new AppError('REVIEW_REASON_NOT_FOUND', 400);
        return text;
      });
    },

    create: (ctx: StaffContext, input: ReviewReasonInput) =>
      uniqueText(() =>
        db.transaction(async (tx) => {
          const row = (await tx.query<Row>('insert into review_reasons (text, sort_order) values ($1, $2) returning *', [input.text, input.sortOrder]))[0] as Row;
          await audit(tx, ctx, 'review_reason.create', row.id, row.text);
          return toReason(row);
        }),
      ),

    update: (ctx: StaffContext, id: string, input: ReviewReasonInput) =>
      uniqueText(() =>
        db.transaction(async (tx) => {
          const row = await maybeOne<Row>(tx, 'update review_reasons set text = $2, sort_order = $3, updated_at = now() where id = $1 returning *', [id, input.text, input.sortOrder]);
          if (!row) throw new AppError('REVIEW_REASON_NOT_FOUND', 404);
          await audit(tx, ctx, 'review_reason.update', row.id, row.text);
          return toReason(row);
        }),
      ),

    remove: (ctx: StaffContext, id: string) =>
      db.transaction(async (tx) => {
        const row = await maybeOne<Row>(tx, 'delete from review_reasons where id = $1 returning *', [id]);
        if (!row) throw new AppError('REVIEW_REASON_NOT_FOUND', 404);
        await audit(tx, ctx, 'review_reason.delete', row.id, row.text);
        return { id: row.id, deleted: true };
      }),
  };
}
