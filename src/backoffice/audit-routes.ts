/**
 * 审计日志 under /api/admin/audit (admins): the log filtered by staff member, subject account,
 * action and days, a page at a time or as a CSV download. The download is itself audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { exportAuditCsv, listAudit, recordAudit, type AuditFilter } from './audit.ts';
import { auditFilterSchema, auditQuerySchema } from './schemas.ts';
import type { RequireStaff } from './systems-routes.ts';

const filterOf = (query: { action?: string; staff?: string; account?: string; from: string; to: string }): AuditFilter => ({
  action: query.action || undefined,
  staffLoginName: query.staff || undefined,
  account: query.account || undefined,
  from: query.from || undefined,
  to: query.to || undefined,
});

export function auditRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  return async (app) => {
    app.get('/audit', async (request) => {
      requireStaff(request, 'admin');
      const query = parseInput(auditQuerySchema, request.query);
      return listAudit(platform.db, { ...filterOf(query), limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    });

    app.get('/audit/export', async (request, reply) => {
      const ctx = requireStaff(request, 'admin');
      const filter = filterOf(parseInput(auditFilterSchema, request.query));
      const { csv, rows } = await exportAuditCsv(platform.db, filter);
      await recordAudit(platform.db, { staff: { id: ctx.staff.id, loginName: ctx.staff.loginName }, action: 'audit.export', detail: { filter, rows }, ip: ctx.ip });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    });
  };
}
