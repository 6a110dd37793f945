/** The operators' API for service items (服务事项) under /api/admin/service-items (inside the back office's routes). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { JSON_BODY_LIMIT } from '../platform/http/body-limits.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { serviceItemSchema } from './schemas.ts';
import { serviceItemsAdmin } from './service-items-admin.ts';
import { SYSTEM_LIMITS } from './system-rules.ts';
import { idParam, type RequireStaff } from './systems-routes.ts';

/** The largest service item: every guide section full, 3 bytes of UTF-8 a character (Chinese), and the rest of the form. */
export const SERVICE_ITEM_BODY_LIMIT =
  SYSTEM_LIMITS.maxGuideSections * (SYSTEM_LIMITS.guideTitleMaxLength + SYSTEM_LIMITS.guideTextMaxLength) * 3 + JSON_BODY_LIMIT;

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

    app.post('/service-items', { bodyLimit: SERVICE_ITEM_BODY_LIMIT }, async (request, reply) => {
      const ctx = operator(request);
      return reply.status(201).send(await items.create(ctx, parseInput(serviceItemSchema, request.body)));
    });

    app.put('/service-items/:id', { bodyLimit: SERVICE_ITEM_BODY_LIMIT }, async (request) => {
      const ctx = operator(request);
      return items.update(ctx, id(request), parseInput(serviceItemSchema, request.body));
    });

    app.post('/service-items/:id/enable', async (request) => items.setEnabled(operator(request), id(request), true));
    app.post('/service-items/:id/disable', async (request) => items.setEnabled(operator(request), id(request), false));
  };
}
