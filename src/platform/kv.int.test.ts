/**
 * The PostgreSQL-backed key-value store (table kv) on PGlite and PostgreSQL: values,
 * single use, counters with fixed windows, time to live and expiry.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import type { Db } from './db.ts';
import { postgresKeyValueStore, type KeyValueStore } from './kv.ts';

let t: TestPlatform;
let db: Db;
let kv: KeyValueStore;
let n = 0;

before(async () => {
  t = await startTestPlatform();
  db = t.platform.db;
  kv = postgresKeyValueStore(db);
});
after(async () => {
  await t?.close();
});

const key = (label: string) => `test:${label}:${++n}`;
const MINUTE = 60_000;

/** Moves a key's expiry into the past, as if its time had run out. */
async function expire(k: string) {
  await db.query(`update kv set expires_at = now() - interval '1 millisecond' where key = $1`, [k]);
}

describe('key-value store', () => {
  it('set then get returns the value; an unknown key is undefined', async () => {
    const k = key('set');
    await kv.set(k, 'hello 你好', MINUTE);
    assert.equal(await kv.get(k), 'hello 你好');
    assert.equal(await kv.get(key('unknown')), undefined);
  });

  it('set overwrites the value and the expiry', async () => {
    const k = key('overwrite');
    await kv.set(k, 'one', 5_000);
    await kv.set(k, 'two', 10 * MINUTE);
    assert.equal(await kv.get(k), 'two');
    assert.ok((await kv.ttl(k)) > 9 * MINUTE);
  });

  it('set revives an expired key', async () => {
    const k = key('revive');
    await kv.set(k, 'old', MINUTE);
    await expire(k);
    assert.equal(await kv.get(k), undefined);
    await kv.set(k, 'new', MINUTE);
    assert.equal(await kv.get(k), 'new');
  });

  it('an expired value is gone for get, take and ttl', async () => {
    const k = key('expired');
    await kv.set(k, 'v', MINUTE);
    await expire(k);
    assert.equal(await kv.get(k), undefined);
    assert.equal(await kv.ttl(k), 0);
    assert.equal(await kv.take(k), undefined);
    assert.equal((await db.query('select 1 from kv where key = $1', [k])).length, 0, 'take removed the dead row');
  });

  it('expires by itself after its time to live', async () => {
    const k = key('short');
    const started = Date.now();
    await kv.set(k, 'v', 800);
    const early = await kv.get(k);
    if (Date.now() - started < 700) assert.equal(early, 'v');
    await new Promise((resolve) => setTimeout(resolve, 900 - (Date.now() - started)));
    assert.equal(await kv.get(k), undefined);
  });

  it('take returns the value once only', async () => {
    const k = key('take');
    await kv.set(k, 'once', MINUTE);
    assert.equal(await kv.take(k), 'once');
    assert.equal(await kv.take(k), undefined);
    assert.equal(await kv.get(k), undefined);
  });

  it('take racing with itself hands the value to one caller', async () => {
    const k = key('race');
    await kv.set(k, 'prize', MINUTE);
    const results = await Promise.all(Array.from({ length: 8 }, () => kv.take(k)));
    assert.deepEqual(results.filter((r) => r !== undefined), ['prize']);
  });

  it('delete removes the key; deleting an unknown key is fine', async () => {
    const k = key('delete');
    await kv.set(k, 'v', MINUTE);
    await kv.delete(k);
    assert.equal(await kv.get(k), undefined);
    await kv.delete(key('never-set'));
  });

  it('increment counts from 1 within a window that does not slide', async () => {
    const k = key('count');
    assert.equal(await kv.increment(k, MINUTE), 1);
    const firstTtl = await kv.ttl(k);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await kv.increment(k, 10 * MINUTE), 2);
    assert.equal(await kv.increment(k, MINUTE), 3);
    assert.equal(await kv.get(k), '3');
    const ttl = await kv.ttl(k);
    assert.ok(ttl <= firstTtl && ttl > MINUTE - 10_000, `the window keeps its first end (${firstTtl} → ${ttl})`);
  });

  it('increment after the window ends starts a new window at 1', async () => {
    const k = key('window');
    await kv.increment(k, MINUTE);
    await kv.increment(k, MINUTE);
    await expire(k);
    assert.equal(await kv.increment(k, 5 * MINUTE), 1);
    assert.ok((await kv.ttl(k)) > 4 * MINUTE, 'the new window has the new length');
  });

  it('concurrent increments lose no count', async () => {
    const k = key('concurrent');
    const results = await Promise.all(Array.from({ length: 25 }, () => kv.increment(k, MINUTE)));
    assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.equal(await kv.get(k), '25');
  });

  it('ttl tells the milliseconds left, 0 when absent', async () => {
    const k = key('ttl');
    await kv.set(k, 'v', 30_000);
    const ttl = await kv.ttl(k);
    assert.ok(ttl > 25_000 && ttl <= 30_000, `ttl ${ttl}`);
    assert.equal(await kv.ttl(key('absent')), 0);
  });

  it('purgeExpired removes only expired rows', async () => {
    const live = key('live');
    const dead = [key('dead'), key('dead')];
    await kv.set(live, 'v', MINUTE);
    for (const k of dead) {
      await kv.set(k, 'v', MINUTE);
      await expire(k);
    }
    assert.ok((await kv.purgeExpired()) >= dead.length);
    const left = await db.query<{ key: string }>('select key from kv where key = any($1::text[])', [[live, ...dead]]);
    assert.deepEqual(left.map((r) => r.key), [live]);
  });

  it('the platform kv is the same store', async () => {
    const k = key('platform');
    await t.platform.kv.set(k, 'shared', MINUTE);
    assert.equal(await kv.get(k), 'shared');
  });

  it('ttlMany answers every key in order, 0 for absent or expired ones; deleteMany removes only the keys named', async () => {
    const [a, b, gone, absent, other] = ['a', 'b', 'gone', 'absent', 'other'].map(key) as [string, string, string, string, string];
    await kv.set(a, '1', MINUTE);
    await kv.set(b, '1', 10 * MINUTE);
    await kv.set(gone, '1', MINUTE);
    await kv.set(other, '1', MINUTE);
    await expire(gone);
    const [ta, tb, tg, tn] = await kv.ttlMany([a, b, gone, absent]);
    assert.ok(ta! > 0 && ta! <= MINUTE, `a ${ta}`);
    assert.ok(tb! > 9 * MINUTE, `b ${tb}`);
    assert.equal(tg, 0);
    assert.equal(tn, 0);
    await kv.deleteMany([a, b, absent]);
    assert.deepEqual(await kv.ttlMany([a, b]), [0, 0]);
    assert.equal(await kv.get(other), '1');
  });
});
