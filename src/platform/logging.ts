/**
 * The platform's log: JSON lines (pino, as Fastify uses), one per event, safe to ship to a
 * central log store. Nothing personal goes in: requests are logged by method, path (never
 * the query string) and route, never with bodies or headers; errors by their type, code and
 * stack with quoted values, digit runs, e-mail addresses and Chinese text masked, never with
 * the SQL statement or its parameters; every field that could carry personal data is redacted.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LogConfig {
  level: string;
  /** Append to this file instead of writing to standard output. */
  file: string | undefined;
}

/** Fields that carry personal data or secrets wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers',
  'res.headers',
  'body',
  'params',
  'query',
  'sql',
  'values',
  ...['name', 'mobile', 'phone', 'documentNumber', 'email', 'address', 'password', 'smsCode', 'token', 'cookie', 'authorization', 'loginName'].map((field) => `*.${field}`),
];

const MASK = '‹redacted›';
const QUOTED = /"[^"]*"|'[^']*'|“[^”]*”/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const DIGITS = /\d{5,}[\dXx]?/g;
const CHINESE = /\p{Script=Han}+/gu;

/** An error message or stack with every value that could be personal masked. */
export function scrub(text: string): string {
  return text.replace(QUOTED, MASK).replace(EMAIL, MASK).replace(DIGITS, MASK).replace(CHINESE, MASK);
}

/** What a log line says of an error: never the whole object (PGlite's carries the query and its parameters). */
export function describeError(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; constraint?: unknown; routine?: unknown; statusCode?: unknown };
  return {
    type: e.constructor?.name ?? e.name,
    code: typeof e.code === 'string' ? e.code : undefined,
    constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    message: scrub(e.message),
    stack: e.stack ? scrub(e.stack) : undefined,
  };
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * Long digit runs in a path masked (a credit code or a document number can be a path
 * parameter, e.g. /system-api/v1/organizations/:creditCode/holding); ids (UUIDs) kept.
 */
export function maskPathNumbers(path: string | undefined): string | undefined {
  return path?.split('/').map((segment) => (UUID.test(segment) ? segment : segment.replace(DIGITS, MASK))).join('/');
}

/** A request as a log line shows it: no query string (searches carry names and numbers), no headers. */
function describeRequest(request: { id?: unknown; method?: string; url?: string; routeOptions?: { url?: string } } & Partial<IncomingMessage>) {
  return {
    id: request.id,
    method: request.method,
    path: maskPathNumbers(request.url?.split('?')[0]),
    route: request.routeOptions?.url,
  };
}

export function createLogger(config: LogConfig): Logger {
  const destination = config.file ? pino.destination({ dest: config.file, append: true, sync: true, mkdir: true }) : pino.destination(1);
  return pino(
    {
      level: config.level,
      redact: { paths: REDACTED_PATHS, censor: MASK },
      serializers: {
        req: describeRequest,
        res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
        err: describeError,
        error: describeError,
      },
    },
    destination,
  );
}

/** Request ids that mean something across nodes: a log line of one node is found by the id the user saw. */
export const newRequestId = () => randomUUID();

/** What an incoming X-Request-Id may look like to be kept: letters, digits and . _ : - only (nothing to inject into a log line). */
const INCOMING_REQUEST_ID = /^[\w.:-]{8,128}$/;

/**
 * Fastify's genReqId: behind a trusted load balancer (TRUST_PROXY) its well-formed X-Request-Id is
 * kept, so one id follows a request from the balancer's log to the node's; otherwise a new one.
 */
export function requestIds(trustIncoming: boolean): (request: IncomingMessage) => string {
  return (request) => {
    const incoming = trustIncoming ? request.headers['x-request-id'] : undefined;
    return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : newRequestId();
  };
}
