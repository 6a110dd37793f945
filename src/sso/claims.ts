/**
 * What a business system learns about the user, the same for OIDC claims and CAS
 * attributes (SPEC §7): who, what kind of account, verified how, the document masked, the
 * mobile only where the system may have it, and for legal persons the organisation.
 */
import { maskDocumentNumber } from '../accounts/rules.ts';
import { accountStore } from '../accounts/store.ts';
import type { Platform } from '../platform/platform.ts';
import { isVerified, type VerificationStatus } from '../realname/rules.ts';
import { verificationStore } from '../realname/store.ts';
import type { BusinessSystem } from './systems-store.ts';

export interface UserClaims {
  sub: string;
  account_type: 'natural' | 'legal';
  login_name: string;
  name: string;
  verified: boolean;
  verification_status: VerificationStatus | 'incomplete';
  verification_method: 'registry' | 'manual' | null;
  document_type: string | null;
  document_number_masked: string | null;
  mobile?: string;
  organization?: { name: string; credit_code: string; type: string; region: string };
  /**
   * The organisations a natural person acts for in this system and the roles held there
   * (授权, SPEC §6). Filled by the authorisation capability; empty until it exists.
   */
  acts_for: { organization_name: string; credit_code: string; roles: string[] }[];
}

/** The claims of an account for a system; undefined when the account is gone or disabled. */
export async function claimsFor(platform: Platform, accountId: string, system: Pick<BusinessSystem, 'mobileAllowed'>): Promise<UserClaims | undefined> {
  const accounts = accountStore(platform.db, platform.cipher);
  const account = await accounts.findById(accountId);
  if (!account || account.disabled) return undefined;
  // The person who verifies: the natural person, or the organisation (with its legal representative).
  const subject = account.kind === 'natural' ? 'natural_person' : 'organization';
  const verification = (await verificationStore(platform.db).load(account.id, subject))?.state;
  const person = await accounts.loadIdentity(account.id, account.kind === 'natural' ? 'natural_person' : 'primary_agent');
  const organization = account.kind === 'legal' ? await accounts.loadOrganization(account.id) : undefined;
  const status = verification?.status ?? 'incomplete';
  return {
    sub: account.id,
    account_type: account.kind,
    login_name: account.login_name,
    name: organization?.name ?? person?.name ?? '',
    verified: isVerified(status),
    verification_status: status,
    verification_method: verification?.method ?? null,
    document_type: account.kind === 'natural' ? person?.documentType || null : null,
    document_number_masked: account.kind === 'natural' && person?.documentNumber ? maskDocumentNumber(person.documentNumber) : null,
    ...(system.mobileAllowed && person?.mobile ? { mobile: person.mobile } : {}),
    ...(organization ? { organization: { name: organization.name, credit_code: organization.code, type: organization.legalPersonType, region: organization.region } } : {}),
    acts_for: [],
  };
}
