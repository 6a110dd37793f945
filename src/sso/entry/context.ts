/**
 * Loads what the entry checks read, in few queries run together: the account, its
 * verifications, the organisation's sections only when the system requires them, and a
 * natural person's authorisations in the system only when it requires a grant.
 */
import { missingOrganizationBasic } from '../../accounts/profile.ts';
import { accountStore } from '../../accounts/store.ts';
import { authorizationService } from '../../grants/service.ts';
import type { Platform } from '../../platform/platform.ts';
import { isVerified } from '../../realname/rules.ts';
import { verificationStore } from '../../realname/store.ts';
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
  const needsBasic = system.requirements.includes('organization_basic_complete');
  const needsOther = system.requirements.includes('organization_other_complete');
  const [account, verifications, organization, representative, acting] = await Promise.all([
    accounts.findById(accountId),
    verificationStore(platform.db).listForAccount(accountId),
    needsBasic || needsOther ? accounts.loadOrganization(accountId) : undefined,
    needsBasic ? accounts.loadIdentity(accountId, 'legal_representative') : undefined,
    // Legal accounts have no authorisations as persons: the query finds none for them.
    system.requiresGrant ? authorizationService(platform).standing(accountId, system.id) : null,
  ]);
  if (!account || account.disabled) return context;

  context.account = { id: account.id, kind: account.kind };
  if (account.kind === 'natural') context.acting = acting;
  for (const { subject, state } of verifications) context.verified[subject] = isVerified(state.status);
  if (account.kind === 'legal') {
    if (needsBasic) context.missing.organization_basic = missingOrganizationBasic(organization, representative);
    if (needsOther) context.missing.organization_other = missingOtherInformation(organization?.other ?? {});
  }
  return context;
}
