import type { Db } from './db.ts';

/**
 * Shared short-lived state. PostgreSQL-backed on a single node; a Redis implementation of
 * the same interface serves several nodes. Every entry expires.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Reads and deletes in one step, so a value can be used once only. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Adds one and returns the new count; the window starts with the first increment. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Milliseconds until the key expires, or 0 when absent. */
  ttl(key: string): Promise<number>;
  /** ttl() of several keys in one round trip, in the order given. */
  ttlMany(keys: string[]): Promise<number[]>;
  deleteMany(keys: string[]): Promise<void>;
  purgeExpired(): Promise<number>;
}

export function postgresKeyValueStore(db: Db): KeyValueStore {
  const live = 'expires_at > now()';
  return {
    async get(key) {
      const rows = await db.query<{ value: string }>(`select value from kv where key = $1 and ${live}`, [key]);
      return rows[0]?.value;
    },
    async set(key, value, ttlMs) {
      await db.query(
        `insert into kv (key, value, expires_at) values ($1, $2, now() + $3 * interval '1 millisecond')
         on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`,
        [key, value, ttlMs],
      );
    },
    async take(key) {
      const rows = await db.query<{ value: string; live: boolean }>(
        `delete from kv where key = $1 returning value, ${live} as live`,
        [key],
      );
      const row = rows[0];
      return row?.live ? row.value : undefined;
    },
    async delete(key) {
      await db.query('delete from kv where key = $1', [key]);
    },
    async increment(key, ttlMs) {
      const rows = await db.query<{ value: string }>(
        `insert into kv (key, value, expires_at) values ($1, '1', now() + $2 * interval '1 millisecond')
         on conflict (key) do update set
           value = case when kv.expires_at > now() then (kv.value::int + 1)::text else '1' end,
           expires_at = case when kv.expires_at > now() then kv.expires_at else excluded.expires_at end
         returning value`,
        [key, ttlMs],
      );
      return Number(rows[0]?.value);
    },
    async ttl(key) {
      const rows = await db.query<{ ms: number }>(
        `select greatest(0, extract(epoch from (expires_at - now())) * 1000)::float8 as ms from kv where key = $1`,
        [key],
      );
      return Math.ceil(rows[0]?.ms ?? 0);
    },
    async ttlMany(keys) {
      const rows = await db.query<{ key: string; ms: number }>(
        `select key, greatest(0, extract(epoch from (expires_at - now())) * 1000)::float8 as ms from kv where key = any($1::text[])`,
        [keys],
      );
      const byKey = new Map(rows.map((r) => [r.key, Math.ceil(r.ms)]));
      return keys.map((key) => byKey.get(key) ?? 0);
    },
    async deleteMany(keys) {
      await db.query('delete from kv where key = any($1::text[])', [keys]);
    },
    async purgeExpired() {
      const rows = await db.query('delete from kv where expires_at <= now() returning key');
      return rows.length;
    },
  };
}
