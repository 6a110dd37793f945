import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openChangeFeed, type ChangeFeedOptions } from './change-feed.ts';
import type { Db, Listener } from './db.ts';

/** A feed over a Db whose LISTEN the test drives: notify, lose and regain the connection. */
async function feedWith(options: ChangeFeedOptions = {}) {
  let listener: Listener | undefined;
  let stopped = false;
  const db = {
    async listen(channel: string, l: Listener) {
      assert.equal(channel, 'cache_invalidation');
      listener = l;
      return async () => void (stopped = true);
    },
  } as unknown as Db;
  const feed = await openChangeFeed(db, options);
  let loads = 0;
  const loader = (value: string) => async () => {
    loads++;
    return value;
  };
  return { feed, channel: () => listener!, loads: () => loads, loader, stopped: () => stopped };
}

describe('change feed: caches forgotten when the database announces a change', () => {
  it('keeps nothing before LISTEN is in place; then keeps a value per id and variant', async () => {
    const f = await feedWith();
    const claims = f.feed.cache<string>('claims');
    assert.equal(await claims.get('a', 's1', f.loader('v1')), 'v1');
    assert.equal(await claims.get('a', 's1', f.loader('v1')), 'v1');
    assert.equal(f.loads(), 2, 'not listening yet: read every time');
    assert.equal(claims.size, 0);

    f.channel().up();
    assert.equal(f.feed.live, true);
    await claims.get('a', 's1', f.loader('v1'));
    assert.equal(await claims.get('a', 's1', f.loader('other')), 'v1', 'kept');
    assert.equal(await claims.get('a', 's2', f.loader('v2')), 'v2', 'another variant is read');
    assert.equal(await claims.get('a', 's2', f.loader('other')), 'v2');
    assert.equal(f.loads(), 4);
    const nothing = f.feed.cache<string | undefined>('grant');
    assert.equal(await nothing.get('gone', '', async () => undefined), undefined);
    assert.equal(nothing.size, 0, 'nothing found is not kept (an insertion is not announced)');
  });

  it("forgets an id announced for its topic, every id for '*', and nothing for another topic", async () => {
    const f = await feedWith();
    f.channel().up();
    const claims = f.feed.cache<string>('claims');
    const grants = f.feed.cache<string>('grant');
    for (const id of ['a', 'b', 'c']) await claims.get(id, '', f.loader(id));
    await grants.get('a', '', f.loader('grant a'));
    f.channel().notify('claims:a,b');
    assert.equal(claims.size, 1);
    assert.equal(grants.size, 1, "the grant 'a' is another topic's");
    f.channel().notify('grant:a');
    assert.equal(grants.size, 0);
    f.channel().notify('claims:*');
    assert.equal(claims.size, 0);
    await claims.get('d', '', f.loader('d'));
    claims.forget('d');
    assert.equal(claims.size, 0, 'forgotten on request');
    f.channel().notify('nonsense');
    f.channel().notify('unknown:a');
  });

  it('does not keep a read during which a change was announced (it may have read what the change replaced)', async () => {
    const f = await feedWith();
    f.channel().up();
    const claims = f.feed.cache<string>('claims');
    const value = await claims.get('a', '', async () => {
      f.channel().notify('claims:zzz');
      return 'read before the change committed';
    });
    assert.equal(value, 'read before the change committed');
    assert.equal(claims.size, 0);
    await claims.get('a', '', f.loader('fresh'));
    assert.equal(claims.size, 1);
  });

  it('forgets everything and keeps nothing while the connection is lost, until it is back', async () => {
    const f = await feedWith();
    f.channel().up();
    const claims = f.feed.cache<string>('claims');
    await claims.get('a', '', f.loader('v1'));
    f.channel().down();
    assert.equal(f.feed.live, false);
    assert.equal(claims.size, 0);
    await claims.get('a', '', f.loader('v2'));
    assert.equal(claims.size, 0, 'notifications are missed now: nothing kept');
    const during = claims.get('a', '', async () => {
      f.channel().up();
      return 'read across the reconnection';
    });
    assert.equal(await during, 'read across the reconnection');
    assert.equal(claims.size, 0, 'a read that spans the loss is not kept');
    await claims.get('a', '', f.loader('v3'));
    assert.equal(claims.size, 1);
  });

  it('an entry lapses after ttlMs; at most maxEntries ids, the oldest going first', async () => {
    let clock = 0;
    const f = await feedWith({ ttlMs: 1000, maxEntries: 2, now: () => clock });
    f.channel().up();
    const claims = f.feed.cache<string>('claims');
    await claims.get('a', '', f.loader('a1'));
    clock = 999;
    assert.equal(await claims.get('a', '', f.loader('a2')), 'a1');
    clock = 1000;
    assert.equal(await claims.get('a', '', f.loader('a3')), 'a3', 'lapsed');
    await claims.get('b', '', f.loader('b'));
    await claims.get('c', '', f.loader('c'));
    assert.equal(claims.size, 2);
    const loads = f.loads();
    assert.equal(await claims.get('c', '', f.loader('x')), 'c');
    assert.equal(await claims.get('b', '', f.loader('x')), 'b');
    assert.equal(await claims.get('a', '', f.loader('a4')), 'a4', "'a' was the oldest: gone");
    assert.equal(f.loads(), loads + 1);
  });

  it('close() stops listening and forgets everything', async () => {
    const f = await feedWith();
    f.channel().up();
    const claims = f.feed.cache<string>('claims');
    await claims.get('a', '', f.loader('v'));
    await f.feed.close();
    assert.equal(f.stopped(), true);
    assert.equal(f.feed.live, false);
    assert.equal(claims.size, 0);
  });
});
