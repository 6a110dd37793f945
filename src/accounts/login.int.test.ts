/**
 * 自然人登录 / 法人登录 through the HTTP API: windows, one message for a wrong name or
 * password, captchas, progressive delay, account and IP locks that expire, disabled
 * accounts, session cookies and logout.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, type ApiResponse } from '../../test/support/client.ts';
import { legalRegistration, naturalRegistration, uniqueLoginName } from '../../test/support/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import type { Db } from '../platform/db.ts';
import { loginGuard } from './login-guard.ts';

const LOCKOUT = { accountThreshold: 3, ipThreshold: 6, lockMinutes: 15 };

let t: TestPlatform;
let db: Db;
let natural: { loginName: string; password: string; accountId: string };
let legal: { loginName: string; password: string; accountId: string; organizationName: string };

type Body = Record<string, any>;

before(async () => {
  // Secure cookies on: the test client does not enforce cookie attributes, so plain HTTP still works.
  t = await startTestPlatform({ lockout: LOCKOUT }, { COOKIE_SECURE: 'true' });
  db = t.platform.db;
  const client = new ApiClient(t.baseUrl);
  natural = await registerNatural(client, uniqueLoginName('Nat'));
  const body = legalRegistration() as Body;
  const smsCode = await client.smsCode(body.primaryAgent.mobile);
  const res = await client.post('/api/register/legal', { ...body, primaryAgent: { ...body.primaryAgent, smsCode } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  legal = { loginName: body.loginName, password: body.password, accountId: res.body.accountId, organizationName: body.organization.name };
});
after(async () => {
  await t?.close();
});
// Each test starts with no failure counters, waits or locks.
beforeEach(async () => {
  await db.query(`delete from kv where key like 'login%' or key like 'rl:%'`);
});

async function registerNatural(client: ApiClient, loginName: string) {
  const body = naturalRegistration({ loginName }) as Body;
  const smsCode = await client.smsCode(body.mobile);
  const res = await client.post('/api/register/natural', { ...body, smsCode });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { loginName: body.loginName as string, password: body.password as string, accountId: res.body.accountId as string };
}

function assertError(res: ApiResponse, status: number, code: string) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.code, code);
}

function sessionCookie(res: ApiResponse): string | undefined {
  return res.headers.getSetCookie().find((line) => line.startsWith('sid='));
}

/** Skips the progressive delay, as if its seconds had passed. */
async function skipWait() {
  await db.query(`delete from kv where key like 'loginwait:%'`);
}

describe('login windows', () => {
  it('a natural person logs in through 自然人登录 and gets a session', async () => {
    const client = new ApiClient(t.baseUrl);
    const res = await client.login('natural', natural.loginName, natural.password);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { kind: 'natural', loginName: natural.loginName, passwordChangeReason: null });
    const me = await client.get('/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.kind, 'natural');
    assert.equal(me.body.loginName, natural.loginName);
    assert.equal(me.body.passwordChangeReason, null);
  });

  it('a legal person logs in through 法人登录', async () => {
    const client = new ApiClient(t.baseUrl);
    const res = await client.login('legal', legal.loginName, legal.password);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.kind, 'legal');
    const me = await client.get('/api/me');
    assert.equal(me.body.kind, 'legal');
    assert.equal(me.body.displayName, legal.organizationName);
  });

  it('the wrong window with the right password names the right window, and opens no session', async () => {
    const client = new ApiClient(t.baseUrl);
    const legalInNatural = await client.login('natural', legal.loginName, legal.password);
    assertError(legalInNatural, 409, 'WRONG_WINDOW_LEGAL');
    assert.equal(legalInNatural.body.message, '该账号为法人账号，请使用法人登录');
    assert.equal(sessionCookie(legalInNatural), undefined);
    const naturalInLegal = await client.login('legal', natural.loginName, natural.password);
    assertError(naturalInLegal, 409, 'WRONG_WINDOW_NATURAL');
    assert.equal(naturalInLegal.body.message, '该账号为自然人账号，请使用自然人登录');
    assert.equal(sessionCookie(naturalInLegal), undefined);
    assertError(await client.get('/api/me'), 401, 'NOT_LOGGED_IN');
  });

  it('the wrong window with a wrong password says only 登录名或密码错误', async () => {
    const client = new ApiClient(t.baseUrl);
    const a = await client.login('natural', legal.loginName, 'Wrong-Passw0rd');
    assertError(a, 401, 'LOGIN_FAILED');
    assert.equal(a.body.message, '登录名或密码错误');
    assertError(await client.login('legal', natural.loginName, 'Wrong-Passw0rd'), 401, 'LOGIN_FAILED');
  });

  it('an unknown login name gets exactly the answer of a wrong password', async () => {
    const client = new ApiClient(t.baseUrl);
    const unknown = await client.login('natural', uniqueLoginName('nobody'), natural.password);
    const wrongPassword = await client.login('natural', natural.loginName, 'Wrong-Passw0rd');
    assertError(unknown, 401, 'LOGIN_FAILED');
    assert.equal(unknown.status, wrongPassword.status);
    assert.deepEqual(unknown.body, wrongPassword.body);
  });

  it('the login name is case-insensitive and trimmed', async () => {
    const client = new ApiClient(t.baseUrl);
    const res = await client.login('natural', ` ${natural.loginName.toUpperCase()} `, natural.password);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.loginName, natural.loginName);
    const lower = await new ApiClient(t.baseUrl).login('legal', legal.loginName.toLowerCase(), legal.password);
    assert.equal(lower.status, 200);
  });

  it('the password is case-sensitive', async () => {
    const client = new ApiClient(t.baseUrl);
    assertError(await client.login('natural', natural.loginName, natural.password.toLowerCase()), 401, 'LOGIN_FAILED');
  });
});

describe('captcha (验证码)', () => {
  it('a wrong answer is refused with CAPTCHA_WRONG before the password is checked', async () => {
    const client = new ApiClient(t.baseUrl);
    const { captchaId, captcha } = await client.captcha();
    const wrong = captcha === 'abcd' ? 'abce' : 'abcd';
    const res = await client.post('/api/login', { kind: 'natural', loginName: natural.loginName, password: natural.password, captchaId, captcha: wrong });
    assertError(res, 400, 'CAPTCHA_WRONG');
    assert.equal(res.body.message, '验证码错误');
    assert.equal(sessionCookie(res), undefined);
    // The captcha is spent by the wrong answer.
    const retry = await client.post('/api/login', { kind: 'natural', loginName: natural.loginName, password: natural.password, captchaId, captcha });
    assertError(retry, 400, 'CAPTCHA_WRONG');
  });

  it('an answer cannot be reused after a successful login', async () => {
    const client = new ApiClient(t.baseUrl);
    const answer = await client.captcha();
    const body = { kind: 'natural', loginName: natural.loginName, password: natural.password, ...answer };
    assert.equal((await client.post('/api/login', body)).status, 200);
    assertError(await client.post('/api/login', body), 400, 'CAPTCHA_WRONG');
  });

  it('the answer is not case-sensitive; an unknown captcha id is refused', async () => {
    const client = new ApiClient(t.baseUrl);
    const { captchaId, captcha } = await client.captcha();
    const ok = await client.post('/api/login', { kind: 'natural', loginName: natural.loginName, password: natural.password, captchaId, captcha: captcha.toUpperCase() });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const unknown = await client.post('/api/login', { kind: 'natural', loginName: natural.loginName, password: natural.password, captchaId: 'no-such-id', captcha: 'abcd' });
    assertError(unknown, 400, 'CAPTCHA_WRONG');
  });

  it('a new captcha is an SVG image with a fresh id (换一张)', async () => {
    const client = new ApiClient(t.baseUrl);
    const a = await client.get('/api/captcha');
    const b = await client.get('/api/captcha');
    assert.equal(a.status, 200);
    assert.match(a.body.svg, /^<svg/);
    assert.notEqual(a.body.id, b.body.id);
  });
});

describe('brute-force protection', () => {
  it('after the second consecutive failure the next attempt must wait (LOGIN_SLOW_DOWN), even with the right password', async () => {
    const client = new ApiClient(t.baseUrl);
    assertError(await client.login('natural', natural.loginName, 'Wrong-1-pass'), 401, 'LOGIN_FAILED');
    assertError(await client.login('natural', natural.loginName, 'Wrong-2-pass'), 401, 'LOGIN_FAILED');
    const slow = await client.login('natural', natural.loginName, natural.password);
    assertError(slow, 429, 'LOGIN_SLOW_DOWN');
    assert.match(slow.body.message, /\d+秒后再试/);
    await skipWait();
    // A success clears the failures: two more failures do not reach the threshold of 3.
    assert.equal((await client.login('natural', natural.loginName, natural.password)).status, 200);
    assertError(await client.login('natural', natural.loginName, 'Wrong-3-pass'), 401, 'LOGIN_FAILED');
    const afterOne = await client.login('natural', natural.loginName, natural.password);
    assert.equal(afterOne.status, 200, 'one failure imposes no wait');
  });

  it('the threshold of failures locks the account (LOGIN_LOCKED), even for the right password', async () => {
    const client = new ApiClient(t.baseUrl);
    for (let i = 1; i < LOCKOUT.accountThreshold; i++) {
      assertError(await client.login('natural', natural.loginName, `Wrong-${i}-pass`), 401, 'LOGIN_FAILED');
      await skipWait();
    }
    const locking = await client.login('natural', natural.loginName, 'Wrong-last-pass');
    assertError(locking, 429, 'LOGIN_LOCKED');
    assert.match(locking.body.message, /15分钟后再试/);
    await skipWait();
    const right = await client.login('natural', natural.loginName, natural.password);
    assertError(right, 429, 'LOGIN_LOCKED');
    assert.equal(sessionCookie(right), undefined);
    // Another spelling of the same name is the same account.
    assertError(await client.login('natural', natural.loginName.toUpperCase(), natural.password), 429, 'LOGIN_LOCKED');
    // Other accounts are not affected.
    assert.equal((await client.login('legal', legal.loginName, legal.password)).status, 200);

    const state = await loginGuard(t.platform.kv, LOCKOUT).lockState(natural.loginName.toLowerCase());
    assert.equal(state.locked, true);
    assert.ok(state.remainingMs > 14 * 60_000 && state.remainingMs <= 15 * 60_000, `remaining ${state.remainingMs}`);
  });

  it('a login name that does not exist locks the same way, with the same answers', async () => {
    const client = new ApiClient(t.baseUrl);
    const ghost = uniqueLoginName('ghost');
    const answers: ApiResponse[][] = [[], []];
    for (const [index, name] of [ghost, natural.loginName].entries()) {
      for (let i = 1; i <= LOCKOUT.accountThreshold + 1; i++) {
        answers[index]!.push(await client.login('natural', name, `Wrong-${i}-pass`));
        await skipWait();
      }
      await db.query(`delete from kv where key like 'loginfail:ip:%'`);
    }
    const summary = (list: ApiResponse[]) => list.map((r) => [r.status, r.body.code, r.body.message]);
    assert.deepEqual(summary(answers[0]!), summary(answers[1]!));
    assert.deepEqual(answers[0]!.map((r) => r.body.code), ['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_LOCKED', 'LOGIN_LOCKED']);
  });

  it('too many failures from one IP lock that IP, whatever the login name', async () => {
    const client = new ApiClient(t.baseUrl);
    for (let i = 1; i < LOCKOUT.ipThreshold; i++) {
      assertError(await client.login('natural', uniqueLoginName(`spray${i}`), 'Wrong-pass-1'), 401, 'LOGIN_FAILED');
    }
    assertError(await client.login('natural', uniqueLoginName('spray_last'), 'Wrong-pass-1'), 429, 'LOGIN_LOCKED');
    // No single name reached its threshold, yet a correct login from this IP is refused.
    assertError(await client.login('legal', legal.loginName, legal.password), 429, 'LOGIN_LOCKED');
    assertError(await client.login('natural', natural.loginName, natural.password), 429, 'LOGIN_LOCKED');
  });

  it('a lock expires by itself', async () => {
    const client = new ApiClient(t.baseUrl);
    for (let i = 1; i <= LOCKOUT.accountThreshold; i++) {
      await client.login('natural', natural.loginName, `Wrong-${i}-pass`);
      await skipWait();
    }
    assertError(await client.login('natural', natural.loginName, natural.password), 429, 'LOGIN_LOCKED');
    // The lock time passes: every login counter and lock of this name and IP has expired.
    await db.query(`update kv set expires_at = now() - interval '1 second' where key like 'login%'`);
    const res = await client.login('natural', natural.loginName, natural.password);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});

describe('disabled accounts', () => {
  it('a disabled account cannot log in (ACCOUNT_DISABLED) and its open sessions stop working', async () => {
    const client = new ApiClient(t.baseUrl);
    const account = await registerNatural(client, uniqueLoginName('disabled'));
    assert.equal((await client.login('natural', account.loginName, account.password)).status, 200);
    assert.equal((await client.get('/api/me')).status, 200);

    await db.query('update accounts set disabled = true where id = $1', [account.accountId]);
    const other = new ApiClient(t.baseUrl);
    const refused = await other.login('natural', account.loginName, account.password);
    assertError(refused, 403, 'ACCOUNT_DISABLED');
    assert.equal(sessionCookie(refused), undefined);
    // A wrong password still says only 登录名或密码错误.
    assertError(await other.login('natural', account.loginName, 'Wrong-Passw0rd'), 401, 'LOGIN_FAILED');
    assertError(await client.get('/api/me'), 401, 'NOT_LOGGED_IN');

    await db.query('update accounts set disabled = false where id = $1', [account.accountId]);
    assert.equal((await other.login('natural', account.loginName, account.password)).status, 200);
  });
});

describe('sessions', () => {
  it('the session cookie is HttpOnly, SameSite=Lax and Secure; the CSRF cookie is readable by the page but SameSite=Strict', async () => {
    const client = new ApiClient(t.baseUrl);
    const csrf = (await client.get('/api/csrf')).headers.getSetCookie().find((line) => line.startsWith('csrf_token='));
    assert.ok(csrf, 'csrf cookie set');
    assert.match(csrf, /;\s*SameSite=Strict/i);
    assert.match(csrf, /;\s*Secure/i);
    assert.doesNotMatch(csrf, /HttpOnly/i);

    const res = await client.login('natural', natural.loginName, natural.password);
    const sid = sessionCookie(res);
    assert.ok(sid, 'session cookie set');
    assert.match(sid, /;\s*HttpOnly/i);
    assert.match(sid, /;\s*SameSite=Lax/i);
    assert.match(sid, /;\s*Secure/i);
    assert.match(sid, /;\s*Path=\//i);
  });

  it('the database keeps only a hash of the session id', async () => {
    const client = new ApiClient(t.baseUrl);
    await client.login('natural', natural.loginName, natural.password);
    const sid = client.cookies.get('sid')!;
    const rows = await db.query<{ id_hash: string }>('select id_hash from sessions where account_id = $1', [natural.accountId]);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.id_hash !== sid && !r.id_hash.includes(sid)));
  });

  it('logout ends the session: the old cookie no longer works', async () => {
    const client = new ApiClient(t.baseUrl);
    await client.login('legal', legal.loginName, legal.password);
    const sid = client.cookies.get('sid')!;
    assert.equal((await client.get('/api/me')).status, 200);
    const sessionsBefore = await db.query('select 1 from sessions where account_id = $1', [legal.accountId]);

    const out = await client.post('/api/logout');
    assert.equal(out.status, 200);
    assert.deepEqual(out.body, { loggedOut: true });
    assert.match(sessionCookie(out) ?? '', /^sid=;/, 'the cookie is cleared');
    assertError(await client.get('/api/me'), 401, 'NOT_LOGGED_IN');

    const replay = new ApiClient(t.baseUrl);
    replay.cookies.set('sid', sid);
    assertError(await replay.get('/api/me'), 401, 'NOT_LOGGED_IN');
    assertError(await replay.get('/api/me/profile'), 401, 'NOT_LOGGED_IN');
    const sessionsAfter = await db.query('select 1 from sessions where account_id = $1', [legal.accountId]);
    assert.equal(sessionsAfter.length, sessionsBefore.length - 1);
  });

  it('a made-up session cookie is not a session', async () => {
    const client = new ApiClient(t.baseUrl);
    client.cookies.set('sid', 'forged-session-id');
    assertError(await client.get('/api/me'), 401, 'NOT_LOGGED_IN');
  });
});
