/**
 * 授权 over HTTP, under /api: the organisation's 用户授权管理 (/org/...), a person's
 * 法人(单位)授权办理情况 and the maintenance of an organisation's information by a person it
 * authorised (/me/delegations/...). The contract is /work/notes/grants-api.md's, kept in the
 * route comments below.
 */
import { pendingSystems } from '../sso/approvals/service.ts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { profileService } from '../accounts/profile.ts';
import { listUpdateRecords } from '../accounts/update-records.ts';
import { AppError } from '../platform/errors.ts';
import { requireSession } from '../platform/http/session-plugin.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MINUTE, enforceLimit } from '../platform/rate-limit.ts';
import { changeGrantSchema, grantSchema, idParamsSchema, listQuerySchema, organizationParamsSchema, personSearchSchema } from './schemas.ts';
import { authorizationService } from './service.ts';

export const GRANT_LIMITS = {
  // The search tells whether a name + document belongs to a verified person: a brake on probing.
  search: { max: 30, windowMs: MINUTE },
};

type Body = Record<string, unknown>;

const recordsQuery = z.object({ section: z.enum(['organization_basic', 'organization_other']).optional() });

export function grantRoutes(platform: Platform): FastifyPluginAsync {
  const grants = authorizationService(platform);
  const profiles = profileService(platform);

  const accountOfKind = (kind: 'natural' | 'legal', request: FastifyRequest) => {
    const session = requireSession(request);
    if (session.kind !== kind) throw new AppError('FORBIDDEN', 403);
    return session.accountId;
  };
  const organization = (request: FastifyRequest) => accountOfKind('legal', request);
  const person = (request: FastifyRequest) => accountOfKind('natural', request);

  return async (app) => {
    // --- 用户授权管理 (organisation accounts)
    app.get('/org/held-systems', async (request) => {
      const organizationId = organization(request);
      // pending: systems it entered that wait to approve it (待业务系统审核).
      return { systems: await grants.heldSystems(organizationId), pending: await pendingSystems(platform.db, organizationId) };
    });

    app.post('/org/authorizations/search', async (request) => {
      const organizationId = organization(request);
      await enforceLimit(platform.kv, 'grant-search', organizationId, GRANT_LIMITS.search);
      const { name, documentNumber } = parseInput(personSearchSchema, request.body);
      return grants.search(organizationId, name, documentNumber);
    });

    app.get('/org/authorizations', async (request) => {
      const organizationId = organization(request);
      const query = parseInput(listQuerySchema, request.query);
      return { authorizations: await grants.list(organizationId, { name: query.name || undefined, system: query.system || undefined, status: query.status }) };
    });

    app.post('/org/authorizations', async (request, reply) => {
      const organizationId = organization(request);
      const { personId, ...input } = parseInput(grantSchema, request.body);
      const view = await grants.grant(organizationId, personId, input);
      return reply.code(201).send(view);
    });

    app.put('/org/authorizations/:id', async (request) => {
      const organizationId = organization(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return grants.change(organizationId, id, parseInput(changeGrantSchema, request.body));
    });

    app.delete('/org/authorizations/:id', async (request) => {
      const organizationId = organization(request);
      const { id } = parseInput(idParamsSchema, request.params);
      await grants.revoke(organizationId, id);
      return { revoked: true };
    });

    app.get('/org/authorization-events', async (request) => ({ events: await grants.events(organization(request)) }));

    // --- 法人(单位)授权办理情况 (natural persons)
    app.get('/me/delegations', async (request) => ({ delegations: await grants.delegations(person(request)) }));

    /** The organisation's information for a person who may maintain it (its primary agent stays private). */
    app.get('/me/delegations/:organizationId/profile', async (request) => {
      const { organizationId } = parseInput(organizationParamsSchema, request.params);
      await grants.requireMaintainer(person(request), organizationId);
      const { primaryAgent: _private, ...view } = (await profiles.view(organizationId)) as Body;
      return view;
    });

    app.put('/me/delegations/:organizationId/profile/organization-basic', async (request) => {
      const { organizationId } = parseInput(organizationParamsSchema, request.params);
      const actor = await grants.requireMaintainer(person(request), organizationId);
      return profiles.saveOrganizationBasic(organizationId, request.body as Body, actor);
    });

    app.put('/me/delegations/:organizationId/profile/organization-other', async (request) => {
      const { organizationId } = parseInput(organizationParamsSchema, request.params);
      const actor = await grants.requireMaintainer(person(request), organizationId);
      return profiles.saveOrganizationOther(organizationId, request.body as Body, actor);
    });

    app.get('/me/delegations/:organizationId/update-records', async (request) => {
      const { organizationId } = parseInput(organizationParamsSchema, request.params);
      await grants.requireMaintainer(person(request), organizationId);
      const { section } = parseInput(recordsQuery, request.query);
      return { records: await listUpdateRecords(platform.db, organizationId, section) };
    });
  };
}
