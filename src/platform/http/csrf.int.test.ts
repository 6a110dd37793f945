/**
 * CSRF over the whole route table (app.routeList), not a list: every state-changing route
 * refuses a logged-in browser's request that lacks the X-CSRF-Token echo of its csrf_token
 * cookie, carries a wrong one, or comes from a foreign Origin. A route added tomorrow is in the
 * sweep without anyone listing it; one outside /api must be added to EXEMPT with its reason.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { createStaff, currentTotp } from '../../../test/support/staff.ts';

const t = testPlatformForFile();

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READING = new Set(['GET', 'HEAD']);

/**
 * Routes outside the double-submit check, each with its reason. Everything else that is not
 * GET/HEAD must refuse a request without the token.
 * - /oidc/*: oidc-provider's own endpoints, every method handed to it. The token, revocation
 *   and introspection endpoints are called server to server by business systems, which have no
 *   browser cookie to echo and authenticate with their client secret instead; the browser-facing
 *   ones (authorization, end-session confirmation) carry oidc-provider's own state / xsrf values
 *   (oidc.int.test.ts). The CAS server (/cas/*) has only GET routes, so it needs no entry here.
 */
const SYSTEM_API =
  'the system API (src/sso/system-api/): business systems call it server to server with a Bearer token of their own client; cookies count for nothing there, so a forged browser request carries no authority (authenticate.int.test.ts)';
const EXEMPT: Record<string, string> = {
  '/oidc/*': "oidc-provider's endpoints: business systems call token, revocation and introspection server to server with their client secret",
  '/system-api/v1/matters/:reference': SYSTEM_API,
  '/system-api/v1/results/:reference': SYSTEM_API,
  '/system-api/v1/organizations/:creditCode/holding': SYSTEM_API,
};

const SAMPLE_ID = '00000000-0000-0000-0000-000000000000';
/** The route's URL with every :parameter filled in: the check runs before the route's own. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, SAMPLE_ID);

/** Sends exactly these headers with the browser's cookies: no X-CSRF-Token unless given. */
async function send(browser: ApiClient, method: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(browser.baseUrl + path, {
    method,
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      ...(browser.cookies.size ? { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      ...headers,
    },
    body: '{}',
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code, text: text.slice(0, 200) };
}

function stateChangingRoutes() {
  return t.app.routeList.filter((r) => STATE_CHANGING.has(r.method) && !(r.url in EXEMPT));
}

describe('CSRF over every state-changing route of the route table', () => {
  /** A browser logged in as a natural person and, in the back office, as an admin: both session cookies. */
  let browser: ApiClient;

  before(async () => {
    ({ client: browser } = await registerAndLogIn(t.baseUrl, 'natural'));
    const staff = await createStaff(t.platform, ['admin', 'reviewer', 'operator']);
    const login = await browser.post('/api/admin/login', { loginName: staff.loginName, password: staff.password, totp: currentTotp(staff.totpSecret) });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.ok(browser.cookies.get('sid') && browser.cookies.get('staff_sid') && browser.cookies.get('csrf_token'));
  });

  it('the route table has the routes the sweep relies on; only the listed routes are exempt, each still registered', () => {
    const routes = t.app.routeList;
    assert.ok(stateChangingRoutes().length >= 40, `found ${stateChangingRoutes().length} state-changing routes`);
    for (const expected of ['POST /api/login', 'PUT /api/me/profile/natural-person', 'POST /api/admin/organizations/:id/disable', 'PUT /api/recovery/appeal-files']) {
      assert.ok(routes.some((r) => `${r.method} ${r.url}` === expected), `${expected} is in the route table`);
    }
    for (const url of Object.keys(EXEMPT)) assert.ok(routes.some((r) => r.url === url), `exempt ${url} is still registered (else drop it from EXEMPT)`);
    // Outside /api the check does not run (csrf.ts): such a route must be exempt on purpose.
    const unchecked = routes.filter((r) => !READING.has(r.method) && !r.url.startsWith('/api/') && !(r.url in EXEMPT));
    assert.deepEqual(unchecked.map((r) => `${r.method} ${r.url}`), [], 'state-changing routes outside /api must be listed in EXEMPT with a reason');
    // Methods other than GET/HEAD and the four state-changing ones appear only on exempt routes.
    const odd = routes.filter((r) => !READING.has(r.method) && !STATE_CHANGING.has(r.method) && !(r.url in EXEMPT));
    assert.deepEqual(odd.map((r) => `${r.method} ${r.url}`), []);
  });

  it('each refuses a missing token, a wrong one, a token without its cookie and a foreign Origin (403 CSRF_REJECTED)', async (test) => {
    const token = browser.cookies.get('csrf_token')!;
    const wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    const cookieless = new ApiClient(t.baseUrl);
    cookieless.cookies.set('sid', browser.cookies.get('sid')!);
    cookieless.cookies.set('staff_sid', browser.cookies.get('staff_sid')!);
    for (const route of stateChangingRoutes()) {
      const path = concrete(route.url);
      await test.test(`${route.method} ${route.url}`, async () => {
        const refusals = {
          'no X-CSRF-Token': await send(browser, route.method, path),
          'an empty X-CSRF-Token': await send(browser, route.method, path, { 'x-csrf-token': '' }),
          'a wrong X-CSRF-Token': await send(browser, route.method, path, { 'x-csrf-token': wrong }),
          'the token without its cookie': await send(cookieless, route.method, path, { 'x-csrf-token': token }),
          'a foreign Origin (right token)': await send(browser, route.method, path, { 'x-csrf-token': token, origin: 'https://evil.example' }),
          'Origin null (right token)': await send(browser, route.method, path, { 'x-csrf-token': token, origin: 'null' }),
        };
        for (const [what, res] of Object.entries(refusals)) {
          assert.deepEqual([res.status, res.code], [403, 'CSRF_REJECTED'], `${what}: ${res.status} ${res.text}`);
        }
      });
    }
    // Every refused logout left both sessions alive.
    assert.equal((await browser.get('/api/me')).status, 200);
    assert.equal((await browser.get('/api/admin/me')).status, 200);
  });

  it('each lets the same request through the check with the token (the refusal above is the token’s doing)', async (test) => {
    // A browser without a session: the routes answer 400 / 401 / 403 of their own, nothing is changed.
    const anonymous = new ApiClient(t.baseUrl);
    await anonymous.get('/api/csrf');
    const token = anonymous.cookies.get('csrf_token')!;
    for (const route of stateChangingRoutes()) {
      await test.test(`${route.method} ${route.url}`, async () => {
        const res = await send(anonymous, route.method, concrete(route.url), { 'x-csrf-token': token, origin: t.baseUrl });
        assert.notEqual(res.code, 'CSRF_REJECTED', `${res.status} ${res.text}`);
        assert.ok(res.status < 500, `${res.status} ${res.text}`);
      });
    }
  });
});
