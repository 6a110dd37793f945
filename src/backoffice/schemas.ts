/** Back-office request schemas, shared by the server and the back-office pages. */
import { z } from 'zod';
import { checkDateOrder, optionalDate } from '../platform/fields/dates.ts';
import { freeText, isPrintableText } from '../platform/fields/text.ts';
import { DOCUMENT_TYPES, LEGAL_PERSON_TYPES } from '../accounts/rules.ts';
import { REALNAME_LEVELS } from '../realname/levels.ts';
import { CATEGORY_CODES, DEPARTMENT_MAX_LENGTH, ITEM_CODE_PATTERN } from '../catalogue/rules.ts';
import {
  CLIENT_ID_PATTERN,
  ENTRY_REQUIREMENTS,
  ROLE_CODE_PATTERN,
  SYSTEM_KEY_PATTERN,
  SYSTEM_LIMITS,
  entryUrlBelongs,
  isCasPrefix,
  isRegistrableUrl,
  repeatedAt,
} from './system-rules.ts';
import { ID_TOKEN_SIGNINGS } from '../sso/id-token-signing.ts';

export const staffLoginSchema = z.object({
  loginName: z.string().trim().min(1, 'REQUIRED_FIELD').max(64),
  password: z.string().min(1, 'REQUIRED_FIELD').max(128),
  totp: z.string().trim().regex(/^\d{6}$/, 'TOTP_FORMAT'),
});

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const REVIEW_SUBJECTS = ['natural_person', 'organization', 'primary_agent'] as const;
export const REVIEW_STATUSES = ['open', 'approved', 'rejected', 'superseded'] as const;

/** 证件类型 of a person, 法人类型 of an organisation: the queue's 类型 filter. */
export const REVIEW_TYPES = [...DOCUMENT_TYPES.map((t) => t.value), ...LEGAL_PERSON_TYPES.map((t) => t.value)] as [string, ...string[]];

export const reviewQueueQuerySchema = z.object({
  subject: z.enum(REVIEW_SUBJECTS).optional(),
  status: z.enum(REVIEW_STATUSES).default('open'),
  /** 提交时间: only reviews waiting at least this many hours. */
  minAgeHours: z.coerce.number().int().min(0).max(24 * 365).optional(),
  type: z.enum(REVIEW_TYPES, { error: 'INVALID' }).optional(),
  /** 提交次数: 首次提交 or 再次提交. */
  submissions: z.enum(['first', 'repeat'], { error: 'INVALID' }).optional(),
  /** 姓名/单位名称: the start of the name as submitted. */
  name: freeText({ max: 100 }).optional(),
  /** 等待时间: the longest waiting first (default) or the newest first. */
  order: z.enum(['oldest', 'newest'], { error: 'INVALID' }).default('oldest'),
  ...page,
});

export const appealQueueQuerySchema = z.object({
  kind: z.enum(['natural', 'legal']).optional(),
  status: z.enum(['open', 'approved', 'rejected']).default('open'),
  minAgeHours: z.coerce.number().int().min(0).max(24 * 365).optional(),
  ...page,
});

export const rejectReviewSchema = z.object({
  reason: freeText({ max: 500, multiline: true }).min(1, 'REVIEW_REASON_REQUIRED'),
});

/** 审计日志: by staff member, subject account (login name or id), action and days (China time), newest first. */
const auditFilterFields = {
  action: z.string().trim().max(64).optional(),
  staff: z.string().trim().max(64).optional(),
  account: z.string().trim().max(64).optional(),
  from: optionalDate({ earliest: '2000-01-01' }),
  to: optionalDate({ earliest: '2000-01-01' }),
};
const datesInOrder = (query: { from: string; to: string }, ctx: z.RefinementCtx) => checkDateOrder(ctx, query.from, query.to, ['to']);

/** The CSV export takes the filters without paging. */
export const auditFilterSchema = z.object(auditFilterFields).superRefine(datesInOrder);
export const auditQuerySchema = z.object({ ...auditFilterFields, ...page }).superRefine(datesInOrder);

// 账号管理 (operators): search, and the reason every disable / enable carries.
export const accountSearchSchema = z.object({ q: z.string({ error: 'ACCOUNT_QUERY_REQUIRED' }).trim().min(1, 'ACCOUNT_QUERY_REQUIRED').max(100, 'ACCOUNT_QUERY_REQUIRED') });
export const accountIdSchema = z.object({ id: z.uuid({ error: 'ACCOUNT_NOT_FOUND' }) });
export const accountReasonSchema = z.object({
  reason: z.string({ error: 'ACCOUNT_REASON_REQUIRED' }).trim().min(1, 'ACCOUNT_REASON_REQUIRED').max(200, 'ACCOUNT_REASON_TOO_LONG').refine((v) => isPrintableText(v), 'TEXT_CONTROL_CHARS'),
});

// Business systems (业务系统) and service items (服务事项), registered by operators.
// The web forms run the same schemas before sending (src/backoffice/system-rules.ts has the rules).

/** An empty text field of a form means no value. */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** A required one-line text of an operator's form (`multiline`: the guide's texts); `code` says which rule. */
const text = (max: number, code: string, multiline = false) =>
  z
    .string({ error: code })
    .trim()
    .min(1, code)
    .max(max, code)
    .refine((value) => isPrintableText(value, multiline), 'TEXT_CONTROL_CHARS');

const registrableUrl = z.string({ error: 'URL_INVALID' }).trim().refine(isRegistrableUrl, 'URL_INVALID');
const optionalUrl = z.preprocess(blankToNull, registrableUrl.nullable()).default(null);

const urlList = z
  .array(registrableUrl, { error: 'URL_INVALID' })
  .max(SYSTEM_LIMITS.maxUrls, 'URL_LIST_TOO_LONG')
  .superRefine((urls, ctx) => {
    for (const index of repeatedAt(urls)) ctx.addIssue({ code: 'custom', path: [index], message: 'URL_DUPLICATE' });
  });

export const systemRoleSchema = z.object({
  code: z.string({ error: 'SYSTEM_ROLE_CODE_INVALID' }).trim().regex(ROLE_CODE_PATTERN, 'SYSTEM_ROLE_CODE_INVALID'),
  name: text(SYSTEM_LIMITS.roleNameMaxLength, 'SYSTEM_ROLE_NAME_INVALID'),
});

export const oidcClientSchema = z.object({
  clientId: z.string({ error: 'OIDC_CLIENT_ID_INVALID' }).trim().regex(CLIENT_ID_PATTERN, 'OIDC_CLIENT_ID_INVALID'),
  redirectUris: urlList.min(1, 'OIDC_REDIRECT_URIS_REQUIRED'),
  postLogoutRedirectUris: urlList.default([]),
  backchannelLogoutUri: optionalUrl,
  idTokenSigning: z.enum(ID_TOKEN_SIGNINGS, { error: 'OIDC_ID_TOKEN_SIGNING_INVALID' }).default('RS256'),
});

/**
 * A business system as an operator registers or changes it. Its sign-on is an OIDC client,
 * a CAS service prefix, both, or neither (a system known to the catalogue but without online
 * entry, which then has no 办理入口 address). The client secret is never part of it.
 */
export const businessSystemSchema = z
  .object({
    key: z.string({ error: 'SYSTEM_KEY_INVALID' }).trim().regex(SYSTEM_KEY_PATTERN, 'SYSTEM_KEY_INVALID'),
    name: text(SYSTEM_LIMITS.nameMaxLength, 'SYSTEM_NAME_INVALID'),
    department: text(SYSTEM_LIMITS.departmentMaxLength, 'SYSTEM_DEPARTMENT_INVALID'),
    audience: z.enum(['natural', 'legal', 'both'], { error: 'SYSTEM_AUDIENCE_INVALID' }),
    requiresVerification: z.boolean({ error: 'INVALID' }).default(true),
    requirements: z
      .array(z.enum(ENTRY_REQUIREMENTS, { error: 'SYSTEM_REQUIREMENT_INVALID' }), { error: 'SYSTEM_REQUIREMENT_INVALID' })
      .default([])
      .transform((values) => [...new Set(values)]),
    requiresApproval: z.boolean({ error: 'INVALID' }).default(false),
    /** Natural persons enter only for an organisation that authorised them in this system (授权). */
    requiresGrant: z.boolean({ error: 'INVALID' }).default(false),
    roles: z
      .array(systemRoleSchema, { error: 'SYSTEM_ROLES_REQUIRED' })
      .min(1, 'SYSTEM_ROLES_REQUIRED')
      .max(SYSTEM_LIMITS.maxRoles, 'SYSTEM_TOO_MANY_ROLES')
      .superRefine((roles, ctx) => {
        for (const index of repeatedAt(roles, (role) => role.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: 'SYSTEM_ROLE_CODE_DUPLICATE' });
      }),
    oidc: oidcClientSchema.nullable().default(null),
    casServicePrefix: z.preprocess(blankToNull, registrableUrl.refine(isCasPrefix, 'CAS_PREFIX_INVALID').nullable()).default(null),
    /** CAS: also send the old snake_case attribute names beside the camelCase ones (one release only). */
    casLegacyAttributeNames: z.boolean({ error: 'INVALID' }).default(false),
    entryUrl: optionalUrl,
    mobileAllowed: z.boolean({ error: 'INVALID' }).default(false),
    /** The lowest real-name level (l1 … l4, src/realname/levels.ts) an account needs to enter; null: none. */
    minimumLevel: z.enum(REALNAME_LEVELS, { error: 'SYSTEM_MINIMUM_LEVEL_INVALID' }).nullable().default(null),
  })
  .superRefine((system, ctx) => {
    // Requirements are about the organisation an account stands for: nothing to check for natural persons.
    if (system.audience === 'natural' && system.requirements.length) {
      ctx.addIssue({ code: 'custom', path: ['requirements'], message: 'SYSTEM_REQUIREMENTS_NEED_LEGAL' });
    }
    if (system.entryUrl) {
      const systemUrls = [...(system.oidc?.redirectUris ?? []), ...(system.casServicePrefix ? [system.casServicePrefix] : [])];
      if (!system.oidc && !system.casServicePrefix) ctx.addIssue({ code: 'custom', path: ['entryUrl'], message: 'ENTRY_URL_WITHOUT_SIGN_ON' });
      else if (!entryUrlBelongs(system.entryUrl, systemUrls)) ctx.addIssue({ code: 'custom', path: ['entryUrl'], message: 'ENTRY_URL_FOREIGN' });
    }
  });

export type BusinessSystemInput = z.infer<typeof businessSystemSchema>;

export const guideSectionSchema = z.object({
  title: text(SYSTEM_LIMITS.guideTitleMaxLength, 'GUIDE_TITLE_INVALID'),
  text: text(SYSTEM_LIMITS.guideTextMaxLength, 'GUIDE_TEXT_INVALID', true),
});

/** A service item as an operator registers or changes it; its system and parent are named by key and code. */
export const serviceItemSchema = z
  .object({
    code: z.string({ error: 'ITEM_CODE_INVALID' }).trim().regex(ITEM_CODE_PATTERN, 'ITEM_CODE_INVALID'),
    name: text(SYSTEM_LIMITS.itemNameMaxLength, 'ITEM_NAME_INVALID'),
    department: text(DEPARTMENT_MAX_LENGTH, 'ITEM_DEPARTMENT_INVALID'),
    category: z.enum(CATEGORY_CODES, { error: 'CATALOGUE_CATEGORY_INVALID' }),
    audience: z.enum(['natural', 'legal', 'both'], { error: 'ITEM_AUDIENCE_INVALID' }),
    systemKey: z.preprocess(blankToNull, z.string({ error: 'ITEM_SYSTEM_NOT_FOUND' }).trim().nullable()).default(null),
    parentCode: z.preprocess(blankToNull, z.string({ error: 'ITEM_PARENT_NOT_FOUND' }).trim().regex(ITEM_CODE_PATTERN, 'ITEM_PARENT_NOT_FOUND').nullable()).default(null),
    guide: z
      .array(guideSectionSchema, { error: 'INVALID' })
      .max(SYSTEM_LIMITS.maxGuideSections, 'GUIDE_TOO_MANY_SECTIONS')
      .default([])
      .superRefine((sections, ctx) => {
        for (const index of repeatedAt(sections, (s) => s.title)) ctx.addIssue({ code: 'custom', path: [index, 'title'], message: 'GUIDE_TITLE_DUPLICATE' });
      }),
    sortOrder: z.number({ error: 'SORT_ORDER_INVALID' }).int('SORT_ORDER_INVALID').min(0, 'SORT_ORDER_INVALID').max(SYSTEM_LIMITS.maxSortOrder, 'SORT_ORDER_INVALID').default(0),
  })
  .superRefine((item, ctx) => {
    if (item.parentCode === item.code) ctx.addIssue({ code: 'custom', path: ['parentCode'], message: 'ITEM_PARENT_SELF' });
  });

export type ServiceItemInput = z.infer<typeof serviceItemSchema>;
