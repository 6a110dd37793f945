import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MINUTE, enforceLimit } from '../platform/rate-limit.ts';
import { sendImage } from '../realname/routes.ts';
import { reviewService, type StaffContext } from '../realname/review-service.ts';
import { appealReviewService } from '../recovery/appeal-review.ts';
import { appealApproveSchema } from '../recovery/schemas.ts';
import { listAudit, recordAudit } from './audit.ts';
import { appealQueueQuerySchema, auditQuerySchema, rejectReviewSchema, reviewQueueQuerySchema, staffLoginSchema } from './schemas.ts';
import { STAFF_SESSION_COOKIE, STAFF_SESSION_IDLE_MS, staffStore, type Staff, type StaffRole } from './staff.ts';
import { staffLogin } from './staff-login.ts';
import { organizationsRoutes } from './organizations-routes.ts';
import { serviceItemsRoutes } from './service-items-routes.ts';
import { systemsRoutes } from './systems-routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff: (Staff & { sessionHash: string }) | null;
  }
}

const COOKIE_PATH = '/api/admin';
const LOGIN_LIMIT = { max: 30, windowMs: MINUTE };

/**
 * The staff member behind the request with the given role, or 403 for anyone else: citizens'
 * sessions count for nothing here (STAFF_ONLY), a staff member without the role gets
 * STAFF_ROLE_REQUIRED.
 */
function requireStaff(request: FastifyRequest, role: StaffRole): StaffContext {
  const staff = request.staff;
  if (!staff) throw new AppError('STAFF_ONLY', 403);
  if (!staff.roles.includes(role)) throw new AppError('STAFF_ROLE_REQUIRED', 403);
  return { staff, ip: request.ip };
}

const paging = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/** The back office's API under /api/admin (the pages are /admin in the web app). */
export function backofficeRoutes(platform: Platform): FastifyPluginAsync {
  const store = staffStore(platform.db, platform.cipher);
  const reviews = reviewService(platform);
  const appeals = appealReviewService(platform);
  const cookieOptions = { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict' as const, secure: platform.config.cookieSecure };

  return async (app) => {
    app.decorateRequest('staff', null);
    app.addHook('preHandler', async (request) => {
      const id = request.cookies[STAFF_SESSION_COOKIE];
      if (id) request.staff = (await store.findSession(id)) ?? null;
    });

    app.post('/login', async (request, reply: FastifyReply) => {
      await enforceLimit(platform.kv, 'staff-login', request.ip, LOGIN_LIMIT);
      const input = parseInput(staffLoginSchema, request.body);
      const result = await staffLogin(platform, input, request.ip);
      reply.setCookie(STAFF_SESSION_COOKIE, result.sessionId, { ...cookieOptions, maxAge: STAFF_SESSION_IDLE_MS / 1000 });
      return result.staff;
    });

    app.post('/logout', async (request, reply) => {
      if (request.staff) {
        await store.destroySession(request.staff.sessionHash);
        await recordAudit(platform.db, { staff: request.staff, action: 'staff.logout', ip: request.ip });
      }
      reply.clearCookie(STAFF_SESSION_COOKIE, cookieOptions);
      return { loggedOut: true };
    });

    app.get('/me', async (request) => {
      const staff = request.staff;
      if (!staff) throw new AppError('STAFF_ONLY', 403);
      return { loginName: staff.loginName, name: staff.name, roles: staff.roles };
    });

    app.get('/reviews', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      const query = parseInput(reviewQueueQuerySchema, request.query);
      return reviews.queue(ctx, { subject: query.subject, status: query.status, minAgeHours: query.minAgeHours, ...paging(query) });
    });

    app.get('/reviews/:id', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      return reviews.detail(ctx, (request.params as { id: string }).id);
    });

    app.get('/reviews/:id/files/:uploadId', async (request, reply) => {
      const ctx = requireStaff(request, 'reviewer');
      const { id, uploadId } = request.params as { id: string; uploadId: string };
      return sendImage(reply, await reviews.file(ctx, id, uploadId));
    });

    app.post('/reviews/:id/approve', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      return reviews.approve(ctx, (request.params as { id: string }).id);
    });

    app.post('/reviews/:id/reject', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      const { reason } = parseInput(rejectReviewSchema, request.body);
      return reviews.reject(ctx, (request.params as { id: string }).id, reason);
    });

    app.get('/appeals', async (request) => {
      requireStaff(request, 'reviewer');
      const query = parseInput(appealQueueQuerySchema, request.query);
      return appeals.queue({ kind: query.kind, status: query.status, minAgeHours: query.minAgeHours, ...paging(query) });
    });

    app.get('/appeals/:id', async (request) => appeals.detail(requireStaff(request, 'reviewer'), (request.params as { id: string }).id));

    app.get('/appeals/:id/files/:uploadId', async (request, reply) => {
      const ctx = requireStaff(request, 'reviewer');
      const { id, uploadId } = request.params as { id: string; uploadId: string };
      return sendImage(reply, await appeals.file(ctx, id, uploadId));
    });

    app.post('/appeals/:id/approve', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      const { accountId, primaryAgent } = parseInput(appealApproveSchema, request.body);
      return appeals.approve(ctx, (request.params as { id: string }).id, accountId, primaryAgent);
    });

    app.post('/appeals/:id/reject', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      const { reason } = parseInput(rejectReviewSchema, request.body);
      return appeals.reject(ctx, (request.params as { id: string }).id, reason);
    });

    app.get('/audit', async (request) => {
      requireStaff(request, 'admin');
      const query = parseInput(auditQuerySchema, request.query);
      return listAudit(platform.db, { action: query.action || undefined, staffLoginName: query.staff || undefined, ...paging(query) });
    });

    // Operators: business systems and service items (their own files, behind the same guard).
    await app.register(systemsRoutes(platform, requireStaff));
    await app.register(serviceItemsRoutes(platform, requireStaff));
    await app.register(organizationsRoutes(platform, requireStaff));
  };
}
