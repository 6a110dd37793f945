import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LANDING, isServerPath, loginPathFor, returnPathFrom, returnTarget, safeReturnPath, withReturnPath } from './return-path.ts';

describe('safeReturnPath: only a page of this site', () => {
  for (const good of [
    '/sso/interaction/abc',
    '/sso/enter/hgr',
    '/cas/login?service=https%3A%2F%2Fx.example.cn%2F',
    '/cas/login?service=https%3A%2F%2Fx.example.cn%2F&renew=true',
    '/oidc/auth?client_id=a&redirect_uri=https%3A%2F%2Frp.example.cn%2Fcb',
    '/services/item/000106004000',
    '/services?category=innovation_services#top',
    '/',
  ]) {
    it(`keeps ${good}`, () => assert.equal(safeReturnPath(good), good));
  }

  it('keeps /cas/login with the longest service URL the CAS routes accept', () => {
    const back = `/cas/login?${new URLSearchParams({ service: `https://x.example.cn/${'a/'.repeat(2035)}`, renew: 'true' })}`;
    assert.equal(safeReturnPath(back), back);
  });

  it('answers the normalised path (dot segments resolved, spaces escaped)', () => {
    assert.equal(safeReturnPath('/services/../online/follows'), '/online/follows');
    assert.equal(safeReturnPath('/services?q=a b'), '/services?q=a%20b');
  });

  for (const bad of [
    null,
    undefined,
    '',
    'sso/interaction/abc',
    'https://evil.example/',
    'http:/evil.example',
    '//evil.example/x',
    '///evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/x\n',
    '/x\u0000',
    'javascript:alert(1)',
    '/javascript:alert(1)\\',
    ' /x',
    // Encoded tricks: whoever decodes the path once (or twice) must not find another host.
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '/%5Cevil.example',
    '/%5C%5Cevil.example',
    '/%252F%252Fevil.example',
    '/%09/evil.example',
    '/%0a',
    '/%25252525252F%25252525252Fevil.example',
    // Not pages, or the login page itself (a loop).
    '/api/me',
    '/api',
    '/dev/outbox.json',
    '/login',
    '/login?return=%2Fsso%2Fx',
    '/sso/../api/logout',
    `/${'a'.repeat(16_384)}`,
  ]) {
    it(`refuses ${JSON.stringify(bad)?.slice(0, 60)}`, () => assert.equal(safeReturnPath(bad), undefined));
  }

  it('keeps look-alikes of the refused prefixes', () => {
    assert.equal(safeReturnPath('/apix'), '/apix');
    assert.equal(safeReturnPath('/login-help'), '/login-help');
  });

  it('a malformed escape is no trick: kept as the browser would send it', () => {
    assert.equal(safeReturnPath('/services/item/100%'), '/services/item/100%');
  });
});

describe('returnPathFrom: ?return=, and ?next= for links already out there', () => {
  const from = (query: string) => returnPathFrom(new URLSearchParams(query));

  it('reads ?return=', () => assert.equal(from('return=%2Fsso%2Finteraction%2Fu1&force=1'), '/sso/interaction/u1'));
  it('reads the old ?next=', () => assert.equal(from('next=%2Fonline%2Ffollows'), '/online/follows'));
  it('prefers ?return= over ?next=', () => assert.equal(from('next=%2Fonline%2Ffollows&return=%2Fcas%2Flogin'), '/cas/login'));
  it('a hostile ?return= is not rescued by ?next=', () => assert.equal(from('return=%2F%2Fevil.example&next=%2Fonline%2Ffollows'), undefined));
  it('a hostile ?next= is refused too', () => assert.equal(from('next=https%3A%2F%2Fevil.example'), undefined));
  it('nothing, nothing', () => assert.equal(from('kind=legal'), undefined));
});

describe('returnTarget: server paths load the page, portal paths use the router', () => {
  it('sign-on and 办理入口 paths are the server’s', () => {
    for (const path of ['/sso/interaction/u1', '/sso/enter/hgr', '/cas/login?service=x', '/oidc/auth?x=1', '/cas']) {
      assert.equal(isServerPath(path), true, path);
      assert.deepEqual(returnTarget(path), { load: 'server', path });
    }
  });

  it('other pages are the portal’s, including look-alikes of server paths', () => {
    for (const path of ['/online/follows', '/services/item/000106004000', '/ssox', '/cascade', '/']) {
      assert.equal(isServerPath(path), false, path);
      assert.deepEqual(returnTarget(path), { load: 'portal', path });
    }
  });

  it('nothing, or something hostile, gives the fallback (我的信息 unless said otherwise)', () => {
    assert.deepEqual(returnTarget(undefined), { load: 'portal', path: DEFAULT_LANDING });
    assert.deepEqual(returnTarget('//evil.example/sso/x'), { load: 'portal', path: DEFAULT_LANDING });
    assert.deepEqual(returnTarget('https://evil.example/', '/'), { load: 'portal', path: '/' });
  });
});

describe('withReturnPath: a detour carries the way back on', () => {
  it('adds ?return= or &return=, before any fragment', () => {
    assert.equal(withReturnPath('/password/expired', '/sso/interaction/u1'), '/password/expired?return=%2Fsso%2Finteraction%2Fu1');
    assert.equal(withReturnPath('/login?kind=legal', '/cas/login?service=x'), '/login?kind=legal&return=%2Fcas%2Flogin%3Fservice%3Dx');
    assert.equal(withReturnPath('/register#top', '/sso/enter/hgr'), '/register?return=%2Fsso%2Fenter%2Fhgr#top');
  });

  it('leaves the path alone without a safe way back', () => {
    assert.equal(withReturnPath('/login?kind=legal', undefined), '/login?kind=legal');
    assert.equal(withReturnPath('/password/expired', '//evil.example'), '/password/expired');
  });

  it('round-trips through returnPathFrom', () => {
    const back = '/cas/login?service=https%3A%2F%2Fx.example.cn%2Fcb%3Fa%3D1%26b%3D2&renew=true';
    const url = new URL(withReturnPath('/register/natural', back), 'http://h');
    assert.equal(returnPathFrom(url.searchParams), back);
  });
});

describe('loginPathFor', () => {
  it('sends to /login with the way back, and force=1 to ask for a new login', () => {
    assert.equal(loginPathFor('/sso/interaction/a-b'), '/login?return=%2Fsso%2Finteraction%2Fa-b');
    assert.equal(loginPathFor('/sso/interaction/a', { force: true }), '/login?return=%2Fsso%2Finteraction%2Fa&force=1');
    const back = new URL(loginPathFor('/cas/login?service=x&renew=true'), 'http://h').searchParams.get('return');
    assert.equal(safeReturnPath(back), '/cas/login?service=x&renew=true');
  });

  it('opens the window of the kind of account asked for', () => {
    assert.equal(loginPathFor('/sso/enter/hgr', { force: true, kind: 'legal' }), '/login?return=%2Fsso%2Fenter%2Fhgr&force=1&kind=legal');
  });

  it('never puts an unsafe way back in the link (nor force, which only serves a way back)', () => {
    assert.equal(loginPathFor('//evil.example'), '/login');
    assert.equal(loginPathFor('/%2F%2Fevil.example', { force: true }), '/login');
    assert.equal(loginPathFor('https://evil.example/', { force: true, kind: 'legal' }), '/login?kind=legal');
  });
});
