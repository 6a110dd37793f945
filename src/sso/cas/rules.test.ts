import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CAS_LIMITS,
  flagSet,
  isServiceUrl,
  loggedInSinceAsked,
  loginReturnPath,
  loginStep,
  looksLikeServiceTicket,
  newServiceTicket,
  prefixCovers,
  withTicket,
  type LoginRequest,
} from './rules.ts';

describe('service tickets', () => {
  it('start with ST-, are 32 characters of [A-Za-z0-9-] (spec §3.1, §3.7) and carry well over 128 random bits', () => {
    const tickets = new Set(Array.from({ length: 1000 }, newServiceTicket));
    assert.equal(tickets.size, 1000);
    for (const ticket of tickets) {
      assert.match(ticket, /^ST-[A-Za-z0-9]{29}$/);
      assert.equal(ticket.length, CAS_LIMITS.ticketLength);
      assert.ok(looksLikeServiceTicket(ticket));
    }
    assert.ok(29 * Math.log2(62) > 128);
  });

  it('anything else is not looked up', () => {
    for (const value of ['', 'ST-', 'PT-' + 'a'.repeat(29), 'ST-' + 'a'.repeat(28), 'ST-' + 'a'.repeat(28) + '_', 'ST-' + 'a'.repeat(30)]) {
      assert.equal(looksLikeServiceTicket(value), false, value);
    }
  });
});

describe('service URLs', () => {
  it('only absolute http(s) URLs without whitespace or control characters', () => {
    assert.ok(isServiceUrl('https://tech.example.cn/cas?x=1'));
    assert.ok(isServiceUrl('http://localhost:4002/'));
    for (const bad of ['/relative', 'javascript:alert(1)', 'ftp://a.cn/', 'http://a.cn/\r\nSet-Cookie: x', 'http://a.cn/ x', 'not a url']) {
      assert.equal(isServiceUrl(bad), false, bad);
    }
  });

  it('a prefix covers a service only on its own origin', () => {
    assert.ok(prefixCovers('http://localhost:4002/', 'http://localhost:4002/cas/callback'));
    assert.equal(prefixCovers('http://a.cn', 'http://a.cn.evil.example/'), false);
    assert.equal(prefixCovers('http://a.cn', 'http://a.cn@evil.example/'), false);
    assert.equal(prefixCovers('http://a.cn/app/', 'http://a.cn/other/'), false);
  });

  it('the ticket is appended with ? or &, before any fragment', () => {
    assert.equal(withTicket('http://a.cn/app', 'ST-1'), 'http://a.cn/app?ticket=ST-1');
    assert.equal(withTicket('http://a.cn/app?x=1', 'ST-1'), 'http://a.cn/app?x=1&ticket=ST-1');
    assert.equal(withTicket('http://a.cn/app?x=1#top', 'ST-1'), 'http://a.cn/app?x=1&ticket=ST-1#top');
  });
});

describe('renew and gateway', () => {
  it('are set by any value but an explicit false', () => {
    assert.equal(flagSet(undefined), false);
    assert.equal(flagSet('false'), false);
    assert.equal(flagSet('0'), false);
    for (const value of ['true', '', '1', 'yes']) assert.equal(flagSet(value), true, value);
  });

  it('the way back from the login page is a relative /cas/login URL keeping renew', () => {
    assert.equal(loginReturnPath('/cas/login', 'http://a.cn/?x=1&y=2', false), '/cas/login?service=http%3A%2F%2Fa.cn%2F%3Fx%3D1%26y%3D2');
    assert.equal(loginReturnPath('/cas/login', 'http://a.cn/', true), '/cas/login?service=http%3A%2F%2Fa.cn%2F&renew=true');
  });
});

describe('a login since /cas/login asked for one', () => {
  const asked = { service: 'http://a.cn/', priorSession: 'old' };
  it('is a different session than the browser had, for the same service', () => {
    assert.ok(loggedInSinceAsked(asked, 'http://a.cn/', 'new'));
    assert.ok(loggedInSinceAsked({ ...asked, priorSession: null }, 'http://a.cn/', 'new'));
  });
  it('not the old session, another service, no session, or no question', () => {
    assert.equal(loggedInSinceAsked(asked, 'http://a.cn/', 'old'), false);
    assert.equal(loggedInSinceAsked(asked, 'http://b.cn/', 'new'), false);
    assert.equal(loggedInSinceAsked(asked, 'http://a.cn/', undefined), false);
    assert.equal(loggedInSinceAsked(undefined, 'http://a.cn/', 'new'), false);
  });
});

describe('what /cas/login does', () => {
  const base: LoginRequest = { service: 'http://a.cn/', registered: true, renew: false, gateway: false, signedIn: true, passwordChangePending: false, freshLogin: false };
  const pending = { signedIn: false, passwordChangePending: true };
  const cases: [string, Partial<LoginRequest>, ReturnType<typeof loginStep>][] = [
    ['no service: the portal', { service: undefined }, { kind: 'portal_home' }],
    ['unregistered service: refused even when signed in', { registered: false }, { kind: 'unregistered_service' }],
    ['signed in: a ticket from the session', {}, { kind: 'issue_ticket', fromNewLogin: false }],
    ['signed in right after logging in: a ticket from a new login', { freshLogin: true }, { kind: 'issue_ticket', fromNewLogin: true }],
    ['not signed in: our login page', { signedIn: false }, { kind: 'log_in', force: false }],
    ['not signed in, gateway: back without a ticket', { signedIn: false, gateway: true }, { kind: 'back_without_ticket' }],
    ['signed in, gateway: a ticket', { gateway: true }, { kind: 'issue_ticket', fromNewLogin: false }],
    ['renew while signed in: a forced login', { renew: true }, { kind: 'log_in', force: true }],
    ['renew after the forced login: a ticket from a new login', { renew: true, freshLogin: true }, { kind: 'issue_ticket', fromNewLogin: true }],
    ['renew and gateway: gateway ignored', { renew: true, gateway: true, signedIn: false }, { kind: 'log_in', force: true }],
    // Issue 14.13: logged in with a password change pending: the change page, not the login form.
    ['password change pending: the change page', pending, { kind: 'change_password' }],
    ['password change pending, gateway: back without a ticket (gateway shows no page)', { ...pending, gateway: true }, { kind: 'back_without_ticket' }],
    ['password change pending, renew: the forced login first', { ...pending, renew: true }, { kind: 'log_in', force: true }],
  ];
  for (const [label, change, expected] of cases) {
    it(label, () => assert.deepEqual(loginStep({ ...base, ...change }), expected));
  }
});
