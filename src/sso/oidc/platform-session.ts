/**
 * The platform session behind a request to the provider, read once per request: the login
 * prompt's check reads it, and so may the entry checks that run after it in the same request
 * (each read is an update of the session's last use, src/platform/http/sessions.ts).
 */
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
