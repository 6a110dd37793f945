/**
 * The shared short-lived state (kv.ts) in Redis, for several nodes: a Redis key per entry,
 * its time to live Redis's own (so nothing is left to purge). Behaves as the PostgreSQL store.
 */
import type { Redis } from 'ioredis';
import type { KeyValueStore } from './kv.ts';
import { redisScript } from './redis.ts';

/** Adds one; the first increment of a window (or of a key left without an expiry) starts the window. */
const INCREMENT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Milliseconds left from PTTL's answer (-2 absent, -1 no expiry: neither happens to a live entry here). */
const left = (pttl: number) => Math.max(0, pttl);

export function redisKeyValueStore(redis: Redis, prefix: string): KeyValueStore {
  const k = (key: string) => `${prefix}${key}`;
  const increment = redisScript(redis, 'mostKvIncrement', INCREMENT);
  /** Redis refuses a time to live that is not a positive whole number of milliseconds. */
  const ms = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));
  return {
    async get(key) {
      return (await redis.get(k(key))) ?? undefined;
    },
    async set(key, value, ttlMs) {
      // Already over (as the PostgreSQL store's row that is born expired): nothing to keep.
      if (ttlMs <= 0) await redis.del(k(key));
      else await redis.set(k(key), value, 'PX', ms(ttlMs));
    },
    async take(key) {
      return (await redis.getdel(k(key))) ?? undefined;
    },
    async delete(key) {
      await redis.del(k(key));
    },
    async increment(key, ttlMs) {
      return Number(await increment([k(key)], [ms(ttlMs)]));
    },
    async ttl(key) {
      return left(await redis.pttl(k(key)));
    },
    async ttlMany(keys) {
      if (!keys.length) return [];
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.pttl(k(key));
      const answers = (await pipeline.exec()) ?? [];
      return answers.map(([error, pttl]) => {
        if (error) throw error;
        return left(Number(pttl));
      });
    },
    async deleteMany(keys) {
      if (keys.length) await redis.del(...keys.map(k));
    },
    async purgeExpired() {
      // Redis removes expired keys itself.
      return 0;
    },
  };
}
