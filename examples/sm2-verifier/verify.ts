/**
 * Verifying an ID token the platform signed with SM2 (国密 SM2 with SM3, JWS "alg": "SM2SM3"),
 * for a business system registered with ID令牌签名 = SM2. JOSE libraries know no SM2, so the
 * system checks the signature itself, with any SM2 implementation: this one uses the
 * `sm-crypto` package (npm), independent of the platform's own code.
 *
 *   signature = r | s (64 bytes, base64url), over the ASCII of `header.payload`,
 *   with SM3 and the default user ID 1234567812345678 (GM/T 0009);
 *   key = the JWKS entry with the token's kid: {"kty": "EC", "crv": "SM2", "x", "y"}.
 *
 * After the signature, check the claims as for any ID token (iss, aud, exp, nonce): openid-client
 * does that for a token it received, when the client is registered with
 * `id_token_signed_response_alg: 'SM2SM3'` (it then accepts the header's alg).
 *
 *   node examples/sm2-verifier/verify.ts <platform URL> <ID token>
 */
import smCrypto from 'sm-crypto';

export interface Sm2PublicJwk {
  kty: string;
  crv?: string;
  kid?: string;
  x?: string;
  y?: string;
}

/** The verified claims, or an Error saying why not. */
export function verifySm2IdToken(idToken: string, keys: Sm2PublicJwk[]): Record<string, unknown> {
  const [header, payload, signature, ...rest] = idToken.split('.');
  if (!header || !payload || !signature || rest.length) throw new Error('not a compact JWS');
  const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
  if (alg !== 'SM2SM3') throw new Error(`unexpected alg ${alg}`);
  const key = keys.find((k) => k.kid === kid && k.kty === 'EC' && k.crv === 'SM2');
  if (!key?.x || !key.y) throw new Error(`no SM2 key ${kid} in the JWKS`);
  const publicKeyHex = `04${Buffer.from(key.x, 'base64url').toString('hex')}${Buffer.from(key.y, 'base64url').toString('hex')}`;
  const rs = Buffer.from(signature, 'base64url');
  if (rs.length !== 64) throw new Error('an SM2 signature is 64 bytes');
  // sm-crypto: hash = SM3 with Z of the public key and the default user ID.
  if (!smCrypto.sm2.doVerifySignature(`${header}.${payload}`, rs.toString('hex'), publicKeyHex, { hash: true })) {
    throw new Error('SM2 signature does not verify');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The platform's published keys (its discovery names the JWKS). */
export async function platformKeys(platformUrl: string): Promise<Sm2PublicJwk[]> {
  const discovery = (await (await fetch(new URL('/.well-known/openid-configuration', platformUrl))).json()) as { jwks_uri: string };
  return ((await (await fetch(discovery.jwks_uri)).json()) as { keys: Sm2PublicJwk[] }).keys;
}

if (import.meta.main) {
  const [platformUrl, idToken] = process.argv.slice(2);
  if (!platformUrl || !idToken) {
    console.error('usage: node examples/sm2-verifier/verify.ts <platform URL> <ID token>');
    process.exit(2);
  }
  console.log(JSON.stringify(verifySm2IdToken(idToken, await platformKeys(platformUrl)), null, 2));
}
