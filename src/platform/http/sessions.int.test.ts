/**
 * Platform sessions on PGlite and PostgreSQL: found while live, idle expiry moved on as they
 * are used (written at most once a minute), refused once expired or for a disabled account,
 * and purged once expired.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { bareAccountId } from '../../../test/support/accounts.ts';
import { SESSION_IDLE_MS, SESSION_TOUCH_MS, sessionStore } from './sessions.ts';

const t = testPlatformForFile();
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

const account = () => bareAccountId(t.db, 'sess');

/** The session's stored times: absolute (epoch ms) and relative to now (negative: in the past). */
async function times(id: string) {
  const [row] = await t.db.query<{ seen_at: number; expires_at: number; seen: number; expires: number }>(
    `select extract(epoch from last_seen_at) * 1000 as seen_at, extract(epoch from expires_at) * 1000 as expires_at,
       extract(epoch from (last_seen_at - now())) * 1000 as seen, extract(epoch from (expires_at - now())) * 1000 as expires
     from sessions where id_hash = $1`,
    [hashId(id)],
  );
  return row && { stored: [Number(row.seen_at), Number(row.expires_at)], seen: Number(row.seen), expires: Number(row.expires) };
}

/** Moves the session's last use and expiry back by `ms`, as if that much time had passed. */
async function age(id: string, ms: number) {
  await t.db.query(
    `update sessions set last_seen_at = last_seen_at - $2 * interval '1 millisecond', expires_at = expires_at - $2 * interval '1 millisecond' where id_hash = $1`,
    [hashId(id), ms],
  );
}

describe('platform sessions', () => {
  it('a live session is found with its account', async () => {
    const sessions = sessionStore(t.db);
    const accountId = await account();
    const id = await sessions.create(accountId, true);
    const found = await sessions.find(id);
    assert.equal(found?.accountId, accountId);
    assert.equal(found?.kind, 'natural');
    assert.equal(found?.passwordChangeRequired, true);
    assert.equal(await sessions.find('not-a-session'), undefined);
  });

  it('use within a minute writes nothing; use after it moves the idle expiry on', async () => {
    const sessions = sessionStore(t.db);
    const id = await sessions.create(await account(), false);
    await age(id, SESSION_TOUCH_MS / 2);
    const before = (await times(id))!;
    assert.ok(await sessions.find(id));
    assert.deepEqual((await times(id))!.stored, before.stored, 'touched again within a minute');

    await age(id, SESSION_TOUCH_MS);
    assert.ok(await sessions.find(id));
    const after = (await times(id))!;
    assert.ok(Math.abs(after.seen) < 5_000, `last seen now, got ${after.seen} ms`);
    assert.ok(Math.abs(after.expires - SESSION_IDLE_MS) < 5_000, `expires two idle hours from now, got ${after.expires} ms`);
  });

  it('an expired session, or one of a disabled account, is not found and not revived', async () => {
    const sessions = sessionStore(t.db);
    const expired = await sessions.create(await account(), false);
    await age(expired, SESSION_IDLE_MS + 1000);
    assert.equal(await sessions.find(expired), undefined);
    assert.ok((await times(expired))!.expires < 0, 'still expired');

    const accountId = await account();
    const ofDisabled = await sessions.create(accountId, false);
    await t.db.query('update accounts set disabled = true where id = $1', [accountId]);
    await age(ofDisabled, SESSION_TOUCH_MS);
    const stale = (await times(ofDisabled))!;
    assert.equal(await sessions.find(ofDisabled), undefined);
    assert.deepEqual((await times(ofDisabled))!.stored, stale.stored, 'not touched');
  });

  it('purging removes expired sessions only', async () => {
    const sessions = sessionStore(t.db);
    const live = await sessions.create(await account(), false);
    const expired = await sessions.create(await account(), false);
    await age(expired, SESSION_IDLE_MS + 1000);
    await sessions.purgeExpired();
    assert.ok(await times(live));
    assert.equal(await times(expired), undefined);
  });
});
