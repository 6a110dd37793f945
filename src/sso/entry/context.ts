/**
 * Loads what the entry checks read, in few queries run together: the account with its
 * verifications and a natural person's authorisations in the system (only when it requires a
 * grant); then, for an organisation, its sections when the system requires them or its
 * verification (an organisation counts as verified only once 法人单位基本信息 are complete).
 */
import { missingOrganizationBasic } from '../../accounts/profile.ts';
import { accountStore } from '../../accounts/store.ts';
import { authorizationService } from '../../grants/service.ts';
import { maybeOne } from '../../platform/db.ts';
import type { Platform } from '../../platform/platform.ts';
import { accountLevel } from '../../realname/level-source.ts';
import { INITIAL_STATE, isVerified, shownOrganizationState, type VerificationStatus, type VerificationSubject } from '../../realname/rules.ts';
import type { BusinessSystem } from '../systems-store.ts';
import { missingOtherInformation, type EntryContext } from './checks.ts';

export async function loadEntryContext(
  platform: Platform,
  accountId: string | null | undefined,
  system: EntryContext['system'] & { id: string },
): Promise<EntryContext> {
  const context: EntryContext = {
    system,
    account: null,
    verified: { natural_person: false, organization: false, primary_agent: false },
    missing: { organization_basic: [], organization_other: [] },
    acting: null,
  };
  if (!accountId) return context;

  const accounts = accountStore(platform.db, platform.cipher);
  // An organisation is verified only with its 法人单位基本信息 complete: wherever verification counts, they are read too.
  const needsBasic = system.requirements.includes('organization_basic_complete') || system.requiresVerification;
  const needsOther = system.requirements.includes('organization_other_complete');
  const [account, acting, level] = await Promise.all([
    maybeOne<EntrantRow>(platform.db, ENTRANT, [accountId]),
    // Legal accounts have no authorisations as persons: the query finds none for them.
    system.requiresGrant ? authorizationService(platform).standing(accountId, system.id) : null,
    // Read at every sign-in: the OIDC acr carries it, whatever the system requires.
    accountLevel(platform, accountId),
  ]);
  if (!account || account.disabled) return context;

  context.account = { id: account.id, kind: account.kind };
  context.level = level ?? null;
  if (account.kind === 'natural') context.acting = acting;
  for (const { subject, status } of account.verifications) context.verified[subject] = isVerified(status);
  if (account.kind === 'legal' && (needsBasic || needsOther)) {
    const [organization, representative] = await Promise.all([
      accounts.loadOrganization(accountId),
      needsBasic ? accounts.loadIdentity(accountId, 'legal_representative') : undefined,
    ]);
    if (needsBasic) {
      context.missing.organization_basic = missingOrganizationBasic(organization, representative);
      const stored = account.verifications.find((v) => v.subject === 'organization');
      const shown = stored ? shownOrganizationState({ ...INITIAL_STATE, status: stored.status }, context.missing.organization_basic) : INITIAL_STATE;
      context.verified.organization = isVerified(shown.status);
    }
    if (needsOther) context.missing.organization_other = missingOtherInformation(organization?.other ?? {});
  }
  return context;
}

interface EntrantRow {
  id: string;
  kind: 'natural' | 'legal';
  disabled: boolean;
  verifications: { subject: VerificationSubject; status: VerificationStatus }[];
}

/** The account with the status of each of its verifications, in one statement (read at every sign-in). */
const ENTRANT = `
  select a.id, a.kind, a.disabled,
         coalesce((select json_agg(json_build_object('subject', v.subject, 'status', v.status)) from verifications v where v.account_id = a.id), '[]') as verifications
    from accounts a
   where a.id = $1`;
