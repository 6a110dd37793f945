/**
 * What a node tidies while it runs: expired short-lived state (kv) and expired sessions every
 * minute, and on the embedded PGlite, which has no autovacuum, the vacuum and statistics
 * PostgreSQL's autovacuum daemon would otherwise keep: tables whose rows come and go would
 * grow without end, and the planner would never learn any table's size.
 */
import type { Db } from './db.ts';
import type { SessionStore } from './http/sessions.ts';
import type { KeyValueStore } from './kv.ts';

export const HOUSEKEEPING_INTERVAL_MS = 60_000;
const VACUUM_EVERY_ROUNDS = 10;
const ANALYZE_EVERY_ROUNDS = 60;

/** The tables whose rows are written and removed all day long. */
export const CHURNING_TABLES = ['kv', 'sessions', 'oidc_payloads', 'cas_session_tickets'] as const;

/** On PGlite: reclaims the churning tables' dead rows and refreshes their statistics (and, with `everything`, all tables' statistics). */
export async function maintainEmbeddedDatabase(db: Db, everything = false): Promise<void> {
  if (db.kind !== 'pglite') return;
  await db.exec(`vacuum (analyze) ${CHURNING_TABLES.join(', ')}`);
  if (everything) await db.exec('analyze');
}

/** One round of housekeeping, for a periodic job every HOUSEKEEPING_INTERVAL_MS. */
export function housekeeping(db: Db, kv: KeyValueStore, sessions: SessionStore): () => Promise<void> {
  let rounds = 0;
  return async () => {
    rounds++;
    await kv.purgeExpired();
    await sessions.purgeExpired();
    if (rounds % VACUUM_EVERY_ROUNDS === 0) await maintainEmbeddedDatabase(db, rounds % ANALYZE_EVERY_ROUNDS === 0);
  };
}
