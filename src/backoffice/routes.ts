import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MINUTE, enforceLimit } from '../platform/rate-limit.ts';
import { sendImage } from '../realname/routes.ts';
import { reviewService, type StaffContext } from '../realname/review-service.ts';
import { appealReviewService } from '../recovery/appeal-review.ts';
import { appealApproveSchema } from '../recovery/schemas.ts';
import { recordAudit } from './audit.ts';
import { auditRoutes } from './audit-routes.ts';
import { accountsRoutes } from './accounts-routes.ts';
import { appealQueueQuerySchema, rejectReviewSchema, reviewQueueQuerySchema, staffLoginSchema } from './schemas.ts';
import { STAFF_SESSION_COOKIE, STAFF_SESSION_IDLE_MS, staffStore, type Staff, type StaffRole } from './staff.ts';
import { staffLogin } from './staff-login.ts';
import { composeRejectionReason, rejectWithPresetsSchema } from './review-reason-schemas.ts';
import { reviewReasons } from './review-reasons.ts';
import { reviewReasonsRoutes } from './review-reasons-routes.ts';
import { organizationsRoutes } from './organizations-routes.ts';
import { approvalsAdminRoutes } from '../sso/approvals/admin-routes.ts';
import { serviceItemsRoutes } from './service-items-routes.ts';
import { systemsRoutes } from './systems-routes.ts';
import { staffRoutes } from './staff-routes.ts';
import { ratingsAdminRoutes } from '../matters/admin-routes.ts';
import { noticesAdminRoutes } from '../notices/routes.ts';

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
  // An initial or reset password is changed before anything else (/me/password is outside this guard).
  if (staff.passwordChangeRequired) throw new AppError('STAFF_PASSWORD_CHANGE_REQUIRED', 403);
  return { staff, ip: request.ip };
}

const paging = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/** The back office's API under /api/admin (the pages are /admin in the web app). */
export function backofficeRoutes(platform: Platform): FastifyPluginAsync {
  const store = staffStore(platform.db, platform.cipher);
  const reviews = reviewService(platform);
  const appeals = appealReviewService(platform);
  const presetReasons = reviewReasons(platform);
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
      return { loginName: staff.loginName, name: staff.name, roles: staff.roles, passwordChangeRequired: staff.passwordChangeRequired };
    });

    app.get('/reviews', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      const query = parseInput(reviewQueueQuerySchema, request.query);
      const { page: _page, pageSize: _pageSize, name, ...filter } = query;
      return reviews.queue(ctx, { ...filter, name: name || undefined, ...paging(query) });
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

    // An admin ends a reviewer's claim on a review (审核中：<reviewer>), audited.
    app.post('/reviews/:id/release', async (request) => reviews.release(requireStaff(request, 'admin'), (request.params as { id: string }).id));

    app.post('/reviews/:id/approve', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      return reviews.approve(ctx, (request.params as { id: string }).id);
    });

    app.post('/reviews/:id/reject', async (request) => {
      const ctx = requireStaff(request, 'reviewer');
      // 审核不通过 with presets (常用不通过原因) and / or free text, in the words the user will read.
      const { presets, reason } = parseInput(rejectWithPresetsSchema, request.body);
      return reviews.reject(ctx, (request.params as { id: string }).id, composeRejectionReason(await presetReasons.textsOf(presets), reason));
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

    // Operators: business systems and service items (their own files, behind the same guard).
    await app.register(systemsRoutes(platform, requireStaff));
    await app.register(serviceItemsRoutes(platform, requireStaff));
    await app.register(organizationsRoutes(platform, requireStaff));
    await app.register(approvalsAdminRoutes(platform, requireStaff));
    await app.register(reviewReasonsRoutes(platform, requireStaff));
    await app.register(noticesAdminRoutes(platform, requireStaff));
    // Admins: staff accounts; every staff member: their own password.
    await app.register(staffRoutes(platform, requireStaff));
    await app.register(accountsRoutes(platform, requireStaff));
    await app.register(auditRoutes(platform, requireStaff));
    await app.register(ratingsAdminRoutes(platform, requireStaff));
  };
}
