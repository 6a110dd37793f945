/** Request schemas of password recovery, shared by the server and the recovery pages. */
import { z } from 'zod';
import {
  DOCUMENT_TYPES,
  IDENTITY_REGIONS,
  LEGAL_PERSON_TYPES,
  checkDocumentNumber,
  checkEmail,
  checkMobile,
  isDocumentTypeAllowed,
  type DocumentType,
  type IdentityRegion,
} from '../accounts/rules.ts';
import { mobile, password, smsCode } from '../accounts/schemas.ts';
import { organizationName, personName, personNameLengthIssue } from '../platform/fields/names.ts';
import { PASSWORD_CHANGE_REASONS, PRIMARY_AGENT_DECISIONS } from './rules.ts';

const values = <T extends string>(list: readonly { value: T }[]) => list.map((item) => item.value) as [T, ...T[]];
const REASON_VALUES: readonly string[] = values(PASSWORD_CHANGE_REASONS);
const captcha = { captchaId: z.string().min(1, 'CAPTCHA_WRONG').max(100, 'CAPTCHA_WRONG'), captcha: z.string().trim().min(1, 'CAPTCHA_WRONG').max(20, 'CAPTCHA_WRONG') };
const ticket = z.string().min(16).max(64);
const email = z.string().trim().superRefine((value, ctx) => {
  const result = checkEmail(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.code });
});
const uploadId = z.string().uuid('APPEAL_FILE_MISSING');

export const resetSearchSchema = z.object({ loginName: z.string().trim().min(1, 'REQUIRED_FIELD').max(64), ...captcha });

/** 验证方式: the reserved phone or e-mail typed in full (确认预留手机号). */
const verification = {
  method: z.enum(['phone', 'email'], { message: 'REQUIRED_FIELD' }),
  confirm: z.string().trim().min(1, 'REQUIRED_FIELD').max(200),
};

function checkConfirm(value: { method: 'phone' | 'email'; confirm: string }, ctx: z.RefinementCtx) {
  const result = value.method === 'phone' ? checkMobile(value.confirm) : checkEmail(value.confirm);
  if (!result.ok) ctx.addIssue({ code: 'custom', path: ['confirm'], message: result.code });
}

export const resetCodeSchema = z.object({ ticket, ...verification }).superRefine(checkConfirm);

export const resetCompleteSchema = z
  .object({
    ticket,
    ...verification,
    organizationName: organizationName.default(''),
    creditCode: z.string().trim().toUpperCase().max(50).default(''),
    // Not an enum: an enum failure would stop the password-pair check from reporting at the same time.
    reason: z.string().refine((value) => REASON_VALUES.includes(value), 'REQUIRED_FIELD'),
    password,
    passwordConfirm: z.string(),
    // The code came by SMS or e-mail: the format message names neither.
    code: z.string().trim().regex(/^\d{6}$/, 'CODE_FORMAT'),
  })
  .superRefine((value, ctx) => {
    checkConfirm(value, ctx);
    if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'PASSWORD_MISMATCH' });
  });

/** Name, region, document type and number of the person appealing (no validity dates: the scan shows them). */
const appealPerson = {
  name: personName.refine((value) => value !== '', { message: 'REQUIRED_FIELD' }),
  region: z.enum(values(IDENTITY_REGIONS), { message: 'REQUIRED_FIELD' }),
  documentType: z.enum(values(DOCUMENT_TYPES), { message: 'REQUIRED_FIELD' }),
  documentNumber: z.string().trim().toUpperCase().min(1, 'REQUIRED_FIELD').max(50),
  mobile,
};

function checkAppealDocument(value: { name: string; region: IdentityRegion; documentType: DocumentType; documentNumber: string }, ctx: z.RefinementCtx, prefix: string[] = []) {
  const tooLong = personNameLengthIssue(value.name, value.region);
  if (tooLong) ctx.addIssue({ code: 'custom', path: [...prefix, 'name'], message: tooLong.code, params: tooLong.params });
  if (!isDocumentTypeAllowed(value.region, value.documentType)) {
    ctx.addIssue({ code: 'custom', path: [...prefix, 'documentType'], message: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    return;
  }
  const result = checkDocumentNumber(value.documentType, value.documentNumber);
  if (!result.ok) ctx.addIssue({ code: 'custom', path: [...prefix, 'documentNumber'], message: result.code });
}

export const naturalAppealSchema = z
  .object({ ...appealPerson, smsCode, frontUploadId: uploadId, backUploadId: uploadId })
  .superRefine((value, ctx) => checkAppealDocument(value, ctx));

export const legalSearchSchema = z.object({ organizationName: organizationName.refine((value) => value !== '', { message: 'REQUIRED_FIELD' }), ...captcha });

export const legalAppealSchema = z.object({
  ticket,
  legalPersonType: z.enum(values(LEGAL_PERSON_TYPES), { message: 'REQUIRED_FIELD' }),
  creditCode: z.string().trim().toUpperCase().min(1, 'REQUIRED_FIELD').max(50),
  agent: z.object(appealPerson).superRefine((value, ctx) => checkAppealDocument(value, ctx)),
  email: email.optional().or(z.literal('')).default(''),
  reason: z.enum(values(PASSWORD_CHANGE_REASONS), { message: 'REQUIRED_FIELD' }),
  smsCode,
  frontUploadId: uploadId,
  backUploadId: uploadId,
});

/**
 * 审核通过: the account to recover (when several hold the document) and, for an organisation's
 * appeal, what happens to its primary agent (required there: src/recovery/rules.ts PRIMARY_AGENT_DECISIONS).
 */
export const appealApproveSchema = z.object({
  accountId: z.string().uuid().optional(),
  primaryAgent: z.enum(values(PRIMARY_AGENT_DECISIONS), { message: 'APPEAL_PRIMARY_AGENT_CHOICE_REQUIRED' }).optional(),
});

