/**
 * The platform session behind a request to the provider, read once per request: the login
 * prompt's check reads it, and so may the entry checks that run after it in the same request
 * (each read is an update of the session's last use, src/platform/http/sessions.ts).
 */
import { createHash } from 'node:crypto';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { SESSION_COOKIE, type Session } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';

const read = new WeakMap<KoaContextWithOIDC, Promise<Session | undefined>>();

/** The request's platform session (undefined: none, expired, or its account disabled). */
export function platformSessionOf(platform: Platform, ctx: KoaContextWithOIDC): Promise<Session | undefined> {
  let session = read.get(ctx);
  if (!session) {
    const id = ctx.cookies.get(SESSION_COOKIE, { signed: false });
    session = id ? platform.sessions.find(id) : Promise.resolve(undefined);
    read.set(ctx, session);
  }
  return session;
}

/**
 * The OIDC `sid` of a platform session: one platform session, one sid, whichever business
 * systems it enters (OIDC Front/Back-Channel Logout), so that logging out of it tells exactly
 * the systems it signed in to (src/sso/logout.ts). Derived one way from the session's hash:
 * the sid never reveals the session cookie.
 */
export function platformSid(idHash: string): string {
  return createHash('sha256').update(`oidc-sid:${idHash}`).digest('base64url').slice(0, 32);
}

/** Gives the client's authorization in the provider session the platform session's sid (before the response carries it). */
export function usePlatformSid(ctx: KoaContextWithOIDC, sid: string): void {
  const clientId = ctx.oidc.client?.clientId;
  if (clientId && ctx.oidc.session) ctx.oidc.session.sidFor(clientId, sid);
}
