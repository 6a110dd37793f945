import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_ID_PATTERN, ROLE_CODE_PATTERN, SYSTEM_KEY_PATTERN, entryUrlBelongs, isCasPrefix, isRegistrableUrl, repeatedAt } from './system-rules.ts';

describe('registrable URLs', () => {
  it('absolute http(s) with a host only', () => {
    for (const ok of ['https://hgr.most.gov.cn/callback', 'http://localhost:4001/callback?x=1', 'http://10.1.2.3:8080/']) assert.ok(isRegistrableUrl(ok), ok);
    for (const bad of ['', '/callback', 'callback', 'javascript:alert(1)', 'ftp://a.cn/', 'file:///etc/passwd', 'https://a.cn/cb#frag', 'https://a.cn/c b', 'https://a.cn/\n', 'https://u:p@a.cn/', 'https://u@a.cn/', 'http://']) {
      assert.ok(!isRegistrableUrl(bad), bad);
    }
    assert.ok(!isRegistrableUrl(`https://a.cn/${'x'.repeat(500)}`), 'too long');
  });

  it('a CAS prefix ends with / and has no query', () => {
    assert.ok(isCasPrefix('http://localhost:4002/'));
    assert.ok(isCasPrefix('https://contract.most.gov.cn/cas/'));
    assert.ok(!isCasPrefix('https://contract.most.gov.cn/cas'));
    assert.ok(!isCasPrefix('https://contract.most.gov.cn/?a=/'));
    assert.ok(!isCasPrefix('javascript:x/'));
  });

  it('an entry URL belongs to a site of the system', () => {
    assert.ok(entryUrlBelongs('http://localhost:4001/login', ['http://localhost:4001/callback']));
    assert.ok(entryUrlBelongs('https://b.cn/start', ['https://a.cn/cb', 'https://b.cn/cas/']));
    assert.ok(!entryUrlBelongs('http://localhost:4002/login', ['http://localhost:4001/callback']), 'another port is another site');
    assert.ok(!entryUrlBelongs('https://a.cn.evil.cn/login', ['https://a.cn/cb']));
    assert.ok(!entryUrlBelongs('https://a.cn/login', []));
  });
});

describe('names', () => {
  it('system keys, client ids and role codes', () => {
    assert.ok(SYSTEM_KEY_PATTERN.test('tech-contract') && SYSTEM_KEY_PATTERN.test('hgr'));
    for (const bad of ['a', 'Tech', '-x', 'a_b', 'a b', 'x'.repeat(41)]) assert.ok(!SYSTEM_KEY_PATTERN.test(bad), bad);
    assert.ok(CLIENT_ID_PATTERN.test('hgr-demo') && CLIENT_ID_PATTERN.test('App.Client_1'));
    for (const bad of ['ab', 'a:b', 'a b', '.ab']) assert.ok(!CLIENT_ID_PATTERN.test(bad), bad);
    assert.ok(ROLE_CODE_PATTERN.test('item_handler'));
    for (const bad of ['Item', '1a', 'a', 'a-b']) assert.ok(!ROLE_CODE_PATTERN.test(bad), bad);
  });

  it('repeatedAt names the later copies', () => {
    assert.deepEqual(repeatedAt(['a', 'b', 'a', 'a']), [2, 3]);
    assert.deepEqual(repeatedAt([{ c: 1 }, { c: 2 }, { c: 1 }], (x) => String(x.c)), [2]);
    assert.deepEqual(repeatedAt([]), []);
  });
});
