/**
 * 评价管理 under /api/admin/ratings (operators): counts per grade by system and by item, the
 * latest ratings, and a CSV export. Registered inside the back office's routes; every read is audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { recordAudit } from '../backoffice/audit.ts';
import type { RequireStaff } from '../backoffice/systems-routes.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { ratingsAdmin, type RatingsFilter } from './ratings-admin.ts';
import { ratingsQuerySchema } from './schemas.ts';

const filterOf = (query: { system: string; itemCode: string }): RatingsFilter => ({ systemKey: query.system || undefined, itemCode: query.itemCode || undefined });

export function ratingsAdminRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const ratings = ratingsAdmin(platform);
  return async (app) => {
    app.get('/ratings', async (request) => {
      const ctx = requireStaff(request, 'operator');
      const filter = filterOf(parseInput(ratingsQuerySchema, request.query));
      const summary = await ratings.summary(filter);
      await recordAudit(platform.db, { staff: { id: ctx.staff.id, loginName: ctx.staff.loginName }, action: 'ratings.view', detail: { filter }, ip: ctx.ip });
      return summary;
    });

    app.get('/ratings/export', async (request, reply) => {
      const ctx = requireStaff(request, 'operator');
      const filter = filterOf(parseInput(ratingsQuerySchema, request.query));
      const { csv, rows } = await ratings.exportCsv(filter);
      await recordAudit(platform.db, { staff: { id: ctx.staff.id, loginName: ctx.staff.loginName }, action: 'ratings.export', detail: { filter, rows }, ip: ctx.ip });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ratings.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    });
  };
}
