/**
 * HTTP metrics of a Fastify app: requests and their latency by method, route pattern (never the
 * raw URL: no ids, no personal data in labels) and status; login outcomes by the login routes'
 * answers; and the platform's pools as sources for the gauges (registry.ts).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { countLogin, httpDuration, httpRequests, setPoolSources } from './registry.ts';

/** The password login routes: 200 is a login, 401 a refused password, 429 a lock (src/accounts/login-guard.ts). */
const LOGIN_ROUTES = new Set(['/api/login', '/api/admin/login']);

export function instrumentHttp(app: FastifyInstance, platform: Platform) {
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched requests (404s, scanners) share one label instead of one per URL.
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
    if (request.method === 'POST' && LOGIN_ROUTES.has(route)) {
      if (reply.statusCode === 200) countLogin('ok');
      else if (reply.statusCode === 401) countLogin('failed');
      else if (reply.statusCode === 429) countLogin('locked');
    }
  });
  setPoolSources(poolSources(platform));
  // Never on the public port (the metrics server has its own): a plain 404, not the portal's page.
  app.get('/metrics', async (_request, reply) => reply.status(404).send(new AppError('NOT_FOUND', 404).toJSON()));
}

function poolSources(platform: Platform) {
  const redis = platform.redis?.client;
  return {
    database: platform.db.poolStats ? () => platform.db.poolStats?.() : undefined,
    redis: redis ? () => ({ connected: redis.status === 'ready', queued: redis.commandQueue.length + (redis as unknown as { offlineQueue: { length: number } }).offlineQueue.length }) : undefined,
    verificationRetries: async () =>
      Number((await platform.db.query<{ n: number }>(`select count(*) as n from verifications where status = 'pending'`))[0]?.n ?? 0),
  };
}
