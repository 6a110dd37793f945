/**
 * Claims read beside a code or refresh token (claimsSourceOfToken, unit-of-work.ts ReadBeside):
 * found through the token's account, taken only when they are the account asked for.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { claimsFor, claimsSourceOfToken } from './claims.ts';

const t = testPlatformForFile();
const NO_SYSTEM = { id: '', mobileAllowed: false, requiresGrant: false };

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

const person = () => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('claims') });

const tokenOf = async (accountId: unknown) => {
  const id = `rt-${Math.random().toString(36).slice(2)}`;
  await t.db.query(`insert into oidc_payloads (model, id, payload, expires_at) values ('RefreshToken', $1, $2, now() + interval '1 hour')`, [
    id,
    JSON.stringify({ jti: id, accountId }),
  ]);
  return id;
};

describe('claims read beside a token', () => {
  it("reads the claims' source of the account the token names; nothing for an unknown token", async () => {
    const me = await person();
    const source = await claimsSourceOfToken(t.db, 'RefreshToken', await tokenOf(me.accountId));
    assert.equal(source?.id, me.accountId);
    assert.equal(await claimsSourceOfToken(t.db, 'RefreshToken', 'no-such-token'), undefined);
    assert.equal(await claimsSourceOfToken(t.db, 'AuthorizationCode', await tokenOf(me.accountId)), undefined, 'another model, another token');
  });

  it("takes what was read ahead only when it is the account's; otherwise reads the account's own", async () => {
    const [me, other] = [await person(), await person()];
    const othersSource = claimsSourceOfToken(t.db, 'RefreshToken', await tokenOf(other.accountId));
    const claims = await claimsFor(t.platform, me.accountId, NO_SYSTEM, null, othersSource);
    assert.equal(claims?.sub, me.accountId);
    assert.equal((await claimsFor(t.platform, me.accountId, NO_SYSTEM, null, Promise.resolve(undefined)))?.sub, me.accountId);
  });

  it('a token naming no account refuses the read ahead (the token endpoint then reads the account itself)', async () => {
    await assert.rejects(claimsSourceOfToken(t.db, 'RefreshToken', await tokenOf('not-an-account')));
  });

  it('a disabled account read ahead has no claims', async () => {
    const me = await person();
    const token = await tokenOf(me.accountId);
    await t.db.query('update accounts set disabled = true where id = $1', [me.accountId]);
    assert.equal(await claimsFor(t.platform, me.accountId, NO_SYSTEM, null, claimsSourceOfToken(t.db, 'RefreshToken', token)), undefined);
  });
});
