/**
 * 工作人员管理 under /api/admin/staff (admins only) and a staff member's own 修改密码 at
 * /api/admin/me/password (any staff member, also while their initial password must be changed).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MINUTE, enforceLimit } from '../platform/rate-limit.ts';
import { staffAdmin } from './staff-admin.ts';
import { createStaffSchema, staffIdSchema, staffPasswordSchema } from './staff-schemas.ts';
import type { RequireStaff } from './systems-routes.ts';

/** Wrong current passwords are counted per staff member, so a session left open is not a guessing machine. */
const PASSWORD_CHANGE_LIMIT = { max: 10, windowMs: 15 * MINUTE };

export function staffRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const staff = staffAdmin(platform);
  const admin = (request: FastifyRequest) => requireStaff(request, 'admin');

  return async (app) => {
    app.get('/staff', async (request) => {
      admin(request);
      return { staff: await staff.list() };
    });

    app.post('/staff', async (request) => {
      const ctx = admin(request);
      return staff.create(ctx, parseInput(createStaffSchema, request.body));
    });

    app.post('/staff/:id/reset', async (request) => {
      const ctx = admin(request);
      return staff.reset(ctx, parseInput(staffIdSchema, request.params).id);
    });

    app.post('/staff/:id/disable', async (request) => {
      const ctx = admin(request);
      return staff.setDisabled(ctx, parseInput(staffIdSchema, request.params).id, true);
    });

    app.post('/staff/:id/enable', async (request) => {
      const ctx = admin(request);
      return staff.setDisabled(ctx, parseInput(staffIdSchema, request.params).id, false);
    });

    app.post('/me/password', async (request) => {
      const me = request.staff;
      if (!me) throw new AppError('STAFF_ONLY', 403);
      const input = parseInput(staffPasswordSchema, request.body);
      await enforceLimit(platform.kv, 'staff-password', me.id, PASSWORD_CHANGE_LIMIT);
      await staff.changeOwnPassword({ staff: me, ip: request.ip, sessionHash: me.sessionHash }, input.oldPassword, input.password);
      return { changed: true };
    });
  };
}
