/**
 * The platform's Prometheus metrics (prom-client), one registry per process (a process is one
 * node). Labels are bounded and never personal: route patterns (/api/accounts/:id, never the
 * raw URL), status codes, outcomes, business-system client ids and CAS service systems.
 * Other modules call the small count functions below; nothing else of prom-client leaks out.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BreakerState } from '../../realname/circuit-breaker.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'most_', eventLoopMonitoringPrecision: 20 });

export const httpRequests = new Counter({
  name: 'most_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'most_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const logins = new Counter({
  name: 'most_logins_total',
  help: 'Password logins (自然人登录, 法人登录, staff), by outcome: ok, failed, locked',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const signIns = new Counter({
  name: 'most_sign_ins_total',
  help: 'Sign-ins to business systems: OIDC authorizations and CAS service tickets issued, by protocol and system',
  labelNames: ['protocol', 'system'] as const,
  registers: [registry],
});

const smsSends = new Counter({
  name: 'most_sms_sends_total',
  help: 'SMS handed to the gateway (or the development outbox), by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const registryCalls = new Counter({
  name: 'most_registry_calls_total',
  help: 'Calls to the national identity registry, by kind and outcome (ok, or the reason it was unavailable)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

/** Circuit breakers of this node, read when scraped. */
const breakers = new Map<string, () => BreakerState>();
new Gauge({
  name: 'most_circuit_breaker_state',
  help: 'Circuit breaker state: 0 closed, 1 half open, 2 open',
  labelNames: ['breaker'] as const,
  registers: [registry],
  collect() {
    this.reset();
    const value = { closed: 0, half_open: 1, open: 2 } as const;
    for (const [name, state] of breakers) this.set({ breaker: name }, value[state().name]);
  },
});

/** What the pools and queues of the platform in this process report, read when scraped. */
export interface PoolSources {
  database?: () => { total: number; idle: number; waiting: number } | undefined;
  redis?: () => { connected: boolean; queued: number };
  verificationRetries?: () => Promise<number>;
}
let sources: PoolSources = {};
export const setPoolSources = (next: PoolSources) => void (sources = next);

new Gauge({
  name: 'most_db_pool_connections',
  help: 'PostgreSQL pool connections by state: total, idle, waiting (requests waiting for a connection)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    const pool = sources.database?.();
    if (!pool) return;
    for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
  },
});

new Gauge({
  name: 'most_redis_connected',
  help: '1 while the Redis connection is ready, 0 otherwise (absent without Redis)',
  registers: [registry],
  collect() {
    this.reset();
    const redis = sources.redis?.();
    if (redis) this.set(redis.connected ? 1 : 0);
  },
});

new Gauge({
  name: 'most_redis_commands_queued',
  help: 'Redis commands waiting to be sent (offline queue and in flight)',
  registers: [registry],
  collect() {
    this.reset();
    const redis = sources.redis?.();
    if (redis) this.set(redis.queued);
  },
});

new Gauge({
  name: 'most_verification_retries_pending',
  help: 'Real-name verifications waiting for the registry to be asked again (the retry queue)',
  registers: [registry],
  async collect() {
    this.reset();
    const pending = await sources.verificationRetries?.().catch(() => undefined);
    if (pending !== undefined) this.set(pending);
  },
});

export type LoginOutcome = 'ok' | 'failed' | 'locked';
export const countLogin = (outcome: LoginOutcome) => logins.inc({ outcome });

export const countSignIn = (protocol: 'oidc' | 'cas', system: string | undefined) => signIns.inc({ protocol, system: system ?? 'unknown' });

/** Counts an SMS send by its outcome and hands the promise back unchanged. */
export function countedSms<T>(sending: Promise<T>): Promise<T> {
  return sending.then(
    (value) => (smsSends.inc({ outcome: 'ok' }), value),
    (error: unknown) => {
      smsSends.inc({ outcome: 'failed' });
      throw error;
    },
  );
}

export const countRegistryCall = (kind: 'person' | 'organization', outcome: string) => registryCalls.inc({ kind, outcome });

export const watchBreaker = (name: string, state: () => BreakerState) => void breakers.set(name, state);
