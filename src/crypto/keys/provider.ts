import { readFileSync } from 'node:fs';
import { KeyRingError, currentKey, parseKeyDocument, type KeyRing } from './key-ring.ts';

/**
 * Where the personal-data keys come from (KEY_PROVIDER), read once at start and when
 * `npm run rotate-keys` starts; never logged:
 *  - env (default): PII_ENCRYPTION_KEYS="2:<base64>,1:<base64>" (first is current), or the single
 *    PII_ENCRYPTION_KEY (= version 1);
 *  - file: KEY_FILE, a JSON document {"current": 2, "keys": {"1": "<base64>", "2": "<base64>"}};
 *  - kms: GET {KMS_URL}/v1/keys with "Authorization: Bearer {KMS_SECRET}" answers that document
 *    (development without KMS_URL: the platform's own development KMS, dev-kms.ts).
 * The lookup-hash key (PII_LOOKUP_KEY) is not versioned: a lookup by hash during a rotation would
 * need both keys, so it stays one key from the environment.
 */
export type KeyProviderConfig =
  | { kind: 'env' }
  | { kind: 'file'; file: string }
  /** url undefined: development, the platform starts its own KMS on devPort with its keys in dataFile (src/main.ts). */
  | { kind: 'kms'; url: string | undefined; secret: string; devPort: number; dataFile: string };

export const KEY_PROVIDERS = ['env', 'file', 'kms'] as const;

export const KMS_KEYS_PATH = '/v1/keys';
const KMS_TIMEOUT_MS = 5000;

/** KEY_FILE, read and checked (synchronously: it is part of loading the configuration). */
export function readKeyFile(file: string): KeyRing {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyRingError(`KEY_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new KeyRingError(`KEY_FILE: ${file} is not JSON`);
  }
  return parseKeyDocument(document, 'KEY_FILE');
}

/** The KMS's keys; an unreachable KMS, a refused secret or a bad answer is a KeyRingError naming which. */
export async function fetchKmsKeyRing(url: string, secret: string): Promise<KeyRing> {
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/+$/, '')}${KMS_KEYS_PATH}`, {
      headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
      signal: AbortSignal.timeout(KMS_TIMEOUT_MS),
    });
  } catch (error) {
    throw new KeyRingError(`KMS_URL: the key service did not answer (${(error as Error).name})`);
  }
  if (response.status === 401 || response.status === 403) throw new KeyRingError(`KMS_SECRET: the key service refused it (HTTP ${response.status})`);
  if (!response.ok) throw new KeyRingError(`KMS_URL: the key service answered HTTP ${response.status}`);
  let document: unknown;
  try {
    document = await response.json();
  } catch {
    throw new KeyRingError('KMS_URL: the key service answered something other than JSON');
  }
  return parseKeyDocument(document, 'KMS');
}

/**
 * The keys a node works with: with KEY_PROVIDER=kms fetched now (the other providers were read with
 * the configuration). Called once at start (platform.ts) and by the commands (rotate-keys, crypto-suite).
 */
export async function resolveKeys(keys: { personalData: Buffer; lookup: Buffer; ring?: KeyRing }, provider: KeyProviderConfig): Promise<{ personalData: Buffer; lookup: Buffer; ring?: KeyRing }> {
  if (provider.kind !== 'kms') return keys;
  if (!provider.url) throw new KeyRingError('KMS_URL: not set (and no development KMS was started)');
  const ring = await fetchKmsKeyRing(provider.url, provider.secret);
  return { ...keys, ring, personalData: currentKey(ring) };
}
