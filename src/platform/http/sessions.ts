import { createHash, randomBytes } from 'node:crypto';
import type { CryptoSuite } from '../config.ts';
import type { Db } from '../db.ts';

export const SESSION_COOKIE = 'sid';
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** How often a session's idle expiry is written as it is used. */
export const SESSION_TOUCH_MS = 60_000;

export interface Session {
  idHash: string;
  accountId: string;
  kind: 'natural' | 'legal';
  loginName: string;
  passwordChangeRequired: boolean;
  /** When the user logged in (single sign-on honours prompt=login and max_age with it). */
  loggedInAt: Date;
}

/** The national suite hashes session ids with SM3 (GB/T 39786: no SHA-256 in that mode); switching suites ends every session. */
const idHasher = (suite: CryptoSuite) => (id: string) => createHash(suite === 'national' ? 'sm3' : 'sha256').update(id).digest('hex');

/** Sessions live in the database, so any node can serve any request; the cookie holds only a random id. */
export function sessionStore(db: Db, suite: CryptoSuite = 'international') {
  const hashId = idHasher(suite);
  return {
    async create(accountId: string, passwordChangeRequired: boolean): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      await db.query(
        `insert into sessions (id_hash, account_id, password_change_required, expires_at)
         values ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
        [hashId(id), accountId, passwordChangeRequired, SESSION_IDLE_MS],
      );
      return id;
    },
    /**
     * The live session, its idle expiry moved on. The move is written at most once a minute
     * (SESSION_TOUCH_MS): most requests only read, and a session may end up to a minute before
     * two idle hours have passed since its last request.
     */
    async find(id: string): Promise<Session | undefined> {
      const rows = await db.query<{ id_hash: string; account_id: string; kind: 'natural' | 'legal'; login_name: string; password_change_required: boolean; created_at: Date }>(
        `with found as (
           select s.id_hash, s.account_id, a.kind, a.login_name, s.password_change_required, s.created_at
           from sessions s join accounts a on a.id = s.account_id
           where s.id_hash = $1 and s.expires_at > now() and not a.disabled
         ), touched as (
           update sessions set last_seen_at = now(), expires_at = now() + $2 * interval '1 millisecond'
           where id_hash = $1 and last_seen_at <= now() - $3 * interval '1 millisecond' and exists (select 1 from found)
         )
         select * from found`,
        [hashId(id), SESSION_IDLE_MS, SESSION_TOUCH_MS],
      );
      const row = rows[0];
      return row && { idHash: row.id_hash, accountId: row.account_id, kind: row.kind, loginName: row.login_name, passwordChangeRequired: row.password_change_required, loggedInAt: new Date(row.created_at) };
    },
    async passwordChanged(idHash: string): Promise<void> {
      await db.query('update sessions set password_change_required = false where id_hash = $1', [idHash]);
    },
    async destroy(idHash: string): Promise<void> {
      await db.query('delete from sessions where id_hash = $1', [idHash]);
    },
    /** Ends every other session of the account (after a password change). */
    async destroyOthers(accountId: string, keepIdHash: string): Promise<void> {
      await db.query('delete from sessions where account_id = $1 and id_hash <> $2', [accountId, keepIdHash]);
    },
    /** Ends every session of the account; the id hashes of those that were there. */
    async destroyAll(accountId: string): Promise<string[]> {
      const rows = await db.query<{ id_hash: string }>('delete from sessions where account_id = $1 returning id_hash', [accountId]);
      return rows.map((row) => row.id_hash);
    },
    async purgeExpired(): Promise<void> {
      await db.query('delete from sessions where expires_at <= now()');
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
