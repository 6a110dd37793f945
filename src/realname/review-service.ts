/**
 * The reviewer's side of manual review (人工审核): the queue, one review with the data beside
 * the submitted files, and the decision. Every step is written to the audit log; a
 * decision changes the subject's status and is told to the user by SMS.
 */
import { SMS_TEXTS } from '../platform/sms-texts.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { Staff } from '../backoffice/staff.ts';
import { maskPhone } from '../accounts/rules.ts';
import { accountStore } from '../accounts/store.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { materialSlot } from './materials.ts';
import { readUpload } from './materials-service.ts';
import { earlierReviews } from './review-history.ts';
import { materialsStore, type ReviewRow } from './materials-store.ts';
import { assertNotClaimedByOther, reviewClaims } from './review-claims.ts';
import { reviewQueueStore, type QueueFilter, type QueueRow } from './review-queue-store.ts';
import { REASON_MESSAGES, isVerified, statusView, transition, type VerificationEvent, type VerificationSubject } from './rules.ts';
import { documentHash, loadSubject, type SubjectData } from './service.ts';
import { verificationStore } from './store.ts';

export interface StaffContext {
  staff: Staff;
  ip: string;
}

const SUBJECT_NAMES: Record<VerificationSubject, string> = { natural_person: '自然人', organization: '法人', primary_agent: '主代办人' };

function summary(row: ReviewRow & { login_name?: string }) {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    loginName: row.login_name,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    reason: row.reason,
  };
}

/** A row of the queue: who (as submitted), what type, how many submissions before, who holds it now. */
function queueSummary(row: QueueRow) {
  return { ...summary(row), name: row.subject_name, type: row.subject_type, earlierSubmissions: row.earlier_submissions, claimedBy: row.claimed_by_name };
}

/** The same reviewer's same decision again (a double click, a retry after a lost answer). */
function isRepeat(review: ReviewRow, staffId: string, decision: { approve: true } | { approve: false; reason: string }): boolean {
  if (review.decided_by !== staffId) return false;
  if (decision.approve) return review.status === 'approved' || review.reason === REASON_MESSAGES.DOCUMENT_TAKEN.zh;
  return review.status === 'rejected' && review.reason === decision.reason;
}

/** The phone that hears about the decision: the person's, or for an organisation its primary agent's. */
async function notifiedPhone(platform: Platform, accountId: string, subject: VerificationSubject): Promise<string | undefined> {
  const role = subject === 'natural_person' ? 'natural_person' : 'primary_agent';
  return (await accountStore(platform.db, platform.cipher).loadIdentity(accountId, role))?.mobile || undefined;
}

export function reviewService(platform: Platform) {
  const materials = materialsStore(platform.db);
  const verifications = verificationStore(platform.db);
  const queue = reviewQueueStore(platform.db);
  const claims = reviewClaims(platform);

  async function openReviewOr404(id: string): Promise<ReviewRow> {
    const review = await materials.findReview(id);
    if (!review) throw new AppError('NOT_FOUND', 404);
    return review;
  }

  async function decide(ctx: StaffContext, id: string, decision: { approve: true } | { approve: false; reason: string }) {
    const outcome = await platform.db.transaction(async (tx) => {
      // The row lock orders concurrent decisions: the second waits, then finds the first's outcome.
      const review = await queue.lock(tx, id);
      if (!review) throw new AppError('REVIEW_NOT_OPEN', 409);
      const stored = await verifications.lock(tx, review.account_id, review.subject);
      if (review.status !== 'open' && stored && isRepeat(review, ctx.staff.id, decision)) return { review, state: stored.state, reason: review.reason, repeat: true };
      if (review.status !== 'open') throw new AppError('REVIEW_NOT_OPEN', 409);
      assertNotClaimedByOther(review, ctx.staff.id);
      // Under review, or registry-verified and applying for L4 (src/realname/levels.ts: the registry verification stands meanwhile).
      const upgrade = stored?.state.status === 'registry_verified';
      if (!stored || stored.generation !== review.generation || (stored.state.status !== 'under_review' && !upgrade)) throw new AppError('REVIEW_NOT_OPEN', 409);
      const data = await loadSubject(platform, review.account_id, review.subject, tx);
      let claim: string | null = null;
      let event: VerificationEvent = decision.approve
        ? { type: upgrade ? 'upgrade_approved' : 'review_approved' }
        : { type: upgrade ? 'upgrade_rejected' : 'review_rejected', reason: decision.reason };
      if (decision.approve && data.kind === 'person' && review.subject === 'natural_person') {
        claim = documentHash(platform, data.person);
        // One document backs one verified account: approving a second one is refused by the rules, not by the reviewer's eye.
        if (await verifications.documentVerifiedElsewhere(claim, review.account_id, tx)) {
          claim = null;
          event = { type: 'review_rejected', reason: REASON_MESSAGES.DOCUMENT_TAKEN.zh };
        }
      }
      const result = transition(stored.state, event);
      if (!result.ok) throw new AppError('REVIEW_NOT_OPEN', 409);
      // A refused application for L4 keeps the registry verification, and with it the claim on the document.
      if (upgrade && !claim && isVerified(result.state.status) && data.kind === 'person' && review.subject === 'natural_person') claim = documentHash(platform, data.person);
      await verifications.record(review.account_id, review.subject, review.generation, result.state, null, claim, tx);
      const approved = result.state.status === 'manually_approved';
      const reason = approved ? null : 'reason' in event ? event.reason : '';
      await materials.decide(tx, id, approved ? 'approved' : 'rejected', ctx.staff.id, reason);
      await recordAudit(tx, {
        staff: ctx.staff,
        action: approved ? 'review.approve' : 'review.reject',
        target: { type: 'review', id },
        detail: { accountId: review.account_id, subject: review.subject, ...(reason ? { reason } : {}) },
        ip: ctx.ip,
      });
      return { review, state: result.state, reason, repeat: false };
    });
    const phone = await notifiedPhone(platform, outcome.review.account_id, outcome.review.subject);
    if (phone && !outcome.repeat) {
      const what = `${SUBJECT_NAMES[outcome.review.subject]}实名认证材料`;
      const text = outcome.reason === null ? SMS_TEXTS.reviewApproved(what) : SMS_TEXTS.reviewRejected(what, outcome.reason);
      await platform.sms.send(phone, text).catch((error: unknown) => platform.log.error({ err: error }, 'review SMS failed'));
    }
    return { id, status: outcome.reason === null ? 'approved' : 'rejected', verification: statusView(outcome.state) };
  }

  return {
    async queue(ctx: StaffContext, filter: QueueFilter) {
      const { rows, total, capped } = await queue.queue(filter);
      return { total, capped, reviews: rows.map(queueSummary) };
    },

    /** One review: the submitted data in clear (the reviewer compares it with the scans), and the files. Audited. */
    async detail(ctx: StaffContext, id: string) {
      const review = await openReviewOr404(id);
      // What was submitted; reviews opened before snapshots existed fall back to the current data.
      const data: SubjectData = review.data_enc
        ? (JSON.parse(platform.cipher.decrypt(review.data_enc)) as SubjectData)
        : await loadSubject(platform, review.account_id, review.subject, platform.db);
      const phone = await notifiedPhone(platform, review.account_id, review.subject);
      await recordAudit(platform.db, { staff: ctx.staff, action: 'review.view', target: { type: 'review', id }, ip: ctx.ip });
      const account = await accountStore(platform.db, platform.cipher).findById(review.account_id);
      return {
        ...summary({ ...review, login_name: account?.login_name }),
        data: data.kind === 'person' ? { person: data.person } : { organization: data.org },
        mobile: phone ? maskPhone(phone) : null,
        files: review.files.map((f) => ({ ...f, label: materialSlot(review.subject, f.slot)?.label ?? { zh: f.slot, en: f.slot } })),
        history: await earlierReviews(platform.db, review),
        claim: await claims.onOpen(ctx, review),
      };
    },

    /** A submitted file, only while its review waits in the queue: reviewers see materials through the queue, nowhere else. */
    async file(ctx: StaffContext, id: string, uploadId: string) {
      const review = await materials.findReview(id);
      if (!review || review.status !== 'open' || !review.files.some((f) => f.uploadId === uploadId)) throw new AppError('UPLOAD_NOT_IN_QUEUE', 403);
      const upload = await materials.findUpload(uploadId);
      if (!upload) throw new AppError('NOT_FOUND', 404);
      await recordAudit(platform.db, { staff: ctx.staff, action: 'review.file_view', target: { type: 'upload', id: uploadId }, detail: { reviewId: id }, ip: ctx.ip });
      return readUpload(platform, upload);
    },

    /** An admin ends a reviewer's claim (审核中) so another can take the review. */
    release: (ctx: StaffContext, id: string) => claims.release(ctx, id),

    approve: (ctx: StaffContext, id: string) => decide(ctx, id, { approve: true }),
    reject: (ctx: StaffContext, id: string, reason: string) => decide(ctx, id, { approve: false, reason }),
  };
}
