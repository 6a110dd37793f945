import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SIGNATURE_MAX_AGE_MS, signRequest, signatureMatches, signedHeaders } from '../registry-protocol.ts';
import { requestAuthenticator } from './auth.ts';

const SECRET = 'test-secret';
const request = { method: 'POST', path: '/v1/persons/verify', body: '{"name":"张三"}' };

describe('signRequest', () => {
  it('is hex HMAC-SHA-256 over timestamp, nonce, method, path and body joined by newlines', () => {
    const expected = createHmac('sha256', SECRET).update('1700000000000\nn-1\nPOST\n/v1/persons/verify\n{"name":"张三"}').digest('hex');
    assert.equal(signRequest(SECRET, { timestamp: '1700000000000', nonce: 'n-1', ...request }), expected);
  });

  it('signatureMatches refuses another secret, another body and malformed signatures', () => {
    const parts = { timestamp: '1', nonce: 'n', ...request };
    const signature = signRequest(SECRET, parts);
    assert.equal(signatureMatches(SECRET, parts, signature), true);
    assert.equal(signatureMatches(SECRET, parts, signature.toUpperCase()), true);
    assert.equal(signatureMatches('other', parts, signature), false);
    assert.equal(signatureMatches(SECRET, { ...parts, body: '{}' }, signature), false);
    assert.equal(signatureMatches(SECRET, parts, 'zz'), false);
    assert.equal(signatureMatches(SECRET, parts, signature.slice(2)), false);
  });
});

describe('requestAuthenticator', () => {
  function setup(clientId?: string) {
    let t = 1_700_000_000_000;
    const authenticate = requestAuthenticator({ secret: SECRET, clientId, now: () => t });
    const signed = (at = t, nonce?: string, client = 'platform') => ({
      ...request,
      headers: signedHeaders({ clientId: client, secret: SECRET }, request, at, nonce),
    });
    return { authenticate, signed, advance: (ms: number) => void (t += ms), now: () => t };
  }

  it('accepts a well-signed request once, then refuses its nonce', () => {
    const { authenticate, signed } = setup();
    const req = signed();
    assert.deepEqual(authenticate(req), { ok: true, clientId: 'platform' });
    assert.deepEqual(authenticate(req), { ok: false, code: 'NONCE_REUSED' });
  });

  it('refuses missing headers, an unknown client and a wrong signature', () => {
    const { authenticate, signed } = setup('platform');
    const req = signed();
    assert.deepEqual(authenticate({ ...req, headers: {} }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.deepEqual(authenticate({ ...req, headers: { ...req.headers, 'x-nonce': '' } }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.deepEqual(authenticate(signed(undefined, undefined, 'someone')), { ok: false, code: 'UNKNOWN_CLIENT' });
    assert.deepEqual(authenticate({ ...req, body: '{"name":"李四"}' }), { ok: false, code: 'SIGNATURE_INVALID' });
    assert.deepEqual(authenticate({ ...req, path: '/v1/organizations/verify' }), { ok: false, code: 'SIGNATURE_INVALID' });
  });

  it('refuses timestamps more than 5 minutes old or ahead', () => {
    const { authenticate, signed, now } = setup();
    assert.equal(authenticate(signed(now() - SIGNATURE_MAX_AGE_MS)).ok, true);
    assert.deepEqual(authenticate(signed(now() - SIGNATURE_MAX_AGE_MS - 1)), { ok: false, code: 'TIMESTAMP_STALE' });
    assert.deepEqual(authenticate(signed(now() + SIGNATURE_MAX_AGE_MS + 1)), { ok: false, code: 'TIMESTAMP_STALE' });
  });

  it('a replay after the window is refused as stale, so forgetting old nonces is safe', () => {
    const { authenticate, signed, advance } = setup();
    const req = signed(undefined, 'nonce-1');
    assert.equal(authenticate(req).ok, true);
    advance(SIGNATURE_MAX_AGE_MS + 1);
    assert.equal(authenticate(signed(undefined, 'nonce-2')).ok, true, 'purges nonce-1');
    assert.deepEqual(authenticate(req), { ok: false, code: 'TIMESTAMP_STALE' });
  });
});
