/**
 * The key-value store, the same contract for both implementations: PostgreSQL (table kv, on
 * PGlite and PostgreSQL) and Redis (when TEST_REDIS_URL is set): values, single use,
 * counters with fixed windows, time to live and expiry.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { describeWithRedis, startRedisTestPlatform } from '../../test/support/redis.ts';
import { postgresKeyValueStore, type KeyValueStore } from './kv.ts';
import { redisKeyValueStore } from './kv-redis.ts';

/** One implementation under test, filled in by its describe's `before`. */
interface Subject {
  t: TestPlatform;
  kv: KeyValueStore;
  /** Moves a key's expiry into the past, as if its time had run out. */
  expire(k: string): Promise<void>;
  /** Whether anything is still kept for the key (a dead row, a Redis key), whatever its expiry. */
  kept(k: string): Promise<boolean>;
  /** Whether purgeExpired() does the removing (PostgreSQL) or the store expires keys itself (Redis: it answers 0). */
  purges: boolean;
}

let n = 0;
const key = (label: string) => `test:${label}:${++n}`;
const MINUTE = 60_000;

describe('key-value store on PostgreSQL', () => {
  const subject = {} as Subject;
  before(async () => {
    const t = await startTestPlatform();
    const db = t.platform.db;
    Object.assign(subject, {
      t,
      kv: postgresKeyValueStore(db),
      purges: true,
      async expire(k: string) {
        await db.query(`update kv set expires_at = now() - interval '1 millisecond' where key = $1`, [k]);
      },
      kept: async (k: string) => (await db.query('select 1 from kv where key = $1', [k])).length > 0,
    } satisfies Subject);
  });
  after(async () => {
    await subject.t?.close();
  });
  contract(subject);

  it('the platform kv is this store', async () => {
    const k = key('platform');
    await subject.t.platform.kv.set(k, 'shared', MINUTE);
    assert.equal(await subject.kv.get(k), 'shared');
  });
});

describeWithRedis('key-value store on Redis', () => {
  const subject = {} as Subject;
  before(async () => {
    const t = await startRedisTestPlatform();
    const prefix = `${t.redis.prefix}kv:`;
    const client = t.redis.client;
    Object.assign(subject, {
      t,
      kv: redisKeyValueStore(client, prefix),
      purges: false,
      async expire(k: string) {
        await client.pexpireat(`${prefix}${k}`, Date.now() - 1);
      },
      kept: async (k: string) => (await client.exists(`${prefix}${k}`)) === 1,
    } satisfies Subject);
  });
  after(async () => {
    await subject.t?.close();
  });
  contract(subject);

  it('with REDIS_URL the platform kv is this store, not the kv table', async () => {
    const k = key('platform');
    await subject.t.platform.kv.set(k, 'shared', MINUTE);
    assert.equal(await subject.kv.get(k), 'shared');
    assert.deepEqual(await subject.t.platform.db.query('select key from kv where key = $1', [k]), []);
    assert.equal(await postgresKeyValueStore(subject.t.platform.db).get(k), undefined);
  });

  it('keys carry the prefix, and a store with another prefix does not see them', async () => {
    const k = key('prefix');
    await subject.kv.set(k, 'mine', MINUTE);
    assert.equal(await subject.t.platform.redis!.client.get(`${subject.t.platform.redis!.prefix}kv:${k}`), 'mine');
    assert.equal(await redisKeyValueStore(subject.t.platform.redis!.client, 'test:other:').get(k), undefined);
  });

  it('a time to live of zero or less keeps nothing; fractions of a millisecond are rounded up', async () => {
    const k = key('zero');
    await subject.kv.set(k, 'v', MINUTE);
    await subject.kv.set(k, 'v', 0);
    assert.equal(await subject.kv.get(k), undefined);
    assert.equal(await subject.kept(k), false);
    await subject.kv.set(k, 'v', 0.4);
    assert.ok((await subject.kv.ttl(k)) <= 1);
  });
});

function contract(s: Subject) {
  it('set then get returns the value; an unknown key is undefined', async () => {
    const k = key('set');
    await s.kv.set(k, 'hello 你好', MINUTE);
    assert.equal(await s.kv.get(k), 'hello 你好');
    assert.equal(await s.kv.get(key('unknown')), undefined);
  });

  it('set overwrites the value and the expiry', async () => {
    const k = key('overwrite');
    await s.kv.set(k, 'one', 5_000);
    await s.kv.set(k, 'two', 10 * MINUTE);
    assert.equal(await s.kv.get(k), 'two');
    assert.ok((await s.kv.ttl(k)) > 9 * MINUTE);
  });

  it('set revives an expired key', async () => {
    const k = key('revive');
    await s.kv.set(k, 'old', MINUTE);
    await s.expire(k);
    assert.equal(await s.kv.get(k), undefined);
    await s.kv.set(k, 'new', MINUTE);
    assert.equal(await s.kv.get(k), 'new');
  });

  it('an expired value is gone for get, take and ttl', async () => {
    const k = key('expired');
    await s.kv.set(k, 'v', MINUTE);
    await s.expire(k);
    assert.equal(await s.kv.get(k), undefined);
    assert.equal(await s.kv.ttl(k), 0);
    assert.equal(await s.kv.take(k), undefined);
    assert.equal(await s.kept(k), false, 'nothing is left of it');
  });

  it('the time to live is counted in milliseconds from the write', async () => {
    // With the expiry test above (expiry moved into the past) this proves a key lives exactly
    // its time to live, without waiting for the store's own clock.
    const short = key('short');
    await s.kv.set(short, 'v', 800);
    const ttl = await s.kv.ttl(short);
    assert.ok(ttl > 0 && ttl <= 800, `ttl ${ttl}`);
    const long = key('long');
    await s.kv.set(long, 'v', 90 * MINUTE);
    const longTtl = await s.kv.ttl(long);
    assert.ok(longTtl > 89 * MINUTE && longTtl <= 90 * MINUTE, `ttl ${longTtl}`);
  });

  it('take returns the value once only', async () => {
    const k = key('take');
    await s.kv.set(k, 'once', MINUTE);
    assert.equal(await s.kv.take(k), 'once');
    assert.equal(await s.kv.take(k), undefined);
    assert.equal(await s.kv.get(k), undefined);
  });

  it('take racing with itself hands the value to one caller', async () => {
    const k = key('race');
    await s.kv.set(k, 'prize', MINUTE);
    const results = await Promise.all(Array.from({ length: 8 }, () => s.kv.take(k)));
    assert.deepEqual(results.filter((r) => r !== undefined), ['prize']);
  });

  it('delete removes the key; deleting an unknown key is fine', async () => {
    const k = key('delete');
    await s.kv.set(k, 'v', MINUTE);
    await s.kv.delete(k);
    assert.equal(await s.kv.get(k), undefined);
    await s.kv.delete(key('never-set'));
  });

  it('increment counts from 1 within a window that does not slide', async () => {
    const k = key('count');
    assert.equal(await s.kv.increment(k, MINUTE), 1);
    const firstTtl = await s.kv.ttl(k);
    assert.equal(await s.kv.increment(k, 10 * MINUTE), 2);
    assert.equal(await s.kv.increment(k, MINUTE), 3);
    assert.equal(await s.kv.get(k), '3');
    const ttl = await s.kv.ttl(k);
    assert.ok(ttl <= firstTtl && ttl > MINUTE - 10_000, `the window keeps its first end (${firstTtl} → ${ttl})`);
  });

  it('increment after the window ends starts a new window at 1', async () => {
    const k = key('window');
    await s.kv.increment(k, MINUTE);
    await s.kv.increment(k, MINUTE);
    await s.expire(k);
    assert.equal(await s.kv.increment(k, 5 * MINUTE), 1);
    assert.ok((await s.kv.ttl(k)) > 4 * MINUTE, 'the new window has the new length');
  });

  it('concurrent increments lose no count', async () => {
    const k = key('concurrent');
    const results = await Promise.all(Array.from({ length: 25 }, () => s.kv.increment(k, MINUTE)));
    assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.equal(await s.kv.get(k), '25');
  });

  it('ttl tells the milliseconds left, 0 when absent', async () => {
    const k = key('ttl');
    await s.kv.set(k, 'v', 30_000);
    const ttl = await s.kv.ttl(k);
    assert.ok(ttl > 25_000 && ttl <= 30_000, `ttl ${ttl}`);
    assert.equal(await s.kv.ttl(key('absent')), 0);
  });

  it('after purgeExpired only live keys are kept (on Redis it has nothing to do)', async () => {
    const live = key('live');
    const dead = [key('dead'), key('dead')];
    await s.kv.set(live, 'v', MINUTE);
    for (const k of dead) {
      await s.kv.set(k, 'v', MINUTE);
      await s.expire(k);
    }
    const purged = await s.kv.purgeExpired();
    if (s.purges) assert.ok(purged >= dead.length, `purged ${purged}`);
    else assert.equal(purged, 0);
    assert.deepEqual(await Promise.all([live, ...dead].map((k) => s.kept(k))), [true, false, false]);
    assert.equal(await s.kv.get(live), 'v');
  });

  it('ttlMany answers every key in order, 0 for absent or expired ones; deleteMany removes only the keys named', async () => {
    const [a, b, gone, absent, other] = ['a', 'b', 'gone', 'absent', 'other'].map(key) as [string, string, string, string, string];
    await s.kv.set(a, '1', MINUTE);
    await s.kv.set(b, '1', 10 * MINUTE);
    await s.kv.set(gone, '1', MINUTE);
    await s.kv.set(other, '1', MINUTE);
    await s.expire(gone);
    const [ta, tb, tg, tn] = await s.kv.ttlMany([a, b, gone, absent]);
    assert.ok(ta! > 0 && ta! <= MINUTE, `a ${ta}`);
    assert.ok(tb! > 9 * MINUTE, `b ${tb}`);
    assert.equal(tg, 0);
    assert.equal(tn, 0);
    await s.kv.deleteMany([a, b, absent]);
    assert.deepEqual(await s.kv.ttlMany([a, b]), [0, 0]);
    assert.equal(await s.kv.get(other), '1');
  });
}
