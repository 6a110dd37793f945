/**
 * Where CAS keeps its state: live service tickets in the key-value store (single use, with
 * the ticket's lifetime, keyed by a hash so the store never holds a usable ticket), the
 * tickets of each platform session for single logout (migrations/009), and the pending
 * "log in first" questions of /cas/login.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { KeyValueStore } from '../../platform/kv.ts';
import { CAS_LIMITS, type LoginAsked } from './rules.ts';
import type { ServiceTicket } from './validation.ts';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The kv key of a service ticket (tests age tickets through it). */
export const serviceTicketKey = (ticket: string) => `cas:st:${sha256(ticket)}`;
const loginAskedKey = (nonce: string) => `cas:login-asked:${sha256(nonce)}`;

export function ticketStore(kv: KeyValueStore) {
  return {
    async save(ticket: string, record: ServiceTicket, ttlMs: number = CAS_LIMITS.serviceTicketTtlMs): Promise<void> {
      await kv.set(serviceTicketKey(ticket), JSON.stringify(record), ttlMs);
    },
    /** The live ticket, removed in the same step: a ticket validates at most once, whatever the outcome. */
    async take(ticket: string): Promise<ServiceTicket | undefined> {
      const value = await kv.take(serviceTicketKey(ticket));
      return value === undefined ? undefined : (JSON.parse(value) as ServiceTicket);
    },
    async askLogin(nonce: string, asked: LoginAsked): Promise<void> {
      await kv.set(loginAskedKey(nonce), JSON.stringify(asked), CAS_LIMITS.loginAskedTtlMs);
    },
    async takeLoginAsked(nonce: string): Promise<LoginAsked | undefined> {
      const value = await kv.take(loginAskedKey(nonce));
      return value === undefined ? undefined : (JSON.parse(value) as LoginAsked);
    },
  };
}

export interface SessionTicket {
  ticket: string;
  service: string;
  systemId: string;
}

export function sessionTicketStore(db: Db) {
  return {
    async record(sessionIdHash: string, entry: SessionTicket): Promise<void> {
      await db.query('insert into cas_session_tickets (ticket, session_id_hash, service, system_id) values ($1, $2, $3, $4)', [
        entry.ticket,
        sessionIdHash,
        entry.service,
        entry.systemId,
      ]);
    },
    /** The session's tickets, forgotten in the same step (each service is told once). */
    async takeAll(sessionIdHash: string): Promise<SessionTicket[]> {
      const rows = await db.query<{ ticket: string; service: string; system_id: string }>(
        'delete from cas_session_tickets where session_id_hash = $1 returning ticket, service, system_id, issued_at',
        [sessionIdHash],
      );
      return rows.map((row) => ({ ticket: row.ticket, service: row.service, systemId: row.system_id }));
    },
    /** Forgets the tickets of sessions that ended without a CAS logout (expired, replaced). */
    async purgeEnded(): Promise<number> {
      const rows = await db.query(
        `delete from cas_session_tickets t
         where not exists (select 1 from sessions s where s.id_hash = t.session_id_hash and s.expires_at > now())
         returning ticket`,
      );
      return rows.length;
    },
  };
}
