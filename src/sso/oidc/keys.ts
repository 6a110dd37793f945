/**
 * The provider's keys, kept in the database (encrypted with the personal-data key) so every
 * node signs and verifies with the same ones: signing keys (RS256, ES256 and SM2SM3; the newest
 * of each algorithm signs, retired ones stay published a while) and the cookie-signing keys.
 * The SM2 key is not given to oidc-provider, which knows no SM2: sm2-id-tokens.ts signs and
 * publishes with it.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { SM2_JWS_ALGORITHM, generateSm2KeyPair, sm2Jwk } from '../../crypto/sm2.ts';
import type { Db } from '../../platform/db.ts';
import type { Platform } from '../../platform/platform.ts';
import { RETIRED_KEY_PUBLISHED_SECONDS } from './rules.ts';

export const SIGNING_ALGORITHMS = ['RS256', 'ES256', SM2_JWS_ALGORITHM] as const;
type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export interface ProviderKeys {
  /** Private JWKs, current keys first (oidc-provider signs with the first key of an algorithm); no SM2 key. */
  jwks: { keys: Record<string, unknown>[] };
  /** Private SM2 JWKs (kty EC, crv SM2, alg SM2SM3), current first. */
  sm2: Record<string, unknown>[];
  cookieKeys: string[];
  /** Changes whenever the published set changes, so nodes know to reload. */
  fingerprint: string;
}

interface KeyRow {
  kid: string;
  purpose: 'signing' | 'cookie';
  alg: string;
  jwk_enc: string;
}

// Serialises key creation between nodes starting together.
const KEYS_LOCK = 814008;

const PUBLISHED = `(retired_at is null or retired_at > now() - $1 * interval '1 second')`;

function newSigningKey(alg: SigningAlgorithm): Record<string, unknown> {
  if (alg === SM2_JWS_ALGORITHM) return { ...sm2Jwk(generateSm2KeyPair()), kid: randomUUID(), alg, use: 'sig' };
  const { privateKey } =
    alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg, use: 'sig' };
}

async function insertKey(tx: Db, platform: Platform, purpose: 'signing' | 'cookie', alg: string, jwk: Record<string, unknown>) {
  await tx.query('insert into oidc_keys (kid, purpose, alg, jwk_enc) values ($1, $2, $3, $4)', [
    jwk.kid,
    purpose,
    alg,
    platform.cipher.encrypt(JSON.stringify(jwk)),
  ]);
}

/** Creates the keys that are missing (first start); several nodes may call it at once. */
async function ensureKeys(platform: Platform): Promise<void> {
  await platform.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [KEYS_LOCK]);
    const current = await tx.query<{ purpose: string; alg: string }>('select purpose, alg from oidc_keys where retired_at is null');
    const has = (purpose: string, alg: string) => current.some((k) => k.purpose === purpose && k.alg === alg);
    for (const alg of SIGNING_ALGORITHMS) if (!has('signing', alg)) await insertKey(tx, platform, 'signing', alg, newSigningKey(alg));
    if (!has('cookie', 'HS256')) await insertKey(tx, platform, 'cookie', 'HS256', { kid: randomUUID(), k: randomBytes(32).toString('base64url') });
  });
}

/** The published keys, creating them on first use. */
export async function loadProviderKeys(platform: Platform): Promise<ProviderKeys> {
  let rows = await publishedKeys(platform.db);
  if (!SIGNING_ALGORITHMS.every((alg) => rows.some((r) => r.purpose === 'signing' && r.alg === alg)) || !rows.some((r) => r.purpose === 'cookie')) {
    await ensureKeys(platform);
    rows = await publishedKeys(platform.db);
  }
  const open = (row: KeyRow) => JSON.parse(platform.cipher.decrypt(row.jwk_enc)) as Record<string, unknown>;
  return {
    jwks: { keys: rows.filter((r) => r.purpose === 'signing' && r.alg !== SM2_JWS_ALGORITHM).map(open) },
    sm2: rows.filter((r) => r.purpose === 'signing' && r.alg === SM2_JWS_ALGORITHM).map(open),
    cookieKeys: rows.filter((r) => r.purpose === 'cookie').map((r) => String(open(r).k)),
    fingerprint: rows.map((r) => r.kid).join(','),
  };
}

/** Newest first, current before retired: the order oidc-provider picks signing keys in. */
async function publishedKeys(db: Db): Promise<KeyRow[]> {
  return db.query<KeyRow>(
    `select kid, purpose, alg, jwk_enc from oidc_keys where ${PUBLISHED} order by retired_at is not null, created_at desc`,
    [RETIRED_KEY_PUBLISHED_SECONDS],
  );
}

/** The fingerprint of the published keys, cheap enough to poll. */
export async function publishedKeysFingerprint(db: Db): Promise<string> {
  const rows = await db.query<{ kid: string }>(
    `select kid from oidc_keys where ${PUBLISHED} order by retired_at is not null, created_at desc`,
    [RETIRED_KEY_PUBLISHED_SECONDS],
  );
  return rows.map((r) => r.kid).join(',');
}

/**
 * A new current signing key for each algorithm. The previous ones are retired: still published
 * (tokens they signed verify) for RETIRED_KEY_PUBLISHED_SECONDS, then dropped.
 */
export async function rotateSigningKeys(platform: Platform): Promise<string[]> {
  return platform.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [KEYS_LOCK]);
    await tx.query(`update oidc_keys set retired_at = now() where purpose = 'signing' and retired_at is null`);
    await tx.query(`delete from oidc_keys where retired_at <= now() - $1 * interval '1 second'`, [RETIRED_KEY_PUBLISHED_SECONDS]);
    const kids: string[] = [];
    for (const alg of SIGNING_ALGORITHMS) {
      const jwk = newSigningKey(alg);
      await insertKey(tx, platform, 'signing', alg, jwk);
      kids.push(String(jwk.kid));
    }
    return kids;
  });
}
