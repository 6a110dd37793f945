/** Request schemas of 国家政务服务平台账号登录, shared by the server and the web pages. */
import { z } from 'zod';
import { loginName, mobile, password, smsCode } from '../../accounts/schemas.ts';

export const confirmLinkSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('password'), password: z.string().min(1, 'REQUIRED_FIELD').max(200) }),
  z.object({ method: z.literal('sms'), smsCode }),
]);
export type ConfirmLink = z.infer<typeof confirmLinkSchema>;

export const loginToLinkSchema = z.object({
  loginName: z.string().trim().min(1, 'REQUIRED_FIELD').max(100),
  password: z.string().min(1, 'REQUIRED_FIELD').max(200),
});

/** The prefilled registration: name and document come from the upstream, the rest as 自然人注册 asks. */
export const nationalRegistrationSchema = z
  .object({
    loginName,
    password,
    passwordConfirm: z.string(),
    mobile,
    smsCode,
    agreed: z.literal(true, { message: 'AGREEMENT_REQUIRED' }),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'PASSWORD_MISMATCH' });
  });
export type NationalRegistration = z.infer<typeof nationalRegistrationSchema>;

export const linkIdSchema = z.object({ id: z.uuid() });
