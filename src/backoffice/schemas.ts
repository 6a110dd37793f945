/** Back-office request schemas, shared by the server and the back-office pages. */
import { z } from 'zod';

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

export const reviewQueueQuerySchema = z.object({
  subject: z.enum(REVIEW_SUBJECTS).optional(),
  status: z.enum(REVIEW_STATUSES).default('open'),
  /** 提交时间: only reviews waiting at least this many hours. */
  minAgeHours: z.coerce.number().int().min(0).max(24 * 365).optional(),
  ...page,
});

export const appealQueueQuerySchema = z.object({
  kind: z.enum(['natural', 'legal']).optional(),
  status: z.enum(['open', 'approved', 'rejected']).default('open'),
  minAgeHours: z.coerce.number().int().min(0).max(24 * 365).optional(),
  ...page,
});

export const rejectReviewSchema = z.object({
  reason: z.string().trim().min(1, 'REVIEW_REASON_REQUIRED').max(500),
});

export const auditQuerySchema = z.object({
  action: z.string().trim().max(64).optional(),
  staff: z.string().trim().max(64).optional(),
  ...page,
});
