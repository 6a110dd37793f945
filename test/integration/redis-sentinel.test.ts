/**
 * Redis through Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_MASTER): the platform finds the
 * primary through the sentinel, and after the primary dies and the sentinel promotes the
 * replica, requests that need Redis answer again by themselves (503 in between, never 500).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { skipWithoutRedisServer, startThrowawayRedis, startThrowawaySentinel, type ThrowawayRedis } from '../support/throwaway-redis.ts';

/** Its own servers (or PGlite in a temp dir), not the stage's database: run once, in the PGlite stage. */
const onceOnly = process.env.TEST_DATABASE === 'postgres' ? 'runs once, in the PGlite stage (it starts its own servers)' : false;

async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string, explain: () => string = () => '') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what}: not within ${timeoutMs} ms${explain()}`);
}

describe('Redis through Sentinel, with a failover', { skip: skipWithoutRedisServer || onceOnly }, () => {
  let primary: ThrowawayRedis;
  let replica: ThrowawayRedis;
  let sentinel: { port: number; log(): string; remove(): void };
  let t: TestPlatform;
  let admin: Redis;

  before(async () => {
    primary = startThrowawayRedis();
    replica = startThrowawayRedis();
    const link = new Redis(replica.url);
    await link.replicaof('127.0.0.1', primary.port);
    await eventually(async () => /master_link_status:up/.test(await link.info('replication')), 10_000, 'replica linked');
    link.disconnect();
    sentinel = startThrowawaySentinel('most', primary.port);
    admin = new Redis({ host: '127.0.0.1', port: sentinel.port, lazyConnect: true });
    await admin.connect();
    await eventually(async () => ((await admin.call('sentinel', 'replicas', 'most')) as unknown[]).length === 1, 10_000, 'sentinel knows the replica');
    t = await startTestPlatform({ redisSentinel: { sentinels: [{ host: '127.0.0.1', port: sentinel.port }], master: 'most' }, redisKeyPrefix: 'sentinel-test:' });
  });
  after(async () => {
    await t?.close();
    admin?.disconnect();
    sentinel?.remove();
    primary?.remove();
    replica?.remove();
  });

  it('serves through the primary the sentinel names, and again after the replica is promoted', async () => {
    assert.equal((await fetch(`${t.baseUrl}/api/captcha`)).status, 200);
    const ready = (await (await fetch(`${t.baseUrl}/readyz`)).json()) as { checks: { redis: string } };
    assert.equal(ready.checks.redis, 'ok');

    primary.stop();
    const statuses = new Set<number>();
    await eventually(
      async () => {
        const status = (await fetch(`${t.baseUrl}/api/captcha`)).status;
        statuses.add(status);
        return status === 200;
      },
      // Generous: on a busy 2-core CI machine the sentinel's vote and promotion have taken over 30 s.
      60_000,
      'a captcha through the promoted replica',
      () => `; answers seen ${[...statuses].join(', ')}; the sentinel's log:\n${sentinel.log().slice(-3000)}`,
    );
    for (const status of statuses) assert.ok(status === 200 || status === 503, `only 200 or 503 during the failover, got ${status}`);
    const [, port] = (await admin.call('sentinel', 'get-master-addr-by-name', 'most')) as [string, string];
    assert.equal(Number(port), replica.port, 'the sentinel promoted the replica');
    assert.equal((await fetch(`${t.baseUrl}/readyz`)).status, 200);
  });
});
