/**
 * Request schemas shared by the server (which enforces them) and the web forms
 * (which check the same rules before sending). Refinements report an error code
 * from RULE_MESSAGES or the platform catalogue as the issue message.
 */
import { z } from 'zod';
import { missingRequiredFields, type Section } from './profile-fields.ts';
import {
  DOCUMENT_TYPES,
  IDENTITY_REGIONS,
  LEGAL_PERSON_TYPES,
  LEGAL_REGIONS,
  checkOrganizationCode,
  checkDocumentNumber,
  checkEmail,
  checkLoginName,
  checkMobile,
  checkPassword,
  checkPostcode,
  isDocumentTypeAllowed,
  requiresValidityStart,
  type DocumentType,
  type IdentityRegion,
  type LegalPersonType,
  type LegalRegion,
  type RuleResult,
} from './rules.ts';
import { DATE_LIMITS, checkDateOrder, optionalDate } from '../platform/fields/dates.ts';
import { organizationName, personName, personNameLengthIssue } from '../platform/fields/names.ts';
import { TEXT_LIMITS, freeText } from '../platform/fields/text.ts';

const values = <T extends string>(list: readonly { value: T }[]) => list.map((item) => item.value) as [T, ...T[]];

const optionalText = freeText().default('');
/** Dates of the past: birth, validity start, approval. */
const pastDate = optionalDate({ notFuture: true });
const organizationPastDate = optionalDate({ notFuture: true, earliest: DATE_LIMITS.earliestFounding });
const required = <S extends z.ZodType<string>>(schema: S) => schema.refine((value) => value !== '', { message: 'REQUIRED_FIELD' });

/** Turns a rule's verdict into a schema issue at the given path. */
function report(ctx: z.RefinementCtx, path: (string | number)[], result: RuleResult) {
  if (!result.ok) ctx.addIssue({ code: 'custom', path, message: result.code });
}

function requireText(ctx: z.RefinementCtx, path: (string | number)[], value: string | undefined) {
  if (!value) ctx.addIssue({ code: 'custom', path, message: 'REQUIRED_FIELD' });
}

export const loginName = z.string().superRefine((value, ctx) => report(ctx, [], checkLoginName(value)));
export const password = z.string().superRefine((value, ctx) => report(ctx, [], checkPassword(value)));
export const mobile = z.string().trim().superRefine((value, ctx) => report(ctx, [], checkMobile(value)));
export const smsCode = z.string().trim().regex(/^\d{6}$/, 'SMS_CODE_FORMAT');

/** Name, identity region, document type and number, validity: the identity of a natural person, legal representative or primary agent. */
export const identityFields = {
  name: required(personName),
  region: z.enum(values(IDENTITY_REGIONS), { message: 'REQUIRED_FIELD' }),
  documentType: z.enum(values(DOCUMENT_TYPES), { message: 'REQUIRED_FIELD' }),
  documentNumber: z.string().trim().toUpperCase().min(1, 'REQUIRED_FIELD').max(50),
  validFrom: pastDate,
  validTo: optionalDate(),
  longTerm: z.boolean().default(false),
};

interface IdentityInput {
  name: string;
  region: IdentityRegion;
  documentType: DocumentType;
  documentNumber: string;
  validFrom: string;
  validTo: string;
  longTerm: boolean;
}

/** Cross-field checks of an identity: the name's length for the region, document type allowed for the region, number format, validity dates. */
export function checkIdentity(value: IdentityInput, ctx: z.RefinementCtx, prefix: (string | number)[] = [], options: { keepMasked?: string } = {}) {
  const tooLong = personNameLengthIssue(value.name, value.region);
  if (tooLong) ctx.addIssue({ code: 'custom', path: [...prefix, 'name'], message: tooLong.code, params: tooLong.params });
  if (!isDocumentTypeAllowed(value.region, value.documentType)) {
    ctx.addIssue({ code: 'custom', path: [...prefix, 'documentType'], message: 'DOCUMENT_TYPE_NOT_ALLOWED' });
  } else if (value.documentNumber !== options.keepMasked) {
    report(ctx, [...prefix, 'documentNumber'], checkDocumentNumber(value.documentType, value.documentNumber));
  }
  if (requiresValidityStart(value.documentType)) {
    if (!value.validFrom) ctx.addIssue({ code: 'custom', path: [...prefix, 'validFrom'], message: 'VALIDITY_START_REQUIRED' });
    if (!value.validTo && !value.longTerm) ctx.addIssue({ code: 'custom', path: [...prefix, 'validTo'], message: 'VALIDITY_END_REQUIRED' });
  }
  if (value.longTerm && value.validTo) ctx.addIssue({ code: 'custom', path: [...prefix, 'validTo'], message: 'VALIDITY_END_WITH_LONG_TERM' });
  checkDateOrder(ctx, value.validFrom, value.validTo, [...prefix, 'validTo'], 'VALIDITY_RANGE');
}

function checkPasswordPair(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'PASSWORD_MISMATCH' });
}

const agreement = z.literal(true, { message: 'AGREEMENT_REQUIRED' });

export const naturalRegistrationSchema = z
  .object({
    loginName,
    password,
    passwordConfirm: z.string(),
    ...identityFields,
    mobile,
    smsCode,
    agreed: agreement,
  })
  .superRefine((value, ctx) => {
    checkPasswordPair(value, ctx);
    checkIdentity(value, ctx);
  });
export type NaturalRegistration = z.infer<typeof naturalRegistrationSchema>;

export const organizationFields = {
  name: required(organizationName),
  region: z.enum(values(LEGAL_REGIONS), { message: 'REQUIRED_FIELD' }),
  // 境内单位必选 (foreigner manual 4.2.2): Hong Kong, Macao, Taiwan and foreign bodies may leave it empty.
  legalPersonType: z.enum(['', ...values(LEGAL_PERSON_TYPES)], { message: 'REQUIRED_FIELD' }).default(''),
  code: z.string().trim().toUpperCase().max(50).default(''),
};

export function checkOrganizationCodeFields(value: { region: LegalRegion; legalPersonType: LegalPersonType | ''; code: string }, ctx: z.RefinementCtx, prefix: (string | number)[] = []) {
  report(ctx, [...prefix, 'code'], checkOrganizationCode(value.region, value.legalPersonType, value.code));
}

/** 法定代表人: its 类型 (identity region) left empty says so in the FAQ's words (FAQ 八.6). */
const representativeFields = {
  ...identityFields,
  region: z.enum(values(IDENTITY_REGIONS), { message: 'LEGAL_REPRESENTATIVE_REGION_REQUIRED' }),
  mobile,
};

const representativeSchema = z
  .object(representativeFields)
  .superRefine((value, ctx) => checkIdentity(value, ctx));

const agentRegistrationSchema = z
  .object({ ...identityFields, mobile, smsCode })
  .superRefine((value, ctx) => checkIdentity(value, ctx));

export const legalRegistrationSchema = z
  .object({
    loginName,
    password,
    passwordConfirm: z.string(),
    organization: z.object(organizationFields).superRefine((value, ctx) => {
      if (value.region === 'domestic' && !value.legalPersonType) ctx.addIssue({ code: 'custom', path: ['legalPersonType'], message: 'REQUIRED_FIELD' });
      checkOrganizationCodeFields(value, ctx);
    }),
    legalRepresentative: representativeSchema,
    primaryAgent: agentRegistrationSchema,
    agreed: agreement,
  })
  .superRefine(checkPasswordPair);
export type LegalRegistration = z.infer<typeof legalRegistrationSchema>;

export const ACCOUNT_KINDS = ['natural', 'legal'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const loginSchema = z.object({
  kind: z.enum(ACCOUNT_KINDS),
  loginName: z.string().trim().min(1, 'REQUIRED_FIELD').max(100),
  password: z.string().min(1, 'REQUIRED_FIELD').max(200),
  captchaId: z.string().min(1).max(100),
  captcha: z.string().trim().min(1, 'REQUIRED_FIELD').max(10),
});

export const changePasswordSchema = z
  .object({ oldPassword: z.string().min(1, 'REQUIRED_FIELD'), password, passwordConfirm: z.string() })
  .superRefine(checkPasswordPair);

export const sendSmsCodeSchema = z.object({ mobile, purpose: z.enum(['register', 'appeal']) });

export const availabilitySchema = z.object({
  field: z.enum(['loginName', 'organizationName', 'creditCode']),
  value: z.string().trim().min(1).max(100),
});

const emailOrEmpty = z.string().trim().max(TEXT_LIMITS.line).default('').superRefine((value, ctx) => {
  if (value) report(ctx, [], checkEmail(value));
});
const postcodeOrEmpty = z.string().trim().default('').superRefine((value, ctx) => {
  if (value) report(ctx, [], checkPostcode(value));
});
const phoneOrEmpty = z.string().trim().max(30).regex(/^[0-9+\-() ]*$/, 'PHONE_INVALID').default('');

/** Every empty required field of a section (带*号的为必填项) becomes an issue at its path. */
function checkRequired(section: Section) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const path of missingRequiredFields(section, value)) ctx.addIssue({ code: 'custom', path: path.split('.'), message: 'REQUIRED_FIELD' });
  };
}

const genderField = z.enum(['', 'male', 'female']).default('');

/**
 * 自然人用户基本信息 as saved from My information. The server first puts the stored
 * phone and document number back where the form returned them still masked.
 */
export const naturalProfileSchema = z
  .object({
    ...identityFields,
    mobile,
    gender: genderField,
    ethnicity: optionalText,
    title: optionalText,
    birthDate: pastDate,
    email: emailOrEmpty,
    phone: phoneOrEmpty,
    address: optionalText,
  })
  .superRefine((value, ctx) => {
    checkIdentity(value, ctx);
    checkRequired('natural_person')(value, ctx);
  });
export type NaturalProfileInput = z.infer<typeof naturalProfileSchema>;

export const primaryAgentProfileSchema = z
  .object({
    ...identityFields,
    mobile,
    gender: genderField,
    phone: phoneOrEmpty,
    fax: phoneOrEmpty,
    email: emailOrEmpty,
  })
  .superRefine((value, ctx) => {
    checkIdentity(value, ctx);
    checkRequired('primary_agent')(value, ctx);
  });
export type PrimaryAgentProfileInput = z.infer<typeof primaryAgentProfileSchema>;

export const legalRepresentativeProfileSchema = z
  .object({ ...representativeFields, email: emailOrEmpty })
  .superRefine((value, ctx) => checkIdentity(value, ctx));

export const organizationBasicSchema = z.object({
  ...organizationFields,
  englishName: optionalText,
  shortName: optionalText,
  homepage: optionalText,
  area: optionalText,
  continent: optionalText,
  country: optionalText,
  nature: optionalText,
  independent: z.enum(['', 'yes', 'no']).default(''),
  address: optionalText,
  postcode: postcodeOrEmpty,
  email: emailOrEmpty,
  foundedOn: organizationPastDate,
  capitalCurrency: optionalText,
  capital: z.string().trim().max(30).regex(/^(\d+(\.\d{1,6})?)?$/, 'CAPITAL_INVALID').default(''),
  registrationAuthority: optionalText,
  registrationStatus: optionalText,
  businessTermFrom: optionalDate({ earliest: DATE_LIMITS.earliestFounding }),
  businessTermTo: optionalDate({ earliest: DATE_LIMITS.earliestFounding }),
  phone: phoneOrEmpty,
  fax: phoneOrEmpty,
  mailingAddress: optionalText,
  legalRepresentative: legalRepresentativeProfileSchema,
}).superRefine((value, ctx) => {
  checkOrganizationCodeFields(value, ctx);
  checkDateOrder(ctx, value.businessTermFrom, value.businessTermTo, ['businessTermTo']);
  checkRequired('organization_basic')(value, ctx);
});
export type OrganizationBasicInput = z.infer<typeof organizationBasicSchema>;

export const organizationOtherSchema = z.object({
  businessTerm: optionalText,
  industry1: optionalText,
  industry2: optionalText,
  registrationAuthority: optionalText,
  approvedOn: organizationPastDate,
  foreignCapitalSource: optionalText,
  incomeTaxMethod: optionalText,
  enterpriseType: optionalText,
});
export type OrganizationOtherInput = z.infer<typeof organizationOtherSchema>;
