/**
 * Readiness (/readyz) and graceful shutdown, for a node behind a load balancer. /healthz says
 * the process lives; /readyz says this node can serve now: its database answers, its Redis
 * answers (when it has one), every migration is applied and the OpenID Connect signing keys
 * are loaded. Once shutdown has begun it answers 503, so the load balancer drains the node
 * first. The answer names the parts, never an address, a message or anything personal.
 */
import type { FastifyInstance } from 'fastify';
import { pendingMigrations } from '../platform/migrations.ts';
import type { Platform } from '../platform/platform.ts';
import { oidcRuntime } from '../sso/oidc/provider.ts';

export type CheckState = 'ok' | 'unavailable' | 'pending' | 'skipped';
export interface Readiness {
  ready: boolean;
  shuttingDown: boolean;
  checks: { database: CheckState; redis: CheckState; migrations: CheckState; signingKeys: CheckState };
}

/** A check that does not answer in this time counts as unavailable (the load balancer's own check times out too). */
const CHECK_TIMEOUT_MS = 2000;

const draining = new WeakSet<FastifyInstance>();

const withTimeout = <T>(work: Promise<T>, fallback: T): Promise<T> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS);
    timer.unref();
    work.then(resolve, () => resolve(fallback)).finally(() => clearTimeout(timer));
  });

export async function readiness(app: FastifyInstance, platform: Platform): Promise<Readiness> {
  const database: CheckState = (await withTimeout(platform.db.ping(), false)) ? 'ok' : 'unavailable';
  const redis: CheckState = platform.redis
    ? (await withTimeout(platform.redis.client.ping().then((answer) => answer === 'PONG'), false))
      ? 'ok'
      : 'unavailable'
    : 'skipped';
  const migrations: CheckState =
    database !== 'ok' ? 'unavailable' : (await withTimeout(pendingMigrations(platform.db).then((pending) => (pending.length ? 'pending' : 'ok')), 'unavailable' as CheckState));
  // The provider is built (its keys loaded, created on a first start) once and reused; this warms it.
  const signingKeys: CheckState =
    database !== 'ok' ? 'unavailable' : (await withTimeout(oidcRuntime(platform).current().then((built) => (built ? 'ok' : 'pending')), 'unavailable' as CheckState));
  const shuttingDown = draining.has(app);
  const checks = { database, redis, migrations, signingKeys };
  const ready = !shuttingDown && Object.values(checks).every((state) => state === 'ok' || state === 'skipped');
  return { ready, shuttingDown, checks };
}

export function registerReadiness(app: FastifyInstance, platform: Platform) {
  app.get('/readyz', async (_request, reply) => {
    const state = await readiness(app, platform);
    reply.header('cache-control', 'no-store');
    return reply.status(state.ready ? 200 : 503).send({ status: state.ready ? 'ready' : state.shuttingDown ? 'shutting down' : 'not ready', checks: state.checks });
  });
}

/**
 * SIGTERM: /readyz answers 503 at once; after drainMs (the load balancer's checks see it) the
 * node stops accepting connections and waits for the requests in flight, at most timeoutMs,
 * then closes the connections still open. The caller closes the pools afterwards.
 */
export async function closeGracefully(app: FastifyInstance, options: { drainMs: number; timeoutMs: number }): Promise<'finished' | 'timed out'> {
  draining.add(app);
  if (options.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), options.timeoutMs);
  });
  const closed = app.close().then(() => 'finished' as const);
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timed out') {
    app.server.closeAllConnections();
    await closed.catch(() => undefined);
  }
  return outcome;
}

/** Whether this app is draining (shutdown has begun). */
export const isDraining = (app: FastifyInstance) => draining.has(app);
