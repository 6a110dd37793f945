/**
 * An account's real-name level (levels.ts) read from the database, for the entry checks and
 * the OIDC `acr` at every sign-in: the verification of the subject that verifies for the
 * account (a natural person; an organisation, counted only once its 法人单位基本信息 are
 * complete) and its identifier. The document is decrypted only when the status alone does
 * not decide (not verified); an organisation's sections are read only when it is verified.
 */
import { missingOrganizationBasic } from '../accounts/profile.ts';
import { accountStore } from '../accounts/store.ts';
import { maybeOne } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import { realNameLevel, type LevelIdentifier, type RealNameLevel } from './levels.ts';
import { INITIAL_STATE, isVerified, shownOrganizationState, type ReasonCode, type VerificationStatus } from './rules.ts';

interface LevelSourceRow {
  kind: 'natural' | 'legal';
  status: VerificationStatus | null;
  reason: ReasonCode | null;
  document_type: string | null;
  document_number_enc: string | null;
  region: string | null;
  legal_person_type: string | null;
  code: string | null;
}

const LEVEL_SOURCE = `
  select a.kind, v.status, v.reason, i.document_type, i.document_number_enc, o.region, o.legal_person_type, o.code
    from accounts a
    left join verifications v on v.account_id = a.id and v.subject = case a.kind when 'natural' then 'natural_person' else 'organization' end
    left join identities i on i.account_id = a.id and i.role = 'natural_person' and a.kind = 'natural'
    left join organizations o on o.account_id = a.id and a.kind = 'legal'
   where a.id = $1`;

/** The account's level; undefined for an unknown account. */
export async function accountLevel(platform: Platform, accountId: string): Promise<RealNameLevel | undefined> {
  const row = await maybeOne<LevelSourceRow>(platform.db, LEVEL_SOURCE, [accountId]);
  if (!row) return undefined;
  let status: VerificationStatus | undefined = row.status ?? undefined;
  if (row.kind === 'legal' && status && isVerified(status)) status = await shownOrganizationStatus(platform, accountId, status);
  const verification = status ? { status, reason: row.reason ? { code: row.reason } : null } : undefined;
  // Verified: the status decides, the identifier is not read (nor decrypted).
  if (status && isVerified(status)) return realNameLevel({ verification, identifier: undefined });
  return realNameLevel({ verification, identifier: identifierOf(platform, row) });
}

function identifierOf(platform: Platform, row: LevelSourceRow): LevelIdentifier | undefined {
  if (row.kind === 'legal') return { kind: 'organization', region: row.region ?? '', legalPersonType: row.legal_person_type ?? '', code: row.code ?? '' };
  if (!row.document_type || !row.document_number_enc) return undefined;
  return { kind: 'person', documentType: row.document_type, documentNumber: platform.cipher.decrypt(row.document_number_enc) };
}

async function shownOrganizationStatus(platform: Platform, accountId: string, status: VerificationStatus): Promise<VerificationStatus> {
  const accounts = accountStore(platform.db, platform.cipher);
  const [organization, representative] = await Promise.all([accounts.loadOrganization(accountId), accounts.loadIdentity(accountId, 'legal_representative')]);
  return shownOrganizationState({ ...INITIAL_STATE, status }, missingOrganizationBasic(organization, representative)).status;
}
