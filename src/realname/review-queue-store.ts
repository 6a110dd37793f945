/**
 * SQL of the review queue and of claims (migrations/019). The queue is one query on indexed
 * columns of `reviews` (name, subject, type, earlier submissions are copied there when a review
 * opens): filters, name prefix, sort by waiting time, a page and a capped count together.
 */
import { maybeOne, type Db } from '../platform/db.ts';
import type { ReviewRow, ReviewStatus } from './materials-store.ts';
import type { VerificationSubject } from './rules.ts';

/** How long opening a review keeps it for the reviewer (审核中：<reviewer>). */
export const CLAIM_DURATION_MS = 15 * 60_000;
/** The queue counts at most this many matches (a page shows "10000+" beyond): counting 100k rows on every page is waste. */
export const QUEUE_COUNT_CAP = 10_000;

export type QueueOrder = 'oldest' | 'newest';

export interface QueueFilter {
  subject?: VerificationSubject;
  status?: ReviewStatus;
  /** The document type of a person, the legal person type of an organisation. */
  type?: string;
  /** 首次提交 (no earlier submission) or 再次提交. */
  submissions?: 'first' | 'repeat';
  /** Only reviews submitted at least this many hours ago. */
  minAgeHours?: number;
  /** The start of the real name or organisation name, as submitted (never a decryption). */
  name?: string;
  /** oldest: the longest waiting first (the default). */
  order?: QueueOrder;
  limit: number;
  offset: number;
}

export type QueueRow = ReviewRow & { login_name: string; claimed_by_name: string | null };

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filter as SQL conditions on alias `r`, its parameters appended to `params`. */
function conditions(filter: QueueFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.status) where.push(`r.status = $${params.push(filter.status)}`);
  if (filter.subject) where.push(`r.subject = $${params.push(filter.subject)}`);
  if (filter.type) where.push(`r.subject_type = $${params.push(filter.type)}`);
  if (filter.submissions === 'first') where.push('r.earlier_submissions = 0');
  if (filter.submissions === 'repeat') where.push('r.earlier_submissions > 0');
  if (filter.minAgeHours) where.push(`r.submitted_at <= now() - $${params.push(filter.minAgeHours)} * interval '1 hour'`);
  if (filter.name) where.push(`r.subject_name like $${params.push(likePrefix(filter.name))}`);
  return where.length ? `where ${where.join(' and ')}` : '';
}

/** The queue's page query and its parameters (exported for the plan test, which EXPLAINs it). */
export function queueQuery(filter: QueueFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = conditions(filter, params);
  const order = filter.order === 'newest' ? 'r.submitted_at desc, r.id desc' : 'r.submitted_at, r.id';
  // The count reads the same index in the same order, at most QUEUE_COUNT_CAP + 1 entries.
  const sql = `select r.*, a.login_name, s.name as claimed_by_name,
      (select count(*)::int from (select 1 from reviews r ${where} order by ${order} limit ${QUEUE_COUNT_CAP + 1}) c) as total
    from reviews r
    join accounts a on a.id = r.account_id
    left join staff s on s.id = r.claimed_by and r.claimed_until > now()
    ${where}
    order by ${order} limit $${params.push(filter.limit)} offset $${params.push(filter.offset)}`;
  return { sql, params };
}

export function reviewQueueStore(db: Db) {
  return {
    /** A page and the number of matches, counted up to QUEUE_COUNT_CAP (`capped`: there are more). */
    async queue(filter: QueueFilter): Promise<{ rows: QueueRow[]; total: number; capped: boolean }> {
      const { sql, params } = queueQuery(filter);
      const rows = await db.query<QueueRow & { total: number }>(sql, params);
      let total = rows[0]?.total;
      if (total === undefined) {
        // A page past the end: the count alone.
        const countParams: unknown[] = [];
        const counted = await db.query<{ n: number }>(
          `select count(*)::int as n from (select 1 from reviews r ${conditions(filter, countParams)} limit ${QUEUE_COUNT_CAP + 1}) c`,
          countParams,
        );
        total = (counted[0] as { n: number }).n;
      }
      return { rows: rows.map(({ total: _total, ...r }) => ({ ...r, id: String(r.id) })), total: Math.min(total, QUEUE_COUNT_CAP), capped: total > QUEUE_COUNT_CAP };
    },

    /**
     * Claims an open review for `staffId` until now + CLAIM_DURATION_MS, unless another staff
     * member's claim is still valid. The review as it is after the attempt, with whether the
     * claim was taken anew (not an extension of one's own), or undefined when it is not open.
     */
    async claim(id: string, staffId: string): Promise<{ review: ReviewRow & { claimed_by_name: string | null }; claimed: boolean; fresh: boolean } | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const taken = await db.query<{ fresh: boolean }>(
        `update reviews r set claimed_by = $2, claimed_until = now() + $3 * interval '1 millisecond'
         from (select id, claimed_by is distinct from $2 or claimed_until <= now() as fresh from reviews where id = $1 for update) old
         where r.id = old.id and r.status = 'open' and (r.claimed_by is null or r.claimed_by = $2 or r.claimed_until <= now())
         returning old.fresh`,
        [id, staffId, CLAIM_DURATION_MS],
      );
      const review = await maybeOne<ReviewRow & { claimed_by_name: string | null }>(
        db,
        `select r.*, s.name as claimed_by_name from reviews r left join staff s on s.id = r.claimed_by and r.claimed_until > now() where r.id = $1`,
        [id],
      );
      if (!review || review.status !== 'open') return undefined;
      return { review: { ...review, id: String(review.id) }, claimed: taken.length > 0, fresh: taken[0]?.fresh ?? false };
    },

    /** Ends a valid claim (an admin's release); the staff id of the one who held it, or undefined when none held it. */
    async release(id: string): Promise<string | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const rows = await db.query<{ held_by: string }>(
        `update reviews r set claimed_by = null, claimed_until = null
         from (select id, claimed_by as held_by from reviews where id = $1 for update) old
         where r.id = old.id and r.status = 'open' and r.claimed_until > now()
         returning old.held_by`,
        [id],
      );
      return rows[0]?.held_by;
    },

    /** Locks a review, whatever its status, for a decision (a second decision waits, then sees the first). */
    async lock(tx: Db, id: string): Promise<(ReviewRow & { claimed_by_name: string | null; claim_valid: boolean }) | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const row = await maybeOne<ReviewRow>(tx, 'select * from reviews where id = $1 for update', [id]);
      if (!row) return undefined;
      const claim = await maybeOne<{ name: string; valid: boolean }>(
        tx,
        'select s.name, r.claimed_until > now() as valid from reviews r join staff s on s.id = r.claimed_by where r.id = $1',
        [id],
      );
      return { ...row, id: String(row.id), claimed_by_name: claim?.valid ? claim.name : null, claim_valid: claim?.valid ?? false };
    },
  };
}

export type ReviewQueueStore = ReturnType<typeof reviewQueueStore>;
