import type { FastifyPluginAsync } from 'fastify';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { legacyLookup } from './lookup.ts';
import { legacyLookupSchema } from './lookup-schemas.ts';

/** 账号检索, public (no session): which case, window and login name a former account has now. */
export function legacyRoutes(platform: Platform): FastifyPluginAsync {
  const lookup = legacyLookup(platform);
  return async (app) => {
    app.post('/lookup', async (request) => lookup.lookup(parseInput(legacyLookupSchema, request.body), request.ip));
  };
}
