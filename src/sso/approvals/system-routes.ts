/**
 * The system API of approvals, under SYSTEM_API_PREFIX (/system-api/v1), for business systems
 * marked 单位需经系统审核 with their client_credentials token; a system acts on its own holdings only:
 *   PUT    /organizations/:creditCode/holding   approve the organisation (idempotent)
 *   DELETE /organizations/:creditCode/holding   withdraw its holding (idempotent)
 * Authentication first: nobody learns anything about the input without a token.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseInput } from '../../platform/http/validate.ts';
import type { Platform } from '../../platform/platform.ts';
import { authenticateSystem } from '../system-api/authenticate.ts';
import { systemsStore } from '../systems-store.ts';
import { creditCodeParamsSchema } from './schemas.ts';
import { approvalsService, organizationByCreditCode } from './service.ts';

export function approvalsSystemRoutes(platform: Platform): FastifyPluginAsync {
  const approvals = approvalsService(platform);

  async function target(request: FastifyRequest) {
    const caller = await authenticateSystem(platform, request);
    const { creditCode } = parseInput(creditCodeParamsSchema, request.params);
    // The calling system itself, read now: its own rule decides, never another system's.
    const system = (await systemsStore(platform.db, platform.cipher).findByKey(caller.key))!;
    const organization = await organizationByCreditCode(platform.db, creditCode);
    return { actor: { id: null, loginName: `system:${caller.key}`, ip: request.ip }, system, organization };
  }

  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    app.put('/organizations/:creditCode/holding', async (request) => {
      const { actor, system, organization } = await target(request);
      return approvals.approve(actor, organization.id, system);
    });

    app.delete('/organizations/:creditCode/holding', async (request) => {
      const { actor, system, organization } = await target(request);
      return approvals.withdraw(actor, organization.id, system);
    });
  };
}
