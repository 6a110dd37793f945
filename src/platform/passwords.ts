import argon2 from 'argon2';
import { decodeStoredLegacyHash, isStoredLegacyHash, verifyLegacyPassword } from '../legacy/password-schemes.ts';

/** argon2id parameters (OWASP 2024 second recommendation: m=19 MiB, t=2, p=1). */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/**
 * Whether the password matches the stored hash: argon2id, or the hash a migrated account
 * brought from its old system (src/legacy/password-schemes.ts), kept until its first login.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (isStoredLegacyHash(hash)) {
    const legacy = decodeStoredLegacyHash(hash);
    return legacy !== null && (await verifyLegacyPassword(legacy, password));
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A legacy hash always: the first successful login replaces it with argon2id. */
export function needsRehash(hash: string): boolean {
  return isStoredLegacyHash(hash) || argon2.needsRehash(hash, ARGON2_OPTIONS);
}

/** A hash of a random password, verified against when the login name does not exist, so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
