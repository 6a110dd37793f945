/**
 * One contract for every object storage: local disk in a temporary directory, and S3 against a
 * real S3-compatible server in this process (test/support/s3-server.ts, which checks signatures).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startS3Server, type S3Server } from '../../../test/support/s3-server.ts';
import { localDiskStorage } from './local-disk.ts';
import type { ObjectStorage } from './object-storage.ts';
import { s3Storage } from './s3.ts';

const S3 = { region: 'cn-north-1', bucket: 'uploads-test', accessKeyId: 'TESTACCESSKEY', secretAccessKey: 'test-secret-key' };

const newKey = () => `uploads/${randomUUID()}`;

/** The tests every implementation must pass; `storage` is read when each test runs, after `before`. */
function storageContract(storage: () => ObjectStorage) {
  it('put then get returns the same bytes', async () => {
    const key = newKey();
    const bytes = randomBytes(5 * 1024);
    await storage().put(key, bytes);
    const read = await storage().get(key);
    assert.ok(read);
    assert.ok(read.equals(bytes));
  });

  it('put overwrites what was under the key', async () => {
    const key = newKey();
    await storage().put(key, randomBytes(1024));
    const second = randomBytes(2048);
    await storage().put(key, second);
    assert.ok((await storage().get(key))?.equals(second));
  });

  it('get of a missing key is undefined', async () => {
    assert.equal(await storage().get(newKey()), undefined);
  });

  it('delete then get is undefined', async () => {
    const key = newKey();
    await storage().put(key, randomBytes(1024));
    await storage().delete(key);
    assert.equal(await storage().get(key), undefined);
  });

  it('deleting a missing key does not throw', async () => {
    const key = newKey();
    await storage().delete(key);
    await storage().put(key, randomBytes(16));
    await storage().delete(key);
    await storage().delete(key);
  });

  it('an invalid key is refused by put, get and delete', async () => {
    for (const key of ['../etc/passwd', 'uploads/../../etc/passwd', '/etc/passwd', 'uploads/', 'UPLOADS/' + randomUUID()]) {
      await assert.rejects(storage().put(key, Buffer.from('x')), /invalid storage key/);
      await assert.rejects(storage().get(key), /invalid storage key/);
      await assert.rejects(storage().delete(key), /invalid storage key/);
    }
  });
}

describe('object storage: local disk', () => {
  let root: string;
  let storage: ObjectStorage;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'storage-test-'));
    storage = localDiskStorage(root);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  storageContract(() => storage);
});

describe('object storage: S3', () => {
  let server: S3Server;
  let storage: ObjectStorage;
  const s3StorageFor = (overrides: Partial<typeof S3> = {}) =>
    s3Storage({ ...S3, ...overrides, endpoint: server.endpoint, forcePathStyle: true });
  before(async () => {
    server = await startS3Server(S3);
    storage = s3StorageFor();
  });
  after(async () => {
    await server?.close();
  });

  storageContract(() => storage);

  it('a wrong secret key makes put reject, and nothing is stored', async () => {
    const key = newKey();
    const wrong = s3StorageFor({ secretAccessKey: 'not-the-secret' });
    await assert.rejects(wrong.put(key, randomBytes(1024)), { name: 'SignatureDoesNotMatch' });
    await assert.rejects(wrong.get(key), { name: 'SignatureDoesNotMatch' });
    assert.equal(await storage.get(key), undefined);
  });

  it('an unknown access key is refused', async () => {
    await assert.rejects(s3StorageFor({ accessKeyId: 'SOMEONEELSE' }).put(newKey(), randomBytes(16)), { name: 'InvalidAccessKeyId' });
  });

  it('a missing bucket fails instead of reading as a missing key', async () => {
    await assert.rejects(s3StorageFor({ bucket: 'no-such-bucket' }).get(newKey()), { name: 'NoSuchBucket' });
  });

  it('the test server refuses an unsigned request', async () => {
    const response = await fetch(`${server.endpoint}/${S3.bucket}/${newKey()}`);
    assert.equal(response.status, 403);
    assert.match(await response.text(), /<Code>AccessDenied<\/Code>/);
  });
});
