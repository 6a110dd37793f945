/**
 * The portal's API (under /api): 我的事项, 我的评价 and 我要办理 for the signed-in account,
 * 结果公示 for everyone.
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireSession } from '../platform/http/session-plugin.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { resultsService } from './results.ts';
import { matterIdParamsSchema, ratingSchema, resultsQuerySchema } from './schemas.ts';
import { mattersService } from './service.ts';

export function mattersRoutes(platform: Platform): FastifyPluginAsync {
  const matters = mattersService(platform);
  const results = resultsService(platform);
  return async (app) => {
    app.get('/me/matters', async (request) => ({ matters: await matters.list(requireSession(request).accountId) }));
    app.post('/me/matters/:id/rating', async (request, reply) => {
      const { accountId } = requireSession(request);
      const { id } = parseInput(matterIdParamsSchema, request.params);
      return reply.status(201).send(await matters.rate(accountId, id, parseInput(ratingSchema, request.body)));
    });
    app.get('/me/ratings', async (request) => ({ ratings: await matters.ratings(requireSession(request).accountId) }));
    app.get('/me/apply', async (request) => matters.applyItems(requireSession(request).accountId));
    app.get('/results', async (request) => results.list(parseInput(resultsQuerySchema, request.query)));
  };
}
