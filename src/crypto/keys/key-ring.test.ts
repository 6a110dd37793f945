import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { KeyRingError, currentKey, keyDocument, parseKeyDocument, parseKeyList } from './key-ring.ts';
import { readKeyFile } from './provider.ts';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

describe('key rings', () => {
  test('a list: the first entry is current, every entry readable', () => {
    const ring = parseKeyList(`2:${k2},1:${k1}`, 'PII_ENCRYPTION_KEYS');
    assert.equal(ring.current, 2);
    assert.equal(currentKey(ring).toString('base64'), k2);
    assert.equal(ring.keys.get(1)?.toString('base64'), k1);
  });

  test('a document round-trips; bad ones are refused naming the problem and the source, never a key', () => {
    const ring = parseKeyDocument({ current: 2, keys: { 1: k1, 2: k2 } }, 'KMS');
    assert.deepEqual(keyDocument(ring), { current: 2, keys: { 1: k1, 2: k2 } });
    for (const [document, pattern] of [
      [null, /KMS: expected/],
      [[], /KMS: expected/],
      [{ keys: { 1: k1 } }, /"current" must be a key version/],
      [{ current: 0, keys: { 1: k1 } }, /"current" must be a key version/],
      [{ current: 1.5, keys: { 1: k1 } }, /"current" must be a key version/],
      [{ current: 1 }, /"keys" must map/],
      [{ current: 2, keys: { 1: k1 } }, /current version 2 has no key/],
      [{ current: 1, keys: { 1: 12 } }, /must be a base64 string/],
      [{ current: 1, keys: { 1: 'c2hvcnQ=' } }, /32 bytes/],
      [{ current: 1, keys: { 1: `${k1}!` } }, /32 bytes/],
      [{ current: 1, keys: { 1: k1, abc: k2 } }, /a key version is a positive integer, not "abc"/],
    ] as const) {
      assert.throws(
        () => parseKeyDocument(document, 'KMS'),
        (error: unknown) => error instanceof KeyRingError && pattern.test(error.message) && !error.message.includes(k1) && !error.message.includes(k2),
        JSON.stringify(document),
      );
    }
  });

  test('a list with no version, a repeated version or a short key is refused', () => {
    for (const [list, pattern] of [
      ['', /expected <version>:<base64 key>/],
      [`:${k1}`, /without a version/],
      [`-1:${k1}`, /positive integer/],
      [`1:${k1},1:${k2}`, /given twice/],
      ['1:AAAA', /32 bytes/],
    ] as const) {
      assert.throws(() => parseKeyList(list, 'PII_ENCRYPTION_KEYS'), (error: unknown) => error instanceof KeyRingError && pattern.test(error.message), list);
    }
  });

  test('KEY_FILE: read and checked; missing or not JSON is refused by name', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'most-keyfile-'));
    try {
      const file = path.join(dir, 'keys.json');
      await writeFile(file, JSON.stringify({ current: 2, keys: { 1: k1, 2: k2 } }));
      assert.equal(readKeyFile(file).current, 2);
      await writeFile(file, '{not json');
      assert.throws(() => readKeyFile(file), /KEY_FILE: .* is not JSON/);
      assert.throws(() => readKeyFile(path.join(dir, 'absent.json')), /KEY_FILE: cannot read .*absent.json \(ENOENT\)/);
      await writeFile(file, JSON.stringify({ current: 3, keys: { 1: k1 } }));
      assert.throws(() => readKeyFile(file), /KEY_FILE: the current version 3 has no key/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
