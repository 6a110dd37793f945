import { hash, parseOptions, verify } from '@node-rs/argon2';
import { decodeStoredLegacyHash, isStoredLegacyHash, verifyLegacyPassword } from '../legacy/password-schemes.ts';

/** argon2id parameters (OWASP 2024 second recommendation: m=19 MiB, t=2, p=1). */
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which erasable TypeScript cannot import). */
const ARGON2ID = 2;

/**
 * The binding's calls, reached through one object so that the login benchmark can time them.
 * @node-rs/argon2 (Rust, on libuv's threadpool) verifies about twice as fast as the `argon2`
 * package with the same parameters and writes the same PHC strings, so stored hashes are kept.
 */
export const argon2Binding = { hash, verify };

export function hashPassword(password: string): Promise<string> {
  return argon2Binding.hash(password, { ...ARGON2_OPTIONS, algorithm: ARGON2ID });
}

/**
 * Whether the password matches the stored hash: argon2id, or the hash a migrated account
 * brought from its old system (src/legacy/password-schemes.ts), kept until its first login.
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (isStoredLegacyHash(stored)) {
    const legacy = decodeStoredLegacyHash(stored);
    return legacy !== null && (await verifyLegacyPassword(legacy, password));
  }
  try {
    return await argon2Binding.verify(stored, password);
  } catch {
    return false;
  }
}

/** A legacy hash always; an argon2 hash made with other parameters than today's (or unreadable) too. */
export function needsRehash(stored: string): boolean {
  if (isStoredLegacyHash(stored)) return true;
  try {
    const used = parseOptions(stored);
    return (
      used.algorithm !== ARGON2ID ||
      used.memoryCost !== ARGON2_OPTIONS.memoryCost ||
      used.timeCost !== ARGON2_OPTIONS.timeCost ||
      used.parallelism !== ARGON2_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

/** A hash of a random password, verified against when the login name does not exist, so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
