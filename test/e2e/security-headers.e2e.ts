/**
 * The Content-Security-Policy in Chromium: the portal, login (the captcha's data: image), back
 * office and a logged-in person's pages run without one violation, while an injected inline
 * script is refused (so the watch works); an OpenID Connect sign-in with response_mode=form_post
 * (the provider's inline auto-submit script) posts the code to the business system on another
 * origin, and RP-initiated logout's form ends at its post-logout redirect URI.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { browserSuiteForFile, button } from './support.ts';

const suite = browserSuiteForFile();

/** Every CSP violation a page reports, as the browser's console and its securitypolicyviolation event tell it. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI} at ${event.documentURI}`);
    });
  });
  return violations;
}

describe('Content-Security-Policy in the browser', () => {
  test('portal, login, registration, catalogue and back-office pages: no violation; an injected inline script is refused', async () => {
    const page = await suite.newPage();
    const violations = await watchViolations(page);
    for (const path of ['/', '/login', '/register/natural', '/services', '/password/recover/natural-appeal', '/admin']) {
      await page.goto(path);
      await page.locator('#root *').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.goto('/login');
    const captcha = page.locator('img[data-captcha-id]').first();
    await captcha.waitFor();
    assert.ok(await captcha.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the captcha image (data: URL) is shown');
    assert.deepEqual(violations, []);

    await page.addScriptTag({ content: 'window.injected = true' }).catch(() => {});
    assert.equal(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected), undefined, 'the inline script did not run');
    await page.waitForTimeout(200);
    assert.ok(violations.some((v) => /script-src/.test(v)), `the refusal was reported: ${violations.join('\n')}`);
    await page.context().close();
  });

  test("a logged-in person's pages (我的信息, upload, authorisations): no violation", async () => {
    const me = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('csp') });
    const page = await suite.newPage({ session: me.client });
    const violations = await watchViolations(page);
    for (const path of ['/online/my-info', '/online/my-info/upload/natural_person', '/online/follows', '/online/authorizations']) {
      await page.goto(path);
      await page.locator('#root *').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(violations, []);
    await page.context().close();
  });

  describe('a business system on another origin', () => {
    let rp: Server;
    let rpUrl: string;
    const received: Record<string, string>[] = [];
    let clientId: string;

    before(async () => {
      rp = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          if (request.method === 'POST' && request.url === '/callback') received.push(Object.fromEntries(new URLSearchParams(body)));
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>RP</title><p>业务系统 ${request.method} ${request.url}</p>`);
        });
      });
      await new Promise<void>((resolve) => rp.listen(0, 'localhost', resolve));
      const address = rp.address();
      rpUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
      clientId = `csp-client-${Date.now().toString(36)}`;
      await systemsStore(suite.platform.db, suite.platform.cipher).create({
        key: `csp-${Date.now().toString(36)}`,
        name: '内容安全策略测试系统',
        department: '测试司',
        audience: 'both',
        requiresVerification: false,
        requirements: [],
        requiresApproval: false,
        roles: [],
        oidc: { clientId, clientSecret: 'csp-secret-0123456789abcdef0123456789abcdef', redirectUris: [`${rpUrl}/callback`], postLogoutRedirectUris: [`${rpUrl}/`], backchannelLogoutUri: null },
        casServicePrefix: null,
        mobileAllowed: false,
        enabled: true,
      });
    });
    after(async () => {
      rp?.closeAllConnections();
      await new Promise((resolve) => rp?.close(resolve));
    });

    test('form_post delivers the code by its inline script, and RP-initiated logout lands at the post-logout URI', async () => {
      const me = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('csp') });
      const page = await suite.newPage({ session: me.client });
      const violations = await watchViolations(page);

      const query = new URLSearchParams({
        client_id: clientId,
        response_type: 'code',
        response_mode: 'form_post',
        scope: 'openid',
        redirect_uri: `${rpUrl}/callback`,
        state: 'csp-state',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      await page.goto(`/oidc/auth?${query}`);
      await page.waitForURL(`${rpUrl}/callback`);
      await page.getByText('业务系统 POST /callback').waitFor();
      assert.equal(received.length, 1);
      assert.equal(received[0]!.state, 'csp-state');
      assert.ok(received[0]!.code, 'the code arrived');

      const logout = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: `${rpUrl}/`, state: 'bye' });
      await page.goto(`/oidc/session/end?${logout}`);
      await button(page, '退出登录 Log out').click();
      await page.waitForURL(`${rpUrl}/?state=bye`);
      await page.getByText('业务系统 GET /?state=bye').waitFor();
      assert.deepEqual(violations, []);
      await page.context().close();
    });
  });
});
