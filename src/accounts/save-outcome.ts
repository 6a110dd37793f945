/**
 * What 我的信息 says after a successful save of a section whose subject is verified
 * (foreigner quickstart 4.1.2: 实名认证失败，验证失败，请检查输入信息。自然人用户修改个人信息成功。):
 * the verification's result when it calls for something, the seed's success sentence, the
 * status, and the next step that fits the reason. Pure, shared by the server and the browser.
 */
import { REASON_MESSAGES, STATUS_LABELS, type ReasonCode, type VerificationState, type VerificationStatus, type VerificationSubject } from '../realname/rules.ts';
import type { FieldLabel, Section } from './profile-fields.ts';

/** The sections with a verification subject (法人单位其他信息 has none: it says 保存成功). */
export type VerifiedSection = Exclude<Section, 'organization_other'>;

/** The subject whose status a section shows at its top right. */
export const SECTION_SUBJECT: Record<VerifiedSection, VerificationSubject> = {
  natural_person: 'natural_person',
  organization_basic: 'organization',
  primary_agent: 'primary_agent',
};

/**
 * The success sentence. The seed prints the natural person's (quickstart 4.1.2); it is silent
 * on the other two, which follow its pattern with the words of their buttons (修改法人信息,
 * 修改主代办人信息) for the legal account (法人用户).
 */
export const SAVED_SENTENCES: Record<VerifiedSection, FieldLabel> = {
  natural_person: { zh: '自然人用户修改个人信息成功。', en: 'Your personal information has been saved.' },
  organization_basic: { zh: '法人用户修改法人信息成功。', en: 'The organisation information has been saved.' },
  primary_agent: { zh: '法人用户修改主代办人信息成功。', en: 'The primary agent information has been saved.' },
};

/**
 * Where the person goes next: 自然人申诉找回密码 (the document is held by another verified
 * account), the section's upload page (manual review), or nowhere (check the input, wait).
 */
export type NextStep = 'appeal' | 'upload' | null;

const NEXT_STEPS: Partial<Record<ReasonCode, NextStep>> = {
  DOCUMENT_TAKEN: 'appeal',
  MANUAL_REVIEW_REQUIRED: 'upload',
  REVIEW_REJECTED: 'upload',
};

export interface SaveOutcome {
  /** The dialog's sentences in order: the result when it calls for something, then the success sentence. */
  messages: FieldLabel[];
  /** The section's 实名认证状态 after the save: the verification it ran, else the one it had. */
  status: VerificationStatus | null;
  label: FieldLabel | null;
  /** Whether the save ran 实名认证 (changed key fields). */
  verificationRan: boolean;
  next: NextStep;
  tone: 'success' | 'info' | 'warning' | 'error';
}

/** The sentence a state calls for, before the success sentence: the reason's message, or the status itself. */
function resultSentence(state: Pick<VerificationState, 'status' | 'reason'>): FieldLabel | null {
  switch (state.status) {
    case 'failed':
    case 'pending':
      return state.reason ? REASON_MESSAGES[state.reason.code] : STATUS_LABELS[state.status];
    case 'incomplete':
      return STATUS_LABELS.incomplete;
    default:
      return null;
  }
}

function toneOf(status: VerificationStatus | null): SaveOutcome['tone'] {
  if (status === 'registry_verified' || status === 'manually_approved' || status === null) return 'success';
  if (status === 'pending' || status === 'under_review') return 'info';
  if (status === 'failed') return 'error';
  return 'warning';
}

/**
 * The outcome of a save of `section` whose subject now has `state` (undefined: no status yet);
 * `ran` when the save verified it again.
 */
export function saveOutcome(section: VerifiedSection, state: Pick<VerificationState, 'status' | 'reason'> | undefined, ran: boolean): SaveOutcome {
  const result = state ? resultSentence(state) : null;
  return {
    messages: [...(result ? [result] : []), SAVED_SENTENCES[section]],
    status: state?.status ?? null,
    label: state ? STATUS_LABELS[state.status] : null,
    verificationRan: ran,
    next: (state?.reason && (state.status === 'failed' || state.status === 'review_rejected') ? NEXT_STEPS[state.reason.code] : null) ?? null,
    tone: toneOf(state?.status ?? null),
  };
}
