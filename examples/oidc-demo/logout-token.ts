/**
 * Validation of the platform's back-channel logout token (OpenID Connect Back-Channel
 * Logout 1.0 §2.6) with jose, which comes with openid-client:
 * - signed with a key of the platform's JWKS, asymmetric algorithms only;
 * - iss is the platform, aud holds our client id, iat present and recent, jti not seen before;
 * - events holds the back-channel logout event, sid or sub names whom to log out, no nonce.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** The token is issued at logout and posted at once: an old one is refused. */
const MAX_TOKEN_AGE_SECONDS = 5 * 60;
const CLOCK_TOLERANCE_SECONDS = 30;
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

export class InvalidLogoutToken extends Error {
  override name = 'InvalidLogoutToken';
}

/** Whom the platform logged out: a session (sid) of the user, or every session of the user (sub only). */
export interface LogoutTarget {
  sid: string | undefined;
  sub: string | undefined;
}

export interface LogoutTokenExpectations {
  issuer: string;
  jwksUri: string;
  clientId: string;
}

/** A validator for one issuer and client; keys are fetched on first use and again on an unknown key id (rotation). */
export function logoutTokenValidator(expected: LogoutTokenExpectations): (token: string) => Promise<LogoutTarget> {
  const jwks = createRemoteJWKSet(new URL(expected.jwksUri));
  // jti of accepted tokens until they are too old to be accepted anyway.
  const seen = new Map<string, number>();
  return async (token) => {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      requiredClaims: ['iat', 'jti'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }).catch((error: Error) => {
      throw new InvalidLogoutToken(error.message);
    });
    const events = payload.events as Record<string, unknown> | undefined;
    const event = events?.[BACKCHANNEL_LOGOUT_EVENT];
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new InvalidLogoutToken('no back-channel logout event');
    if ('nonce' in payload) throw new InvalidLogoutToken('a logout token carries no nonce');
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (!sid && !sub) throw new InvalidLogoutToken('neither sid nor sub');
    const now = Date.now();
    for (const [jti, until] of seen) if (until < now) seen.delete(jti);
    if (seen.has(payload.jti!)) throw new InvalidLogoutToken('token replayed');
    seen.set(payload.jti!, now + (MAX_TOKEN_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000);
    return { sid, sub };
  };
}
