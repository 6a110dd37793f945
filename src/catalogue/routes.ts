import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireSession } from '../platform/http/session-plugin.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MINUTE, enforceLimit } from '../platform/rate-limit.ts';
import { browseQuerySchema, itemCodeParamsSchema } from './schemas.ts';
import { catalogueService } from './service.ts';

export const CATALOGUE_LIMITS = {
  // Searching is a LIKE over the catalogue: generous for a person typing, a brake on scraping.
  search: { max: 60, windowMs: MINUTE },
};

const codeOf = (request: FastifyRequest) => parseInput(itemCodeParamsSchema, request.params).code;

/** 服务事项 (public, following needs login) and 我的关注; mounted under /api. */
export function catalogueRoutes(platform: Platform): FastifyPluginAsync {
  const catalogue = catalogueService(platform.db);
  return async (app) => {
    app.get('/catalogue/items', async (request) => {
      const query = parseInput(browseQuerySchema, request.query);
      if (query.q) await enforceLimit(platform.kv, 'catalogue-search', request.ip, CATALOGUE_LIMITS.search);
      return { items: await catalogue.browse(query, request.session) };
    });
    app.get('/catalogue/facets', async () => catalogue.facets());
    app.get('/catalogue/items/:code', async (request) => catalogue.item(codeOf(request), request.session));
    app.post('/catalogue/items/:code/follow', async (request) => catalogue.follow(codeOf(request), requireSession(request)));
    app.delete('/catalogue/items/:code/follow', async (request) => catalogue.unfollow(codeOf(request), requireSession(request)));
    app.get('/me/follows', async (request) => ({ items: await catalogue.follows(requireSession(request)) }));
    app.get('/catalogue/popular', async () => ({ items: await catalogue.popular() }));
    app.get('/me/recent-items', async (request) => ({ items: await catalogue.recent(requireSession(request)) }));
  };
}
