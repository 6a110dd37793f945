/** The development national platform on its own: discovery, its login page's refusal, its control endpoint's checks. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_DATA_FILE } from '../../../realname/registry/server.ts';
import { createDevUpstream, type DevUpstream } from './server.ts';

let upstream: DevUpstream;
let url: string;

before(async () => {
  upstream = createDevUpstream({ dataFile: DEFAULT_DATA_FILE, clientId: 'c', clientSecret: 's'.repeat(32), allowControl: true });
  url = await upstream.listen(0);
  upstream.registerClient('http://127.0.0.1:1/api/federation/national/callback');
});
after(async () => {
  await upstream?.close();
});

const post = (path: string, body: unknown) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('development national platform', () => {
  it('publishes its discovery document with the identity scope and PKCE S256', async () => {
    const res = await fetch(`${url}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, url);
    assert.ok((doc.scopes_supported as string[]).includes('identity'));
    assert.ok((doc.claims_supported as string[]).includes('document_number'));
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
  });

  it('an unknown or expired interaction gets a Chinese page, not an error', async () => {
    const res = await fetch(`${url}/interaction/unknown-uid`);
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /<html lang="zh-CN">/);
    assert.match(text, /登录已过期/);
  });

  it('/control: bad input refused, an unknown person 404, a change listed and reset', async () => {
    assert.equal((await post('/control', {})).status, 400);
    assert.equal((await fetch(`${url}/control`, { method: 'POST', body: 'not json' })).status, 400);
    assert.equal((await post('/control', { loginName: 'nobody', documentNumber: 'X' })).status, 404);
    const changed = await post('/control', { loginName: 'gjzw01', documentNumber: '110108198005152010' });
    assert.equal(changed.status, 200);
    assert.deepEqual(await changed.json(), { gjzw01: { documentNumber: '110108198005152010' } });
    assert.deepEqual(await (await post('/control', { reset: true })).json(), {});
  });

  it('without allowControl there is no /control', async () => {
    const closed = createDevUpstream({ dataFile: DEFAULT_DATA_FILE, clientId: 'c', clientSecret: 's'.repeat(32) });
    const base = await closed.listen(0);
    closed.registerClient('http://127.0.0.1:1/cb');
    try {
      assert.equal((await fetch(`${base}/control`, { method: 'POST', body: '{"reset":true}' })).status, 404);
    } finally {
      await closed.close();
    }
  });
});
