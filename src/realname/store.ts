/** SQL of real-name verification: the `verifications` table (migrations/002_verifications.sql). */
import { maybeOne, type Db } from '../platform/db.ts';
import { isUniqueViolation } from '../platform/errors.ts';
import type { ReasonCode, VerificationMethod, VerificationState, VerificationStatus, VerificationSubject } from './rules.ts';

interface VerificationRow {
  account_id: string;
  subject: VerificationSubject;
  status: VerificationStatus;
  method: VerificationMethod | null;
  reason: ReasonCode | null;
  reason_detail: string | null;
  attempts: number;
  generation: number;
}

export interface StoredVerification {
  subject: VerificationSubject;
  state: VerificationState;
  generation: number;
}

function fromRow(row: VerificationRow): StoredVerification {
  const reason = row.reason ? { code: row.reason, ...(row.reason_detail ? { detail: row.reason_detail } : {}) } : null;
  return { subject: row.subject, generation: row.generation, state: { status: row.status, method: row.method, reason, attempts: row.attempts } };
}

/** The document a verification would claim is already claimed by another account's verified status. */
export const isDocumentClaimRace = (error: unknown): boolean => isUniqueViolation(error, 'verifications_verified_document');

export function verificationStore(db: Db) {
  return {
    async load(accountId: string, subject: VerificationSubject, tx: Db = db): Promise<StoredVerification | undefined> {
      const row = await maybeOne<VerificationRow>(tx, 'select * from verifications where account_id = $1 and subject = $2', [accountId, subject]);
      return row && fromRow(row);
    },
    /** The row locked for a change that must not race a key-field save (submission, review decision). */
    async lock(tx: Db, accountId: string, subject: VerificationSubject): Promise<StoredVerification | undefined> {
      const row = await maybeOne<VerificationRow>(tx, 'select * from verifications where account_id = $1 and subject = $2 for update', [accountId, subject]);
      return row && fromRow(row);
    },
    async listForAccount(accountId: string): Promise<StoredVerification[]> {
      const rows = await db.query<VerificationRow>('select * from verifications where account_id = $1', [accountId]);
      return rows.map(fromRow);
    },
    /** Whether any account's natural person is verified with this document. */
    async documentVerified(documentHash: string): Promise<boolean> {
      return (await db.query('select 1 from verifications where verified_document_hash = $1', [documentHash])).length > 0;
    },
    /** Whether another account's natural person is verified with this document. */
    async documentVerifiedElsewhere(documentHash: string, accountId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query('select 1 from verifications where verified_document_hash = $1 and account_id <> $2', [documentHash, accountId]);
      return rows.length > 0;
    },

    /** Key fields were saved: a new generation starts with this state; answers about older data will be ignored. */
    async startGeneration(tx: Db, accountId: string, subject: VerificationSubject, state: VerificationState, nextAttemptAt: Date | null): Promise<number> {
      const rows = await tx.query<{ generation: number }>(
        `insert into verifications (account_id, subject, status, method, reason, reason_detail, attempts, next_attempt_at, verified_document_hash, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, null, now())
         on conflict (account_id, subject) do update set status = excluded.status, method = excluded.method, reason = excluded.reason,
           reason_detail = excluded.reason_detail, attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
           verified_document_hash = null, generation = verifications.generation + 1, updated_at = now()
         returning generation`,
        [accountId, subject, state.status, state.method, state.reason?.code ?? null, state.reason?.detail ?? null, state.attempts, nextAttemptAt],
      );
      return (rows[0] as { generation: number }).generation;
    },

    /**
     * Records an outcome for the data of `generation`; false when the key fields have been saved
     * again since (the outcome is stale). Throws a unique violation when `verifiedDocumentHash`
     * is already claimed (see isDocumentClaimRace).
     */
    async record(
      accountId: string,
      subject: VerificationSubject,
      generation: number,
      state: VerificationState,
      nextAttemptAt: Date | null,
      verifiedDocumentHash: string | null,
      tx: Db = db,
    ): Promise<boolean> {
      const rows = await tx.query(
        `update verifications set status = $4, method = $5, reason = $6, reason_detail = $7, attempts = $8, next_attempt_at = $9,
           verified_document_hash = $10, updated_at = now()
         where account_id = $1 and subject = $2 and generation = $3 returning 1`,
        [accountId, subject, generation, state.status, state.method, state.reason?.code ?? null, state.reason?.detail ?? null, state.attempts, nextAttemptAt, verifiedDocumentHash],
      );
      return rows.length > 0;
    },

    /**
     * Claims pending rows whose next attempt is due, pushing their next attempt `leaseUntil`
     * so that no other node takes them meanwhile (SKIP LOCKED: nodes never wait for each other).
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<{ accountId: string; subject: VerificationSubject; generation: number }[]> {
      return db.transaction(async (tx) => {
        const rows = await tx.query<{ account_id: string; subject: VerificationSubject; generation: number }>(
          `select account_id, subject, generation from verifications
           where status = 'pending' and next_attempt_at <= $1
           order by next_attempt_at limit $2 for update skip locked`,
          [now, limit],
        );
        for (const row of rows) {
          await tx.query('update verifications set next_attempt_at = $3 where account_id = $1 and subject = $2', [row.account_id, row.subject, leaseUntil]);
        }
        return rows.map((r) => ({ accountId: r.account_id, subject: r.subject, generation: r.generation }));
      });
    },
  };
}
