/**
 * The development registry over HTTP, through the platform's adapter: answers for persons
 * and organisations, request signing, and the adapter's timeouts, retries and circuit
 * breaker against the registry's fault modes. Requests are counted on the server side.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckChar, residentIdCheckChar } from '../accounts/rules.ts';
import { RegistryUnavailableError, httpIdentityRegistry, type HttpRegistryOptions, type IdentityRegistry } from './registry-client.ts';
import { REGISTRY_PATHS, SIGNATURE_MAX_AGE_MS, signedHeaders, type PersonQuery } from './registry-protocol.ts';
import { DEFAULT_DATA_FILE, createRegistryServer, type FaultMode, type RegistryServer } from './registry/server.ts';

const SECRET = 'int-test-secret';
const CLIENT_ID = 'most-identity-test';

const zhangsan: PersonQuery = {
  name: '张三',
  documentType: 'resident_id',
  documentNumber: '11010519900307123' + residentIdCheckChar('11010519900307123'),
  validFrom: '2016-03-01',
  validTo: '2036-03-01',
  longTerm: false,
};
const company = {
  name: '北京示例科技有限公司',
  creditCode: '91110108MA01D3M7Q' + creditCodeCheckChar('91110108MA01D3M7Q'),
  legalPersonType: 'enterprise',
  legalRepresentative: { name: '李四', documentType: 'resident_id', documentNumber: '11010819800515201' + residentIdCheckChar('11010819800515201') },
} as const;

let dir: string;
let server: RegistryServer;
let url: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'registry-'));
  const dataFile = path.join(dir, 'registry.json');
  copyFileSync(DEFAULT_DATA_FILE, dataFile);
  server = createRegistryServer({ dataFile, secret: SECRET, allowControl: true });
  url = await server.listen(0, '127.0.0.1');
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await setMode('normal');
});

async function setMode(mode: FaultMode, delayMs?: number) {
  const res = await fetch(`${url}/control`, { method: 'POST', body: JSON.stringify({ mode, delayMs }) });
  assert.equal(res.status, 200);
}

/** Verify requests the registry has received so far, read through GET /control. */
async function requests(): Promise<number> {
  const res = await fetch(`${url}/control`);
  return ((await res.json()) as { verifyRequests: number }).verifyRequests;
}

function adapter(overrides: Partial<HttpRegistryOptions> = {}) {
  return httpIdentityRegistry({ url, clientId: CLIENT_ID, secret: SECRET, timeoutMs: 2_000, retries: 2, backoffMs: 10, ...overrides });
}

/** Asserts that work fails with RegistryUnavailableError of the given reason, and returns it. */
async function unavailable(work: Promise<unknown>, reason: string): Promise<RegistryUnavailableError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof RegistryUnavailableError, `expected RegistryUnavailableError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    assert.equal(error.code, 'REGISTRY_UNAVAILABLE');
    return error;
  }
  assert.fail('expected RegistryUnavailableError, got an answer');
}

describe('persons', () => {
  let registry: IdentityRegistry;
  before(() => {
    registry = adapter();
  });

  it('match, with a request id', async () => {
    const answer = await registry.verifyPerson(zhangsan);
    assert.equal(answer.result, 'match');
    assert.equal(answer.mismatched, undefined);
    assert.match(answer.requestId, /^[0-9a-f-]{36}$/);
  });

  it('match for a long-term document whose empty validTo the adapter leaves out', async () => {
    const lisi = { name: '李四', documentType: 'resident_id', documentNumber: '11010819800515201' + residentIdCheckChar('11010819800515201') } as const;
    assert.equal((await registry.verifyPerson({ ...lisi, validFrom: '2010-05-01', validTo: '', longTerm: true })).result, 'match');
  });

  it('match for a Hong Kong permit, letter case ignored', async () => {
    const answer = await registry.verifyPerson({ name: '陈嘉欣', documentType: 'hk_macau_resident_permit', documentNumber: 'h60028134' });
    assert.equal(answer.result, 'match');
  });

  it('mismatch on the name', async () => {
    const answer = await registry.verifyPerson({ ...zhangsan, name: '张山' });
    assert.equal(answer.result, 'mismatch');
    assert.deepEqual(answer.mismatched, ['name']);
  });

  it('mismatch on the validity dates', async () => {
    const answer = await registry.verifyPerson({ ...zhangsan, validFrom: '2016-03-02', validTo: '2036-03-02' });
    assert.deepEqual({ result: answer.result, mismatched: answer.mismatched }, { result: 'mismatch', mismatched: ['validFrom', 'validTo'] });
    const longTerm = await registry.verifyPerson({ ...zhangsan, validTo: undefined, longTerm: true });
    assert.deepEqual(longTerm.mismatched, ['validTo']);
  });

  it('not_found for an unknown document', async () => {
    const other = '11010519900307124' + residentIdCheckChar('11010519900307124');
    assert.equal((await registry.verifyPerson({ ...zhangsan, documentNumber: other })).result, 'not_found');
  });
});

describe('organisations', () => {
  let registry: IdentityRegistry;
  before(() => {
    registry = adapter();
  });

  it('match', async () => {
    assert.equal((await registry.verifyOrganization(company)).result, 'match');
  });

  it('mismatch on the name', async () => {
    const answer = await registry.verifyOrganization({ ...company, name: '北京示例科技股份有限公司' });
    assert.deepEqual({ result: answer.result, mismatched: answer.mismatched }, { result: 'mismatch', mismatched: ['name'] });
  });

  it('mismatch on the legal representative', async () => {
    const answer = await registry.verifyOrganization({ ...company, legalRepresentative: { ...company.legalRepresentative, name: '王五' } });
    assert.deepEqual(answer.mismatched, ['legalRepresentativeName']);
    const number = '11010819920620301' + residentIdCheckChar('11010819920620301');
    const other = await registry.verifyOrganization({ ...company, legalRepresentative: { ...company.legalRepresentative, documentNumber: number } });
    assert.deepEqual(other.mismatched, ['legalRepresentativeDocumentNumber']);
  });

  it('not_found for an unknown credit code', async () => {
    const code = '91110108MA01D3M8Q' + creditCodeCheckChar('91110108MA01D3M8Q');
    assert.equal((await registry.verifyOrganization({ ...company, creditCode: code })).result, 'not_found');
  });
});

describe('signed requests', () => {
  const body = JSON.stringify(zhangsan);
  const signed = (at = Date.now(), nonce?: string) =>
    signedHeaders({ clientId: CLIENT_ID, secret: SECRET }, { method: 'POST', path: REGISTRY_PATHS.verifyPerson, body }, at, nonce);

  async function post(headers: Record<string, string>, text = body) {
    const res = await fetch(url + REGISTRY_PATHS.verifyPerson, { method: 'POST', headers, body: text });
    return { status: res.status, body: (await res.json()) as { error?: string; result?: string } };
  }

  it('an unsigned request is refused with 401', async () => {
    assert.deepEqual(await post({}), { status: 401, body: { error: 'SIGNATURE_MISSING' } });
  });

  it('a badly signed request is refused with 401', async () => {
    const wrongKey = signedHeaders({ clientId: CLIENT_ID, secret: 'not-the-secret' }, { method: 'POST', path: REGISTRY_PATHS.verifyPerson, body }, Date.now());
    assert.deepEqual(await post(wrongKey), { status: 401, body: { error: 'SIGNATURE_INVALID' } });
    assert.deepEqual(await post(signed(), JSON.stringify({ ...zhangsan, name: '李四' })), { status: 401, body: { error: 'SIGNATURE_INVALID' } });
  });

  it('a replayed nonce is refused with 401', async () => {
    const headers = signed();
    assert.equal((await post(headers)).body.result, 'match');
    assert.deepEqual(await post(headers), { status: 401, body: { error: 'NONCE_REUSED' } });
  });

  it('a timestamp older than 5 minutes is refused with 401', async () => {
    assert.deepEqual(await post(signed(Date.now() - SIGNATURE_MAX_AGE_MS - 1_000)), { status: 401, body: { error: 'TIMESTAMP_STALE' } });
  });

  it('the adapter with the wrong secret gets 401 once: 4xx is not retried and does not trip the breaker', async () => {
    const registry = adapter({ secret: 'wrong', breaker: { failureThreshold: 1 } });
    const start = await requests();
    const error = await unavailable(registry.verifyPerson(zhangsan), 'rejected');
    assert.equal(error.status, 401);
    assert.equal(error.attempts, 1);
    assert.equal(await requests(), start + 1);
    assert.equal(registry.circuit.name, 'closed');
  });

  it('a request the registry cannot read gets 400 once', async () => {
    const registry = adapter();
    const start = await requests();
    const invalid = { ...zhangsan, documentType: 'foreign_passport' } as unknown as PersonQuery;
    const error = await unavailable(registry.verifyPerson(invalid), 'rejected');
    assert.equal(error.status, 400);
    assert.equal(await requests(), start + 1);
  });
});

describe('outages', () => {
  it('slow beyond the timeout: every attempt times out, then RegistryUnavailableError', async () => {
    await setMode('slow', 2_000);
    const registry = adapter({ timeoutMs: 150, retries: 2, backoffMs: 20 });
    const start = await requests();
    const error = await unavailable(registry.verifyPerson(zhangsan), 'timeout');
    assert.equal(error.attempts, 3);
    assert.equal(await requests(), start + 3);
  });

  it('slow within the timeout still answers', async () => {
    await setMode('slow', 50);
    assert.equal((await adapter({ timeoutMs: 1_000 }).verifyPerson(zhangsan)).result, 'match');
  });

  it('down: retries, opens the breaker, fails fast, then a trial after resetAfterMs closes it', async () => {
    // The breaker reads the adapter's clock: moved by hand, not waited for (it also dates the signatures, so it starts now).
    let clock = Date.now();
    const registry = adapter({ retries: 1, backoffMs: 10, breaker: { failureThreshold: 2, resetAfterMs: 30_000 }, now: () => clock });
    await setMode('down');
    const start = await requests();

    for (let call = 1; call <= 2; call++) {
      const error = await unavailable(registry.verifyPerson(zhangsan), 'server_error');
      assert.equal(error.status, 503);
      assert.equal(error.attempts, 2);
    }
    assert.equal(await requests(), start + 4, 'two calls, two attempts each');
    assert.equal(registry.circuit.name, 'open');

    const fast = await unavailable(registry.verifyOrganization(company), 'circuit_open');
    assert.equal(fast.attempts, 0);
    assert.equal(await requests(), start + 4, 'no request while open');

    clock += 29_999;
    await unavailable(registry.verifyPerson(zhangsan), 'circuit_open');
    assert.equal(await requests(), start + 4, 'still open 1 ms before resetAfterMs');
    clock += 1;
    await unavailable(registry.verifyPerson(zhangsan), 'server_error');
    assert.equal(await requests(), start + 6, 'the trial went out, with its retry');
    assert.equal(registry.circuit.name, 'open', 'a failed trial opens the circuit again');

    await setMode('normal');
    await unavailable(registry.verifyPerson(zhangsan), 'circuit_open');
    assert.equal(await requests(), start + 6);

    clock += 30_000;
    assert.equal((await registry.verifyPerson(zhangsan)).result, 'match');
    assert.equal(registry.circuit.name, 'closed');
    assert.equal(await requests(), start + 7);
  });

  it('nothing listening: network errors are retried, then RegistryUnavailableError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await unavailable(adapter({ url: `http://127.0.0.1:${port}` }).verifyPerson(zhangsan), 'network');
    assert.equal(error.attempts, 3);
  });
});

describe('the registry service', () => {
  it('answers /health unsigned', async () => {
    const res = await fetch(`${url}/health`);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('has no /control unless created with allowControl', async () => {
    const plain = createRegistryServer({ dataFile: DEFAULT_DATA_FILE, secret: SECRET });
    const plainUrl = await plain.listen(0);
    try {
      assert.equal((await fetch(`${plainUrl}/control`)).status, 404);
      assert.equal((await fetch(`${plainUrl}/control`, { method: 'POST', body: '{"mode":"down"}' })).status, 404);
      assert.equal(plain.status().mode, 'normal');
    } finally {
      await plain.close();
    }
  });
});
