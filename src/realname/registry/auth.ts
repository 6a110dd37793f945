/**
 * Checks the signature of a request to the registry, in this order:
 * all four headers present and the client known, the HMAC over
 * timestamp/nonce/method/path/body right, the timestamp within 5 minutes, the nonce unused.
 * Nonces are remembered only once the signature is right, so strangers cannot burn them.
 */
import { SIGNATURE_HEADERS, SIGNATURE_MAX_AGE_MS, signatureMatches, type RegistryErrorCode } from '../registry-protocol.ts';

const NONCE_MAX_LENGTH = 128;

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type AuthOutcome = { ok: true; clientId: string } | { ok: false; code: RegistryErrorCode };

function header(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * One authenticator per server: it owns the memory of used nonces (a nonce has to be
 * remembered only while its timestamp would still be accepted).
 */
export function requestAuthenticator(options: { secret: string; clientId?: string; now: () => number }) {
  const usedNonces = new Map<string, number>(); // nonce -> forget after (ms)

  function forgetExpired(now: number) {
    for (const [nonce, forgetAt] of usedNonces) {
      if (forgetAt > now) break; // insertion order is roughly time order; the rest go on a later call
      usedNonces.delete(nonce);
    }
  }

  return function authenticate(req: SignedRequest): AuthOutcome {
    const clientId = header(req, SIGNATURE_HEADERS.clientId);
    const timestamp = header(req, SIGNATURE_HEADERS.timestamp);
    const nonce = header(req, SIGNATURE_HEADERS.nonce);
    const signature = header(req, SIGNATURE_HEADERS.signature);
    if (!clientId || !timestamp || !nonce || !signature) return { ok: false, code: 'SIGNATURE_MISSING' };
    if (options.clientId !== undefined && clientId !== options.clientId) return { ok: false, code: 'UNKNOWN_CLIENT' };
    if (!/^\d{1,15}$/.test(timestamp) || nonce.length > NONCE_MAX_LENGTH) return { ok: false, code: 'SIGNATURE_INVALID' };
    const parts = { timestamp, nonce, method: req.method, path: req.path, body: req.body };
    if (!signatureMatches(options.secret, parts, signature)) return { ok: false, code: 'SIGNATURE_INVALID' };

    const now = options.now();
    const sentAt = Number(timestamp);
    if (Math.abs(now - sentAt) > SIGNATURE_MAX_AGE_MS) return { ok: false, code: 'TIMESTAMP_STALE' };
    forgetExpired(now);
    if (usedNonces.has(nonce)) return { ok: false, code: 'NONCE_REUSED' };
    usedNonces.set(nonce, sentAt + SIGNATURE_MAX_AGE_MS);
    return { ok: true, clientId };
  };
}
