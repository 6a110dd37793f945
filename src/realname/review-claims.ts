/**
 * Claims on real-name reviews (issue 18.2): opening an open review claims it for
 * CLAIM_DURATION_MS; others see 审核中：<reviewer> and cannot decide it until the claim
 * expires by itself or an admin releases it. Taking and releasing a claim are audited.
 */
import { recordAudit } from '../backoffice/audit.ts';
import type { Staff } from '../backoffice/staff.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import type { ReviewRow } from './materials-store.ts';
import { reviewQueueStore } from './review-queue-store.ts';

export interface ClaimView {
  /** The reviewer holding it (审核中：<name>). */
  staffName: string;
  mine: boolean;
  until: Date;
}

interface Ctx {
  staff: Staff;
  ip: string;
}

export function reviewClaims(platform: Platform) {
  const store = reviewQueueStore(platform.db);

  return {
    /** Opening a review: claims it when it is open and nobody else holds it. The claim shown, or null. */
    async onOpen(ctx: Ctx, review: ReviewRow): Promise<ClaimView | null> {
      if (review.status !== 'open') return null;
      const result = await store.claim(review.id, ctx.staff.id);
      if (!result) return null;
      if (result.fresh) await recordAudit(platform.db, { staff: ctx.staff, action: 'review.claim', target: { type: 'review', id: review.id }, ip: ctx.ip });
      const { claimed_by: by, claimed_by_name: name, claimed_until: until } = result.review;
      return by && name && until ? { staffName: name, mine: by === ctx.staff.id, until } : null;
    },

    /** An admin ends another reviewer's claim: whether there was one to end. 404 for no such review. */
    async release(ctx: Ctx, id: string): Promise<{ id: string; released: boolean }> {
      const heldBy = await store.release(id);
      if (heldBy === undefined) {
        const exists = /^\d{1,18}$/.test(id) && (await platform.db.query('select 1 from reviews where id = $1', [id])).length > 0;
        if (!exists) throw new AppError('NOT_FOUND', 404);
        return { id, released: false };
      }
      await recordAudit(platform.db, { staff: ctx.staff, action: 'review.release', target: { type: 'review', id }, detail: { staffId: heldBy }, ip: ctx.ip });
      return { id, released: true };
    },
  };
}

/** A decision on a review someone else holds is refused (409 REVIEW_CLAIMED, naming them). */
export function assertNotClaimedByOther(review: { claimed_by: string | null; claim_valid: boolean; claimed_by_name: string | null }, staffId: string): void {
  if (review.claim_valid && review.claimed_by !== staffId) throw new AppError('REVIEW_CLAIMED', 409, { name: review.claimed_by_name ?? '' });
}
