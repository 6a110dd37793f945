/**
 * 办理入口 over HTTP: GET /sso/enter/:systemKey is what the entry button links to (a
 * navigation: login first, or a pending password change, then into the system or to the page
 * explaining why not),
 * GET /api/sso/entry/:systemKey is the same decision for that page, and POST there is the
 * page's answer when the person must choose the organisation they act for.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/http/validate.ts';
import { SESSION_COOKIE } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { loginPathFor, passwordChangePathFor } from '../return-path.ts';
import { ENTER_PREFIX, enterPath, entryPagePath } from './paths.ts';
import { enterSystem, type Entrant } from './service.ts';
import { requestedLevel } from '../../realname/levels.ts';

const paramsSchema = { params: { type: 'object', properties: { systemKey: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['systemKey'] } };

type Params = { Params: { systemKey: string } };

/** The entry page explaining an OIDC refusal passes on the sign-in's acr_values (src/sso/entry/oidc.ts). */
const decisionSchema = { ...paramsSchema, querystring: { type: 'object', properties: { acr_values: { type: 'string', maxLength: 1000 } } } };
type DecisionQuery = Params & { Querystring: { acr_values?: string } };

const choiceSchema = z.object({ organizationId: z.uuid({ error: 'ACTING_CHOICE_INVALID' }) });

export function entryRoutes(platform: Platform): FastifyPluginAsync {
  async function sessionOf(request: FastifyRequest) {
    const sid = request.cookies[SESSION_COOKIE];
    return request.session ?? (sid ? await platform.sessions.find(sid) : undefined);
  }

  /** The account of a usable session (not one waiting for a password change), from the cookie. */
  async function signedIn(request: FastifyRequest): Promise<Entrant | undefined> {
    const session = await sessionOf(request);
    return session && !session.passwordChangeRequired ? { accountId: session.accountId, sessionIdHash: session.idHash } : undefined;
  }

  return async (app) => {
    app.get<Params>(`${ENTER_PREFIX}/:systemKey`, { schema: paramsSchema }, async (request, reply) => {
      const { systemKey } = request.params;
      reply.header('cache-control', 'no-store');
      const session = await sessionOf(request);
      // Logged in, but a password change is pending: that first, then on into 办理入口 (issue 14.13).
      if (session?.passwordChangeRequired) return reply.redirect(passwordChangePathFor(enterPath(systemKey)), 302);
      const decision = await enterSystem(platform, await signedIn(request), systemKey);
      if (decision?.ok) return reply.redirect(decision.url, 302);
      if (decision && decision.refusals[0]?.code === 'NOT_LOGGED_IN') return reply.redirect(loginPathFor(enterPath(systemKey)), 302);
      // Refused, or no such system: the portal page says why (it asks the API below).
      return reply.redirect(entryPagePath(systemKey), 302);
    });

    app.get<DecisionQuery>('/api/sso/entry/:systemKey', { schema: decisionSchema }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const requested = requestedLevel(request.query.acr_values);
      const decision = await enterSystem(platform, await signedIn(request), request.params.systemKey, undefined, requested);
      if (!decision) throw new AppError('NOT_FOUND', 404);
      return decision;
    });

    app.post<Params>('/api/sso/entry/:systemKey', { schema: paramsSchema }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { organizationId } = parseInput(choiceSchema, request.body);
      const decision = await enterSystem(platform, await signedIn(request), request.params.systemKey, organizationId);
      if (!decision) throw new AppError('NOT_FOUND', 404);
      return decision;
    });
  };
}
