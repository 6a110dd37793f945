/**
 * The split store (store-split.ts): refresh tokens, grants and sessions in PostgreSQL, the
 * short-lived rest in Redis. Each model lands in its store, a token is read with its grant and
 * session across both, a refresh in a request uses the token up once, and a failing Redis
 * leaves the refresh token unused rather than used up with its successor lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { describeWithRedis, keysUnder, openTestRedis } from '../../../test/support/redis.ts';
import { statementsDuring } from '../../../test/support/statements.ts';
import type { RedisConnection } from '../../platform/redis.ts';
import { postgresOidcStore, type OidcArtefactStore } from './store.ts';
import { redisOidcStore } from './store-redis.ts';
import { splitOidcStore } from './store-split.ts';
import { artefactAdapter, requestArtefacts } from './unit-of-work.ts';

let n = 0;
const id = (label: string) => `${label}-${++n}-${Date.now()}`;

const t = testPlatformForFile();
const inPostgres = async (model: string, artefact: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from oidc_payloads where model = $1 and id = $2', [model, artefact]))[0]!.n === 1;

/** Runs `work` as the provider's middleware runs a request; resolves with the answer once its writes are stored (or refused). */
async function inRequest(store: OidcArtefactStore, work: () => Promise<void>): Promise<{ status: number; body: unknown }> {
  const answer = { path: '/oidc/token', status: 200, body: { tokens: 'built' } as unknown };
  await requestArtefacts(store)(answer, work);
  return answer;
}

/** A refresh as oidc-provider does it in one request: the old token used up, a new one and an access token saved. */
const refresh = (store: OidcArtefactStore, old: string, grant: string) =>
  inRequest(store, async () => {
    const tokens = artefactAdapter('RefreshToken', store);
    assert.equal((await tokens.find(old))?.grantId, grant);
    await tokens.consume(old);
    const [next, access] = [id('rt'), id('at')];
    await tokens.upsert(next, { jti: next, grantId: grant }, 3600);
    await artefactAdapter('AccessToken', store).upsert(access, { jti: access, grantId: grant }, 60);
  });

describeWithRedis('PostgreSQL for refresh tokens, grants and sessions; Redis for the rest', () => {
  let redis: RedisConnection;
  let store: OidcArtefactStore;
  before(async () => {
    redis = await openTestRedis();
    store = splitOidcStore(postgresOidcStore(t.db), redisOidcStore(redis.client, redis.prefix));
  });
  after(async () => {
    await redis?.close();
  });
  const inRedis = async (model: string, artefact: string) => (await keysUnder(redis.client, `${redis.prefix}a:${model}:${artefact}`)).length === 1;

  it('each model lands in its store; a token in Redis is read with its grant and session from PostgreSQL; revoking a grant empties both', async () => {
    const [grant, session, rt, at, code, interaction] = [id('grant'), id('session'), id('rt'), id('at'), id('code'), id('interaction')];
    await inRequest(store, async () => {
      await artefactAdapter('Grant', store).upsert(grant, { jti: grant, accountId: 'acc' }, 3600);
      await artefactAdapter('Session', store).upsert(session, { jti: session, uid: `uid-${session}`, accountId: 'acc' }, 3600);
      await artefactAdapter('RefreshToken', store).upsert(rt, { jti: rt, grantId: grant, sessionUid: `uid-${session}` }, 3600);
      await artefactAdapter('AccessToken', store).upsert(at, { jti: at, grantId: grant, sessionUid: `uid-${session}` }, 60);
      await artefactAdapter('AuthorizationCode', store).upsert(code, { jti: code, grantId: grant }, 60);
      await artefactAdapter('Interaction', store).upsert(interaction, { jti: interaction }, 60);
    });
    for (const [model, artefact] of [['Grant', grant], ['Session', session], ['RefreshToken', rt]] as const) {
      assert.ok(await inPostgres(model, artefact), `${model} in PostgreSQL`);
      assert.equal(await inRedis(model, artefact), false, `${model} not in Redis`);
    }
    for (const [model, artefact] of [['AccessToken', at], ['AuthorizationCode', code], ['Interaction', interaction]] as const) {
      assert.ok(await inRedis(model, artefact), `${model} in Redis`);
      assert.equal(await inPostgres(model, artefact), false, `${model} not in PostgreSQL`);
    }
    let found!: Awaited<ReturnType<OidcArtefactStore['findWithContext']>>;
    // The grant and session in one PostgreSQL statement, after the token's one Redis command.
    assert.equal(await statementsDuring(t.db, async () => void (found = await store.findWithContext('AccessToken', at))), 1);
    assert.equal(found.token?.jti, at);
    assert.equal(found.grant?.jti, grant);
    assert.equal(found.session?.jti, session);
    assert.deepEqual((await store.sessionsOf('acc')).map((s) => s.id), [session]);

    await store.revokeGrant(grant);
    for (const [model, artefact] of [['Grant', grant], ['RefreshToken', rt], ['AccessToken', at], ['AuthorizationCode', code]] as const) {
      assert.equal(await store.find(model, artefact), undefined, `${model} revoked`);
    }
    assert.ok(await store.find('Session', session), 'the session is not part of the grant');
  });

  it("a code in Redis is read with its grant's organisation (GrantActing) from PostgreSQL, in the grant's statement; the request then reads it from there", async () => {
    const [grant, code] = [id('grant'), id('code')];
    await store.upsert('Grant', grant, { jti: grant }, 3600);
    await store.upsert('GrantActing', grant, { grantId: grant, organizationId: 'org-1' }, 3600);
    await store.upsert('AuthorizationCode', code, { jti: code, grantId: grant }, 60);
    assert.ok(await inPostgres('GrantActing', grant), 'GrantActing in PostgreSQL');
    let found!: Awaited<ReturnType<OidcArtefactStore['findWithContext']>>;
    assert.equal(await statementsDuring(t.db, async () => void (found = await store.findWithContext('AuthorizationCode', code))), 1);
    assert.deepEqual(found.acting, { grantId: grant, organizationId: 'org-1' });
    await inRequest(store, async () => {
      const statements = await statementsDuring(t.db, async () => {
        await artefactAdapter('AuthorizationCode', store).find(code);
        assert.equal((await artefactAdapter('GrantActing', store).find(grant))?.organizationId, 'org-1');
      });
      assert.equal(statements, 1, 'the organisation came with the grant');
    });
  });

  it('a refresh uses its token up once: the same token twice, the second answers invalid_grant and revokes the grant in both stores', async () => {
    const [grant, rt] = [id('grant'), id('rt')];
    await store.upsert('Grant', grant, { jti: grant }, 3600);
    await store.upsert('RefreshToken', rt, { jti: rt, grantId: grant }, 3600);
    assert.equal((await refresh(store, rt, grant)).status, 200);
    assert.ok((await store.find('RefreshToken', rt))?.consumed, 'the old token is used up');
    const answer = await refresh(store, rt, grant);
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, { error: 'invalid_grant', error_description: 'grant request is invalid' });
    assert.equal(await store.find('Grant', grant), undefined);
    assert.deepEqual(await keysUnder(redis.client, `${redis.prefix}g:${grant}`), [], 'nothing of the grant left in Redis');
  });

  it('Redis emptied (restart without persistence): the refresh token, its grant and session are still there and a refresh succeeds', async () => {
    const [grant, session, rt] = [id('grant'), id('session'), id('rt')];
    await store.upsert('Grant', grant, { jti: grant }, 3600);
    await store.upsert('Session', session, { jti: session, uid: `uid-${session}` }, 3600);
    await store.upsert('RefreshToken', rt, { jti: rt, grantId: grant, sessionUid: `uid-${session}` }, 3600);
    const keys = await keysUnder(redis.client, redis.prefix);
    if (keys.length) await redis.client.del(...keys);
    const found = await store.findWithContext('RefreshToken', rt);
    assert.equal(found.grant?.jti, grant);
    assert.equal(found.session?.jti, session);
    assert.equal((await refresh(store, rt, grant)).status, 200);
  });
});

describe('a short-lived store that fails (Redis unreachable)', () => {
  const failing = (real: OidcArtefactStore): OidcArtefactStore => ({
    ...real,
    write: async () => {
      throw new Error('Redis unreachable');
    },
  });

  it('a refresh whose access token cannot be stored leaves the refresh token unused, and it works once Redis is back', async () => {
    const durable = postgresOidcStore(t.db);
    // The "Redis" here is a second PostgreSQL store under the same table: only its failure matters.
    const down = splitOidcStore(durable, failing(postgresOidcStore(t.db)));
    const [grant, rt] = [id('grant'), id('rt')];
    await durable.upsert('Grant', grant, { jti: grant }, 3600);
    await durable.upsert('RefreshToken', rt, { jti: rt, grantId: grant }, 3600);
    await assert.rejects(refresh(down, rt, grant), /Redis unreachable/);
    assert.equal((await durable.find('RefreshToken', rt))?.consumed, undefined, 'not used up');
    const up = splitOidcStore(durable, postgresOidcStore(t.db));
    assert.equal((await refresh(up, rt, grant)).status, 200);
  });
});
