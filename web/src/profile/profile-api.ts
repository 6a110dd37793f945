/** The 我的信息 endpoints as the page uses them; shapes follow src/accounts/profile.ts. */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { Section } from '../../../src/accounts/profile-fields.ts';
import type { SaveOutcome } from '../../../src/accounts/save-outcome.ts';
import type { UpdateRecord as StoredUpdateRecord } from '../../../src/accounts/update-records.ts';
import type { VerificationStatus, VerificationSubject } from '../../../src/realname/rules.ts';
import { api, ApiError } from '../lib/api.ts';

/** Name, phone, document: personal data arrives masked (13*****656, 1307********031x). */
export interface IdentityValues {
  name?: string;
  mobile?: string;
  region?: string;
  documentType?: string;
  documentNumber?: string;
  validFrom?: string;
  validTo?: string;
  longTerm?: boolean;
}

export interface NaturalPersonValues extends IdentityValues {
  loginName: string;
  gender?: string;
  ethnicity?: string;
  title?: string;
  birthDate?: string;
  email?: string;
  phone?: string;
  address?: string;
}

export interface LegalRepresentativeValues extends IdentityValues {
  email?: string;
}

export interface OrganizationBasicValues {
  name?: string;
  region?: string;
  legalPersonType?: string;
  code?: string;
  legalRepresentative: LegalRepresentativeValues;
  [field: string]: unknown;
}

export type OrganizationOtherValues = Record<string, string | undefined>;

export interface PrimaryAgentValues extends IdentityValues {
  loginName: string;
  gender?: string;
  phone?: string;
  fax?: string;
  email?: string;
}

/** One subject's 实名认证状态 as the server describes it (src/realname/rules.ts statusView). */
export interface VerificationView {
  status: VerificationStatus;
  label: string;
  labelEn: string;
  method: 'registry' | 'manual' | 'national' | null;
  reason?: { code: string; message: string; messageEn: string; detail?: string };
}

/** The subjects that have a verification row; a subject without one has no status yet. */
export type Verification = Partial<Record<VerificationSubject, VerificationView>>;

export type Profile =
  | { kind: 'natural'; naturalPerson: NaturalPersonValues; missing: { natural_person: string[] }; verification?: Verification }
  | {
      kind: 'legal';
      organizationBasic: OrganizationBasicValues;
      organizationOther: OrganizationOtherValues;
      primaryAgent: PrimaryAgentValues;
      missing: Record<'organization_basic' | 'organization_other' | 'primary_agent', string[]>;
      verification?: Verification;
    };

/**
 * A save's answer: the fields it changed; when it ran 实名认证, the new statuses (and the failure
 * notice); and, for a section with a verification subject, what the page says (quickstart 4.1.2).
 */
export interface SaveResult {
  changed: string[];
  verification?: Verification;
  notice?: { message: string; messageEn: string };
  outcome?: SaveOutcome;
}

/** One 信息更新记录 as the server lists it; its time arrives as an ISO string. */
export interface UpdateRecord extends Omit<StoredUpdateRecord, 'createdAt'> {
  createdAt: string;
}

export type RecordSection = UpdateRecord['section'];

/** The account's own endpoints; an organisation's info maintained by an authorised person lives under /api/me/delegations/:id. */
export const OWN_PROFILE_BASE = '/api/me';

/**
 * Whose 我的信息 the section components show and save: the account's own (the default), or an
 * organisation's maintained by an authorised person (another base, no uploads for verification).
 */
export interface ProfileApi {
  base: string;
  uploads: boolean;
}

export const ProfileApiContext = createContext<ProfileApi>({ base: OWN_PROFILE_BASE, uploads: true });

export const useProfileApi = () => useContext(ProfileApiContext);

const SAVE_PATHS: Record<Section, string> = {
  natural_person: '/profile/natural-person',
  organization_basic: '/profile/organization-basic',
  organization_other: '/profile/organization-other',
  primary_agent: '/profile/primary-agent',
};

/** Saves one section; masked phone or document numbers sent back unchanged keep the stored ones. */
export function saveSection(section: Section, values: object, base = OWN_PROFILE_BASE) {
  return api<SaveResult>('PUT', `${base}${SAVE_PATHS[section]}`, values);
}

export function changePassword(body: { oldPassword: string; password: string; passwordConfirm: string }) {
  return api<{ changed: true }>('POST', '/api/me/password', body);
}

/** The update records of several sections, newest first. */
export async function loadUpdateRecords(sections: RecordSection[], base = OWN_PROFILE_BASE): Promise<UpdateRecord[]> {
  const lists = await Promise.all(sections.map((s) => api<{ records: UpdateRecord[] }>('GET', `${base}/update-records?section=${s}`)));
  return lists.flatMap((l) => l.records).sort((a, b) => b.id - a.id);
}

export function useProfile(base = OWN_PROFILE_BASE) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    try {
      setProfile(await api<Profile>('GET', `${base}/profile`));
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, {}));
    }
  }, [base]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { profile, error, reload };
}
