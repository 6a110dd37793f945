/**
 * The provider's artefact store and the unit of work of a request (unit-of-work.ts): single
 * use decided by the store, several writes in one step, a token read with its grant and
 * session, and a request's writes stored before it answers, seen by its own reads meanwhile.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { postgresOidcStore, type OidcArtefactStore } from './store.ts';
import { artefactAdapter, requestArtefacts } from './unit-of-work.ts';

const t = testPlatformForFile();
let n = 0;
const id = (label: string) => `${label}-${++n}-${Date.now()}`;
const store = (): OidcArtefactStore => postgresOidcStore(t.db);

/** Runs `work` as the provider's middleware runs a request; resolves, with the answer, once the request's writes are stored. */
async function inRequest(work: () => Promise<void>): Promise<{ status: number; body: unknown }> {
  const answer = { status: 200, body: { tokens: 'built' } as unknown };
  await requestArtefacts(store())(answer, work);
  return answer;
}

/** Counts the statements the platform's database runs during `work`. */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const query = t.db.query;
  let count = 0;
  t.db.query = ((sql: string, params?: unknown[]) => {
    count++;
    return query.call(t.db, sql, params);
  }) as typeof t.db.query;
  try {
    await work();
  } finally {
    t.db.query = query;
  }
  return count;
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

  it('write: upserts and removals of several artefacts in one statement, lifetimes kept', async () => {
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

  it('findWithContext: the token with its live grant and the session it is bound to, in one statement', async () => {
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
});

describe('unit of work of a request', () => {
  it("a request's writes are stored in one statement when it ends, and its own reads see them before", async () => {
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

  it('a token read in a request comes with its grant and session: the reads that follow need no statement', async () => {
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
