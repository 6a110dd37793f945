/**
 * How a schema issue reads to a person: the code a refinement put in the issue message
 * (with its params filled into the catalogue's text), or for zod's own issues a code that
 * says what was wrong: required, too long (naming the limit), or not valid.
 */
import type { z } from 'zod';
import { formatMessage } from '../messages.ts';
import { FIELD_MESSAGES } from './messages.ts';

export interface IssueText {
  code: string;
  zh: string;
  en: string;
}

type Catalogue = (code: string) => { zh: string; en: string } | undefined;

const REQUIRED = { zh: '此项为必填项', en: 'This field is required' };

export function describeIssue(issue: z.core.$ZodIssue, catalogue: Catalogue): IssueText {
  const params = (issue as { params?: Record<string, string | number> }).params ?? {};
  const known = catalogue(issue.message) ?? FIELD_MESSAGES[issue.message];
  if (known) return { code: issue.message, zh: formatMessage(known.zh, params), en: formatMessage(known.en, params) };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { code: 'REQUIRED_FIELD', ...REQUIRED };
  if (issue.code === 'too_big' && issue.origin === 'string') {
    const limit = FIELD_MESSAGES.TEXT_TOO_LONG!;
    const max = { max: Number(issue.maximum) };
    return { code: 'TEXT_TOO_LONG', zh: formatMessage(limit.zh, max), en: formatMessage(limit.en, max) };
  }
  return { code: 'INVALID', ...FIELD_MESSAGES.INVALID! };
}
