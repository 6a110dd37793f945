/** Where the upload pages live, and the My information tab each one returns to. */
import { VERIFICATION_SUBJECTS, type VerificationSubject } from '../../../src/realname/rules.ts';

/** The My information tab showing a subject's status (法人单位基本信息 for the organisation). */
const SUBJECT_TABS: Record<VerificationSubject, string> = {
  natural_person: 'natural_person',
  organization: 'organization_basic',
  primary_agent: 'primary_agent',
};

export const MY_INFO_TAB_PARAM = 'tab';

export function isVerificationSubject(value: string | undefined): value is VerificationSubject {
  return VERIFICATION_SUBJECTS.some((s) => s === value);
}

export const uploadPath = (subject: VerificationSubject) => `/online/my-info/upload/${subject}`;

export const myInfoPath = (subject: VerificationSubject) => `/online/my-info?${MY_INFO_TAB_PARAM}=${SUBJECT_TABS[subject]}`;
