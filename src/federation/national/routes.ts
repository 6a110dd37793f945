/**
 * HTTP surface of 国家政务服务平台账号登录 (prefix /api/federation/national), and 我的信息's links
 * (/api/me/national-links). The start and the callback are top-level browser navigations: they
 * answer with redirects, to the upstream, to the page that carries on, or to the login page with
 * ?national_error=CODE. The flow and pending ids live only in HttpOnly cookies.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { nationalIdpEnabled } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { requireSession, setSessionCookie } from '../../platform/http/session-plugin.ts';
import { parseInput } from '../../platform/http/validate.ts';
import type { Platform } from '../../platform/platform.ts';
import { HOUR, enforceLimit } from '../../platform/rate-limit.ts';
import { PASSWORD_CHANGE_PATH, loginPathFor, returnTarget, safeReturnPath, withReturnPath } from '../../sso/return-path.ts';
import { FLOW_COOKIE, FLOW_TTL_MS, NATIONAL_ERROR_PARAM, NATIONAL_LINK_PAGE, NATIONAL_PREFIX, PENDING_COOKIE, PENDING_TTL_MS } from './rules.ts';
import { confirmLinkSchema, linkIdSchema, loginToLinkSchema, nationalRegistrationSchema } from './schemas.ts';
import { nationalService, type EnteredOutcome } from './service.ts';

const START_LIMIT = { max: 60, windowMs: HOUR };
/** The same bucket and limit as 自然人注册's (src/accounts/routes.ts). */
const REGISTRATION_LIMIT = { max: 20, windowMs: HOUR };
const startQuery = z.object({ return: z.string().max(16_384).optional() });

/** Where a login that went through ends: the pending password change first, else the way back. */
export function landingFor(outcome: EnteredOutcome): string {
  if (outcome.entered.passwordChangeReason) return withReturnPath(PASSWORD_CHANGE_PATH, outcome.returnPath);
  return returnTarget(outcome.returnPath).path;
}

/** The login page showing the message of `code` (its parameters, e.g. a lock's minutes, beside it), keeping the way back. */
export function loginWithError(code: string, returnPath: string | undefined, params: Record<string, string | number> = {}): string {
  const login = loginPathFor(returnPath ?? '');
  const query = new URLSearchParams({ [NATIONAL_ERROR_PARAM]: code });
  for (const [name, value] of Object.entries(params)) query.set(`${NATIONAL_ERROR_PARAM}_${name}`, String(value));
  return `${login}${login.includes('?') ? '&' : '?'}${query}`;
}

export function nationalRoutes(platform: Platform): FastifyPluginAsync {
  const service = nationalService(platform);
  const cookieOptions = (maxAgeMs: number) => ({
    path: NATIONAL_PREFIX,
    httpOnly: true,
    // Lax: the callback is a top-level navigation coming back from the upstream's site.
    sameSite: 'lax' as const,
    secure: platform.config.cookieSecure,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
  const enabled = () => nationalIdpEnabled(platform.config);
  const assertEnabled = () => {
    if (!enabled()) throw new AppError('NATIONAL_DISABLED', 404);
  };

  const entered = (reply: FastifyReply, outcome: EnteredOutcome) => {
    setSessionCookie(reply, platform, outcome.entered.sessionId);
    reply.clearCookie(PENDING_COOKIE, { path: NATIONAL_PREFIX });
    const { kind, loginName, passwordChangeReason } = outcome.entered;
    return { kind, loginName, passwordChangeReason, returnPath: outcome.returnPath ?? null, location: landingFor(outcome) };
  };
  const pendingId = (request: FastifyRequest) => request.cookies[PENDING_COOKIE];

  return async (app) => {
    /** Whether the login window shows the button. */
    app.get(`${NATIONAL_PREFIX}/config`, async () => ({ enabled: enabled() }));

    app.get(`${NATIONAL_PREFIX}/start`, async (request, reply) => {
      const returnPath = safeReturnPath(parseInput(startQuery, request.query).return);
      if (!enabled()) return reply.redirect(loginWithError('NATIONAL_DISABLED', returnPath), 303);
      try {
        await enforceLimit(platform.kv, 'national-start', request.ip, START_LIMIT);
        const { url, flowId } = await service.start(returnPath);
        reply.setCookie(FLOW_COOKIE, flowId, cookieOptions(FLOW_TTL_MS));
        return reply.redirect(url.href, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.redirect(loginWithError(error.code, returnPath, error.params), 303);
      }
    });

    app.get(`${NATIONAL_PREFIX}/callback`, async (request, reply) => {
      const flowId = request.cookies[FLOW_COOKIE];
      reply.clearCookie(FLOW_COOKIE, { path: NATIONAL_PREFIX });
      const url = new URL(request.url, platform.config.baseUrl);
      try {
        assertEnabled();
        const outcome = await service.callback(flowId, url, request.ip);
        if (outcome.kind === 'entered') return reply.redirect(entered(reply, outcome).location, 303);
        reply.setCookie(PENDING_COOKIE, outcome.pendingId, cookieOptions(PENDING_TTL_MS));
        return reply.redirect(withReturnPath(NATIONAL_LINK_PAGE, outcome.returnPath), 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.redirect(loginWithError(error.code, (error as { returnPath?: string }).returnPath, error.params), 303);
      }
    });

    app.get(`${NATIONAL_PREFIX}/pending`, async (request) => {
      assertEnabled();
      return service.view(pendingId(request));
    });

    app.post(`${NATIONAL_PREFIX}/pending/sms-code`, async (request) => {
      assertEnabled();
      await service.sendConfirmCode(pendingId(request), request.ip);
      return { sent: true };
    });

    app.post(`${NATIONAL_PREFIX}/pending/confirm`, async (request, reply) => {
      assertEnabled();
      const input = parseInput(confirmLinkSchema, request.body);
      return entered(reply, await service.confirm(pendingId(request), input, request.ip));
    });

    app.post(`${NATIONAL_PREFIX}/pending/login`, async (request, reply) => {
      assertEnabled();
      const input = parseInput(loginToLinkSchema, request.body);
      return entered(reply, await service.loginToLink(pendingId(request), input, request.ip));
    });

    app.post(`${NATIONAL_PREFIX}/pending/register`, async (request, reply) => {
      assertEnabled();
      await enforceLimit(platform.kv, 'register', request.ip, REGISTRATION_LIMIT);
      const input = parseInput(nationalRegistrationSchema, request.body);
      const outcome = await service.register(pendingId(request), input, request.ip);
      return reply.status(201).send({ ...entered(reply, outcome), verification: outcome.verification });
    });

    app.get('/api/me/national-links', async (request) => ({ enabled: enabled(), links: await service.list(requireSession(request).accountId) }));

    app.delete('/api/me/national-links/:id', async (request) => {
      const session = requireSession(request);
      const { id } = parseInput(linkIdSchema, request.params);
      await service.remove(session.accountId, id);
      return { removed: true };
    });
  };
}
