/** The development KMS over HTTP, and the platform's KMS client (provider.ts) against it. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDevKms, type DevKms } from './dev-kms.ts';
import { KeyRingError } from './key-ring.ts';
import { fetchKmsKeyRing, resolveKeys } from './provider.ts';

const SECRET = 'kms-test-secret';

describe('development KMS', () => {
  let dir: string;
  let dataFile: string;
  let kms: DevKms;
  let url: string;
  const initialKey = randomBytes(32);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'most-kms-'));
    dataFile = path.join(dir, 'dev-kms.json');
    kms = createDevKms({ dataFile, secret: SECRET, initialKey });
    url = await kms.listen(0);
  });
  after(async () => {
    await kms.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('no secret or a wrong one gets 401 and no keys; the health check needs none', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: SECRET }, { authorization: 'Bearer ' }] as Record<string, string>[]) {
      const response = await fetch(`${url}/v1/keys`, { headers });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: 'unauthorized' });
    }
    assert.equal((await fetch(`${url}/v1/keys/rotate`, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await fetch(`${url}/health`)).status, 200);
    assert.equal((await fetch(`${url}/v1/other`, { headers: { authorization: `Bearer ${SECRET}` } })).status, 404);
    await assert.rejects(fetchKmsKeyRing(url, 'wrong'), (error: unknown) => error instanceof KeyRingError && /KMS_SECRET: the key service refused it \(HTTP 401\)/.test(error.message));
  });

  test('serves version 1 (the key so far), rotates to a new current version, keeps it in its data file and retires old versions', async () => {
    const first = await fetchKmsKeyRing(url, SECRET);
    assert.equal(first.current, 1);
    assert.ok(first.keys.get(1)?.equals(initialKey));
    assert.equal((await stat(dataFile)).mode & 0o777, 0o600);

    const rotated = await fetch(`${url}/v1/keys/rotate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
    assert.deepEqual(await rotated.json(), { current: 2 });
    const second = await fetchKmsKeyRing(url, SECRET);
    assert.equal(second.current, 2);
    assert.deepEqual([...second.keys.keys()].sort(), [1, 2]);
    assert.equal(second.keys.get(2)?.length, 32);
    assert.ok(!second.keys.get(2)!.equals(initialKey));

    // A restart reads the same keys from the data file (the initial key is only for a new file).
    const restarted = createDevKms({ dataFile, secret: SECRET, initialKey: randomBytes(32) });
    const restartedUrl = await restarted.listen(0);
    try {
      const again = await fetchKmsKeyRing(restartedUrl, SECRET);
      assert.ok(again.keys.get(2)?.equals(second.keys.get(2)!));
      assert.ok(again.keys.get(1)?.equals(initialKey));
    } finally {
      await restarted.close();
    }

    const retire = (body: string) => fetch(`${url}/v1/keys/retire`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body });
    assert.equal((await retire('{"version":2}')).status, 400, 'the current version cannot be retired');
    assert.equal((await retire('{"version":9}')).status, 400);
    assert.equal((await retire('not json')).status, 400);
    assert.deepEqual(await (await retire('{"version":1}')).json(), { current: 2, versions: [2] });
    const third = await fetchKmsKeyRing(url, SECRET);
    assert.deepEqual([...third.keys.keys()], [2]);
    assert.deepEqual(Object.keys((JSON.parse(await readFile(dataFile, 'utf8')) as { keys: object }).keys), ['2']);

    // What a node does at start with KEY_PROVIDER=kms: the current key and the ring from the KMS.
    const keys = await resolveKeys({ personalData: Buffer.alloc(0), lookup: randomBytes(32) }, { kind: 'kms', url, secret: SECRET, devPort: 0, dataFile });
    assert.equal(keys.ring?.current, 2);
    assert.ok(keys.personalData.equals(third.keys.get(2)!));
  });

  test('an unreachable KMS or one answering nonsense is a clear refusal', async () => {
    const closed = createDevKms({ dataFile: path.join(dir, 'other.json'), secret: SECRET });
    const closedUrl = await closed.listen(0);
    await closed.close();
    await assert.rejects(fetchKmsKeyRing(closedUrl, SECRET), /KMS_URL: the key service did not answer/);
    await assert.rejects(resolveKeys({ personalData: Buffer.alloc(0), lookup: randomBytes(32) }, { kind: 'kms', url: undefined, secret: SECRET, devPort: 0, dataFile }), /KMS_URL: not set/);
  });
});
