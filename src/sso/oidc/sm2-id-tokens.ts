/**
 * ID tokens signed with SM2 (GM/T 0003, SM2 with SM3 and the default user ID) for the business
 * systems that choose it (business_systems.oidc_id_token_signing = 'SM2SM3'). oidc-provider
 * knows no SM2 (JOSE has no registered algorithm for it), so it signs these ID tokens as for any
 * system, and on their way out this middleware signs the same claims again with the platform's
 * SM2 key: same payload, header {alg: SM2SM3, typ: JWT, kid}, signature r | s (64 bytes,
 * base64url, as JWS carries ES256). SM2SM3 is the name the Chinese JOSE implementations use.
 *
 * The SM2 public key is published in the JWKS (kty EC, crv SM2) and SM2SM3 in discovery's
 * id_token_signing_alg_values_supported while at least one enabled system uses it, so that the
 * clients of a platform without such systems never meet a key type they cannot read.
 * Verifying: examples/sm2-verifier/.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { SM2_JWS_ALGORITHM, sm2PublicKeyFromJwk, sm2Sign, type Sm2KeyPair } from '../../crypto/sm2.ts';
import type { SystemsCache } from './systems-cache.ts';

interface Sm2SigningKey {
  kid: string;
  pair: Sm2KeyPair;
  /** The public JWK as published. */
  published: Record<string, unknown>;
}

/** The keys from keys.ts's private JWKs, current first. */
export function sm2SigningKeys(jwks: Record<string, unknown>[]): Sm2SigningKey[] {
  return jwks.map((jwk) => {
    const publicKey = sm2PublicKeyFromJwk(jwk);
    const { d: _private, ...published } = jwk;
    return { kid: String(jwk.kid), pair: { privateKey: Buffer.from(String(jwk.d), 'base64url'), publicKey }, published };
  });
}

/** Signs an ID token's claims again with SM2: the payload segment is kept byte for byte. */
export function resignWithSm2(idToken: string, key: Sm2SigningKey): string {
  const payload = idToken.split('.')[1];
  if (!payload) throw new Error('not a compact JWS');
  const header = Buffer.from(JSON.stringify({ alg: SM2_JWS_ALGORITHM, typ: 'JWT', kid: key.kid })).toString('base64url');
  const input = `${header}.${payload}`;
  return `${input}.${sm2Sign(input, key.pair).toString('base64url')}`;
}

export function sm2IdTokens(keys: Sm2SigningKey[], systems: SystemsCache) {
  const current = keys[0];
  return async function sm2Signing(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    const route = ctx.oidc?.route;
    if (!current || ctx.status !== 200 || !ctx.body || typeof ctx.body !== 'object') return;
    const body = ctx.body as Record<string, unknown>;
    if (route === 'token' && typeof body.id_token === 'string') {
      const clientId = ctx.oidc?.client?.clientId;
      const system = clientId ? await systems.byClientId(clientId) : undefined;
      if (system?.oidc?.idTokenSigning === SM2_JWS_ALGORITHM) body.id_token = resignWithSm2(body.id_token, current);
    } else if ((route === 'jwks' || route === 'discovery') && (await systems.anySignsWithSm2())) {
      if (route === 'jwks' && Array.isArray(body.keys)) body.keys = [...body.keys, ...keys.map((key) => key.published)];
      if (route === 'discovery' && Array.isArray(body.id_token_signing_alg_values_supported)) {
        body.id_token_signing_alg_values_supported = [...body.id_token_signing_alg_values_supported, SM2_JWS_ALGORITHM];
      }
    }
  };
}
