/**
 * A review's history (issue 18.3): the earlier submissions of the same account and subject,
 * newest first, each with its outcome, reason, reviewer and times, so the reviewer sees what
 * was refused before and why.
 */
import type { Db } from '../platform/db.ts';
import type { ReviewRow, ReviewStatus } from './materials-store.ts';

export interface EarlierReview {
  id: string;
  status: ReviewStatus;
  submittedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
  /** The staff member who decided (their display name); null for a withdrawn submission. */
  reviewerName: string | null;
}

export async function earlierReviews(db: Db, review: Pick<ReviewRow, 'id' | 'account_id' | 'subject' | 'submitted_at'>): Promise<EarlierReview[]> {
  const rows = await db.query<{ id: string; status: ReviewStatus; submitted_at: Date; decided_at: Date | null; reason: string | null; reviewer_name: string | null }>(
    `select r.id, r.status, r.submitted_at, r.decided_at, r.reason, s.name as reviewer_name
     from reviews r left join staff s on s.id = r.decided_by
     where r.account_id = $1 and r.subject = $2 and (r.submitted_at, r.id) < ($3::timestamptz, $4::bigint)
     order by r.submitted_at desc, r.id desc`,
    [review.account_id, review.subject, review.submitted_at, review.id],
  );
  return rows.map((r) => ({ id: String(r.id), status: r.status, submittedAt: r.submitted_at, decidedAt: r.decided_at, reason: r.reason, reviewerName: r.reviewer_name }));
}
