import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PROTOCOL_PATHS = ['/oidc/', '/cas/', '/.well-known/'];

/**
 * Double-submit CSRF protection: every state-changing API request must echo the
 * csrf_token cookie in the X-CSRF-Token header, which another site cannot read;
 * a foreign Origin header is refused outright.
 */
declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string;
  }
}

export function registerCsrf(app: FastifyInstance, options: { secure: boolean; allowedOrigin: string }) {
  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const sentCookie = request.cookies[CSRF_COOKIE];
    // The protocols' own endpoints (OIDC, CAS, discovery) take no form of ours: most of their calls come from
    // business systems' servers, to which a cookie would be one more header for nothing.
    if (!sentCookie && PROTOCOL_PATHS.some((prefix) => request.url.startsWith(prefix))) return;
    if (!sentCookie) {
      const token = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure: options.secure, httpOnly: false });
      request.csrfToken = token;
    } else {
      request.csrfToken = sentCookie;
    }
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin && origin !== options.allowedOrigin && origin !== `${request.protocol}://${request.host}`) {
      throw new AppError('CSRF_REJECTED', 403);
    }
    const sent = request.headers[CSRF_HEADER];
    const expected = sentCookie ?? '';
    if (typeof sent !== 'string' || !expected || !sameToken(sent, expected)) throw new AppError('CSRF_REJECTED', 403);
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
