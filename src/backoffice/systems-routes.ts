/**
 * The operators' API for business systems (业务系统) under /api/admin/systems; registered
 * inside the back office's routes, which know the staff member behind each request.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { businessSystemSchema } from './schemas.ts';
import type { StaffRole } from './staff.ts';
import { systemsAdmin } from './systems-admin.ts';

/** The back office's guard: the staff member with the role, or 403 (STAFF_ONLY / STAFF_ROLE_REQUIRED). */
export type RequireStaff = (request: FastifyRequest, role: StaffRole) => StaffContext;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The :id of the route; an id that cannot exist is not found like any other. */
export function idParam(request: FastifyRequest, notFound: 'SYSTEM_NOT_FOUND' | 'ITEM_NOT_FOUND'): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!UUID.test(id)) throw new AppError(notFound, 404);
  return id;
}

export function systemsRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const systems = systemsAdmin(platform);
  // The guard runs first in every handler: nobody learns anything about the input without the role.
  const operator = (request: FastifyRequest) => requireStaff(request, 'operator');
  const id = (request: FastifyRequest) => idParam(request, 'SYSTEM_NOT_FOUND');

  return async (app) => {
    app.get('/systems', async (request) => {
      operator(request);
      return { systems: await systems.list() };
    });

    app.get('/systems/:id', async (request) => {
      operator(request);
      return systems.detail(id(request));
    });

    app.post('/systems', async (request, reply) => {
      const ctx = operator(request);
      const created = await systems.create(ctx, parseInput(businessSystemSchema, request.body));
      return reply.status(201).send(created);
    });

    app.put('/systems/:id', async (request) => {
      const ctx = operator(request);
      return systems.update(ctx, id(request), parseInput(businessSystemSchema, request.body));
    });

    app.post('/systems/:id/enable', async (request) => systems.setEnabled(operator(request), id(request), true));
    app.post('/systems/:id/disable', async (request) => systems.setEnabled(operator(request), id(request), false));
    app.post('/systems/:id/secret', async (request) => systems.regenerateSecret(operator(request), id(request)));
  };
}
