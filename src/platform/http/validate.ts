import type { z } from 'zod';
import { RULE_MESSAGES } from '../../accounts/rules.ts';
import { AppError, type FieldError } from '../errors.ts';
import { MESSAGES } from '../messages.ts';

const FIELD_REQUIRED = { zh: '此项为必填项', en: 'This field is required' };
const FIELD_INVALID = { zh: '此项格式不正确', en: 'This value is not valid' };

/** Looks a message up by code in the error catalogue, then in the field rules' catalogue. */
export function describeCode(code: string): { zh: string; en: string } | undefined {
  return (MESSAGES as Record<string, { zh: string; en: string }>)[code] ?? RULE_MESSAGES[code];
}

/**
 * Parses a request body with a schema shared with the web forms. Schema refinements put an
 * error code in the issue message; every problem comes back at once, field by field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => {
    const known = describeCode(issue.message);
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    const text = known ?? (missing ? FIELD_REQUIRED : FIELD_INVALID);
    return {
      field: issue.path.join('.'),
      code: known ? issue.message : missing ? 'REQUIRED_FIELD' : 'INVALID',
      message: text.zh,
      messageEn: text.en,
    };
  });
  throw new AppError('VALIDATION_FAILED', 400, {}, fields);
}
