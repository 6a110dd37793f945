/**
 * The system API of 我的事项 and 结果公示, under SYSTEM_API_PREFIX (/system-api/v1), for
 * business systems with their client_credentials token (src/sso/system-api/authenticate.ts):
 *   PUT    /matters/:reference   report an item's state (idempotent by the reference)
 *   PUT    /results/:reference   publish a public result (idempotent by the reference)
 *   DELETE /results/:reference   withdraw it
 * Authentication first in every handler: nobody learns anything about the input without a token.
 */
import type { FastifyPluginAsync } from 'fastify';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { authenticateSystem } from '../sso/system-api/authenticate.ts';
import { resultsService } from './results.ts';
import { matterReportSchema, referenceParamsSchema, resultSchema } from './schemas.ts';
import { mattersService } from './service.ts';

export function mattersSystemRoutes(platform: Platform): FastifyPluginAsync {
  const matters = mattersService(platform);
  const results = resultsService(platform);
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    app.put('/matters/:reference', async (request, reply) => {
      const system = await authenticateSystem(platform, request);
      const { reference } = parseInput(referenceParamsSchema, request.params);
      const outcome = await matters.report(system, reference, parseInput(matterReportSchema, request.body), request.ip);
      return reply.status(outcome.created ? 201 : 200).send(outcome);
    });

    app.put('/results/:reference', async (request, reply) => {
      const system = await authenticateSystem(platform, request);
      const { reference } = parseInput(referenceParamsSchema, request.params);
      const outcome = await results.publish(system, reference, parseInput(resultSchema, request.body), request.ip);
      return reply.status(outcome.created ? 201 : 200).send(outcome);
    });

    app.delete('/results/:reference', async (request) => {
      const system = await authenticateSystem(platform, request);
      const { reference } = parseInput(referenceParamsSchema, request.params);
      return results.withdraw(system, reference, request.ip);
    });
  };
}
