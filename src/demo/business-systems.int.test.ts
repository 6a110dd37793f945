/**
 * The demo business systems follow their ports (issue 15): started on OIDC_DEMO_PORT /
 * CAS_DEMO_PORT (examples/start.ts), the seed registers them there (entry URL, redirect,
 * post-logout and back-channel URIs, CAS service prefix), so the demo sign-in reaches a
 * platform that accepts it; on the old ports it is refused.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { startDemoSystems } from '../../examples/start.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { systemsStore } from '../sso/systems-store.ts';
import { DEFAULT_DEMO_URLS, DEMO_OIDC_CLIENT, seedBusinessSystems } from './business-systems.ts';

const t = testPlatformForFile();

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Where a URL answers with a redirect (not followed). */
async function redirectOf(url: string): Promise<{ status: number; location: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') ?? '' };
}

/** The demo's 登录 leads to the platform; the platform's answer to that request (status, and where it sends the browser). */
async function platformAnswerToDemoLogin(demoUrl: string, platformPath: string) {
  const demo = await redirectOf(`${demoUrl}/login`);
  assert.ok([302, 303].includes(demo.status), `the demo redirects to the platform, got ${demo.status}`);
  const target = new URL(demo.location, demoUrl);
  assert.equal(target.origin, new URL(t.baseUrl).origin);
  assert.equal(target.pathname, platformPath);
  return { target, answer: await redirectOf(target.href) };
}

const systems = () => systemsStore(t.platform.db, t.platform.cipher);

let closeDemos: (() => Promise<void>) | undefined;
after(async () => closeDemos?.());

describe('demo business systems on other ports', () => {
  it('are registered where they are started: the demo sign-ins reach the platform and are accepted', async () => {
    // Seeded as before, at the default ports.
    await seedBusinessSystems(t.platform);
    assert.equal((await systems().findByKey('hgr'))?.entryUrl, `${DEFAULT_DEMO_URLS.oidc}/login`);
    assert.equal((await systems().findByKey('tech-contract'))?.casServicePrefix, `${DEFAULT_DEMO_URLS.cas}/`);

    const env = { OIDC_DEMO_PORT: String(await freePort()), CAS_DEMO_PORT: String(await freePort()) };
    const demos = await startDemoSystems(t.baseUrl, env);
    closeDemos = demos.close;
    assert.deepEqual(demos.urls, { oidc: `http://localhost:${env.OIDC_DEMO_PORT}`, cas: `http://localhost:${env.CAS_DEMO_PORT}` });
    assert.ok(demos.lines.every((line) => !line.includes('未启动')), demos.lines.join('\n'));

    // Still registered at 4001/4002: the platform refuses the sign-ins the demos start.
    const refusedOidc = await platformAnswerToDemoLogin(demos.urls.oidc, '/oidc/auth');
    assert.equal(refusedOidc.target.searchParams.get('redirect_uri'), `${demos.urls.oidc}/callback`);
    assert.equal(refusedOidc.answer.status, 400, 'an unregistered redirect_uri');
    assert.equal((await platformAnswerToDemoLogin(demos.urls.cas, '/cas/login')).answer.status, 400, 'an unregistered service');

    await seedBusinessSystems(t.platform, demos.urls);
    const hgr = await systems().findByKey('hgr');
    assert.equal(hgr?.entryUrl, `${demos.urls.oidc}/login`);
    assert.deepEqual(hgr?.oidc, {
      clientId: DEMO_OIDC_CLIENT.clientId,
      clientSecret: DEMO_OIDC_CLIENT.secret,
      redirectUris: [`${demos.urls.oidc}/callback`],
      postLogoutRedirectUris: [`${demos.urls.oidc}/`],
      backchannelLogoutUri: `${demos.urls.oidc}/backchannel-logout`,
      idTokenSigning: 'RS256',
    });
    const cas = await systems().findByKey('tech-contract');
    assert.equal(cas?.casServicePrefix, `${demos.urls.cas}/`);
    assert.equal(cas?.entryUrl, `${demos.urls.cas}/login`);
    // Nothing else of theirs changed.
    assert.equal(hgr?.name, '人类遗传资源管理');
    assert.equal(hgr?.requiresGrant, true);
    assert.equal(hgr?.casServicePrefix, null);
    assert.equal(cas?.oidc, null);

    // Now the platform accepts both sign-ins at once (the sign-on cache is told): on to its login, never an error.
    for (const [demoUrl, path] of [
      [demos.urls.oidc, '/oidc/auth'],
      [demos.urls.cas, '/cas/login'],
    ] as const) {
      const { answer } = await platformAnswerToDemoLogin(demoUrl, path);
      assert.ok([302, 303].includes(answer.status), `${path} accepted, got ${answer.status}`);
      assert.equal(new URL(answer.location, t.baseUrl).origin, new URL(t.baseUrl).origin);
    }

    // Seeding again at the same place changes nothing; without URLs (tests), registered systems are left alone.
    await seedBusinessSystems(t.platform, demos.urls);
    await seedBusinessSystems(t.platform);
    assert.deepEqual(await systems().findByKey('hgr'), hgr);
    assert.deepEqual(await systems().findByKey('tech-contract'), cas);
  });

  it('a demo that cannot start (its port taken) is reported, and its configured port is where it is registered', async () => {
    const oidcPort = await freePort();
    const first = await startDemoSystems(t.baseUrl, { OIDC_DEMO_PORT: String(oidcPort), CAS_DEMO_PORT: '0' });
    try {
      const second = await startDemoSystems(t.baseUrl, { OIDC_DEMO_PORT: String(oidcPort), CAS_DEMO_PORT: '0' });
      try {
        assert.ok(second.lines.some((line) => line.includes('未启动')), second.lines.join('\n'));
        assert.equal(second.urls.oidc, `http://localhost:${oidcPort}`);
        assert.match(second.urls.cas, /^http:\/\/localhost:\d+$/);
        assert.notEqual(second.urls.cas, 'http://localhost:0', 'a started demo is registered where it listens');
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
