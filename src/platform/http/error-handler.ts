/**
 * What a request that failed answers. No input reaches a 5xx: the platform's own errors carry
 * their status and message; Fastify's and zod's become a 4xx with the field messages; a value
 * the database refuses (SQLSTATE class 22, data exception: an impossible date, a number out of
 * range, text it cannot store; class 23, a broken constraint) is a 400 or 409 like any other bad
 * input. Only a fault of the platform itself is a 500, logged by request id and route, never with
 * the body or the SQL statement and its parameters.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, isUniqueViolation, type FieldError } from '../errors.ts';
import type { MessageCode } from '../messages.ts';
import { describeCode, fieldErrors } from './validate.ts';

// 413 here is a JSON body over its limit; a file over its limit is refused as FILE_TOO_LARGE where it is read (body-limits.ts).
const CLIENT_ERROR_CODES: Record<number, MessageCode> = { 404: 'NOT_FOUND', 413: 'REQUEST_TOO_LARGE', 415: 'VALIDATION_FAILED', 429: 'RATE_LIMITED' };

/** A database error a request's values caused (PostgreSQL's and PGlite's errors alike carry the SQLSTATE). */
export function databaseInputError(error: unknown): AppError | undefined {
  const e = error as { code?: unknown; column?: unknown };
  if (typeof e.code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(e.code)) return undefined;
  if (isUniqueViolation(error)) return new AppError('DATA_CONFLICT', 409);
  const fields: FieldError[] = [];
  if (typeof e.column === 'string') {
    const text = describeCode('INVALID')!;
    fields.push({ field: e.column, code: 'INVALID', message: text.zh, messageEn: text.en });
  }
  return new AppError('VALIDATION_FAILED', 400, {}, fields);
}

function clientError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError('VALIDATION_FAILED', 400, {}, fieldErrors(error));
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) return new AppError(CLIENT_ERROR_CODES[status] ?? 'VALIDATION_FAILED', status);
  return databaseInputError(error);
}

/** Socket errors of a lost connection (Redis or PostgreSQL): the service is away, not the request wrong. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'ENETUNREACH']);

/**
 * Redis or PostgreSQL unreachable (ioredis gave up on a command after its reconnection attempts,
 * or its connection is closed; a socket error; PostgreSQL shutting down or in recovery, SQLSTATE
 * 57P01-57P03 and class 08): a 503 the client may retry, and that recovers by itself once the
 * service is back (both drivers reconnect).
 */
export function serviceUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (error.name === 'MaxRetriesPerRequestError' || /^Connection is closed|^Stream isn't writeable|^Reached the max retries per request limit/.test(error.message)) return true;
  if (/^timeout exceeded when trying to connect|^Connection terminated/.test(error.message)) return true;
  return typeof code === 'string' && (CONNECTION_CODES.has(code) || /^57P0[123]$|^08[0-9A-Z]{3}$/.test(code));
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const known = clientError(error);
  if (known) return reply.status(known.status).send(known.toJSON());
  if (serviceUnavailable(error)) {
    request.log.warn({ err: error, method: request.method, route: request.routeOptions.url }, 'service unavailable');
    return reply.status(503).header('retry-after', '5').send({ ...new AppError('SERVICE_UNAVAILABLE', 503).toJSON(), requestId: request.id });
  }
  request.log.error({ err: error, method: request.method, route: request.routeOptions.url }, 'request failed');
  return reply.status(500).send({ ...new AppError('INTERNAL', 500).toJSON(), requestId: request.id });
}
