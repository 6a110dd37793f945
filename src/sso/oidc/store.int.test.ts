/**
 * The provider's artefact store and the unit of work of a request (unit-of-work.ts), the same
 * contract for both stores: PostgreSQL (on PGlite and PostgreSQL) and Redis (when
 * TEST_REDIS_URL is set). Single use decided by the store, several writes in one round trip,
 * a token read with its grant and session, indexes (uid, user code, grant, account), and a
 * request's writes stored before it answers, seen by its own reads meanwhile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { describeWithRedis, keysUnder, openTestRedis } from '../../../test/support/redis.ts';
import { statementsDuring as sqlStatementsDuring } from '../../../test/support/statements.ts';
import type { RedisConnection } from '../../platform/redis.ts';
import { postgresOidcStore, type OidcArtefactStore } from './store.ts';
import { redisOidcStore } from './store-redis.ts';
import { artefactAdapter, requestArtefacts } from './unit-of-work.ts';

/** One store under test, filled in by its describe's `before`. */
interface Subject {
  store(): OidcArtefactStore;
  /** Counts the round trips to the store (SQL statements, Redis commands) during `work`. */
  roundTripsDuring(work: () => Promise<unknown>): Promise<number>;
}

let n = 0;
const id = (label: string) => `${label}-${++n}-${Date.now()}`;

describe('on PostgreSQL', () => {
  const t = testPlatformForFile();
  contract({
    store: () => postgresOidcStore(t.db),
    roundTripsDuring: (work) => sqlStatementsDuring(t.db, work),
  });

  it("a token comes with the organisation its grant acts for (GrantActing), a request's read of it then needs no statement; none when there is none or it lapsed", async () => {
    const s = postgresOidcStore(t.db);
    const [grant, other, token, code] = [id('grant'), id('grant'), id('rt'), id('code')];
    await s.upsert('Grant', grant, { jti: grant }, 60);
    await s.upsert('GrantActing', grant, { grantId: grant, organizationId: 'org-1' }, 60);
    await s.upsert('RefreshToken', token, { jti: token, grantId: grant }, 60);
    await s.upsert('Grant', other, { jti: other }, 60);
    await s.upsert('AuthorizationCode', code, { jti: code, grantId: other }, 60);
    assert.deepEqual((await s.findWithContext('RefreshToken', token)).acting, { grantId: grant, organizationId: 'org-1' });
    assert.deepEqual((await s.findContext(grant, 'no-session')).acting, { grantId: grant, organizationId: 'org-1' });
    assert.equal('acting' in (await s.findWithContext('AuthorizationCode', code)), false, 'a grant acting for nobody');
    await requestArtefacts(s)({ path: '/oidc/token', status: 200, body: {} }, async () => {
      const statements = await sqlStatementsDuring(t.db, async () => {
        await artefactAdapter('RefreshToken', s).find(token);
        assert.equal((await artefactAdapter('GrantActing', s).find(grant))?.organizationId, 'org-1');
      });
      assert.equal(statements, 1);
    });
    await s.write([{ model: 'GrantActing', id: grant, payload: { grantId: grant, organizationId: 'org-1' }, expiresInSeconds: -1 }], []);
    assert.equal('acting' in (await s.findWithContext('RefreshToken', token)), false, 'lapsed');
  });
});

describeWithRedis('on Redis', () => {
  let redis: RedisConnection;
  before(async () => {
    redis = await openTestRedis();
  });
  after(async () => {
    await redis?.close();
  });
  const store = () => redisOidcStore(redis.client, redis.prefix);
  contract({
    store,
    async roundTripsDuring(work) {
      // Every command, a script's EVAL/EVALSHA included, goes through sendCommand (the store uses no pipeline).
      const client = redis.client as Redis & { sendCommand: Redis['sendCommand'] };
      const send = client.sendCommand;
      let count = 0;
      client.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
        count++;
        return send.apply(client, args);
      }) as Redis['sendCommand'];
      try {
        await work();
      } finally {
        client.sendCommand = send;
      }
      return count;
    },
  });

  it('index keys live as long as their longest-lived artefact, and go with them', async () => {
    const s = store();
    const [grant, short, long, session] = [id('grant'), id('short'), id('long'), id('session')];
    const ttl = (key: string) => redis.client.ttl(`${redis.prefix}${key}`);
    await s.upsert('AccessToken', short, { jti: short, grantId: grant }, 60);
    await s.upsert('RefreshToken', long, { jti: long, grantId: grant }, 3600);
    await s.upsert('AccessToken', id('shorter'), { jti: 'x', grantId: grant }, 30);
    const grantSet = await ttl(`g:${grant}`);
    assert.ok(grantSet > 3500 && grantSet <= 3600, `the grant's set lives as its refresh token (${grantSet})`);
    await s.upsert('Session', session, { jti: session, uid: `uid-${session}`, accountId: 'acc' }, 600);
    const uidTtl = await ttl(`u:Session:uid-${session}`);
    assert.ok(uidTtl > 590 && uidTtl <= 600, `the uid index lives as its session (${uidTtl})`);
    assert.ok((await ttl('s:acc')) >= 590);
    await s.revokeGrant(grant);
    await s.destroy('Session', session);
    assert.deepEqual(await keysUnder(redis.client, redis.prefix).then((keys) => keys.filter((k) => k.includes(grant) || k.includes(session))), []);
  });

  it('a code whose lifetime ran out (Redis expired it) can no longer be used', async () => {
    const s = store();
    const code = id('code');
    await s.upsert('AuthorizationCode', code, { jti: code, grantId: 'g' }, 1);
    // Its expiry moved into the past: Redis drops it as it would at the end of its lifetime.
    await redis.client.pexpireat(`${redis.prefix}a:AuthorizationCode:${code}`, Date.now() - 1);
    assert.equal(await s.find('AuthorizationCode', code), undefined);
    assert.equal(await s.consume('AuthorizationCode', code), false);
    assert.equal(await s.write([{ model: 'AccessToken', id: code, payload: { jti: code }, expiresInSeconds: 60 }], [], { model: 'AuthorizationCode', id: code }), false);
    assert.equal(await s.find('AccessToken', code), undefined);
    assert.equal(await s.purgeExpired(), 0);
  });
});

function contract(subject: Subject) {
  const store = () => subject.store();
  const statementsDuring = (work: () => Promise<unknown>) => subject.roundTripsDuring(work);

  /** Runs `work` as the provider's middleware runs a request; resolves, with the answer, once the request's writes are stored. */
  async function inRequest(work: () => Promise<void>): Promise<{ status: number; body: unknown }> {
    const answer = { path: '/oidc/token', status: 200, body: { tokens: 'built' } as unknown };
    await requestArtefacts(store())(answer, work);
    return answer;
  }

  describe('artefact store', () => {
    it('consume: true the first time only; false for a token never stored', async () => {
      const s = store();
      const code = id('code');
      await s.upsert('AuthorizationCode', code, { grantId: 'g', jti: code }, 60);
      assert.equal(await s.consume('AuthorizationCode', code), true);
      assert.equal(await s.consume('AuthorizationCode', code), false);
      assert.equal(typeof (await s.find('AuthorizationCode', code))?.consumed, 'number');
      assert.equal(await s.consume('AuthorizationCode', id('unknown')), false);
    });

    it('write: upserts and removals of several artefacts in one round trip, lifetimes kept', async () => {
      const s = store();
      const [a, b, gone] = [id('a'), id('b'), id('gone')];
      await s.upsert('Session', gone, { jti: gone, uid: `uid-${gone}` }, 60);
      const statements = await statementsDuring(() =>
        s.write(
          [
            { model: 'Grant', id: a, payload: { jti: a, accountId: 'x' }, expiresInSeconds: 60 },
            { model: 'AccessToken', id: b, payload: { jti: b, grantId: a }, expiresInSeconds: 60 },
          ],
          [{ model: 'Session', id: gone }],
        ),
      );
      assert.equal(statements, 1);
      assert.deepEqual(await s.find('Grant', a), { jti: a, accountId: 'x' });
      assert.deepEqual(await s.find('AccessToken', b), { jti: b, grantId: a });
      assert.equal(await s.find('Session', gone), undefined);
      // The grant index is kept as upsert keeps it: revoking the grant removes the token.
      await s.revokeGrant(a);
      assert.equal(await s.find('AccessToken', b), undefined);
      // An artefact whose lifetime is over is not found.
      await s.write([{ model: 'Grant', id: a, payload: { jti: a }, expiresInSeconds: -1 }], []);
      assert.equal(await s.find('Grant', a), undefined);
    });

    it('findWithContext: the token with its live grant and the session it is bound to, in one round trip', async () => {
      const s = store();
      const [grant, session, token, orphan] = [id('grant'), id('session'), id('rt'), id('orphan')];
      await s.upsert('Grant', grant, { jti: grant }, 60);
      await s.upsert('Session', session, { jti: session, uid: `uid-${session}` }, 60);
      await s.upsert('RefreshToken', token, { jti: token, grantId: grant, sessionUid: `uid-${session}` }, 60);
      await s.upsert('RefreshToken', orphan, { jti: orphan, grantId: id('no-grant'), sessionUid: 'no-session' }, 60);
      let found!: Awaited<ReturnType<OidcArtefactStore['findWithContext']>>;
      assert.equal(await statementsDuring(async () => void (found = await s.findWithContext('RefreshToken', token))), 1);
      assert.deepEqual(found, { token: { jti: token, grantId: grant, sessionUid: `uid-${session}` }, grant: { jti: grant }, session: { jti: session, uid: `uid-${session}` } });
      const alone = await s.findWithContext('RefreshToken', orphan);
      assert.equal(alone.token?.jti, orphan);
      assert.equal(alone.grant, undefined);
      assert.equal(alone.session, undefined);
      await s.write([{ model: 'Grant', id: grant, payload: { jti: grant }, expiresInSeconds: -1 }], []);
      assert.equal((await s.findWithContext('RefreshToken', token)).grant, undefined, 'an expired grant is not found');
      assert.deepEqual(await s.findWithContext('RefreshToken', id('none')), { token: undefined, grant: undefined, session: undefined });
    });

    it('findContext: a grant and a session named by a token kept elsewhere, live ones only, either one alone', async () => {
      const s = store();
      const [grant, session, expired] = [id('grant'), id('session'), id('grant')];
      await s.upsert('Grant', grant, { jti: grant }, 60);
      await s.upsert('Session', session, { jti: session, uid: `uid-${session}` }, 60);
      await s.write([{ model: 'Grant', id: expired, payload: { jti: expired }, expiresInSeconds: -1 }], []);
      let found!: Awaited<ReturnType<OidcArtefactStore['findContext']>>;
      const trips = await statementsDuring(async () => void (found = await s.findContext(grant, `uid-${session}`)));
      assert.ok(trips >= 1 && trips <= 2, `${trips} round trips`);
      assert.deepEqual(found, { grant: { jti: grant }, session: { jti: session, uid: `uid-${session}` } });
      assert.deepEqual(await s.findContext(grant, undefined), { grant: { jti: grant }, session: undefined });
      assert.deepEqual(await s.findContext(undefined, `uid-${session}`), { grant: undefined, session: { jti: session, uid: `uid-${session}` } });
      assert.deepEqual(await s.findContext(expired, 'uid-none'), { grant: undefined, session: undefined });
      assert.deepEqual(await s.findContext(undefined, undefined), { grant: undefined, session: undefined });
    });
  });

  describe('indexes and single use', () => {
    it('write with `use`: the rest is written and the artefact marked used; used already (or unknown): false and nothing written', async () => {
      const s = store();
      const [code, first, second, gone] = [id('code'), id('at'), id('at'), id('gone')];
      await s.upsert('AuthorizationCode', code, { jti: code, grantId: 'g' }, 60);
      await s.upsert('Interaction', gone, { jti: gone }, 60);
      const use = { model: 'AuthorizationCode', id: code };
      assert.equal(await s.write([{ model: 'AccessToken', id: first, payload: { jti: first }, expiresInSeconds: 60 }], [], use), true);
      assert.deepEqual(await s.find('AccessToken', first), { jti: first });
      const consumed = (await s.find('AuthorizationCode', code))?.consumed;
      assert.ok(typeof consumed === 'number' && Math.abs(consumed - Date.now() / 1000) < 5, `consumed ${consumed}`);
      assert.equal(
        await s.write([{ model: 'AccessToken', id: second, payload: { jti: second }, expiresInSeconds: 60 }], [{ model: 'Interaction', id: gone }], use),
        false,
      );
      assert.equal(await s.find('AccessToken', second), undefined);
      assert.deepEqual(await s.find('Interaction', gone), { jti: gone }, 'the removal was not written either');
      assert.equal(await s.write([], [], { model: 'AuthorizationCode', id: id('unknown') }), false);
      assert.equal(await s.write([], []), true);
    });

    it('findByUid and findByUserCode follow the artefact: found while it lives, not after it is removed or given another uid', async () => {
      const s = store();
      const [session, device] = [id('session'), id('device')];
      await s.upsert('Session', session, { jti: session, uid: `uid-${session}` }, 60);
      await s.upsert('DeviceCode', device, { jti: device, userCode: `UC-${device}` }, 60);
      assert.deepEqual(await s.findByUid('Session', `uid-${session}`), { jti: session, uid: `uid-${session}` });
      assert.deepEqual(await s.findByUserCode('DeviceCode', `UC-${device}`), { jti: device, userCode: `UC-${device}` });
      assert.equal(await s.findByUid('Interaction', `uid-${session}`), undefined, 'another model');
      assert.equal(await s.findByUid('Session', id('no-uid')), undefined);
      await s.upsert('Session', session, { jti: session, uid: `new-${session}` }, 60);
      assert.equal(await s.findByUid('Session', `uid-${session}`), undefined, 'the old uid is forgotten');
      assert.equal((await s.findByUid('Session', `new-${session}`))?.jti, session);
      assert.equal(await s.consume('DeviceCode', device), true);
      assert.equal(typeof (await s.findByUserCode('DeviceCode', `UC-${device}`))?.consumed, 'number');
      await s.destroy('Session', session);
      await s.destroy('DeviceCode', device);
      assert.equal(await s.findByUid('Session', `new-${session}`), undefined);
      assert.equal(await s.findByUserCode('DeviceCode', `UC-${device}`), undefined);
      await s.destroy('Session', id('never-stored'));
    });

    it("sessionsOf: the account's live sessions only, and no longer one removed or now of another account", async () => {
      const s = store();
      const [alice, bob] = [id('alice'), id('bob')];
      const [one, two, other] = [id('s1'), id('s2'), id('s3')];
      await s.upsert('Session', one, { jti: one, uid: `u-${one}`, accountId: alice }, 60);
      await s.upsert('Session', two, { jti: two, uid: `u-${two}`, accountId: alice }, 60);
      await s.upsert('Session', other, { jti: other, uid: `u-${other}`, accountId: bob }, 60);
      await s.upsert('Grant', id('grant'), { jti: 'g', accountId: alice }, 60);
      const ids = async (account: string) => (await s.sessionsOf(account)).map((x) => x.id).sort();
      assert.deepEqual(await ids(alice), [one, two].sort());
      assert.deepEqual((await s.sessionsOf(bob))[0], { id: other, payload: { jti: other, uid: `u-${other}`, accountId: bob } });
      await s.destroy('Session', one);
      await s.upsert('Session', two, { jti: two, uid: `u-${two}`, accountId: bob }, 60);
      assert.deepEqual(await ids(alice), []);
      assert.deepEqual(await ids(bob), [two, other].sort());
      await s.write([{ model: 'Session', id: other, payload: { jti: other, accountId: bob }, expiresInSeconds: -1 }], []);
      assert.deepEqual(await ids(bob), [two], 'an expired session is not live');
      assert.deepEqual(await s.sessionsOf(id('nobody')), []);
    });

    it("revokeByGrantId removes one model's artefacts of the grant; revokeGrant all of them and the grant, nothing of other grants", async () => {
      const s = store();
      const [grant, other] = [id('grant'), id('other')];
      const [at, rt, code, keep] = [id('at'), id('rt'), id('code'), id('keep')];
      await s.upsert('Grant', grant, { jti: grant }, 60);
      await s.upsert('Grant', other, { jti: other }, 60);
      await s.upsert('AccessToken', at, { jti: at, grantId: grant }, 60);
      await s.upsert('RefreshToken', rt, { jti: rt, grantId: grant }, 60);
      await s.upsert('AuthorizationCode', code, { jti: code, grantId: grant }, 60);
      await s.upsert('AccessToken', keep, { jti: keep, grantId: other }, 60);
      await s.revokeByGrantId('AccessToken', grant);
      assert.equal(await s.find('AccessToken', at), undefined);
      assert.ok(await s.find('RefreshToken', rt));
      assert.ok(await s.find('AccessToken', keep));
      // Given to another grant since: revoking the first grant leaves it.
      await s.upsert('AuthorizationCode', code, { jti: code, grantId: other }, 60);
      await s.revokeGrant(grant);
      assert.equal(await s.find('RefreshToken', rt), undefined);
      assert.equal(await s.find('Grant', grant), undefined);
      assert.ok(await s.find('AuthorizationCode', code));
      assert.ok(await s.find('AccessToken', keep));
      assert.ok(await s.find('Grant', other));
      await s.revokeGrant(id('no-such-grant'));
    });
  });

  describe('unit of work of a request', () => {
    it("a request's writes are stored in one round trip when it ends, and its own reads see them before", async () => {
      const [grant, code, interaction] = [id('grant'), id('code'), id('interaction')];
      await store().upsert('Interaction', interaction, { jti: interaction }, 60);
      const grants = artefactAdapter('Grant', store());
      const codes = artefactAdapter('AuthorizationCode', store());
      const interactions = artefactAdapter('Interaction', store());
      let duringRequest = 0;
      const total = await statementsDuring(() =>
        inRequest(async () => {
          duringRequest = await statementsDuring(async () => {
            await grants.upsert(grant, { jti: grant, accountId: 'x' }, 60);
            await codes.upsert(code, { jti: code, grantId: grant }, 60);
            await interactions.destroy(interaction);
            assert.deepEqual(await grants.find(grant), { jti: grant, accountId: 'x' });
            assert.equal(await interactions.find(interaction), undefined);
          });
          // Nothing stored yet: another node would not find them (and nobody was told of them).
          assert.equal(await store().find('Grant', grant), undefined);
          assert.deepEqual(await store().find('Interaction', interaction), { jti: interaction });
        }),
      );
      assert.equal(duringRequest, 0);
      assert.equal(total, 3, 'two reads by the test, one write');
      assert.deepEqual(await store().find('AuthorizationCode', code), { jti: code, grantId: grant });
      assert.equal(await store().find('Interaction', interaction), undefined);
    });

    it("a code is used up in the request's one write; the same code at the same moment: one request wins, the other's tokens are never stored", async () => {
      const [grant, code] = [id('grant'), id('code')];
      const s = store();
      await s.upsert('Grant', grant, { jti: grant }, 60);
      await s.upsert('AuthorizationCode', code, { jti: code, grantId: grant }, 60);
      // Both requests have read the code unused before either uses it up.
      let read = 0;
      let bothRead!: () => void;
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      const tokens: string[] = [];
      const exchange = () =>
        inRequest(async () => {
          const codes = artefactAdapter('AuthorizationCode', store());
          assert.equal((await codes.find(code))?.consumed, undefined);
          if (++read === 2) bothRead();
          await barrier;
          await codes.consume(code);
          const token = id('at');
          tokens.push(token);
          await artefactAdapter('AccessToken', store()).upsert(token, { jti: token, grantId: grant }, 60);
        });
      let answers!: Awaited<ReturnType<typeof exchange>>[];
      const statements = await statementsDuring(async () => void (answers = await Promise.all([exchange(), exchange()])));
      const refused = answers.filter((a) => a.status === 400);
      assert.equal(refused.length, 1, 'one request loses');
      assert.deepEqual(refused[0]!.body, { error: 'invalid_grant', error_description: 'grant request is invalid' });
      assert.deepEqual(answers.find((a) => a.status === 200)!.body, { tokens: 'built' });
      // Each request: its read and its one write (the loser then looks up the grant and revokes it).
      assert.equal(statements, 2 + 2 + 2);
      const stored = await Promise.all(tokens.map((token) => s.find('AccessToken', token)));
      assert.equal(stored.filter(Boolean).length, 0, "the loser's token was never stored, the winner's went with the grant");
      assert.equal(await s.find('Grant', grant), undefined, 'the grant is revoked: a code used twice is a stolen code');
      assert.equal(await s.find('AuthorizationCode', code), undefined, 'revoked with its grant');
    });

    it('a code already used: the request that presents it later stores nothing and answers invalid_grant', async () => {
      const [grant, code, token] = [id('grant'), id('code'), id('at')];
      const s = store();
      await s.upsert('Grant', grant, { jti: grant }, 60);
      await s.upsert('AuthorizationCode', code, { jti: code, grantId: grant }, 60);
      assert.equal(await s.consume('AuthorizationCode', code), true);
      const answer = await inRequest(async () => {
        await artefactAdapter('AuthorizationCode', store()).consume(code);
        await artefactAdapter('AccessToken', store()).upsert(token, { jti: token, grantId: grant }, 60);
      });
      assert.equal(answer.status, 400);
      assert.equal(await s.find('AccessToken', token), undefined);
    });

    it('a token read in a request comes with its grant and session: the reads that follow need no round trip', async () => {
      const [grant, session, token] = [id('grant'), id('session'), id('rt')];
      const s = store();
      await s.upsert('Grant', grant, { jti: grant }, 60);
      await s.upsert('Session', session, { jti: session, uid: `uid-${session}` }, 60);
      await s.upsert('RefreshToken', token, { jti: token, grantId: grant, sessionUid: `uid-${session}` }, 60);
      await inRequest(async () => {
        const statements = await statementsDuring(async () => {
          assert.equal((await artefactAdapter('RefreshToken', store()).find(token))?.grantId, grant);
          assert.deepEqual(await artefactAdapter('Grant', store()).find(grant), { jti: grant });
          assert.equal((await artefactAdapter('Session', store()).findByUid(`uid-${session}`))?.jti, session);
        });
        assert.equal(statements, 1);
        // Read ahead once: a second read asks the store again.
        assert.equal(await statementsDuring(async () => void (await artefactAdapter('Grant', store()).find(grant))), 1);
      });
    });

    it('outside a request (interaction page, single logout) writes go straight to the store', async () => {
      const grant = id('grant');
      await artefactAdapter('Grant', store()).upsert(grant, { jti: grant }, 60);
      assert.deepEqual(await store().find('Grant', grant), { jti: grant });
    });
  });
}
