/**
 * 二维码登录 (issue 16 items 2 and 3): every state of a request (pending, scanned, confirmed,
 * refused, expired, consumed), replay, the wrong browser, the phone without a session or with
 * someone else's scan, the entry rules (disabled, locked, pending password change) and bad input.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { loginNameKey } from '../../accounts/rules.ts';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { systemsStore } from '../../sso/systems-store.ts';
import { QR_BINDING_COOKIE } from './routes.ts';
import { COMPLETE_WINDOW_MS, LIMITS } from './rules.ts';
import { qrLoginService } from './service.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'login%'`);
});

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A waiting browser with a fresh code; its client holds the binding cookie. */
async function waitingBrowser() {
  const browser = new ApiClient(t.baseUrl);
  const created = await browser.request('POST', '/api/qr-login', {}, { 'user-agent': CHROME_WINDOWS });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { browser, id: created.body.id as string, created };
}

/** A phone: a natural person signed in through the API. */
async function phone() {
  const account = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('qr') });
  return { client: account.client, loginName: account.body.loginName as string, accountId: account.accountId };
}

const state = async (browser: ApiClient, id: string) => (await browser.get(`/api/qr-login/${id}`)).body.state as string;

function assertRefused(res: { status: number; body: any }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.code, code);
  assert.ok(typeof res.body.message === 'string' && /[\u4e00-\u9fff]/.test(res.body.message), 'a Chinese message');
}

describe('a QR login request, state by state', () => {
  it('pending: the code points at /m/scan on the public URL, bound to this browser by an HttpOnly SameSite cookie', async () => {
    const { browser, id, created } = await waitingBrowser();
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(created.body.scanUrl, `${t.baseUrl}/m/scan?r=${id}`);
    assert.equal(created.body.showScanLink, true, 'development shows the scan link');
    assert.ok(Date.parse(created.body.expiresAt) > Date.now());
    const cookie = created.headers.getSetCookie().find((line) => line.startsWith(`${QR_BINDING_COOKIE}=`));
    assert.ok(cookie, 'binding cookie set');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.match(cookie, /Path=\/api\/qr-login/);
    assert.equal(await state(browser, id), 'pending');
    // The cookie's secret is not what is stored: only its hash.
    const [row] = await t.db.query<{ value: string }>(`select value from kv where key = $1`, [`qr:req:${id}`]);
    assert.ok(row && !row.value.includes(browser.cookies.get(QR_BINDING_COOKIE)!));
  });

  it('production shows only the code: no scan link', async () => {
    t.platform.config.production = true;
    try {
      const created = await new ApiClient(t.baseUrl).post('/api/qr-login');
      assert.equal(created.status, 201);
      assert.equal(created.body.showScanLink, false);
    } finally {
      t.platform.config.production = false;
    }
  });

  it('scanned → confirmed → consumed: the waiting browser is logged in as the phone\'s person, once', async () => {
    const { browser, id } = await waitingBrowser();
    const me = await phone();
    const scanned = await me.client.post(`/api/qr-login/${id}/scan`);
    assert.equal(scanned.status, 200, JSON.stringify(scanned.body));
    assert.equal(scanned.body.state, 'scanned');
    assert.equal(scanned.body.browser, 'Chrome · Windows');
    assert.equal(scanned.body.origin, '127.0.*.*');
    assert.equal(scanned.body.site, new URL(t.baseUrl).host);
    assert.ok(Date.parse(scanned.body.requestedAt) <= Date.now());
    assert.equal(await state(browser, id), 'scanned');

    // Not yet confirmed: nothing to complete.
    assertRefused(await browser.post(`/api/qr-login/${id}/complete`), 409, 'QR_NOT_CONFIRMED');
    assert.equal((await browser.get('/api/me')).status, 401);

    const confirmed = await me.client.post(`/api/qr-login/${id}/confirm`);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.state, 'confirmed');
    assert.equal(await state(browser, id), 'confirmed');

    const done = await browser.post(`/api/qr-login/${id}/complete`);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(done.body, { kind: 'natural', loginName: me.loginName, passwordChangeReason: null });
    const who = await browser.get('/api/me');
    assert.equal(who.status, 200);
    assert.equal(who.body.loginName, me.loginName);
    assert.equal(await state(browser, id), 'consumed');

    // Replayed: the same browser, the same code, a second time.
    assertRefused(await browser.post(`/api/qr-login/${id}/complete`), 409, 'QR_USED');
    // The phone scanning the used code again.
    assertRefused(await me.client.post(`/api/qr-login/${id}/scan`), 409, 'QR_USED');
  });

  it('two completions racing (two tabs of one browser): exactly one logs in', async () => {
    const { browser, id } = await waitingBrowser();
    const me = await phone();
    assert.equal((await me.client.post(`/api/qr-login/${id}/scan`)).status, 200);
    assert.equal((await me.client.post(`/api/qr-login/${id}/confirm`)).status, 200);
    const twin = new ApiClient(t.baseUrl);
    for (const [name, value] of browser.cookies) twin.cookies.set(name, value);
    const answers = await Promise.all([browser.post(`/api/qr-login/${id}/complete`), twin.post(`/api/qr-login/${id}/complete`)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409]);
    assert.equal(answers.find((a) => a.status === 409)!.body.code, 'QR_USED');
  });

  it('refused: the waiting browser is told, cannot complete, and the phone cannot change its mind', async () => {
    const { browser, id } = await waitingBrowser();
    const me = await phone();
    assert.equal((await me.client.post(`/api/qr-login/${id}/scan`)).status, 200);
    const refused = await me.client.post(`/api/qr-login/${id}/refuse`);
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    assert.equal(refused.body.state, 'refused');
    assert.equal(await state(browser, id), 'refused');
    assertRefused(await browser.post(`/api/qr-login/${id}/complete`), 409, 'QR_REFUSED');
    assertRefused(await me.client.post(`/api/qr-login/${id}/confirm`), 409, 'QR_ALREADY_DECIDED');
    assert.equal((await browser.get('/api/me')).status, 401);
  });

  /** A waiting browser whose code lives only `ms` (the setting restored at once). */
  async function waitingBrowserFor(ms: number) {
    const ttl = t.platform.config.qrLoginTtlMs;
    t.platform.config.qrLoginTtlMs = ms;
    try {
      return await waitingBrowser();
    } finally {
      t.platform.config.qrLoginTtlMs = ttl;
    }
  }

  it('expired: the browser sees it, the phone is told 二维码已过期, nothing can be confirmed', async () => {
    const code = await waitingBrowserFor(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const me = await phone();
    assert.equal(await state(code.browser, code.id), 'expired');
    const scan = await me.client.post(`/api/qr-login/${code.id}/scan`);
    assertRefused(scan, 410, 'QR_EXPIRED');
    assert.match(scan.body.message, /二维码已过期/);
    assertRefused(await me.client.post(`/api/qr-login/${code.id}/confirm`), 410, 'QR_EXPIRED');
    assertRefused(await code.browser.post(`/api/qr-login/${code.id}/complete`), 410, 'QR_EXPIRED');
  });

  it('scanned, then expired before the phone confirms: refused as expired', async () => {
    const code = await waitingBrowserFor(1500);
    const me = await phone();
    assert.equal((await me.client.post(`/api/qr-login/${code.id}/scan`)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    assertRefused(await me.client.post(`/api/qr-login/${code.id}/confirm`), 410, 'QR_EXPIRED');
    assert.equal(await state(code.browser, code.id), 'expired');
  });
});

describe('time, on a clock of the test\'s own', () => {
  it('a confirmed request not completed within the completion window is expired, and its grant is not spent', async () => {
    let clock = Date.now();
    const service = qrLoginService(t.platform, () => clock);
    const me = await phone();
    const session = { idHash: 'test-phone-session', accountId: me.accountId, kind: 'natural' as const, loginName: me.loginName, passwordChangeRequired: false, loggedInAt: new Date() };
    const { id } = await service.create({ secret: 'S'.repeat(43), userAgent: undefined, ip: '10.0.0.1' });
    await service.scan(id, session);
    clock += t.platform.config.qrLoginTtlMs - 1;
    const confirmed = await service.decide(id, session, 'confirm');
    assert.equal(confirmed.state, 'confirmed', 'confirmed just in time');
    clock += COMPLETE_WINDOW_MS;
    assert.deepEqual(await service.status(id, 'S'.repeat(43)), { state: 'expired' });
    await assert.rejects(service.complete(id, 'S'.repeat(43), '10.0.0.1'), { code: 'QR_EXPIRED', status: 410 });
    await assert.rejects(service.complete(id, 'W'.repeat(43), '10.0.0.1'), { code: 'QR_WRONG_BROWSER', status: 403 });
  });
});

describe('the code is bound to the browser that showed it', () => {
  it('another browser (no binding cookie, or its own) can neither watch nor complete; the right one still can', async () => {
    const { browser, id } = await waitingBrowser();
    const me = await phone();
    assert.equal((await me.client.post(`/api/qr-login/${id}/scan`)).status, 200);
    assert.equal((await me.client.post(`/api/qr-login/${id}/confirm`)).status, 200);

    const stranger = new ApiClient(t.baseUrl);
    assertRefused(await stranger.get(`/api/qr-login/${id}`), 403, 'QR_WRONG_BROWSER');
    assertRefused(await stranger.post(`/api/qr-login/${id}/complete`), 403, 'QR_WRONG_BROWSER');
    // A photographer with a code of his own: his binding cookie is not this code's.
    const other = await waitingBrowser();
    assertRefused(await other.browser.post(`/api/qr-login/${id}/complete`), 403, 'QR_WRONG_BROWSER');
    // A made-up cookie of the right shape.
    const forger = new ApiClient(t.baseUrl);
    forger.cookies.set(QR_BINDING_COOKIE, 'A'.repeat(43));
    assertRefused(await forger.post(`/api/qr-login/${id}/complete`), 403, 'QR_WRONG_BROWSER');
    assert.equal((await stranger.get('/api/me')).status, 401);
    assert.equal((await other.browser.get('/api/me')).status, 401);

    assert.equal((await browser.post(`/api/qr-login/${id}/complete`)).status, 200);
  });

  it('one browser keeps one binding secret for its codes (two tabs each complete their own)', async () => {
    const { browser, id } = await waitingBrowser();
    const secret = browser.cookies.get(QR_BINDING_COOKIE);
    const second = await browser.post('/api/qr-login');
    assert.equal(second.status, 201);
    assert.equal(browser.cookies.get(QR_BINDING_COOKIE), secret);
    assert.equal(await state(browser, id), 'pending');
    assert.equal(await state(browser, second.body.id), 'pending');
  });
});

describe('the phone', () => {
  it('without a session: 401 for scan, confirm and refuse, and the request stays pending', async () => {
    const { browser, id } = await waitingBrowser();
    const anonymous = new ApiClient(t.baseUrl);
    for (const step of ['scan', 'confirm', 'refuse']) assertRefused(await anonymous.post(`/api/qr-login/${id}/${step}`), 401, 'NOT_LOGGED_IN');
    assert.equal(await state(browser, id), 'pending');
  });

  it('confirming before scanning is refused', async () => {
    const { id } = await waitingBrowser();
    const me = await phone();
    assertRefused(await me.client.post(`/api/qr-login/${id}/confirm`), 409, 'QR_NOT_SCANNED');
  });

  it('a second scan by another session is refused, and that session cannot decide; the first phone may reopen it', async () => {
    const { browser, id } = await waitingBrowser();
    const first = await phone();
    const second = await phone();
    assert.equal((await first.client.post(`/api/qr-login/${id}/scan`)).status, 200);
    assertRefused(await second.client.post(`/api/qr-login/${id}/scan`), 409, 'QR_ALREADY_SCANNED');
    assertRefused(await second.client.post(`/api/qr-login/${id}/confirm`), 409, 'QR_ALREADY_SCANNED');
    assertRefused(await second.client.post(`/api/qr-login/${id}/refuse`), 409, 'QR_ALREADY_SCANNED');
    const again = await first.client.post(`/api/qr-login/${id}/scan`);
    assert.equal(again.status, 200);
    assert.equal(again.body.state, 'scanned');
    assert.equal((await first.client.post(`/api/qr-login/${id}/confirm`)).status, 200);
    assertRefused(await first.client.post(`/api/qr-login/${id}/confirm`), 409, 'QR_ALREADY_DECIDED');
    const done = await browser.post(`/api/qr-login/${id}/complete`);
    assert.equal(done.body.loginName, first.loginName);
  });

  it('two phones scanning at once: one holds it', async () => {
    const { id } = await waitingBrowser();
    const [a, b] = await Promise.all([phone(), phone()]);
    const answers = await Promise.all([a.client.post(`/api/qr-login/${id}/scan`), b.client.post(`/api/qr-login/${id}/scan`)]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409]);
  });

  it('a session waiting for its password change cannot scan', async () => {
    const { browser, id } = await waitingBrowser();
    const pending = await registerAndLogInPending();
    assertRefused(await pending.post(`/api/qr-login/${id}/scan`), 403, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(await state(browser, id), 'pending');
  });

  it('CSRF applies to the phone\'s POSTs', async () => {
    const { id } = await waitingBrowser();
    const me = await phone();
    const forged = await me.client.request('POST', `/api/qr-login/${id}/scan`, {}, { 'x-csrf-token': 'forged' });
    assertRefused(forged, 403, 'CSRF_REJECTED');
  });
});

/** A natural person logged in with a one-time password pending (the session is flagged). */
async function registerAndLogInPending(): Promise<ApiClient> {
  const account = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('qrp') });
  await t.db.query('update accounts set must_change_password = true where id = $1', [account.accountId]);
  const client = new ApiClient(t.baseUrl);
  const login = await client.login('natural', account.body.loginName, account.body.password);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.passwordChangeReason, 'one_time');
  return client;
}

describe('the entry rules of every way in (issue 16.3)', () => {
  async function confirmedCode() {
    const code = await waitingBrowser();
    const me = await phone();
    assert.equal((await me.client.post(`/api/qr-login/${code.id}/scan`)).status, 200);
    assert.equal((await me.client.post(`/api/qr-login/${code.id}/confirm`)).status, 200);
    return { ...code, me };
  }

  it('a disabled account: its phone session ends, so it cannot scan', async () => {
    const { browser, id } = await waitingBrowser();
    const me = await phone();
    await t.db.query('update accounts set disabled = true where id = $1', [me.accountId]);
    assertRefused(await me.client.post(`/api/qr-login/${id}/scan`), 401, 'NOT_LOGGED_IN');
    assert.equal(await state(browser, id), 'pending');
  });

  it('disabled between confirmation and completion: 该账号已停用, no session', async () => {
    const { browser, id, me } = await confirmedCode();
    await t.db.query('update accounts set disabled = true where id = $1', [me.accountId]);
    assertRefused(await browser.post(`/api/qr-login/${id}/complete`), 403, 'ACCOUNT_DISABLED');
    assert.equal((await browser.get('/api/me')).status, 401);
  });

  it('a locked login name stays locked', async () => {
    const { browser, id, me } = await confirmedCode();
    await t.platform.kv.set(`loginlock:name:${loginNameKey(me.loginName)}`, '1', 60_000);
    assertRefused(await browser.post(`/api/qr-login/${id}/complete`), 429, 'LOGIN_LOCKED');
    assert.equal((await browser.get('/api/me')).status, 401);
  });

  it('a pending password change comes first: the session is flagged, as after a password login', async () => {
    const { browser, id, me } = await confirmedCode();
    await t.db.query('update accounts set must_change_password = true where id = $1', [me.accountId]);
    const done = await browser.post(`/api/qr-login/${id}/complete`);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.passwordChangeReason, 'one_time');
    assertRefused(await browser.get('/api/me/profile'), 403, 'PASSWORD_CHANGE_REQUIRED');
  });

  it('the session opened by QR goes through 办理入口 like any other', async () => {
    const { browser, id } = await confirmedCode();
    assert.equal((await browser.post(`/api/qr-login/${id}/complete`)).status, 200);
    const system = await systemsStore(t.platform.db, t.platform.cipher).create({
      key: `qr-entry-${Date.now()}`,
      name: '二维码登录测试系统',
      department: '测试司',
      audience: 'both',
      requiresVerification: false,
      requirements: [],
      requiresApproval: false,
      roles: [],
      oidc: null,
      casServicePrefix: null,
      mobileAllowed: false,
      enabled: true,
      entryUrl: 'http://127.0.0.1:4893/login',
    });
    const entered = await browser.get(`/sso/enter/${system.key}`);
    assert.equal(entered.status, 302);
    assert.match(entered.headers.get('location') ?? '', /^http:\/\/127\.0\.0\.1:4893\/login/);
  });
});

describe('bad input and abuse', () => {
  it('malformed ids are 400 QR_ID_INVALID, unknown ones 404 QR_NOT_FOUND, never 500', async () => {
    const { browser } = await waitingBrowser();
    const me = await phone();
    const malformed = ['abc', 'A'.repeat(23), 'A'.repeat(90), '%3Cscript%3E', "'%20or%201=1--", '..%2F..%2Fetc'];
    for (const id of malformed) {
      assertRefused(await browser.get(`/api/qr-login/${id}`), 400, 'QR_ID_INVALID');
      assertRefused(await browser.post(`/api/qr-login/${id}/complete`), 400, 'QR_ID_INVALID');
      for (const step of ['scan', 'confirm', 'refuse']) assertRefused(await me.client.post(`/api/qr-login/${id}/${step}`), 400, 'QR_ID_INVALID');
    }
    // Past Fastify's parameter length (100) the framework itself refuses the path: still no 500.
    const huge = await me.client.post(`/api/qr-login/${'A'.repeat(400)}/scan`);
    assert.ok(huge.status >= 400 && huge.status < 500, String(huge.status));
    const unknown = 'B'.repeat(22);
    assertRefused(await browser.get(`/api/qr-login/${unknown}`), 404, 'QR_NOT_FOUND');
    assertRefused(await browser.post(`/api/qr-login/${unknown}/complete`), 404, 'QR_NOT_FOUND');
    assertRefused(await me.client.post(`/api/qr-login/${unknown}/scan`), 404, 'QR_NOT_FOUND');
  });

  it('a body on create is ignored; creation is rate limited per IP', async () => {
    const browser = new ApiClient(t.baseUrl);
    const odd = await browser.post('/api/qr-login', { id: 'mine', state: 'confirmed' });
    assert.equal(odd.status, 201);
    assert.notEqual(odd.body.id, 'mine');
    for (let i = 1; i < LIMITS.create.max; i += 1) assert.equal((await browser.post('/api/qr-login')).status, 201);
    assertRefused(await browser.post('/api/qr-login'), 429, 'RATE_LIMITED');
  });
});
