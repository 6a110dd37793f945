/**
 * 实名认证 on 我的信息: which subject a tab shows, the tab's current status (given to its
 * edit form through a context), and whether a save changes key fields of a verified subject
 * (修改是否触发实名认证 = 是), which must be confirmed first (SPEC §3).
 */
import { createContext, useContext } from 'react';
import { SECTION_FIELDS, fieldValue, type Section } from '../../../src/accounts/profile-fields.ts';
import { isVerified, subjectsToVerify, type VerificationStatus, type VerificationSubject } from '../../../src/realname/rules.ts';
import type { Verification, VerificationView } from './profile-api.ts';

/** The subject whose status a tab shows at its top right; 法人单位其他信息 has none. */
export const SECTION_SUBJECT: Record<Section, VerificationSubject | undefined> = {
  natural_person: 'natural_person',
  organization_basic: 'organization',
  organization_other: undefined,
  primary_agent: 'primary_agent',
};

export function sectionStatus(verification: Verification | undefined, section: Section): VerificationView | undefined {
  const subject = SECTION_SUBJECT[section];
  return subject ? verification?.[subject] : undefined;
}

/** The status of the tab being edited, for its save's confirmation. */
export const SectionStatusContext = createContext<VerificationView | undefined>(undefined);

export const useSectionStatus = () => useContext(SectionStatusContext);

/** The confirmation asked before key fields of a verified subject change (quickstart 4.1.2). */
export const RECONFIRM = {
  zh: '已实名认证，修改用户信息可能会重新进行实名认证，确认要修改吗？',
  en: 'Your identity is verified. Changing this information may run real-name verification again. Do you want to change it?',
};

/** Green when verified, orange while waiting, red otherwise (failed, rejected, incomplete). */
export function statusTone(status: VerificationStatus): 'success' | 'warning' | 'danger' {
  if (isVerified(status)) return 'success';
  if (status === 'pending' || status === 'under_review') return 'warning';
  return 'danger';
}

/** Empty, absent and false are all "nothing"; strings compare trimmed. */
const comparable = (value: unknown) => (value === undefined || value === null || value === false ? '' : String(value).trim());

/** The key fields (triggersVerification) whose submitted value differs from what the page loaded. */
export function changedKeyFields(section: Section, loaded: object, submitted: object): string[] {
  return Object.entries(SECTION_FIELDS[section])
    .filter(([, field]) => field.triggersVerification === true)
    .map(([path]) => path)
    .filter((path) => comparable(fieldValue(loaded as Record<string, unknown>, path)) !== comparable(fieldValue(submitted as Record<string, unknown>, path)));
}

/** Whether saving `submitted` over `loaded` must first ask RECONFIRM. */
export function needsReconfirm(section: Section, status: VerificationView | undefined, loaded: object, submitted: object): boolean {
  if (!status || !isVerified(status.status)) return false;
  return subjectsToVerify(section, changedKeyFields(section, loaded, submitted)).length > 0;
}
