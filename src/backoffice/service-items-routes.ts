/** The operators' API for service items (服务事项) under /api/admin/service-items (inside the back office's routes). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { serviceItemSchema } from './schemas.ts';
import { serviceItemsAdmin } from './service-items-admin.ts';
import { idParam, type RequireStaff } from './systems-routes.ts';

export function serviceItemsRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const items = serviceItemsAdmin(platform);
  const operator = (request: FastifyRequest) => requireStaff(request, 'operator');
  const id = (request: FastifyRequest) => idParam(request, 'ITEM_NOT_FOUND');

  return async (app) => {
    app.get('/service-items', async (request) => {
      operator(request);
      return { items: await items.list() };
    });

    app.get('/service-items/:id', async (request) => {
      operator(request);
      return items.detail(id(request));
    });

    app.post('/service-items', async (request, reply) => {
      const ctx = operator(request);
      return reply.status(201).send(await items.create(ctx, parseInput(serviceItemSchema, request.body)));
    });

    app.put('/service-items/:id', async (request) => {
      const ctx = operator(request);
      return items.update(ctx, id(request), parseInput(serviceItemSchema, request.body));
    });

    app.post('/service-items/:id/enable', async (request) => items.setEnabled(operator(request), id(request), true));
    app.post('/service-items/:id/disable', async (request) => items.setEnabled(operator(request), id(request), false));
  };
}
