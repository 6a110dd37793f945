/**
 * Versioned data-encryption keys (issue 20.3): the current version encrypts, every version still in
 * the ring decrypts what was sealed under it. Versions are positive integers; every key is 32 bytes.
 *
 * Two spellings, both checked here and refused with a message naming the setting (never the key):
 *  - a list, PII_ENCRYPTION_KEYS="2:<base64>,1:<base64>": the FIRST entry is the current version;
 *  - a document (KEY_FILE, the KMS's answer): {"current": 2, "keys": {"1": "<base64>", "2": "<base64>"}}.
 */
export interface KeyRing {
  current: number;
  keys: ReadonlyMap<number, Buffer>;
}

export const KEY_BYTES = 32;
const MAX_VERSION = 999_999_999;

/** A key setting that cannot be used; the message names where it came from, never a key. */
export class KeyRingError extends Error {}

/** The one key of a platform without versions (PII_ENCRYPTION_KEY): version 1, which `v1:` values were sealed with. */
export function singleKeyRing(key: Buffer): KeyRing {
  return { current: 1, keys: new Map([[1, key]]) };
}

export function currentKey(ring: KeyRing): Buffer {
  return keyOf(ring, ring.current);
}

export function keyOf(ring: KeyRing, version: number): Buffer {
  const key = ring.keys.get(version);
  if (!key) throw new Error(`key version ${version} is not in the key provider`);
  return key;
}

/** "2:<base64>,1:<base64>" (the first is current). */
export function parseKeyList(text: string, source: string): KeyRing {
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.length === 0 || entries.some((entry) => entry === '')) throw new KeyRingError(`${source}: expected <version>:<base64 key>[,<version>:<base64 key>…], the current version first`);
  const keys = new Map<number, Buffer>();
  for (const entry of entries) {
    const at = entry.indexOf(':');
    if (at < 1) throw new KeyRingError(`${source}: expected <version>:<base64 key>, got an entry without a version`);
    const version = versionFrom(entry.slice(0, at), source);
    if (keys.has(version)) throw new KeyRingError(`${source}: key version ${version} given twice`);
    keys.set(version, keyFrom(entry.slice(at + 1), `${source} version ${version}`));
  }
  return { current: versionFrom(entries[0]!.slice(0, entries[0]!.indexOf(':')), source), keys };
}

/** {"current": n, "keys": {"<version>": "<base64>", …}} from a key file or the KMS. */
export function parseKeyDocument(document: unknown, source: string): KeyRing {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new KeyRingError(`${source}: expected {"current": <version>, "keys": {"<version>": "<base64 key>"}}`);
  const { current, keys } = document as { current?: unknown; keys?: unknown };
  if (typeof current !== 'number' || !Number.isInteger(current) || current < 1 || current > MAX_VERSION) throw new KeyRingError(`${source}: "current" must be a key version (a positive integer)`);
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) throw new KeyRingError(`${source}: "keys" must map key versions to base64 keys`);
  const ring = new Map<number, Buffer>();
  for (const [version, key] of Object.entries(keys)) {
    if (typeof key !== 'string') throw new KeyRingError(`${source}: key version ${version} must be a base64 string`);
    ring.set(versionFrom(version, source), keyFrom(key, `${source} version ${version}`));
  }
  if (!ring.has(current)) throw new KeyRingError(`${source}: the current version ${current} has no key`);
  return { current, keys: ring };
}

/** The document form of a ring (the development KMS's data file and answers). */
export function keyDocument(ring: KeyRing): { current: number; keys: Record<string, string> } {
  return { current: ring.current, keys: Object.fromEntries([...ring.keys].map(([version, key]) => [String(version), key.toString('base64')])) };
}

function versionFrom(text: string, source: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text.trim())) throw new KeyRingError(`${source}: a key version is a positive integer, not "${text.trim().slice(0, 12)}"`);
  return Number(text.trim());
}

function keyFrom(base64: string, source: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES) throw new KeyRingError(`${source}: a key must be ${KEY_BYTES} bytes encoded in base64`);
  return key;
}
