/**
 * What the system API, the portal and the back office accept for 我的事项, 我的评价 and
 * 结果公示 (zod, the shared field types), and what they answer (types only).
 */
import { z } from 'zod';
import { isRegistrableUrl } from '../backoffice/system-rules.ts';
import { ITEM_CODE_PATTERN } from '../catalogue/rules.ts';
import { dateProblem } from '../platform/fields/dates.ts';
import { freeText } from '../platform/fields/text.ts';
import { MATTER_LIMITS, MATTER_STATES, RATING_GRADES, REFERENCE_PATTERN, commentRequired, type MatterState, type RatingGrade } from './rules.ts';

const itemCode = z.string({ error: 'ITEM_CODE_INVALID' }).trim().regex(ITEM_CODE_PATTERN, { error: 'ITEM_CODE_INVALID' });
const link = z
  .string({ error: 'URL_INVALID' })
  .trim()
  .max(MATTER_LIMITS.linkMax, { error: 'URL_INVALID' })
  .refine(isRegistrableUrl, { error: 'URL_INVALID' });

export const referenceParamsSchema = z.object({
  reference: z.string().regex(REFERENCE_PATTERN, { error: 'MATTER_REFERENCE_INVALID' }),
});

/** A business system's report of an item (PUT /system-api/v1/matters/:reference). */
export const matterReportSchema = z.object({
  itemCode,
  applicantId: z.uuid({ error: 'MATTER_APPLICANT_NOT_FOUND' }),
  /** The organisation the applicant acted for (OIDC acts_for / CAS actsFor), if any. */
  organizationId: z.preprocess((value) => (value === '' ? null : value), z.uuid({ error: 'MATTER_ORGANIZATION_NOT_FOUND' }).nullable()).default(null),
  /** Or its 统一社会信用代码, as acts_for.credit_code gave it. */
  organizationCreditCode: z
    .preprocess((value) => (value === '' ? null : value), z.string({ error: 'MATTER_ORGANIZATION_NOT_FOUND' }).trim().regex(/^[0-9A-Za-z]{1,30}$/, { error: 'MATTER_ORGANIZATION_NOT_FOUND' }).nullable())
    .default(null),
  state: z.enum(MATTER_STATES, { error: 'MATTER_STATE_INVALID' }),
  title: freeText({ max: MATTER_LIMITS.titleMax }).min(1, { error: 'MATTER_TITLE_REQUIRED' }),
  link,
});
export type MatterReport = z.infer<typeof matterReportSchema>;

/** A public result (PUT /system-api/v1/results/:reference). */
export const resultSchema = z.object({
  itemCode,
  title: freeText({ max: MATTER_LIMITS.titleMax }).min(1, { error: 'RESULT_TITLE_REQUIRED' }),
  publishedOn: z
    .string({ error: 'RESULT_DATE_REQUIRED' })
    .trim()
    .superRefine((value, ctx) => {
      const problem = value === '' ? { code: 'RESULT_DATE_REQUIRED' } : dateProblem(value, { earliest: '2000-01-01' });
      if (problem) ctx.addIssue({ code: 'custom', message: problem.code, params: 'params' in problem ? problem.params : undefined });
    }),
  summary: freeText({ max: MATTER_LIMITS.resultSummaryMax, multiline: true }).min(1, { error: 'RESULT_SUMMARY_REQUIRED' }),
  link: z.preprocess((value) => (value === '' ? null : value), link.nullable()).default(null),
});
export type ResultInput = z.infer<typeof resultSchema>;

/** 我的评价: a grade, and a comment (required for the two lowest grades). */
export const ratingSchema = z
  .object({
    grade: z.enum(RATING_GRADES, { error: 'RATING_GRADE_INVALID' }),
    comment: freeText({ max: MATTER_LIMITS.commentMax, multiline: true }).default(''),
  })
  .superRefine((rating, ctx) => {
    if (commentRequired(rating.grade) && rating.comment === '') ctx.addIssue({ code: 'custom', path: ['comment'], message: 'RATING_COMMENT_REQUIRED' });
  });
export type RatingInput = z.infer<typeof ratingSchema>;

export const matterIdParamsSchema = z.object({ id: z.uuid({ error: 'MATTER_NOT_FOUND' }) });

/** 结果公示: a page, and a search by title. */
export const resultsQuerySchema = z.object({
  page: z.coerce.number({ error: 'INVALID' }).int({ error: 'INVALID' }).min(1, { error: 'INVALID' }).max(10_000, { error: 'INVALID' }).default(1),
  pageSize: z.coerce.number({ error: 'INVALID' }).int({ error: 'INVALID' }).min(1, { error: 'INVALID' }).max(MATTER_LIMITS.resultsPageSizeMax, { error: 'INVALID' }).default(10),
  q: freeText({ max: MATTER_LIMITS.resultsSearchMax }).default(''),
});

/** Back office: ratings of one system or one item (by code), or all. */
export const ratingsQuerySchema = z.object({
  system: z.string().trim().max(100, { error: 'INVALID' }).default(''),
  itemCode: z.union([z.literal(''), z.string().trim().regex(ITEM_CODE_PATTERN, { error: 'ITEM_CODE_INVALID' })]).default(''),
});

export interface MatterView {
  id: string;
  reference: string;
  title: string;
  state: MatterState;
  link: string;
  item: { code: string; name: string };
  system: { key: string; name: string };
  /** The organisation acted for, when the person acted for one. */
  organizationName: string | null;
  /** Whether the signed-in account is the applicant (only they rate). */
  ownApplication: boolean;
  createdAt: string;
  updatedAt: string;
  history: { state: MatterState; at: string }[];
  rating: { grade: RatingGrade; comment: string; ratedAt: string } | null;
  canRate: boolean;
}

export interface RatingView {
  matterId: string;
  title: string;
  item: { code: string; name: string };
  system: { key: string; name: string };
  grade: RatingGrade;
  comment: string;
  ratedAt: string;
}

export interface PublicResult {
  id: string;
  title: string;
  item: { code: string; name: string };
  systemName: string;
  publishedOn: string;
  summary: string;
  link: string | null;
}

export interface ApplyItem {
  code: string;
  name: string;
  department: string;
  system: { key: string; name: string } | null;
  followed: boolean;
}

export interface RatingsSummary {
  bySystem: { key: string; name: string; total: number; counts: Record<RatingGrade, number> }[];
  byItem: { code: string; name: string; systemName: string; total: number; counts: Record<RatingGrade, number> }[];
  /** The latest ratings (without who gave them: the counts and comments are what operators act on). */
  ratings: RatingView[];
}
