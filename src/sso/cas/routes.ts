/**
 * The CAS 3.0 server (CAS Protocol 3.0.3), mounted at /cas: login, the validation endpoints
 * and logout. Not /api/ routes: the browser reaches login and logout by navigation, and the
 * validation endpoints are called by business systems' back ends (no cookies, no CSRF).
 *
 * No proxy authentication: pgtUrl is ignored (no proxy-granting ticket is issued, which §2.5.4
 * allows), /proxyValidate validates service tickets like /serviceValidate, /proxy is absent.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { clearSessionCookie } from '../../platform/http/session-plugin.ts';
import { SESSION_COOKIE, type Session } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { loginPathFor, passwordChangePathFor } from '../return-path.ts';
import { LOGGED_OUT_PAGE, UNREGISTERED_SERVICE_PAGE } from './pages.ts';
import { serviceResponseJson, serviceResponseXml, validateText, type ValidationResult } from './responses.ts';
import { CAS_LIMITS, CAS_LOGIN_COOKIE, flagSet, loggedInSinceAsked, loginReturnPath, loginStep, randomTicketPart, withTicket } from './rules.ts';
import { endPlatformSession } from '../logout.ts';
import { entryPagePath } from '../entry/paths.ts';
import { checkEntry, recordEntry } from '../entry/service.ts';
import { casService } from './service.ts';
import { sessionTicketStore, ticketStore } from './store.ts';
import { casFailure, responseFormat } from './validation.ts';
import { countSignIn } from '../../ops/metrics/registry.ts';

const PURGE_INTERVAL_MS = 60_000;
const HTML = 'text/html; charset=utf-8';

const param = { type: 'string', maxLength: 4096 } as const;
const loginSchema = { querystring: { type: 'object', properties: { service: param, renew: param, gateway: param } } };
const validateSchema = { querystring: { type: 'object', properties: { service: param, ticket: param, renew: param, format: param, pgtUrl: param } } };
const logoutSchema = { querystring: { type: 'object', properties: { service: param } } };

type Query = Record<string, string | undefined>;

export function casRoutes(platform: Platform): FastifyPluginAsync {
  const cas = casService(platform);
  const tickets = ticketStore(platform.kv);
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: platform.config.cookieSecure } as const;

  async function currentSession(request: FastifyRequest): Promise<Session | undefined> {
    const sid = request.cookies[SESSION_COOKIE];
    return sid ? platform.sessions.find(sid) : undefined;
  }

  return async (app) => {
    const purge = setInterval(() => sessionTicketStore(platform.db).purgeEnded().catch(() => {}), PURGE_INTERVAL_MS);
    purge.unref();
    app.addHook('onClose', async () => clearInterval(purge));
    const cookiePath = app.prefix || '/';

    // Spec §2.1 (/login as credential requestor); our own login page collects the credentials.
    app.get<{ Querystring: Query }>('/login', { schema: loginSchema, attachValidation: true }, async (request, reply) => {
      if (request.validationError) return reply.status(400).type(HTML).send(UNREGISTERED_SERVICE_PAGE);
      const { service } = request.query;
      const renew = flagSet(request.query.renew);
      const session = await currentSession(request);
      const usable = session && !session.passwordChangeRequired ? session : undefined;
      const system = service === undefined ? undefined : await cas.systemFor(service);
      const nonce = request.cookies[CAS_LOGIN_COOKIE];
      const asked = nonce && system ? await tickets.takeLoginAsked(nonce) : undefined;
      const step = loginStep({
        service,
        registered: system !== undefined,
        renew,
        gateway: flagSet(request.query.gateway),
        signedIn: usable !== undefined,
        passwordChangePending: session?.passwordChangeRequired === true,
        freshLogin: service !== undefined && loggedInSinceAsked(asked, service, usable?.idHash),
      });
      reply.header('cache-control', 'no-store');

      switch (step.kind) {
        case 'portal_home':
          return reply.redirect('/', 302);
        case 'unregistered_service':
          return reply.status(400).type(HTML).send(UNREGISTERED_SERVICE_PAGE);
        case 'back_without_ticket':
          return reply.redirect(service as string, 302);
        case 'log_in': {
          const question = randomTicketPart(32);
          await tickets.askLogin(question, { service: service as string, priorSession: session?.idHash ?? null });
          reply.setCookie(CAS_LOGIN_COOKIE, question, { ...cookieOptions, path: cookiePath, maxAge: CAS_LIMITS.loginAskedTtlMs / 1000 });
          const back = loginReturnPath(`${app.prefix}/login`, service as string, renew);
          return reply.redirect(loginPathFor(back, { force: step.force }), 302);
        }
        case 'change_password':
          return reply.redirect(passwordChangePathFor(loginReturnPath(`${app.prefix}/login`, service as string, renew)), 302);
        case 'issue_ticket': {
          if (!usable || !system || service === undefined) throw new Error('a ticket needs a session and a registered service');
          // Entry checks (src/sso/entry): a refused account gets no ticket but the page saying why
          // (with gateway, back to the service without one: gateway never shows a page).
          const entry = await checkEntry(platform, { accountId: usable.accountId, sessionIdHash: usable.idHash }, system);
          if (entry.refusals.length) return reply.redirect(flagSet(request.query.gateway) ? service : entryPagePath(system.key), 302);
          // Acting for several organisations: choose one on the entry page, then back here.
          if (entry.choices) {
            if (flagSet(request.query.gateway)) return reply.redirect(service, 302);
            const back = loginReturnPath(`${app.prefix}/login`, service, renew);
            return reply.redirect(`${entryPagePath(system.key)}?return=${encodeURIComponent(back)}`, 302);
          }
          const ticket = await cas.issueTicket({ service, system, session: usable, fromNewLogin: step.fromNewLogin, actingFor: entry.acting?.organizationId ?? null });
          countSignIn('cas', system.key);
          await recordEntry(platform, entry.context.account, system);
          if (nonce) reply.clearCookie(CAS_LOGIN_COOKIE, { ...cookieOptions, path: cookiePath });
          return reply.redirect(withTicket(service, ticket), 302);
        }
      }
    });

    // Spec §2.5, §2.6, §2.8: the same validation, answered in CAS 2.0/3.0 XML (or JSON).
    for (const path of ['/serviceValidate', '/p3/serviceValidate', '/proxyValidate', '/p3/proxyValidate']) {
      app.get<{ Querystring: Query }>(path, { schema: validateSchema, attachValidation: true }, async (request, reply) => {
        const result = await validate(request);
        reply.header('cache-control', 'no-store');
        if (responseFormat(request.query.format) === 'JSON') return reply.type('application/json; charset=utf-8').send(serviceResponseJson(result));
        return reply.type('application/xml; charset=utf-8').send(serviceResponseXml(result));
      });
    }

    // Spec §2.4: CAS 1.0, no attributes.
    app.get<{ Querystring: Query }>('/validate', { schema: validateSchema, attachValidation: true }, async (request, reply) => {
      const result = await validate(request);
      return reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(validateText(result));
    });

    // Spec §2.3: ends the single sign-on session and, with single logout, the services' sessions.
    app.get<{ Querystring: Query }>('/logout', { schema: logoutSchema, attachValidation: true }, async (request, reply) => {
      const session = await currentSession(request);
      if (session) await endPlatformSession(platform, session);
      clearSessionCookie(reply, platform);
      reply.header('cache-control', 'no-store');
      const service = request.validationError ? undefined : request.query.service;
      if (service && (await cas.systemFor(service))) return reply.redirect(service, 302);
      return reply.type(HTML).send(LOGGED_OUT_PAGE);
    });
  };

  async function validate(request: FastifyRequest<{ Querystring: Query }>): Promise<ValidationResult> {
    if (request.validationError) return { ok: false, ...casFailure('INVALID_REQUEST') };
    const { service, ticket, format } = request.query;
    try {
      return await cas.validate({ service, ticket, format, renew: flagSet(request.query.renew) });
    } catch (error) {
      request.log.error({ err: error }, 'CAS validation failed');
      return { ok: false, ...casFailure('INTERNAL_ERROR') };
    }
  }
}

