/** Request schema of the public account lookup (账号检索), shared by the server and the lookup page. */
import { z } from 'zod';
import { checkCreditCode, checkLoginName, checkMobile, normalizeCreditCode } from '../accounts/rules.ts';
import { LEGACY_SOURCES, type LegacySource } from './sources.ts';

/** Longest query accepted (a legacy login name is at most 50 characters). */
export const LOOKUP_QUERY_MAX = 64;

/** What each source's lookup takes: a credit code, a mobile, or a former login name (or the employer's credit code / the expert's mobile). */
export function checkLookupQuery(source: LegacySource, query: string): { ok: true } | { ok: false; code: string } {
  switch (source) {
    case 'torch-company':
      return checkCreditCode(normalizeCreditCode(query));
    case 'torch-personal':
      return checkMobile(query);
    case 'foreign-work':
    case 'foreign-expert':
      // Credit codes and mobiles are valid login names too.
      return checkLoginName(query);
  }
}

export const legacyLookupSchema = z
  .object({
    source: z.enum(LEGACY_SOURCES, { message: 'LEGACY_SOURCE_REQUIRED' }),
    query: z.string().trim().min(1, 'REQUIRED_FIELD').max(LOOKUP_QUERY_MAX, 'LOGIN_NAME_TOO_LONG'),
    captchaId: z.string().min(1, 'CAPTCHA_WRONG').max(100, 'CAPTCHA_WRONG'),
    captcha: z.string().trim().min(1, 'CAPTCHA_WRONG').max(20, 'CAPTCHA_WRONG'),
  })
  .superRefine((value, ctx) => {
    if (!value.query) return;
    const result = checkLookupQuery(value.source, value.query);
    if (!result.ok) ctx.addIssue({ code: 'custom', path: ['query'], message: result.code });
  });

export type LegacyLookupInput = z.infer<typeof legacyLookupSchema>;
