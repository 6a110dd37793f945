/**
 * 二维码登录 over HTTP, under /api/qr-login (so the CSRF check and the session apply as everywhere):
 *   waiting browser: POST /          a new code (sets the binding cookie)
 *                    GET  /:id       its state
 *                    POST /:id/complete   logs in once confirmed (sets the session cookie)
 *   signed-in phone: POST /:id/scan | /:id/confirm | /:id/refuse
 *
 * The waiting page learns the outcome by polling GET /:id with back-off (web/src/federation/qr/), not by
 * server-sent events: every answer is one kv read on whichever node gets it, so it works through
 * any load balancer and proxy without holding a connection (and a node) per waiting browser, and
 * the compression and security-header hooks see ordinary replies. A code lives two minutes, so a
 * poll every one to three seconds costs little.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { requireSession, setSessionCookie } from '../../platform/http/session-plugin.ts';
import type { Platform } from '../../platform/platform.ts';
import { enforceLimit } from '../../platform/rate-limit.ts';
import { QR_LOGIN_API, SCAN_PARAM, SCAN_PATH } from './paths.ts';
import { BINDING_SECRET_PATTERN, KEEP_AFTER_EXPIRY_MS, LIMITS, QR_ID_PATTERN } from './rules.ts';
import { newBindingSecret, qrLoginService } from './service.ts';

export const QR_LOGIN_PREFIX = QR_LOGIN_API;
/** The binding cookie: a random secret of the browser that shows the code (its hash is in the request). */
export const QR_BINDING_COOKIE = 'qr_binding';

const idParams = z.object({ id: z.string().regex(QR_ID_PATTERN) });

/** The request id of the path; a malformed one is 400 QR_ID_INVALID, before any lookup. */
function requestId(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new AppError('QR_ID_INVALID', 400);
  return parsed.data.id;
}

function bindingSecret(request: FastifyRequest): string | undefined {
  const value = request.cookies[QR_BINDING_COOKIE];
  return value && BINDING_SECRET_PATTERN.test(value) ? value : undefined;
}

export function qrLoginRoutes(platform: Platform): FastifyPluginAsync {
  const service = qrLoginService(platform);

  /** The browser keeps one secret for all its codes (several tabs may each show one). */
  function bind(request: FastifyRequest, reply: FastifyReply): string {
    const secret = bindingSecret(request) ?? newBindingSecret();
    reply.setCookie(QR_BINDING_COOKIE, secret, {
      path: QR_LOGIN_PREFIX,
      httpOnly: true,
      sameSite: 'strict',
      secure: platform.config.cookieSecure,
      maxAge: Math.ceil((platform.config.qrLoginTtlMs + KEEP_AFTER_EXPIRY_MS) / 1000),
    });
    return secret;
  }

  /** The phone: a normal session (not one waiting for a password change), within its rate. */
  async function phoneSession(request: FastifyRequest) {
    const session = requireSession(request);
    await enforceLimit(platform.kv, 'qr-phone', session.accountId, LIMITS.phone);
    return session;
  }

  return async (app) => {
    app.post('/', async (request, reply) => {
      await enforceLimit(platform.kv, 'qr-create', request.ip, LIMITS.create);
      const secret = bind(request, reply);
      const created = await service.create({ secret, userAgent: request.headers['user-agent'], ip: request.ip });
      const scanUrl = `${platform.config.baseUrl}${SCAN_PATH}?${new URLSearchParams({ [SCAN_PARAM]: created.id })}`;
      // Testers have no phone: in development the page also shows the address as a link.
      return reply.status(201).header('cache-control', 'no-store').send({ ...created, scanUrl, showScanLink: !platform.config.production });
    });

    app.get('/:id', async (request, reply) => {
      const id = requestId(request);
      return reply.header('cache-control', 'no-store').send(await service.status(id, bindingSecret(request)));
    });

    app.post('/:id/complete', async (request, reply) => {
      const id = requestId(request);
      const result = await service.complete(id, bindingSecret(request), request.ip);
      setSessionCookie(reply, platform, result.sessionId);
      return { kind: result.kind, loginName: result.loginName, passwordChangeReason: result.passwordChangeReason };
    });

    app.post('/:id/scan', async (request) => {
      const id = requestId(request);
      return service.scan(id, await phoneSession(request));
    });

    app.post('/:id/confirm', async (request) => {
      const id = requestId(request);
      return service.decide(id, await phoneSession(request), 'confirm');
    });

    app.post('/:id/refuse', async (request) => {
      const id = requestId(request);
      return service.decide(id, await phoneSession(request), 'refuse');
    });
  };
}
