/**
 * The entry use cases: deciding whether an account may enter a business system, recording
 * that an organisation holds a system after its first entry (or the system's approval), and
 * 办理入口 itself.
 */
import type { Platform } from '../../platform/platform.ts';
import { systemsStore, type BusinessSystem } from '../systems-store.ts';
import { ENTRY_CHECKS, SIGN_IN_CHECKS, runChecks, type EntryContext, type EntryPipeline, type EntryRefusal } from './checks.ts';
import { loadEntryContext } from './context.ts';

export type EntryDecision = { ok: true; url: string } | { ok: false; refusals: EntryRefusal[] };

/** The checks of a sign-in (OIDC, CAS) for this account and system: the context and the refusals (none: may enter). */
export async function checkEntry(platform: Platform, accountId: string | null | undefined, system: BusinessSystem, pipeline: EntryPipeline = SIGN_IN_CHECKS) {
  const context = await loadEntryContext(platform, accountId, system);
  return { context, refusals: runChecks(context, pipeline) };
}

/**
 * After a successful entry: an organisation holds the system from its first entry, which
 * authorisation (授权) depends on. Not where the system approves organisations itself:
 * there approveHolding records it. Natural persons hold nothing (they act through grants).
 */
export async function recordEntry(platform: Platform, account: EntryContext['account'], system: Pick<BusinessSystem, 'id' | 'requiresApproval'>): Promise<void> {
  if (account?.kind !== 'legal' || system.requiresApproval) return;
  await systemsStore(platform.db, platform.cipher).recordHolding(account.id, system.id, 'first_entry');
}

/** The system approved the organisation (e.g. 外专系统: 归口单位审核): it now holds the system. No UI yet. */
export async function approveHolding(platform: Platform, accountId: string, systemId: string): Promise<void> {
  await systemsStore(platform.db, platform.cipher).recordHolding(accountId, systemId, 'approved');
}

/** 办理入口: the system's entry URL when every check passes (the entry is recorded), else the refusals; undefined for an unknown system. */
export async function enterSystem(platform: Platform, accountId: string | null | undefined, systemKey: string): Promise<EntryDecision | undefined> {
  const system = await systemsStore(platform.db, platform.cipher).findByKey(systemKey);
  if (!system) return undefined;
  const { context, refusals } = await checkEntry(platform, accountId, system, ENTRY_CHECKS);
  if (refusals.length || !system.entryUrl) return { ok: false, refusals };
  await recordEntry(platform, context.account, system);
  return { ok: true, url: system.entryUrl };
}
