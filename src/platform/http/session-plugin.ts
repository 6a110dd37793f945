import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { SESSION_COOKIE, SESSION_IDLE_MS, type Session } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

export function registerSessions(app: FastifyInstance, platform: Platform) {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id && request.url.startsWith('/api/')) request.session = (await platform.sessions.find(id)) ?? null;
  });
}

export function setSessionCookie(reply: FastifyReply, platform: Platform, id: string) {
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: platform.config.cookieSecure,
    maxAge: SESSION_IDLE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, platform: Platform) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: platform.config.cookieSecure });
}

/**
 * The signed-in account, or 401. While a password change is pending (expired or one-time
 * password) only routes that allow it get through: nothing else happens before the change.
 */
export function requireSession(request: FastifyRequest, options: { allowPendingPasswordChange?: boolean } = {}): Session {
  const session = request.session;
  if (!session) throw new AppError('NOT_LOGGED_IN', 401);
  if (session.passwordChangeRequired && !options.allowPendingPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED', 403);
  return session;
}
