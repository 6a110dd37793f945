/**
 * Operators approve an organisation for a system marked 单位需经系统审核, or withdraw its
 * holding, under /api/admin (单位管理), as the system itself can (src/sso/approvals/system-routes.ts):
 *   GET    /organizations/:id/holdings                the approval systems and the organisation's state in each
 *   PUT    /organizations/:id/holdings/:systemKey     approve (idempotent)
 *   DELETE /organizations/:id/holdings/:systemKey     withdraw (idempotent)
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RequireStaff } from '../../backoffice/systems-routes.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/http/validate.ts';
import type { Platform } from '../../platform/platform.ts';
import { systemsStore } from '../systems-store.ts';
import { z } from 'zod';
import { adminHoldingParamsSchema } from './schemas.ts';
import { approvalsService, holdingState } from './service.ts';

const idSchema = z.object({ id: z.uuid({ error: 'ORGANIZATION_NOT_FOUND' }) });

export function approvalsAdminRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const approvals = approvalsService(platform);

  async function organization(id: string) {
    const [row] = await platform.db.query<{ id: string }>('select account_id as id from organizations where account_id = $1', [id]);
    if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', 404);
    return row;
  }

  async function target(request: FastifyRequest) {
    const staff = requireStaff(request, 'operator');
    const { id, systemKey } = parseInput(adminHoldingParamsSchema, request.params);
    const system = await approvals.systemByKey(systemKey);
    await organization(id);
    return { actor: { id: staff.staff.id, loginName: staff.staff.loginName, ip: staff.ip }, id, system };
  }

  return async (app) => {
    app.get('/organizations/:id/holdings', async (request) => {
      requireStaff(request, 'operator');
      const { id } = parseInput(idSchema, request.params);
      await organization(id);
      const systems = (await systemsStore(platform.db, platform.cipher).list()).filter((s) => s.requiresApproval);
      const holdings = [];
      for (const s of systems) holdings.push({ key: s.key, name: s.name, state: await holdingState(platform.db, id, s.id) });
      return { holdings };
    });

    app.put('/organizations/:id/holdings/:systemKey', async (request) => {
      const { actor, id, system } = await target(request);
      return approvals.approve(actor, id, system);
    });

    app.delete('/organizations/:id/holdings/:systemKey', async (request) => {
      const { actor, id, system } = await target(request);
      return approvals.withdraw(actor, id, system);
    });
  };
}
