/**
 * Migration 031's announcements and the caches that rely on them, on PGlite and on a
 * PostgreSQL server (where LISTEN has a connection of its own and a notification arrives a
 * moment after the commit): what the claims are made of, and OIDC grants, are announced when
 * they change, and nothing else; userinfo, reading through this node's cache, shows a change
 * (or a disabled account) as soon as it is announced.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { bareAccountId, registerAndLogIn } from '../../test/support/accounts.ts';
import { eventually } from '../../test/support/assertions.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { authorize, oidcBusinessSystem } from '../../test/support/oidc-rp.ts';
import { startTestPlatform, testDatabaseKind, type TestPlatform } from '../../test/support/platform.ts';
import { CACHE_INVALIDATION_CHANNEL } from './change-feed.ts';

let t: TestPlatform;
before(async () => {
  t = await startTestPlatform();
});
after(async () => {
  await t?.close();
});

/** The payloads announced while work() runs, up to the marker announced after it (notifications keep commit order). */
async function announcedDuring(work: () => Promise<unknown>): Promise<string[]> {
  const heard: string[] = [];
  let listening = false;
  const stop = await t.platform.db.listen(CACHE_INVALIDATION_CHANNEL, { notify: (payload) => heard.push(payload), up: () => void (listening = true), down() {} });
  try {
    await eventually(() => listening, 'listening');
    await work();
    const marker = `marker:${Math.random()}`;
    await t.platform.db.query(`select pg_notify($1, $2)`, [CACHE_INVALIDATION_CHANNEL, marker]);
    await eventually(() => heard.includes(marker), 'the marker');
    return heard.slice(0, heard.indexOf(marker));
  } finally {
    await stop();
  }
}

describe('cache invalidation (migration 031)', () => {
  it('announces a change of what the claims are made of, each account once per statement; not a password change', async () => {
    const id = await bareAccountId(t.platform.db, 'feed');
    const db = t.platform.db;
    assert.deepEqual(await announcedDuring(() => db.query(`update accounts set password_hash = 'y', must_change_password = true where id = $1`, [id])), []);
    assert.deepEqual(await announcedDuring(() => db.query(`update accounts set disabled = true where id = $1`, [id])), [`claims:${id}`]);
    assert.deepEqual(
      await announcedDuring(() => db.query(`insert into identities (account_id, role, name) values ($1, 'natural_person', '张三'), ($1, 'legal_representative', '李四')`, [id])),
      [`claims:${id}`],
    );
    assert.deepEqual(await announcedDuring(() => db.query(`update identities set name = '张三丰' where account_id = $1`, [id])), [`claims:${id}`]);
    assert.deepEqual(
      await announcedDuring(() => db.query(`insert into verifications (account_id, subject, status) values ($1, 'natural_person', 'incomplete')`, [id])),
      [`claims:${id}`],
    );
    // The account's rows go with it: the same announcement, which PostgreSQL sends once per transaction.
    assert.deepEqual(await announcedDuring(() => db.query(`delete from accounts where id = $1`, [id])), [`claims:${id}`]);
  });

  it("an organisation's change also speaks for the people it authorised; a business system's for everyone", async () => {
    const db = t.platform.db;
    const [organization, person] = [await bareAccountId(db, 'org'), await bareAccountId(db, 'delegate')];
    const [authorization] = await db.query<{ id: string }>(`insert into authorizations (organization_id, person_id) values ($1, $2) returning id`, [organization, person]);
    assert.deepEqual(await announcedDuring(() => db.query(`update authorizations set maintain_info = true where id = $1`, [authorization!.id])), [`claims:${person}`]);
    assert.deepEqual(await announcedDuring(() => db.query(`update accounts set disabled = true where id = $1`, [organization])), [`claims:${organization},${person}`]);
    const { system } = await oidcBusinessSystem(t);
    assert.deepEqual(
      await announcedDuring(() => db.query(`insert into authorization_roles (authorization_id, system_id, role_code) values ($1, $2, 'item_handler')`, [authorization!.id, system.id])),
      [`claims:${person}`],
    );
    assert.deepEqual(await announcedDuring(() => db.query(`update business_systems set name = name where id = $1`, [system.id])), ['claims:*']);
    assert.deepEqual(await announcedDuring(() => db.query(`delete from authorizations where id = $1`, [authorization!.id])), [`claims:${person}`]);
  });

  it("many accounts in one statement: 'claims:*'", async () => {
    const ids = await Promise.all(Array.from({ length: 101 }, () => bareAccountId(t.platform.db, 'many')));
    const heard = await announcedDuring(() =>
      t.platform.db.query(`insert into identities (account_id, role, name) select unnest($1::uuid[]), 'natural_person', '批量'`, [ids]),
    );
    assert.deepEqual(heard, ['claims:*']);
  });

  it('announces a grant changed or removed, a provider session removed or changed in its account or grants; nothing else', async () => {
    const db = t.platform.db;
    const id = `feed-${Date.now()}`;
    const upsert = (model: string, payload: object, uid: string | null = null) =>
      db.query(
        `insert into oidc_payloads (model, id, payload, uid, expires_at) values ($1, $2, $3, $4, now() + interval '1 hour')
         on conflict (model, id) do update set payload = excluded.payload, expires_at = excluded.expires_at`,
        [model, id, JSON.stringify(payload), uid],
      );
    const uid = `uid-${id}`;
    assert.deepEqual(await announcedDuring(() => upsert('Grant', { openid: { scope: 'openid' } })), [], 'a new grant: nothing was kept of it');
    assert.deepEqual(await announcedDuring(() => upsert('Grant', { openid: { scope: 'openid' } })), [], 'saved unchanged');
    assert.deepEqual(await announcedDuring(() => upsert('Grant', { openid: { scope: 'openid profile' } })), [`grant:${id}`]);
    const session = { accountId: 'a', authorizations: { c: { grantId: 'g' } }, exp: 1 };
    assert.deepEqual(await announcedDuring(() => upsert('Session', session, uid)), []);
    assert.deepEqual(await announcedDuring(() => upsert('Session', { ...session, exp: 2, loginTs: 5 }, uid)), [], 'its expiry slid: no change an access token reads');
    assert.deepEqual(await announcedDuring(() => upsert('Session', { ...session, authorizations: { c: { grantId: 'g2' } } }, uid)), [`session:${uid}`]);
    assert.deepEqual(await announcedDuring(() => upsert('Session', { ...session, accountId: 'b' }, uid)), [`session:${uid}`]);
    assert.deepEqual(await announcedDuring(() => upsert('Interaction', {})), []);
    assert.deepEqual(await announcedDuring(() => upsert('Interaction', { changed: true })), []);
    assert.deepEqual(await announcedDuring(() => db.query(`delete from oidc_payloads where id = $1`, [id])), [`grant:${id}`, `session:${uid}`]);
  });

  it("userinfo reads the claims through this node's cache, and shows a change, or a disabled account, once announced", async () => {
    await eventually(() => t.platform.changes.live, 'the feed listening');
    const rp = await oidcBusinessSystem(t);
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('feed') });
    const tokens = await (await authorize(rp, me.client)).exchange();
    const userinfo = () => oidc.fetchUserInfo(rp.config, tokens.access_token, me.accountId);
    const claims = t.platform.changes.cache('claims');
    const before = (await userinfo()).name;
    assert.ok(before);
    const kept = claims.size;
    assert.ok(kept >= 1, 'kept after the first userinfo');

    await t.platform.db.query(`update identities set name = '改后的姓名' where account_id = $1 and role = 'natural_person'`, [me.accountId]);
    await eventually(async () => (await userinfo()).name === '改后的姓名', 'the new name in userinfo');

    await t.platform.db.query(`update accounts set disabled = true where id = $1`, [me.accountId]);
    const answer = () => fetch(`${t.baseUrl}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    await eventually(async () => (await answer()).status === 401, 'userinfo refused for the disabled account');
    assert.match((await answer()).headers.get('www-authenticate') ?? '', /invalid_token/);
  });

  it('a PostgreSQL server: the LISTEN connection lost, nothing is kept until it is back', { skip: testDatabaseKind !== 'postgres' }, async () => {
    const feed = t.platform.changes;
    await eventually(() => feed.live, 'listening');
    const kept = feed.cache<string>('lost-connection-test');
    await kept.get('x', '', async () => 'v');
    assert.equal(kept.size, 1);
    const [ended] = await t.platform.db.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query = 'listen ${CACHE_INVALIDATION_CHANNEL}'`,
    );
    assert.ok(ended!.n >= 1, 'the LISTEN connection ended');
    await eventually(() => !feed.live, 'the loss noticed');
    assert.equal(kept.size, 0);
    await kept.get('x', '', async () => 'v');
    assert.equal(kept.size, 0, 'nothing kept meanwhile');
    await eventually(() => feed.live, 'listening again', { timeoutMs: 10_000 });
    await kept.get('x', '', async () => 'v');
    assert.equal(kept.size, 1);
  });
});
