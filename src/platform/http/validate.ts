import type { z } from 'zod';
import { RULE_MESSAGES } from '../../accounts/rules.ts';
import { AppError, type FieldError } from '../errors.ts';
import { FIELD_MESSAGES } from '../fields/messages.ts';
import { describeIssue } from '../fields/issues.ts';
import { MESSAGES } from '../messages.ts';

/** Looks a message up by code in the error catalogue, then in the field rules' catalogues. */
export function describeCode(code: string): { zh: string; en: string } | undefined {
  return (MESSAGES as Record<string, { zh: string; en: string }>)[code] ?? RULE_MESSAGES[code] ?? FIELD_MESSAGES[code];
}

/** The field errors of a failed parse, one per issue, each with its catalogue message. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const text = describeIssue(issue, describeCode);
    return { field: issue.path.join('.'), code: text.code, message: text.zh, messageEn: text.en };
  });
}

/**
 * Parses a request body with a schema shared with the web forms. Schema refinements put an
 * error code in the issue message; every problem comes back at once, field by field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', 400, {}, fieldErrors(result.error));
}
