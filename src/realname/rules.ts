/**
 * Real-name verification (实名认证) rules: pure, dependency-free data and functions, shared
 * by the server and the browser bundle (import nothing with side effects, no `node:`).
 *
 * - the statuses as the seeds print them (foreigner quickstart 4.1–4.3, FAQ 8.1), plus
 *   one of ours, `pending`, for "the registry gave no answer yet, retried later";
 * - which route a subject takes: the national registry (automatic) or manual review,
 *   by document type (quickstart 4.1.3 / 4.3.4) or by organisation region and type (4.2.2);
 * - the one `transition(state, event)` every change of a verification goes through.
 *
 * Where "实名认证失败" is decided: `keyFieldsSaved` and the registry events below, nowhere else.
 */
import {
  documentVerification,
  isDocumentType,
  isLegalPersonType,
  isLegalRegion,
  organizationCodeRequirement,
  requiresValidityStart,
  organizationVerification,
} from '../accounts/rules.ts';
import { SECTION_FIELDS, type Section } from '../accounts/profile-fields.ts';
import { MESSAGES } from '../platform/messages.ts';

// ---------------------------------------------------------------------------
// Subjects and statuses
// ---------------------------------------------------------------------------

/** Three subjects are verified separately (SPEC §3): a person; an organisation with its legal representative; a primary agent. */
export type VerificationSubject = 'natural_person' | 'organization' | 'primary_agent';

export const VERIFICATION_SUBJECTS: readonly VerificationSubject[] = ['natural_person', 'organization', 'primary_agent'];

export type VerificationStatus =
  | 'incomplete'
  | 'registry_verified'
  | 'failed'
  | 'under_review'
  | 'manually_approved'
  | 'review_rejected'
  | 'pending';

/**
 * The status line of 我的信息 (实名认证状态). All but `pending` are the seeds' words exactly.
 * `pending` is ours (the seeds are silent on registry outages): the data is saved, the
 * national registry has not answered yet, the platform retries by itself.
 */
export const STATUS_LABELS: Record<VerificationStatus, { zh: string; en: string }> = {
  incomplete: { zh: '用户信息不全，请及时补充！', en: 'Your information is incomplete. Please complete it!' },
  registry_verified: { zh: '国家平台实名认证通过', en: 'Verified by the national platform' },
  failed: { zh: '实名认证失败', en: 'Real-name verification failed' },
  under_review: { zh: '实名认证审核中', en: 'Real-name verification under review' },
  manually_approved: { zh: '科技部平台人工审核通过', en: 'Approved by MOST platform manual review' },
  review_rejected: { zh: '实名认证审核失败', en: 'Real-name verification review rejected' },
  pending: { zh: '实名认证核验中，请稍后查看', en: 'Verification in progress, please check again later' },
};

/** Shown after a save whose verification failed (foreigner quickstart 4.1.2). */
export const FAILURE_NOTICE = { zh: '实名认证失败，验证失败，请检查输入信息。', en: 'Real-name verification failed. Please check the information you entered.' };

export function isVerified(status: VerificationStatus): boolean {
  return status === 'registry_verified' || status === 'manually_approved';
}

/** Why a subject is failed / rejected / pending; the reviewer's own words go in `detail`. */
export type ReasonCode =
  | 'REGISTRY_MISMATCH'
  | 'REGISTRY_NOT_FOUND'
  | 'MANUAL_REVIEW_REQUIRED'
  | 'DOCUMENT_TAKEN'
  | 'REVIEW_REJECTED'
  | 'REGISTRY_UNAVAILABLE';

export const REASON_MESSAGES: Record<ReasonCode, { zh: string; en: string }> = {
  REGISTRY_MISMATCH: { zh: '实名认证失败，验证失败，请检查输入信息。', en: 'The national registry holds different data. Please check the information you entered.' },
  REGISTRY_NOT_FOUND: { zh: '实名认证失败，验证失败，请检查输入信息。', en: 'The national registry has no record of this document. Please check the information you entered.' },
  MANUAL_REVIEW_REQUIRED: {
    zh: '该证件类型需人工审核，请上传签字后的证件扫描件',
    en: 'This document type is verified by manual review. Please upload signed scans of the document',
  },
  // Shown in 我的信息 (FAQ 八.3): 证件号码已存在, whatever the code's name.
  DOCUMENT_TAKEN: MESSAGES.DOCUMENT_EXISTS,
  REVIEW_REJECTED: { zh: '审核未通过', en: 'The review was rejected' },
  REGISTRY_UNAVAILABLE: { zh: '国家平台实名认证服务暂不可用，系统将自动重试', en: 'The national registry is unavailable; the platform will retry automatically' },
};

export interface VerificationReason {
  code: ReasonCode;
  /** Mismatched fields (comma separated) or the reviewer's reason. */
  detail?: string;
}

/** `national`: verified by the national government service platform at 国家政务服务平台账号登录 (src/federation/national/). */
export type VerificationMethod = 'registry' | 'manual' | 'national';

export interface VerificationState {
  status: VerificationStatus;
  method: VerificationMethod | null;
  reason: VerificationReason | null;
  /** Registry calls that got no answer since the key fields were last saved. */
  attempts: number;
}

export const INITIAL_STATE: VerificationState = Object.freeze({ status: 'incomplete', method: null, reason: null, attempts: 0 });

// ---------------------------------------------------------------------------
// Routes: registry or manual review
// ---------------------------------------------------------------------------

export type VerificationRoute = 'automatic' | 'manual';

/** A person's data as verification needs it (natural person, primary agent, legal representative). */
export interface PersonData {
  name: string;
  region: string;
  documentType: string;
  documentNumber: string;
  validFrom: string;
  validTo: string;
  longTerm: boolean;
}

export interface OrganizationData {
  name: string;
  region: string;
  legalPersonType: string;
  code: string;
  legalRepresentative: PersonData;
}

/** Person: by document type (quickstart 4.1.3 / 4.3.4): 外国人永久居留证 and 境外护照 go to manual review. */
export function personRoute(person: PersonData): VerificationRoute {
  return isDocumentType(person.documentType) ? documentVerification(person.documentType) : 'manual';
}

/**
 * Organisation: domestic enterprise / social organisation / public institution automatic; everything
 * else manual (4.2.2). The registry checks the legal representative as a person too, so a
 * representative whose document it cannot check (境外护照, 外国人永久居留证) makes it manual as well.
 */
export function organizationRoute(org: OrganizationData): VerificationRoute {
  if (!isLegalRegion(org.region) || !isLegalPersonType(org.legalPersonType)) return 'manual';
  return organizationVerification(org.region, org.legalPersonType) === 'automatic' ? personRoute(org.legalRepresentative) : 'manual';
}

/**
 * The data verification itself needs that is missing (SPEC §2.2 "Required for verification":
 * ID card: name, number, validity start, end unless long-term; other types: name, number).
 * Required fields verification does not need (e.g. 单位成立日期) are the profile's concern.
 */
export function missingPersonData(person: PersonData, prefix = ''): string[] {
  const missing: string[] = [];
  for (const field of ['name', 'region', 'documentType', 'documentNumber'] as const) if (!person[field]) missing.push(prefix + field);
  if (isDocumentType(person.documentType) && requiresValidityStart(person.documentType)) {
    if (!person.validFrom) missing.push(`${prefix}validFrom`);
    if (!person.longTerm && !person.validTo) missing.push(`${prefix}validTo`);
  }
  return missing;
}

/** Organisation: name, region, type (domestic), the code its region and type require, and the representative's name and document. */
export function missingOrganizationData(org: OrganizationData): string[] {
  const missing: string[] = [];
  if (!org.name) missing.push('name');
  if (!org.region) missing.push('region');
  if (org.region === 'domestic' && !org.legalPersonType) missing.push('legalPersonType');
  // Outside the mainland the type does not matter: the unique id is always required.
  const type = isLegalPersonType(org.legalPersonType) ? org.legalPersonType : 'enterprise';
  if (isLegalRegion(org.region) && organizationCodeRequirement(org.region, type) !== 'optional' && !org.code) missing.push('code');
  const rep = org.legalRepresentative;
  for (const field of ['name', 'documentType', 'documentNumber'] as const) if (!rep[field]) missing.push(`legalRepresentative.${field}`);
  return missing;
}

/** The subject a profile section's key fields belong to (修改是否触发实名认证), if any. */
const SECTION_SUBJECTS: Record<Section, VerificationSubject | undefined> = {
  natural_person: 'natural_person',
  organization_basic: 'organization',
  organization_other: undefined,
  primary_agent: 'primary_agent',
};

/** The subjects to verify again after a save that changed these fields of a section. */
export function subjectsToVerify(section: Section, changed: readonly string[]): VerificationSubject[] {
  const subject = SECTION_SUBJECTS[section];
  if (!subject) return [];
  return changed.some((field) => SECTION_FIELDS[section][field]?.triggersVerification === true) ? [subject] : [];
}

// ---------------------------------------------------------------------------
// Retries while the registry is unavailable
// ---------------------------------------------------------------------------

export const RETRY = {
  /** First retry this long after a failed attempt; doubling after each further one. */
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  /** How often each node looks for due retries. */
  pollIntervalMs: 30_000,
  /** Rows one node claims per round. */
  batchSize: 20,
  /** A claimed (or in-flight) attempt that never reports back is due again after this. */
  leaseMs: 60_000,
} as const;

/** Wait before the next attempt after `attempts` attempts without an answer (>= 1). */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY.baseDelayMs * 2 ** Math.max(0, attempts - 1), RETRY.maxDelayMs);
}

// ---------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------

export type VerificationEvent =
  /** Key fields saved (or first registered): what the data allows decides the next step. */
  | { type: 'key_fields_saved'; missing: readonly string[]; route: VerificationRoute; documentTaken: boolean }
  | { type: 'registry_matched' }
  | { type: 'registry_mismatched'; fields?: readonly string[] }
  | { type: 'registry_not_found' }
  | { type: 'registry_unavailable' }
  /** Another account verified with this document first (a race the unique index caught). */
  | { type: 'document_taken' }
  | { type: 'materials_submitted' }
  | { type: 'review_approved' }
  | { type: 'review_rejected'; reason: string }
  /**
   * A registry-verified subject applies for manual review to reach L4 (src/realname/levels.ts):
   * the registry verification stands while the review is open, and after a rejection.
   */
  | { type: 'upgrade_submitted' }
  | { type: 'upgrade_approved' }
  | { type: 'upgrade_rejected'; reason: string };

export type TransitionResult = { ok: true; state: VerificationState } | { ok: false; code: 'INVALID_TRANSITION'; from: VerificationStatus; event: VerificationEvent['type'] };

const ok = (state: VerificationState): TransitionResult => ({ ok: true, state });
const state = (status: VerificationStatus, method: VerificationMethod | null, reason: VerificationReason | null = null, attempts = 0): VerificationState => ({
  status,
  method,
  reason,
  attempts,
});

/**
 * incomplete ─key_fields_saved─▶ incomplete | failed (DOCUMENT_TAKEN / MANUAL_REVIEW_REQUIRED) | pending
 * pending ─registry_matched─▶ registry_verified; ─mismatched / not_found / document_taken─▶ failed;
 *         ─registry_unavailable─▶ pending (attempts + 1)
 * failed | review_rejected ─materials_submitted─▶ under_review (not when DOCUMENT_TAKEN)
 * under_review ─review_approved─▶ manually_approved; ─review_rejected─▶ review_rejected; ─document_taken─▶ failed
 * registry_verified ─upgrade_submitted / upgrade_rejected─▶ registry_verified; ─upgrade_approved─▶ manually_approved
 * any ─key_fields_saved─▶ decided afresh (new data needs a new check, and new uploads during review).
 */
export function transition(current: VerificationState, event: VerificationEvent): TransitionResult {
  const invalid: TransitionResult = { ok: false, code: 'INVALID_TRANSITION', from: current.status, event: event.type };
  switch (event.type) {
    case 'key_fields_saved':
      return ok(keyFieldsSaved(event));
    case 'registry_matched':
      return current.status === 'pending' ? ok(state('registry_verified', 'registry')) : invalid;
    case 'registry_mismatched': {
      const detail = event.fields?.length ? { detail: event.fields.join(',') } : {};
      return current.status === 'pending' ? ok(state('failed', 'registry', { code: 'REGISTRY_MISMATCH', ...detail })) : invalid;
    }
    case 'registry_not_found':
      return current.status === 'pending' ? ok(state('failed', 'registry', { code: 'REGISTRY_NOT_FOUND' })) : invalid;
    case 'registry_unavailable':
      return current.status === 'pending' ? ok(state('pending', 'registry', { code: 'REGISTRY_UNAVAILABLE' }, current.attempts + 1)) : invalid;
    case 'document_taken':
      return current.status === 'pending' || current.status === 'under_review' ? ok(state('failed', current.method, { code: 'DOCUMENT_TAKEN' })) : invalid;
    case 'materials_submitted': {
      const canUpload = (current.status === 'failed' && current.reason?.code !== 'DOCUMENT_TAKEN') || current.status === 'review_rejected';
      return canUpload ? ok(state('under_review', 'manual')) : invalid;
    }
    case 'review_approved':
      return current.status === 'under_review' ? ok(state('manually_approved', 'manual')) : invalid;
    case 'review_rejected':
      return current.status === 'under_review' ? ok(state('review_rejected', 'manual', { code: 'REVIEW_REJECTED', detail: event.reason })) : invalid;
    case 'upgrade_submitted':
    case 'upgrade_rejected':
      return current.status === 'registry_verified' ? ok(current) : invalid;
    case 'upgrade_approved':
      return current.status === 'registry_verified' ? ok(state('manually_approved', 'manual')) : invalid;
  }
}

function keyFieldsSaved(event: Extract<VerificationEvent, { type: 'key_fields_saved' }>): VerificationState {
  if (event.missing.length > 0) return state('incomplete', null);
  const method: VerificationMethod = event.route === 'automatic' ? 'registry' : 'manual';
  if (event.documentTaken) return state('failed', method, { code: 'DOCUMENT_TAKEN' });
  if (event.route === 'manual') return state('failed', 'manual', { code: 'MANUAL_REVIEW_REQUIRED' });
  return state('pending', 'registry');
}

/** What My information shows for a subject. */
export function statusView(current: VerificationState) {
  const label = STATUS_LABELS[current.status];
  const reason = current.reason ? { code: current.reason.code, message: REASON_MESSAGES[current.reason.code].zh, messageEn: REASON_MESSAGES[current.reason.code].en, detail: current.reason.detail } : undefined;
  return { status: current.status, label: label.zh, labelEn: label.en, method: current.method, ...(reason ? { reason } : {}) };
}

/**
 * The state an organisation shows, and is judged by wherever "verified" counts (entry checks,
 * claims): 用户信息不全，请及时补充！ while required 法人单位基本信息 are missing, whatever the
 * registry answered at registration; its stored state once they are complete (FAQ 三.1 3(1):
 * 补全后页面会出现实名认证状态).
 */
export function shownOrganizationState(stored: VerificationState, missingBasic: readonly string[]): VerificationState {
  return missingBasic.length > 0 ? INITIAL_STATE : stored;
}
