/** What the authorisation API accepts (zod); issue messages are error codes of src/platform/messages.ts. */
import { z } from 'zod';
import { optionalDate as calendarDate } from '../platform/fields/dates.ts';
import { normalizePersonName } from '../platform/fields/names.ts';
import { freeText } from '../platform/fields/text.ts';

const text = (max: number) => z.string().trim().min(1, { error: 'VALIDATION_FAILED' }).max(max, { error: 'VALIDATION_FAILED' });

/** 'YYYY-MM-DD' of a real calendar day, or nothing ('', null and absent mean no bound). */
const optionalDate = z
  .preprocess((value) => (value === null ? '' : value), calendarDate())
  .transform((value) => value || null);

export const personSearchSchema = z.object({
  // A search, not a name being stored: whatever is typed (a login name, FAQ 10.3) is simply not found, with the FAQ's explanation.
  name: freeText({ max: 100 }).min(1, { error: 'VALIDATION_FAILED' }).transform(normalizePersonName),
  documentNumber: text(30),
});

const grantFields = {
  systems: z
    .array(z.object({ key: text(100), roles: z.array(text(100)).max(50) }))
    .max(100),
  maintainInfo: z.boolean().default(false),
  validFrom: optionalDate,
  validTo: optionalDate,
};

export const grantSchema = z.object({ personId: z.uuid({ error: 'PERSON_NOT_FOUND' }), ...grantFields });
export const changeGrantSchema = z.object(grantFields);

export const listQuerySchema = z.object({
  name: z.string().trim().max(50).optional(),
  system: z.string().trim().max(100).optional(),
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['active', 'expired', 'not_yet_valid']).optional()),
});

export const idParamsSchema = z.object({ id: z.uuid({ error: 'AUTHORIZATION_NOT_FOUND' }) });
export const organizationParamsSchema = z.object({ organizationId: z.uuid({ error: 'NOT_FOUND' }) });
