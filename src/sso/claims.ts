/**
 * What a business system learns about the user, the same for OIDC claims and CAS
 * attributes (SPEC §7): who, what kind of account, verified how, the document masked, the
 * mobile only where the system may have it, and for legal persons the organisation.
 */
import { maskDocumentNumber } from '../accounts/rules.ts';
import { accountStore } from '../accounts/store.ts';
import { authorizationService } from '../grants/service.ts';
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
   * The organisation a natural person acts for in this system, chosen at entry, and the roles
   * its authorisation gives them in this system only (授权, SPEC §6, §11.12); null otherwise.
   */
  acts_for: { organization_name: string; credit_code: string; roles: { code: string; name: string }[] } | null;
}

/**
 * Which organisation the claims are for: an organisation id or null when a token is being
 * issued (a system requiring a grant then refuses without a live one), undefined before that
 * (the authorization endpoint only asks whether the account exists).
 */
export type ActingFor = string | null | undefined;

/**
 * The claims of an account for a system; undefined when the account is gone or disabled, or
 * when a natural person's authorisation to act in a system that requires one no longer counts
 * (revoked, expired, organisation disabled): then no token or ticket is issued, refresh included.
 */
export async function claimsFor(
  platform: Platform,
  accountId: string,
  system: Pick<BusinessSystem, 'id' | 'mobileAllowed' | 'requiresGrant'>,
  actingFor: ActingFor,
): Promise<UserClaims | undefined> {
  const accounts = accountStore(platform.db, platform.cipher);
  const account = await accounts.findById(accountId);
  if (!account || account.disabled) return undefined;
  const actsForSomeone = account.kind === 'natural' && system.requiresGrant;
  const acting = actsForSomeone && actingFor ? await authorizationService(platform).actingFor(account.id, system.id, actingFor) : undefined;
  // Issuing a token or ticket: a person in such a system needs a live authorisation.
  if (actsForSomeone && actingFor !== undefined && !acting) return undefined;
  // The person who verifies: the natural person, or the organisation (with its legal representative).
  const subject = account.kind === 'natural' ? 'natural_person' : 'organization';
  const [verified, person, organization] = await Promise.all([
    verificationStore(platform.db).load(account.id, subject),
    accounts.loadIdentity(account.id, account.kind === 'natural' ? 'natural_person' : 'primary_agent'),
    account.kind === 'legal' ? accounts.loadOrganization(account.id) : undefined,
  ]);
  const verification = verified?.state;
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
    acts_for: acting ? { organization_name: acting.organizationName, credit_code: acting.creditCode, roles: acting.roles } : null,
  };
}
