/**
 * Legacy password hashes: the schemes the old systems used, checking a hash's
 * shape, verifying a password against it, and the string a migrated account
 * stores until its first successful login replaces it with argon2id (SPEC §8).
 *
 * A scheme is named `<algorithm>[-salt-prefix|-salt-suffix]`:
 * - `md5`, `sha1`, `sha256`, `sm3`: hex digest of the UTF-8 password;
 * - `…-salt-prefix`: digest of salt + password; `…-salt-suffix`: of password + salt
 *   (the salt is the text from the export, concatenated as UTF-8);
 * - `md5-md5-salt-suffix`: md5(md5hex(password) + salt) (UCenter/Discuz style);
 * - `bcrypt`: a modular-crypt string `$2a$`, `$2b$` or `$2y$` (salt inside the hash).
 * Hex digests are accepted in either case and compared as bytes, in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

export const HASH_SCHEMES = [
  'md5',
  'md5-salt-prefix',
  'md5-salt-suffix',
  'md5-md5-salt-suffix',
  'sha1',
  'sha1-salt-prefix',
  'sha1-salt-suffix',
  'sha256',
  'sha256-salt-prefix',
  'sha256-salt-suffix',
  'sm3',
  'sm3-salt-prefix',
  'sm3-salt-suffix',
  'bcrypt',
] as const;

export type HashScheme = (typeof HASH_SCHEMES)[number];

/** A legacy hash as exported: scheme, salt ('' when the scheme has none) and the hash itself. */
export interface LegacyHash {
  scheme: HashScheme;
  salt: string;
  hash: string;
}

type Digest = 'md5' | 'sha1' | 'sha256' | 'sm3';

const DIGEST_HEX_LENGTH: Record<Digest, number> = { md5: 32, sha1: 40, sha256: 64, sm3: 64 };

/** bcrypt modular-crypt format: version, two-digit cost, 22 + 31 characters of bcrypt base64. */
const BCRYPT_RE = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;

/** Prefix of a stored legacy hash in `accounts.password_hash` (argon2id hashes start with `$argon2id$`). */
export const STORED_LEGACY_PREFIX = 'legacy:';

export function isHashScheme(value: unknown): value is HashScheme {
  return (HASH_SCHEMES as readonly unknown[]).includes(value);
}

/** True for the schemes that need the exported salt. */
export function schemeUsesSalt(scheme: HashScheme): boolean {
  return scheme.includes('-salt-');
}

function digestOf(scheme: Exclude<HashScheme, 'bcrypt'>): Digest {
  return scheme.split('-')[0] as Digest;
}

/** Node's OpenSSL has SM3 too (legacy/sm3.test.ts checks it against the standard's vectors). */
function digest(algorithm: Digest, text: string): Buffer {
  return createHash(algorithm).update(text, 'utf8').digest();
}

/** The digest a hex scheme computes for `password` with `salt` (bytes). */
function schemeDigest(scheme: Exclude<HashScheme, 'bcrypt'>, salt: string, password: string): Buffer {
  const algorithm = digestOf(scheme);
  if (scheme === 'md5-md5-salt-suffix') return digest('md5', digest('md5', password).toString('hex') + salt);
  if (scheme.endsWith('-salt-prefix')) return digest(algorithm, salt + password);
  if (scheme.endsWith('-salt-suffix')) return digest(algorithm, password + salt);
  return digest(algorithm, password);
}

/**
 * Checks that a hash has the shape its scheme produces and that the salt is
 * present exactly when the scheme uses one. Returns an error code of
 * LEGACY_MESSAGES or null.
 */
export function checkLegacyHash(value: LegacyHash): 'HASH_FORMAT' | 'SALT_REQUIRED' | 'SALT_NOT_USED' | null {
  if (value.scheme === 'bcrypt') {
    if (value.salt !== '') return 'SALT_NOT_USED';
    return BCRYPT_RE.test(value.hash) ? null : 'HASH_FORMAT';
  }
  const length = DIGEST_HEX_LENGTH[digestOf(value.scheme)];
  if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(value.hash)) return 'HASH_FORMAT';
  if (schemeUsesSalt(value.scheme)) return value.salt === '' ? 'SALT_REQUIRED' : null;
  return value.salt === '' ? null : 'SALT_NOT_USED';
}

/**
 * True when `password` matches the legacy hash. A malformed hash never matches.
 * Hex digests are compared with `timingSafeEqual`; bcrypt with bcryptjs's
 * constant-time comparison (and asynchronously, so a login does not block the loop).
 */
export async function verifyLegacyPassword(value: LegacyHash, password: string): Promise<boolean> {
  if (checkLegacyHash(value) !== null) return false;
  if (value.scheme === 'bcrypt') return bcrypt.compare(password, value.hash);
  const expected = Buffer.from(value.hash, 'hex');
  const actual = schemeDigest(value.scheme, value.salt, password);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Hashes `password` the way a legacy system did: lowercase hex for digest
 * schemes; for bcrypt a `$2b$` hash with `bcryptCost` rounds (salt generated,
 * the `salt` argument must be ''). Used by the generator and by tests.
 */
export function legacyHash(scheme: HashScheme, salt: string, password: string, bcryptCost = 10): string {
  if (scheme === 'bcrypt') return bcrypt.hashSync(password, bcryptCost);
  return schemeDigest(scheme, salt, password).toString('hex');
}

/**
 * The string a migrated account keeps in `accounts.password_hash` until its
 * first successful login: `legacy:<scheme>:<salt as base64url>:<hash>`. The
 * salt is base64url-encoded because exported salts may contain ':' or '$'.
 */
export function encodeStoredLegacyHash(value: LegacyHash): string {
  const hash = value.scheme === 'bcrypt' ? value.hash : value.hash.toLowerCase();
  return `${STORED_LEGACY_PREFIX}${value.scheme}:${Buffer.from(value.salt, 'utf8').toString('base64url')}:${hash}`;
}

export function isStoredLegacyHash(stored: string): boolean {
  return stored.startsWith(STORED_LEGACY_PREFIX);
}

/** Parses what {@link encodeStoredLegacyHash} wrote; null for anything else (e.g. an argon2id hash). */
export function decodeStoredLegacyHash(stored: string): LegacyHash | null {
  if (!isStoredLegacyHash(stored)) return null;
  const parts = stored.slice(STORED_LEGACY_PREFIX.length).split(':');
  if (parts.length !== 3) return null;
  const [scheme, salt, hash] = parts as [string, string, string];
  if (!isHashScheme(scheme) || !/^[A-Za-z0-9_-]*$/.test(salt)) return null;
  const value: LegacyHash = { scheme, salt: Buffer.from(salt, 'base64url').toString('utf8'), hash };
  return checkLegacyHash(value) === null ? value : null;
}
