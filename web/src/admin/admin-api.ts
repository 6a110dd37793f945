/**
 * The back office's calls to /api/admin (shapes of src/backoffice/routes.ts). A 403
 * STAFF_ONLY from any of them means the staff session is gone (or never was): the
 * handler AdminApp installs sends the browser to /admin/login.
 */
import type { REVIEW_STATUSES, REVIEW_SUBJECTS } from '../../../src/backoffice/schemas.ts';
import type { StaffRole } from '../../../src/backoffice/staff.ts';
import type { OrganizationData, PersonData, VerificationStatus } from '../../../src/realname/rules.ts';
import type { AppealData, AppealKind, AppealStatus } from '../../../src/recovery/appeals-store.ts';
import type { PrimaryAgentDecision } from '../../../src/recovery/rules.ts';
import { api, ApiError } from '../lib/api.ts';

export type { AppealData, AppealKind, AppealStatus, StaffRole };
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Staff {
  loginName: string;
  name: string;
  roles: StaffRole[];
  /** An initial or reset password: the back office shows only 修改密码 until it is changed. */
  passwordChangeRequired?: boolean;
}

export interface ReviewSummary {
  id: string;
  subject: ReviewSubject;
  status: ReviewStatus;
  loginName: string;
  submittedAt: string;
  decidedAt: string | null;
  reason: string | null;
}

/** A row of the review queue: who as submitted, the document or legal person type, earlier submissions, who holds it. */
export interface ReviewQueueRow extends ReviewSummary {
  name: string;
  type: string;
  earlierSubmissions: number;
  /** 审核中：<name> while another reviewer (or oneself) holds the case. */
  claimedBy: string | null;
}

/** Who holds an open review (opening it claims it for a while). */
export interface ReviewClaim {
  staffName: string;
  mine: boolean;
  until: string;
}

export interface ReviewFile {
  slot: string;
  uploadId: string;
  label: { zh: string; en: string };
}

export interface ReviewDetail extends ReviewSummary {
  data: { person: PersonData } | { organization: OrganizationData };
  /** Masked: the person's phone, or the organisation's primary agent's. */
  mobile: string | null;
  files: ReviewFile[];
  /** Earlier submissions of the same account and subject, newest first. */
  history: EarlierReview[];
  claim: ReviewClaim | null;
}

/** One earlier submission in a review's history: its outcome, reason and reviewer. */
export interface EarlierReview {
  id: string;
  status: ReviewStatus;
  submittedAt: string;
  decidedAt: string | null;
  reason: string | null;
  reviewerName: string | null;
}

/** A preset of 审核不通过 (常用不通过原因). */
export interface ReviewReason {
  id: string;
  text: string;
  sortOrder: number;
}

export interface Decision {
  id: string;
  status: 'approved' | 'rejected';
  verification: { status: VerificationStatus; label: string };
}

export interface AppealSummary {
  id: string;
  kind: AppealKind;
  status: AppealStatus;
  /** The appellant: the person, or the organisation's new primary agent. */
  name: string;
  organizationName: string | null;
  submittedAt: string;
  decidedAt: string | null;
  reason: string | null;
}

/** An account the appeal could recover: holders of the document (verified first), or the organisation found. */
export interface AppealCandidate {
  accountId: string;
  loginName: string;
  kind: 'natural' | 'legal';
  name: string;
  verified: boolean;
  disabled: boolean;
}

/** A legal appeal's data against the organisation as registered. */
export interface OrganizationMatch {
  registered: { name: string; legalPersonType: string; code: string };
  nameMatches: boolean;
  codeMatches: boolean;
  typeMatches: boolean;
}

/** A legal appeal's organisation: its recorded primary agent (masked), and whether the appellant is that person. */
export interface PrimaryAgentBeside {
  current: { name: string; mobile: string; verified: boolean; verification: { status: VerificationStatus; label: string; labelEn: string } } | null;
  appellantIsCurrent: boolean;
}

export interface AppealDetail extends AppealSummary {
  data: AppealData;
  files: ReviewFile[];
  candidates: AppealCandidate[];
  organization: OrganizationMatch | null;
  primaryAgent: PrimaryAgentBeside | null;
}

export interface AuditRow {
  id: string;
  staffLoginName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

export interface QueueQuery {
  subject?: ReviewSubject;
  status: ReviewStatus;
  minAgeHours?: number;
  type?: string;
  submissions?: 'first' | 'repeat';
  name?: string;
  order?: 'oldest' | 'newest';
  page: number;
  pageSize: number;
}

export interface AppealQuery {
  kind?: AppealKind;
  status: AppealStatus;
  minAgeHours?: number;
  page: number;
  pageSize: number;
}

export interface AuditQuery {
  action?: string;
  staff?: string;
  /** The subject account: login name or id. */
  account?: string;
  /** Days 'YYYY-MM-DD' (China time), both included. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

let onStaffOnly: () => void = () => {};

/** Installed once by AdminApp: what to do when the API says the caller is not logged-in staff. */
export function setStaffOnlyHandler(handler: () => void): void {
  onStaffOnly = handler;
}

/** A call to /api/admin; STAFF_ONLY (the staff session is gone) sends the browser to the staff login. */
export async function adminCall<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  try {
    return await api<T>(method, `/api/admin${path}`, body);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'STAFF_ONLY') onStaffOnly();
    throw error;
  }
}

const call = adminCall;

/** A query string of the defined, non-empty values. */
function query(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

const fileUrl = (collection: 'reviews' | 'appeals') => (id: string, uploadId: string) =>
  `/api/admin/${collection}/${encodeURIComponent(id)}/files/${encodeURIComponent(uploadId)}`;
export const reviewFileUrl = fileUrl('reviews');
export const appealFileUrl = fileUrl('appeals');

export const adminApi = {
  // Login answers 401 for a wrong code: that is shown on the form, not a redirect.
  login: (body: { loginName: string; password: string; totp: string }) => api<Staff>('POST', '/api/admin/login', body),
  logout: () => api('POST', '/api/admin/logout'),
  me: () => call<Staff>('GET', '/me'),
  /** `capped`: more matches than `total` (the server counts up to 10000). */
  reviews: (q: QueueQuery) => call<{ total: number; capped: boolean; reviews: ReviewQueueRow[] }>('GET', `/reviews?${query(q)}`),
  /** Admins: end a reviewer's claim on a review. */
  releaseReview: (id: string) => call<{ id: string; released: boolean }>('POST', `/reviews/${encodeURIComponent(id)}/release`),
  review: (id: string) => call<ReviewDetail>('GET', `/reviews/${encodeURIComponent(id)}`),
  approve: (id: string) => call<Decision>('POST', `/reviews/${encodeURIComponent(id)}/approve`),
  reject: (id: string, reason: string, presets: string[] = []) => call<Decision>('POST', `/reviews/${encodeURIComponent(id)}/reject`, { reason, presets }),
  reviewReasons: () => call<{ reasons: ReviewReason[] }>('GET', '/review-reasons'),
  createReviewReason: (body: { text: string; sortOrder: number }) => call<ReviewReason>('POST', '/review-reasons', body),
  updateReviewReason: (id: string, body: { text: string; sortOrder: number }) => call<ReviewReason>('PUT', `/review-reasons/${encodeURIComponent(id)}`, body),
  deleteReviewReason: (id: string) => call<{ id: string; deleted: true }>('DELETE', `/review-reasons/${encodeURIComponent(id)}`),
  appeals: (q: AppealQuery) => call<{ total: number; appeals: AppealSummary[] }>('GET', `/appeals?${query(q)}`),
  appeal: (id: string) => call<AppealDetail>('GET', `/appeals/${encodeURIComponent(id)}`),
  /** accountId: the candidate chosen; without it the server takes the only or the verified one. */
  approveAppeal: (id: string, accountId?: string, primaryAgent?: PrimaryAgentDecision) =>
    call<{ id: string; status: 'approved'; loginName: string }>('POST', `/appeals/${encodeURIComponent(id)}/approve`, {
      ...(accountId ? { accountId } : {}),
      ...(primaryAgent ? { primaryAgent } : {}),
    }),
  rejectAppeal: (id: string, reason: string) => call<{ id: string; status: 'rejected' }>('POST', `/appeals/${encodeURIComponent(id)}/reject`, { reason }),
  audit: (q: AuditQuery) => call<{ total: number; rows: AuditRow[] }>('GET', `/audit?${query(q)}`),
  /** The CSV download of the filtered log (a plain link: the browser saves the file). */
  auditExportUrl: (q: Omit<AuditQuery, 'page' | 'pageSize'>) => `/api/admin/audit/export?${query(q)}`,
};

/** What to show for a failed call, in the page's language. */
export function errorText(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return lang === 'zh' ? error.message : error.messageEn;
  return lang === 'zh' ? '系统繁忙，请稍后再试。' : 'The system is busy. Please try again later.';
}
