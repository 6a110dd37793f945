/**
 * What a business system learns about the user, the same for OIDC claims and CAS
 * attributes (SPEC §7): who, what kind of account, verified how, the document masked, the
 * mobile only where the system may have it, and for legal persons the organisation.
 */
import { missingOrganizationBasic } from '../accounts/profile.ts';
import { chinaDateString, maskDocumentNumber } from '../accounts/rules.ts';
import { accountStore } from '../accounts/store.ts';
import { authorizationService } from '../grants/service.ts';
import { maybeOne, type Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import { realNameLevel, type LevelIdentifier, type RealNameLevel } from '../realname/levels.ts';
import { INITIAL_STATE, isVerified, shownOrganizationState, type ReasonCode, type VerificationState, type VerificationStatus } from '../realname/rules.ts';
import type { BusinessSystem } from './systems-store.ts';

export interface UserClaims {
  sub: string;
  account_type: 'natural' | 'legal';
  login_name: string;
  name: string;
  verified: boolean;
  /** An organisation's reads incomplete until its 法人单位基本信息 are complete, whatever the registry said. */
  verification_status: VerificationStatus;
  verification_method: 'registry' | 'manual' | 'national' | null;
  /**
   * The real-name assurance level (src/realname/levels.ts). OIDC carries it as the standard
   * `acr` (the session's, src/sso/entry/oidc.ts), not as a claim; CAS as realNameLevel.
   */
  realname_level: RealNameLevel;
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
  readAhead?: Promise<ClaimsSource | undefined>,
): Promise<UserClaims | undefined> {
  // Read beside the token presented (claimsSourceOfToken): taken when it is this account's, otherwise read now.
  const ahead = await readAhead;
  const source = ahead?.id === accountId ? ahead : await maybeOne<ClaimsSource>(platform.db, `${CLAIMS_SOURCE} where a.id = $1`, [accountId]);
  if (!source || source.disabled) return undefined;
  const actsForSomeone = source.kind === 'natural' && system.requiresGrant;
  const acting = actsForSomeone && actingFor ? await authorizationService(platform).actingFor(source.id, system.id, actingFor) : undefined;
  // Issuing a token or ticket: a person in such a system needs a live authorisation.
  if (actsForSomeone && actingFor !== undefined && !acting) return undefined;
  const { cipher } = platform;
  const natural = source.kind === 'natural';
  const { status, method } = natural ? storedVerification(source) : await organizationVerification(platform, source);
  const documentNumber = natural && source.document_number_enc ? cipher.decrypt(source.document_number_enc) : null;
  const identifier: LevelIdentifier | undefined = natural
    ? source.document_type && documentNumber ? { kind: 'person', documentType: source.document_type, documentNumber } : undefined
    : { kind: 'organization', region: source.region ?? '', legalPersonType: source.legal_person_type ?? '', code: source.credit_code ?? '' };
  // The reason matters only for the stored state (a shown organisation state that is incomplete has none).
  const reason = status === source.verification_status && source.verification_reason ? { code: source.verification_reason } : null;
  return {
    sub: source.id,
    account_type: source.kind,
    login_name: source.login_name,
    name: source.organization_name ?? source.person_name ?? '',
    verified: isVerified(status),
    verification_status: status,
    verification_method: method,
    realname_level: realNameLevel({ verification: { status, reason }, identifier }),
    document_type: natural ? source.document_type || null : null,
    document_number_masked: documentNumber ? maskDocumentNumber(documentNumber) : null,
    ...(system.mobileAllowed && source.mobile_enc ? { mobile: cipher.decrypt(source.mobile_enc) } : {}),
    ...(source.organization_name !== null
      ? { organization: { name: source.organization_name, credit_code: source.credit_code ?? '', type: source.legal_person_type ?? '', region: source.region ?? '' } }
      : {}),
    acts_for: acting ? { organization_name: acting.organizationName, credit_code: acting.creditCode, roles: acting.roles } : null,
  };
}

/**
 * claimsFor() through this node's cache (src/platform/change-feed.ts), for a token already
 * issued, read where a change may take a notification's way to show (userinfo, introspection).
 * Whom a person acts for also depends on the day (an authorisation's validity period, in China
 * time): the day is part of what is kept.
 */
export function cachedClaimsFor(
  platform: Platform,
  accountId: string,
  system: Pick<BusinessSystem, 'id' | 'mobileAllowed' | 'requiresGrant'>,
  actingFor: string | null,
): Promise<UserClaims | undefined> {
  const variant = `${system.id} ${system.mobileAllowed} ${system.requiresGrant} ${actingFor ?? ''} ${actingFor ? chinaDateString() : ''}`;
  return platform.changes.cache<UserClaims | undefined>('claims').get(accountId, variant, () => claimsFor(platform, accountId, system, actingFor));
}

const storedVerification = (source: ClaimsSource): Pick<VerificationState, 'status' | 'method'> => ({
  status: source.verification_status ?? 'incomplete',
  method: source.verification_method,
});

/** An organisation is verified only once its 法人单位基本信息 are complete (FAQ 三.1 3(1)); before, it reads incomplete. */
async function organizationVerification(platform: Platform, source: ClaimsSource): Promise<Pick<VerificationState, 'status' | 'method'>> {
  const accounts = accountStore(platform.db, platform.cipher);
  const [organization, representative] = await Promise.all([accounts.loadOrganization(source.id), accounts.loadIdentity(source.id, 'legal_representative')]);
  const stored = { ...INITIAL_STATE, ...storedVerification(source) };
  return shownOrganizationState(stored, missingOrganizationBasic(organization, representative));
}

export interface ClaimsSource {
  id: string;
  kind: 'natural' | 'legal';
  login_name: string;
  disabled: boolean;
  verification_status: VerificationStatus | null;
  verification_method: 'registry' | 'manual' | 'national' | null;
  verification_reason: ReasonCode | null;
  person_name: string | null;
  mobile_enc: string | null;
  document_type: string | null;
  document_number_enc: string | null;
  organization_name: string | null;
  credit_code: string | null;
  legal_person_type: string | null;
  region: string | null;
}

/**
 * Everything the claims say, in one statement (they are read at every token, refresh and
 * ticket validation): the account; the verification of whoever verifies for it (the natural
 * person, or the organisation with its legal representative); the person's identity (a
 * legal account's: its primary agent's); a legal account's organisation.
 */
const CLAIMS_SOURCE = `
  select a.id, a.kind, a.login_name, a.disabled,
         v.status as verification_status, v.method as verification_method, v.reason as verification_reason,
         i.name as person_name, i.mobile_enc, i.document_type, i.document_number_enc,
         o.name as organization_name, o.code as credit_code, o.legal_person_type, o.region
    from accounts a
    left join verifications v on v.account_id = a.id and v.subject = case a.kind when 'natural' then 'natural_person' else 'organization' end
    left join identities i on i.account_id = a.id and i.role = case a.kind when 'natural' then 'natural_person' else 'primary_agent' end
    left join organizations o on o.account_id = a.id and a.kind = 'legal'`;

/**
 * The claims' source of the account a code or refresh token kept in PostgreSQL belongs to, read
 * at the same time as the token itself (unit-of-work.ts, ReadBeside): claimsFor takes it when
 * the token turns out to be that account's. Undefined when the token or the account is not there.
 */
export function claimsSourceOfToken(db: Db, model: string, id: string): Promise<ClaimsSource | undefined> {
  return maybeOne<ClaimsSource>(
    db,
    `${CLAIMS_SOURCE} where a.id = (select (t.payload ->> 'accountId')::uuid from oidc_payloads t where t.model = $1 and t.id = $2)`,
    [model, id],
  );
}
