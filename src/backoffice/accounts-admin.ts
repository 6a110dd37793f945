/**
 * Operators' account tools (SPEC §9): find an account, see what holds it (status, sessions,
 * login lock, update records, verification history) and act on it (lift the lock, end its
 * sessions, disable / enable with a reason). Each action is audited by the caller's routes.
 */
import { loginGuard } from '../accounts/login-guard.ts';
import { DOCUMENT_TYPES, documentKey, loginNameKey, maskDocumentNumber, maskPhone } from '../accounts/rules.ts';
import { listUpdateRecords } from '../accounts/update-records.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { STATUS_LABELS, type VerificationStatus } from '../realname/rules.ts';
import { endEverySession } from '../sso/logout.ts';

export const ACCOUNT_SEARCH_LIMIT = 50;
const HISTORY_LIMIT = 50;

interface AccountRow {
  id: string;
  kind: 'natural' | 'legal';
  login_name: string;
  login_name_key: string;
  disabled: boolean;
  created_at: Date;
  person_name: string | null;
  organization_name: string | null;
  credit_code: string | null;
}

const SELECT = `select a.id, a.kind, a.login_name, a.login_name_key, a.disabled, a.created_at,
    (select i.name from identities i where i.account_id = a.id and i.role = 'natural_person') as person_name,
    o.name as organization_name, o.code as credit_code
  from accounts a left join organizations o on o.account_id = a.id`;

const summary = (row: AccountRow) => ({
  id: row.id,
  kind: row.kind,
  loginName: row.login_name,
  name: row.kind === 'legal' ? (row.organization_name ?? '') : (row.person_name ?? ''),
  creditCode: row.credit_code ?? '',
  disabled: row.disabled,
  createdAt: row.created_at,
});

export type AccountSummary = ReturnType<typeof summary>;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function accountsAdmin(platform: Platform) {
  const guard = loginGuard(platform.kv, platform.config.lockout);

  async function find(id: string): Promise<AccountRow> {
    const [row] = await platform.db.query<AccountRow>(`${SELECT} where a.id = $1`, [id]);
    if (!row) throw new AppError('ACCOUNT_NOT_FOUND', 404);
    return row;
  }

  return {
    /**
     * By exact login name, real name (any identity on the account), full phone or document
     * number, part of an organisation's name or its exact credit code. Phones and document
     * numbers are matched through their keyed hashes: no row is ever decrypted to search.
     */
    async search(q: string): Promise<AccountSummary[]> {
      const documentHashes = DOCUMENT_TYPES.map((type) => platform.cipher.lookupHash('document', documentKey(type.value, q)));
      const rows = await platform.db.query<AccountRow>(
        `${SELECT}
         where a.login_name_key = $1 or o.code_key = upper($2) or o.name ilike $3
            or exists (select 1 from identities i where i.account_id = a.id
                         and (i.name = $2 or i.mobile_hash = $4 or i.document_hash = any($5::text[])))
         order by a.created_at desc limit ${ACCOUNT_SEARCH_LIMIT}`,
        [loginNameKey(q), q, likePattern(q), platform.cipher.lookupHash('mobile', q), documentHashes],
      );
      return rows.map(summary);
    },

    /** Everything an operator needs to help the account's holder; personal data masked. */
    async detail(id: string) {
      const row = await find(id);
      const db = platform.db;
      const [identities, sessions, verifications, reviews, updateRecords, lock, statusChanges] = await Promise.all([
        db.query<{ role: string; name: string; mobile_enc: string | null; document_type: string | null; document_number_enc: string | null }>(
          `select role, name, mobile_enc, document_type, document_number_enc from identities where account_id = $1 order by role`,
          [id],
        ),
        db.query<{ created_at: Date; last_seen_at: Date; expires_at: Date }>(
          `select created_at, last_seen_at, expires_at from sessions where account_id = $1 and expires_at > now() order by last_seen_at desc`,
          [id],
        ),
        db.query<{ subject: string; status: VerificationStatus; reason: string | null; updated_at: Date }>(
          `select subject, status, reason, updated_at from verifications where account_id = $1 order by subject`,
          [id],
        ),
        db.query<{ subject: string; status: string; submitted_at: Date; decided_at: Date | null; reason: string | null }>(
          `select subject, status, submitted_at, decided_at, reason from reviews where account_id = $1 order by id desc limit ${HISTORY_LIMIT}`,
          [id],
        ),
        listUpdateRecords(db, id),
        guard.lockState(row.login_name_key),
        // The latest 停用 / 启用 and its reason (kept only in the audit log).
        db.query<{ action: string; reason: string | null; staff_login_name: string; created_at: Date }>(
          `select action, detail->>'reason' as reason, staff_login_name, created_at from audit_log
           where target_type = 'account' and target_id = $1 and action in ('account.disable', 'account.enable') order by id desc limit 1`,
          [id],
        ),
      ]);
      const lastChange = statusChanges[0];
      return {
        account: summary(row),
        identities: identities.map((i) => ({
          role: i.role,
          name: i.name,
          mobile: i.mobile_enc ? maskPhone(platform.cipher.decrypt(i.mobile_enc)) : '',
          documentType: i.document_type ?? '',
          documentNumber: i.document_number_enc ? maskDocumentNumber(platform.cipher.decrypt(i.document_number_enc)) : '',
        })),
        statusChange: lastChange
          ? { disabled: lastChange.action === 'account.disable', reason: lastChange.reason ?? '', staffLoginName: lastChange.staff_login_name, at: lastChange.created_at }
          : null,
        lock: { locked: lock.locked, remainingMinutes: Math.ceil(lock.remainingMs / 60_000), failures: lock.failures },
        sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at })),
        verifications: verifications.map((v) => ({ subject: v.subject, status: v.status, label: STATUS_LABELS[v.status]?.zh ?? v.status, reason: v.reason ?? '', updatedAt: v.updated_at })),
        reviews: reviews.map((r) => ({ subject: r.subject, status: r.status, submittedAt: r.submitted_at, decidedAt: r.decided_at, reason: r.reason ?? '' })),
        updateRecords: updateRecords.slice(0, HISTORY_LIMIT),
      };
    },

    /** Lifts the temporary login lock on the account's login name; answers whether there was one. */
    async unlock(id: string): Promise<{ wasLocked: boolean }> {
      const row = await find(id);
      const { locked } = await guard.lockState(row.login_name_key);
      await guard.unlock(row.login_name_key);
      return { wasLocked: locked };
    },

    /** Ends every platform session and every single sign-on session of the account (SPEC §12.6). */
    async endSessions(id: string): Promise<{ ended: number }> {
      await find(id);
      const [{ n } = { n: 0 }] = await platform.db.query<{ n: number }>(`select count(*)::int as n from sessions where account_id = $1 and expires_at > now()`, [id]);
      await endEverySession(platform, id);
      return { ended: n };
    },

    /** Disabling also ends the account's sessions: a disabled account is out at once. */
    async setDisabled(id: string, disabled: boolean): Promise<{ account: AccountSummary; wasDisabled: boolean }> {
      const before = await find(id);
      await platform.db.query(`update accounts set disabled = $2 where id = $1`, [id, disabled]);
      if (disabled) {
        await endEverySession(platform, id);
      }
      return { account: summary({ ...before, disabled }), wasDisabled: before.disabled };
    },
  };
}
