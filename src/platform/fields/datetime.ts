/**
 * Times of day as forms send them: 'YYYY-MM-DD HH:mm' (or with 'T') in China Standard Time
 * (UTC+8, no daylight saving), the zone every person and operator of the platform reads. The
 * zod type turns it into the instant it names, so the database stores timestamps, not text.
 */
import { z } from 'zod';
import { DATE_LIMITS, isCalendarDate } from './dates.ts';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

export const DATETIME_LIMITS = {
  /** Nothing the platform dates (notices, results) lies before it went online. */
  earliest: '2000-01-01',
  latest: DATE_LIMITS.latest,
} as const;

/** The instant a China time 'YYYY-MM-DD HH:mm' names, or undefined when it is not one. */
export function parseChinaDateTime(value: string): Date | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (!match || !isCalendarDate(match[1]!)) return undefined;
  const [hours, minutes] = [Number(match[2]), Number(match[3])];
  if (hours > 23 || minutes > 59) return undefined;
  return new Date(Date.parse(`${match[1]}T00:00:00Z`) + (hours * 60 + minutes) * 60_000 - CHINA_OFFSET_MS);
}

/** An instant as China time 'YYYY-MM-DD HH:mm' (what the forms show and send back). */
export function formatChinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function problemOf(value: string): { code: string; params?: Record<string, string> } | undefined {
  const day = value.trim().slice(0, 10);
  if (!parseChinaDateTime(value)) return { code: 'DATETIME_INVALID' };
  if (day < DATETIME_LIMITS.earliest) return { code: 'DATE_TOO_EARLY', params: { min: DATETIME_LIMITS.earliest } };
  if (day > DATETIME_LIMITS.latest) return { code: 'DATE_TOO_LATE', params: { max: DATETIME_LIMITS.latest } };
  return undefined;
}

/** A required China time, as the instant it names. */
export const chinaDateTime = z
  .string({ error: 'DATETIME_INVALID' })
  .superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.code, params: problem.params });
  })
  .transform((value) => parseChinaDateTime(value) as Date);

/** An optional China time: '' (or absent, or null) for none, then null. */
export const optionalChinaDateTime = z
  .preprocess((value) => (value === '' || value === null ? undefined : value), chinaDateTime.optional())
  .transform((value) => value ?? null);
