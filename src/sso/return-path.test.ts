import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loginPathFor, safeReturnPath } from './return-path.ts';

describe('safeReturnPath: only a path of this site', () => {
  it('keeps a relative path starting with one slash, with its query', () => {
    assert.equal(safeReturnPath('/sso/interaction/abc'), '/sso/interaction/abc');
    assert.equal(safeReturnPath('/cas/login?service=https%3A%2F%2Fx.example.cn%2F'), '/cas/login?service=https%3A%2F%2Fx.example.cn%2F');
  });

  for (const bad of [null, undefined, '', 'sso/interaction/abc', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', '/x\n', 'javascript:alert(1)', ' /x']) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.equal(safeReturnPath(bad), undefined));
  }
});

describe('loginPathFor', () => {
  it('sends to /login with the way back, and force=1 to ask for a new login', () => {
    assert.equal(loginPathFor('/sso/interaction/a-b'), '/login?return=%2Fsso%2Finteraction%2Fa-b');
    assert.equal(loginPathFor('/sso/interaction/a', { force: true }), '/login?return=%2Fsso%2Finteraction%2Fa&force=1');
    const back = new URL(loginPathFor('/cas/login?service=x&renew=true'), 'http://h').searchParams.get('return');
    assert.equal(safeReturnPath(back), '/cas/login?service=x&renew=true');
  });
});
