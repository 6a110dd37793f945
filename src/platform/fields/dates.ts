/**
 * Calendar dates as every form sends them: 'YYYY-MM-DD' of a day that exists, within the
 * range the field allows, or '' for no date. The zod types here are the only place a date
 * from a request is read; PostgreSQL never sees one that is not a real day.
 */
import { z } from 'zod';

export const DATE_LIMITS = {
  /** Birth dates and documents: nobody alive was born or issued a document before it. */
  earliest: '1900-01-01',
  /** Organisations: some founded in the nineteenth century still exist. */
  earliestFounding: '1800-01-01',
  /** No date a person types lies further ahead (document validity ends, grant ends). */
  latest: '2199-12-31',
} as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is 'YYYY-MM-DD' of a day that exists (2015-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today in China Standard Time (UTC+8, no daylight saving) as 'YYYY-MM-DD', whatever the server's zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export interface DateRange {
  /** Not after today (birth date, validity start, founding date). */
  notFuture?: boolean;
  earliest?: string;
  latest?: string;
}

/** The code and params of the first rule `value` breaks, or undefined when it is a date in range. */
export function dateProblem(value: string, range: DateRange = {}, now = new Date()): { code: string; params?: Record<string, string> } | undefined {
  const { notFuture = false, earliest = DATE_LIMITS.earliest, latest = DATE_LIMITS.latest } = range;
  if (!isCalendarDate(value)) return { code: 'DATE_INVALID' };
  if (value < earliest) return { code: 'DATE_TOO_EARLY', params: { min: earliest } };
  if (notFuture && value > todayInChina(now)) return { code: 'DATE_IN_FUTURE' };
  if (value > latest) return { code: 'DATE_TOO_LATE', params: { max: latest } };
  return undefined;
}

/** An optional date: '' (or absent) for none, else a real day within `range`. */
export function optionalDate(range: DateRange = {}) {
  return z
    .string({ error: 'DATE_INVALID' })
    .trim()
    .default('')
    .superRefine((value, ctx) => {
      if (value === '') return;
      const problem = dateProblem(value, range);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.code, params: problem.params });
    });
}

/** An end date before its start date becomes an issue on the end date (`code` names the pair). */
export function checkDateOrder(ctx: z.RefinementCtx, from: string, to: string, path: (string | number)[], code = 'DATE_END_BEFORE_START') {
  if (from && to && isCalendarDate(from) && isCalendarDate(to) && to < from) ctx.addIssue({ code: 'custom', path, message: code });
}
