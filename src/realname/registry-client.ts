/**
 * The platform's adapter to the national identity registry (国家平台实名认证).
 * Production-shaped: every request signed (registry-protocol.ts), every attempt timed
 * out, network errors / timeouts / 5xx retried with exponential backoff, and a circuit
 * breaker so an outage fails fast instead of piling up waiting requests.
 *
 * Without an answer it throws RegistryUnavailableError — never a 'mismatch': the caller
 * keeps the user's save and retries the verification later (SPEC §3).
 */
import { circuitBreaker, type BreakerSettings, type BreakerState } from './circuit-breaker.ts';
import { countRegistryCall, watchBreaker } from '../ops/metrics/registry.ts';
import {
  REGISTRY_PATHS,
  registryAnswerSchema,
  signedHeaders,
  type OrganizationQuery,
  type PersonQuery,
  type RegistryAnswer,
} from './registry-protocol.ts';

export type { OrganizationQuery, PersonQuery, RegistryAnswer } from './registry-protocol.ts';

export interface IdentityRegistry {
  verifyPerson(input: PersonQuery): Promise<RegistryAnswer>;
  verifyOrganization(input: OrganizationQuery): Promise<RegistryAnswer>;
}

export const REGISTRY_CLIENT_DEFAULTS = { timeoutMs: 3_000, retries: 2, backoffMs: 200 } as const;

/**
 * Why no answer came:
 * - timeout, network, server_error (5xx): retried, then counted by the breaker;
 * - bad_response: a 2xx/3xx that is not a registry answer; not retried, counted;
 * - rejected (4xx: bad signature, bad request): not retried, not counted — the registry
 *   is up, our request or configuration is wrong;
 * - circuit_open: failed fast, no request made.
 */
export type UnavailableReason = 'timeout' | 'network' | 'server_error' | 'bad_response' | 'rejected' | 'circuit_open';

export class RegistryUnavailableError extends Error {
  readonly code = 'REGISTRY_UNAVAILABLE';
  readonly reason: UnavailableReason;
  /** HTTP status of the last attempt, when there was one. */
  readonly status: number | undefined;
  /** Requests made for this call (0 when the circuit was open). */
  readonly attempts: number;

  constructor(reason: UnavailableReason, attempts: number, status?: number, detail?: string) {
    super(
      `国家平台实名认证服务暂不可用，稍后自动重试 (identity registry unavailable: ${reason}` +
        `${status ? ` ${status}` : ''}${detail ? ` ${detail}` : ''}, ${attempts} attempt(s))`,
    );
    this.name = 'RegistryUnavailableError';
    this.reason = reason;
    this.status = status;
    this.attempts = attempts;
  }
}

export interface HttpRegistryOptions {
  /** Base URL; a path prefix (https://gateway/registry) is kept. */
  url: string;
  clientId: string;
  secret: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Further attempts after the first. */
  retries?: number;
  /** Wait before retry n (1-based) is backoffMs * 2^(n-1). */
  backoffMs?: number;
  breaker?: Partial<BreakerSettings>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface HttpIdentityRegistry extends IdentityRegistry {
  /** For health pages and tests. */
  readonly circuit: BreakerState;
}

type Attempt =
  | { kind: 'answer'; answer: RegistryAnswer }
  | { kind: 'retry'; reason: UnavailableReason; status?: number }
  | { kind: 'stop'; reason: UnavailableReason; status?: number; detail?: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function httpIdentityRegistry(options: HttpRegistryOptions): HttpIdentityRegistry {
  const timeoutMs = options.timeoutMs ?? REGISTRY_CLIENT_DEFAULTS.timeoutMs;
  const retries = options.retries ?? REGISTRY_CLIENT_DEFAULTS.retries;
  const backoffMs = options.backoffMs ?? REGISTRY_CLIENT_DEFAULTS.backoffMs;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const fetchImpl = options.fetch ?? fetch;
  if (!Number.isInteger(retries) || retries < 0) throw new Error('httpIdentityRegistry: retries must be a whole number >= 0');
  if (!(timeoutMs > 0)) throw new Error('httpIdentityRegistry: timeoutMs must be positive');
  const base = new URL(options.url).href.replace(/\/+$/, ''); // a bad URL fails at start-up, not per call
  const breaker = circuitBreaker(options.breaker, now);
  watchBreaker('registry', () => breaker.state);

  async function attempt(path: string, body: string): Promise<Attempt> {
    const url = new URL(base + path);
    const headers = signedHeaders(options, { method: 'POST', path: url.pathname, body }, now());
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { kind: 'retry', reason: timedOut ? 'timeout' : 'network' };
    }
    if (status >= 500) return { kind: 'retry', reason: 'server_error', status };
    if (status >= 400) return { kind: 'stop', reason: 'rejected', status, detail: errorCodeIn(text) };
    const answer = status >= 200 && status < 300 ? parseAnswer(text) : undefined;
    return answer ? { kind: 'answer', answer } : { kind: 'stop', reason: 'bad_response', status };
  }

  async function withRetries(path: string, body: string): Promise<RegistryAnswer> {
    let failure: Attempt & { kind: 'retry' } = { kind: 'retry', reason: 'network' };
    for (let n = 0; n <= retries; n++) {
      if (n > 0) await sleep(backoffMs * 2 ** (n - 1));
      const result = await attempt(path, body);
      if (result.kind === 'answer') return result.answer;
      if (result.kind === 'stop') throw new RegistryUnavailableError(result.reason, n + 1, result.status, result.detail);
      failure = result;
    }
    throw new RegistryUnavailableError(failure.reason, retries + 1, failure.status);
  }

  async function call(path: string, input: object): Promise<RegistryAnswer> {
    if (!breaker.tryAcquire()) throw new RegistryUnavailableError('circuit_open', 0);
    try {
      const answer = await withRetries(path, JSON.stringify(withoutBlanks(input)));
      breaker.recordSuccess();
      return answer;
    } catch (error) {
      if (error instanceof RegistryUnavailableError && error.reason === 'rejected') breaker.recordSuccess();
      else breaker.recordFailure();
      throw error;
    }
  }

  return {
    verifyPerson: (input) => counted('person', call(REGISTRY_PATHS.verifyPerson, input)),
    verifyOrganization: (input) => counted('organization', call(REGISTRY_PATHS.verifyOrganization, input)),
    get circuit() {
      return breaker.state;
    },
  };
}

/** Counts a registry call by its outcome: ok, or why the registry was unavailable. */
function counted<T>(kind: 'person' | 'organization', calling: Promise<T>): Promise<T> {
  return calling.then(
    (answer) => (countRegistryCall(kind, 'ok'), answer),
    (error: unknown) => {
      countRegistryCall(kind, error instanceof RegistryUnavailableError ? error.reason : 'error');
      throw error;
    },
  );
}

/** Optional fields left empty by a form (validTo of a long-term document) are not sent. */
function withoutBlanks(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== ''));
}

function parseAnswer(text: string): RegistryAnswer | undefined {
  try {
    const parsed = registryAnswerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function errorCodeIn(text: string): string | undefined {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}
