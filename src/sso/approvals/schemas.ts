/** Input of the approval routes: a 统一社会信用代码 (GB 32100-2015, checked like registration does) and a system key. */
import { z } from 'zod';
import { checkCreditCode, normalizeCreditCode } from '../../accounts/rules.ts';
import { SYSTEM_KEY_PATTERN } from '../../backoffice/system-rules.ts';

export const creditCodeParamsSchema = z.object({
  creditCode: z
    .string()
    .max(50, { message: 'CREDIT_CODE_FORMAT' })
    .transform(normalizeCreditCode)
    .superRefine((value, ctx) => {
      const result = checkCreditCode(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.code });
    }),
});

export const adminHoldingParamsSchema = z.object({
  id: z.uuid({ error: 'ORGANIZATION_NOT_FOUND' }),
  systemKey: z.string().regex(SYSTEM_KEY_PATTERN, { message: 'SYSTEM_NOT_FOUND' }),
});
