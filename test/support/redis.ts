/**
 * Redis for the integration tests: TEST_REDIS_URL (npm test starts a throwaway redis-server
 * for the PostgreSQL stage, scripts/redis-test-server.sh). Each connection or platform gets a
 * random key prefix, so test files running at once never see each other's keys, and its keys
 * are removed when it closes.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import type { Config } from '../../src/platform/config.ts';
import { openRedis, type RedisConnection } from '../../src/platform/redis.ts';
import { startTestPlatform, type TestPlatform } from './platform.ts';

export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;

/** False when Redis is there, else why its tests do not run. */
export const skipWithoutRedis: string | false = testRedisUrl
  ? false
  : 'TEST_REDIS_URL is not set: no Redis to test against (npm test starts redis-server for the PostgreSQL stage when it is installed)';

/**
 * describe() for tests that need Redis. Without it, one skipped test says why, so that the
 * run's summary counts it as skipped (a skipped suite would count nothing).
 */
export function describeWithRedis(name: string, suite: () => void): void {
  if (skipWithoutRedis) describe(name, () => it('needs Redis', { skip: skipWithoutRedis }, () => {}));
  else describe(name, suite);
}

export const testRedisPrefix = () => `test:${randomBytes(6).toString('hex')}:`;

/** A connection of its own with a fresh prefix; close() removes the keys under it. */
export async function openTestRedis(): Promise<RedisConnection> {
  if (!testRedisUrl) throw new Error('TEST_REDIS_URL is not set');
  const connection = await openRedis(testRedisUrl, testRedisPrefix());
  return {
    ...connection,
    async close() {
      await removeKeys(connection.client, connection.prefix);
      await connection.close();
    },
  };
}

/** A test platform whose kv and OIDC artefacts are in Redis under a fresh prefix (removed on close). */
export async function startRedisTestPlatform(overrides: Partial<Config> = {}): Promise<TestPlatform & { redis: RedisConnection }> {
  if (!testRedisUrl) throw new Error('TEST_REDIS_URL is not set');
  const started = await startTestPlatform({ redisUrl: testRedisUrl, redisKeyPrefix: testRedisPrefix(), ...overrides });
  const redis = started.platform.redis!;
  return {
    ...started,
    redis,
    async close() {
      await removeKeys(redis.client, redis.prefix);
      await started.close();
    },
  };
}

/** Keys under `prefix` as they are now (SCAN, never KEYS). */
export async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

async function removeKeys(client: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(client, prefix);
  for (let i = 0; i < keys.length; i += 500) await client.del(...keys.slice(i, i + 500));
}
