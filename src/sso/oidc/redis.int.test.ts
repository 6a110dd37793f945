/**
 * Several nodes: the platform with REDIS_URL keeps its short-lived state and the OpenID
 * Connect provider's short-lived artefacts in Redis, refresh tokens, grants and sessions in
 * PostgreSQL (store-split.ts). A business system signs in, refreshes, and has a replayed code
 * refused; its refresh token outlives an emptied Redis; a second node on the same database and
 * Redis takes a code the first handed out, and the first then refuses it; single logout finds
 * the sessions.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { eventually } from '../../../test/support/assertions.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { authorize, oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { describeWithRedis, keysUnder, startRedisTestPlatform } from '../../../test/support/redis.ts';
import type { TestPlatform } from '../../../test/support/platform.ts';
import type { Db } from '../../platform/db.ts';
import { buildApp } from '../../platform/http/app.ts';
import { bindGrantActing, grantActing } from '../entry/acting.ts';
import { oidcRuntime } from './provider.ts';
import { createPlatform, type Platform } from '../../platform/platform.ts';

describeWithRedis('OpenID Connect with Redis (REDIS_URL)', () => {
  let t: Awaited<ReturnType<typeof startRedisTestPlatform>>;
  before(async () => {
    t = await startRedisTestPlatform();
  });
  after(async () => {
    await t?.close();
  });

  const person = () => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('redis') });
  const artefactsInPostgres = async (model: string) =>
    (await t.platform.db.query<{ n: number }>('select count(*)::int as n from oidc_payloads where model = $1', [model]))[0]!.n;
  const redisKeys = (under: string) => keysUnder(t.redis.client, `${t.redis.prefix}${under}`);

  it('code flow, refresh and a replayed code refused; codes and access tokens in Redis, refresh tokens, grants and sessions in PostgreSQL', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const { exchange } = await authorize(rp, me.client);
    const tokens = await exchange();
    assert.equal(tokens.claims()!.sub, me.accountId);
    assert.equal((await oidc.fetchUserInfo(rp.config, tokens.access_token, me.accountId)).sub, me.accountId);

    for (const model of ['AuthorizationCode', 'AccessToken']) {
      assert.ok((await redisKeys(`oidc:a:${model}:`)).length > 0, `${model} in Redis`);
      assert.equal(await artefactsInPostgres(model), 0, `${model} not in PostgreSQL`);
    }
    for (const model of ['Session', 'Grant', 'RefreshToken']) {
      assert.ok((await artefactsInPostgres(model)) > 0, `${model} in PostgreSQL`);
      assert.deepEqual(await redisKeys(`oidc:a:${model}:`), [], `${model} not in Redis`);
    }
    // The registration's SMS code and rate limits went to Redis too, not to the kv table.
    assert.ok((await redisKeys('kv:rl:')).length > 0);
    assert.deepEqual(await t.platform.db.query('select key from kv'), []);

    const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    assert.ok(refreshed.access_token && refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token);
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!), (error: any) => error.error === 'invalid_grant');

    // The code again: refused, and (a used code is a stolen code) what its grant gave is revoked.
    await assert.rejects(exchange(), (error: any) => error.error === 'invalid_grant');
    assert.equal((await oidc.tokenIntrospection(rp.config, refreshed.access_token)).active, false);
    await assert.rejects(oidc.refreshTokenGrant(rp.config, refreshed.refresh_token!), (error: any) => error.error === 'invalid_grant');
  });

  it('Redis emptied (a restart without persistence): the refresh token issued before still works, and its successor too', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const tokens = await (await authorize(rp, me.client)).exchange();
    const [row] = await t.platform.db.query<{ n: number }>(
      `select count(*)::int as n from oidc_payloads where model = 'RefreshToken' and payload ->> 'accountId' = $1`,
      [me.accountId],
    );
    assert.equal(row!.n, 1, 'the refresh token is in PostgreSQL');
    // FLUSHALL for this platform: every key under its prefix (other test files share the test Redis).
    const keys = await redisKeys('');
    assert.ok(keys.length > 0);
    await t.redis.client.del(...keys);
    assert.deepEqual(await redisKeys(''), []);
    assert.equal((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active, false, 'the access token was in Redis: gone');

    const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    assert.equal(refreshed.claims()!.sub, me.accountId);
    assert.equal((await oidc.fetchUserInfo(rp.config, refreshed.access_token, me.accountId)).sub, me.accountId);
    assert.ok((await oidc.refreshTokenGrant(rp.config, refreshed.refresh_token!)).access_token);
  });

  it('the organisation a grant acts for (授权) is kept with the grant in PostgreSQL: it outlives an emptied Redis and goes with the grant', async () => {
    const grantId = `grant-${Date.now()}`;
    await bindGrantActing(t.platform, grantId, 'org-1');
    const [row] = await t.platform.db.query<{ n: number }>(`select count(*)::int as n from oidc_payloads where model = 'GrantActing' and grant_id = $1`, [grantId]);
    assert.equal(row!.n, 1);
    const keys = await redisKeys('');
    if (keys.length) await t.redis.client.del(...keys);
    assert.equal(await grantActing(t.platform, grantId), 'org-1', 'a refresh after a Redis restart still knows the organisation');
    await oidcRuntime(t.platform).store.revokeGrant(grantId);
    assert.equal(await grantActing(t.platform, grantId), undefined);
  });

  it('a code handed out by one node is exchanged at another (same database and Redis); the first then refuses it and revokes what it gave', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const { callback, verifier, exchange } = await authorize(rp, me.client);
    const second = await secondNode(t);
    let answer: Record<string, string>;
    try {
      // The system's token request reaches the other node (behind the same load balancer and BASE_URL).
      const client = rp.system.oidc!;
      const response = await fetch(`${second.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: rp.redirectUri, code_verifier: verifier }).toString(),
      });
      answer = (await response.json()) as Record<string, string>;
      assert.equal(response.status, 200, JSON.stringify(answer));
    } finally {
      await second.close();
    }
    assert.ok(answer.access_token && answer.id_token);
    assert.equal((await oidc.tokenIntrospection(rp.config, answer.access_token)).active, true, 'the first node knows the token the second issued');
    await assert.rejects(exchange(), (error: any) => error.error === 'invalid_grant');
    assert.equal((await oidc.tokenIntrospection(rp.config, answer.access_token)).active, false, 'revoked with its grant');
  });

  it("userinfo at a second node reads the grant, the session and the claims from that node's caches; a change made elsewhere shows there once announced", async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const tokens = await (await authorize(rp, me.client)).exchange();
    const second = await secondNode(t);
    try {
      await eventually(() => second.platform.changes.live, 'the second node listening');
      const userinfo = async () => {
        const response = await fetch(`${second.baseUrl}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
        return { status: response.status, body: response.status === 200 ? ((await response.json()) as { sub: string; name: string }) : undefined };
      };
      assert.equal((await userinfo()).body?.sub, me.accountId);
      assert.equal((await userinfo()).body?.sub, me.accountId);
      assert.equal(second.platform.changes.cache('grant').size, 1, 'the grant kept');
      assert.equal(second.platform.changes.cache('session').size, 1, 'the provider session kept');
      assert.equal(second.platform.changes.cache('claims').size, 1, 'the claims kept');

      await t.platform.db.query(`update identities set name = '另一个名字' where account_id = $1 and role = 'natural_person'`, [me.accountId]);
      await eventually(async () => (await userinfo()).body?.name === '另一个名字', 'the new name at the second node');

      // The grant removed (as a revocation does, here without its tokens): the token no longer counts there.
      await t.platform.db.query(`delete from oidc_payloads where model = 'Grant' and payload ->> 'accountId' = $1`, [me.accountId]);
      await eventually(async () => (await userinfo()).status === 401, 'the token refused at the second node');
      assert.equal(second.platform.changes.cache('grant').size, 0);

      // Another person's provider session ended (here without its tokens): their token bound to it no longer counts there either.
      const other = await person();
      const otherTokens = await (await authorize(rp, other.client)).exchange();
      const otherUserinfo = () => fetch(`${second.baseUrl}/oidc/me`, { headers: { authorization: `Bearer ${otherTokens.access_token}` } });
      assert.equal((await otherUserinfo()).status, 200);
      assert.equal(second.platform.changes.cache('session').size, 2);
      await t.platform.db.query(`delete from oidc_payloads where model = 'Session' and payload ->> 'accountId' = $1`, [other.accountId]);
      await eventually(async () => (await otherUserinfo()).status === 401, "the other person's token refused at the second node");
    } finally {
      await second.close();
    }
  });

  it('退出登录 (POST /api/logout): the sessions of the account are found and their tokens stop working', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const tokens = await (await authorize(rp, me.client)).exchange();
    assert.equal((await me.client.post('/api/logout')).status, 200);
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!), (error: any) => error.error === 'invalid_grant');
    assert.equal((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active, false);
    const [left] = await t.platform.db.query<{ n: number }>(
      `select count(*)::int as n from oidc_payloads where model = 'Session' and payload ->> 'accountId' = $1`,
      [me.accountId],
    );
    assert.equal(left!.n, 0, "the account's provider sessions are gone");
  });
});

/** Another node of the same deployment: same database, Redis, keys and BASE_URL, its own HTTP server. */
async function secondNode(first: TestPlatform): Promise<{ platform: Platform; app: FastifyInstance; baseUrl: string; close(): Promise<void> }> {
  const db = first.platform.db;
  // The database is the first node's: this node must not close it.
  const shared: Db = {
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    ping: () => db.ping(),
    listen: (channel, listener) => db.listen(channel, listener),
    close: async () => {},
    kind: db.kind,
  };
  const config = { ...first.platform.config, port: 0, mail: { ...first.platform.config.mail, port: 0 } };
  const platform = await createPlatform(config, shared);
  const app = await buildApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    platform,
    app,
    baseUrl,
    async close() {
      await app.close();
      await platform.close();
    },
  };
}
