/**
 * The entry use cases: deciding whether an account may enter a business system (and for
 * which organisation a natural person acts there), recording that an organisation holds a
 * system after its first entry (or the system's approval), and 办理入口 itself.
 */
import { SYSTEM_KEY_PATTERN } from '../../backoffice/system-rules.ts';
import type { ActingOption } from '../../grants/service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { systemsStore, type BusinessSystem } from '../systems-store.ts';
import { rememberActing, rememberedActing } from './acting.ts';
import { holdingPending, ENTRY_CHECKS, ORGANIZATION_REQUIREMENTS, SIGN_IN_CHECKS, runChecks, type EntryContext, type EntryPipeline, type EntryRefusal } from './checks.ts';
import { loadEntryContext } from './context.ts';
import type { RealNameLevel } from '../../realname/levels.ts';
import { holdingState, requestHolding } from '../approvals/service.ts';

export type EntryDecision =
  | { ok: true; url: string }
  /** choices: the person acts for several organisations here and must pick one (SPEC §11.12). */
  | { ok: false; refusals: EntryRefusal[]; choices?: ActingOption[] };

/** Who is entering: the account of a usable platform session, and that session (its remembered choices). */
export interface Entrant {
  accountId: string;
  /**
   * '' when no platform session stands behind the entrant (its remembered choices are then
   * unknown); a function where finding the session costs a read, asked only for a choice.
   */
  sessionIdHash: string | (() => Promise<string>);
}

const sessionIdHashOf = async (entrant: Entrant | undefined) => (typeof entrant?.sessionIdHash === 'function' ? entrant.sessionIdHash() : (entrant?.sessionIdHash ?? ''));

export interface EntryCheckResult {
  context: EntryContext;
  refusals: EntryRefusal[];
  /** The organisation the person acts for (systems that require a grant), once known. */
  acting: ActingOption | null;
  /** Set when the person must first choose among these organisations. */
  choices: ActingOption[] | null;
}

/** The organisation chosen (if still allowed), else the only one; several and none chosen: a choice is needed. */
function resolveActing(context: EntryContext, chosen: string | undefined): Pick<EntryCheckResult, 'acting' | 'choices'> {
  const options = context.acting?.options ?? [];
  const picked = options.find((option) => option.organizationId === chosen) ?? (options.length === 1 ? options[0] : undefined);
  if (picked) return { acting: picked, choices: null };
  return { acting: null, choices: options.length > 1 ? options : null };
}

/**
 * The checks of a sign-in (OIDC, CAS) for this entrant and system: the context, the refusals
 * (none: may enter), and the organisation acted for, from the session's choice.
 */
export async function checkEntry(
  platform: Platform,
  entrant: Entrant | undefined,
  system: BusinessSystem,
  options: { pipeline?: EntryPipeline; chosen?: string; requestedLevel?: RealNameLevel | null } = {},
): Promise<EntryCheckResult> {
  const context = await loadEntryContext(platform, entrant?.accountId, system);
  // An OIDC request's acr_values (src/realname/levels.ts requestedLevel): a minimum beside the system's.
  context.requestedLevel = options.requestedLevel ?? null;
  const refusals = runChecks(context, options.pipeline ?? SIGN_IN_CHECKS);
  if (refusals.length) return { context, refusals, acting: null, choices: null };
  // The session's choice matters only among several organisations (one is taken, none is none).
  const several = (context.acting?.options.length ?? 0) > 1;
  const chosen = options.chosen ?? (several ? await rememberedActing(platform, await sessionIdHashOf(entrant), system.id) : undefined);
  const resolved = resolveActing(context, chosen);
  const organizationRefusals = resolved.acting ? await actingOrganizationRefusals(platform, resolved.acting.organizationId, system) : [];
  if (organizationRefusals.length) return { context, refusals: organizationRefusals, acting: null, choices: null };
  return { context, refusals, ...resolved };
}

/**
 * A person acting for an organisation meets the system's organisation requirements through it
 * (FAQ 三.1.4: the Torch systems need the unit's 基本信息 and 其他信息 complete, filled in by its
 * authorised administrator from 法人(单位)授权办理情况): the same checks, on the organisation.
 */
async function actingOrganizationRefusals(platform: Platform, organizationId: string, system: BusinessSystem): Promise<EntryRefusal[]> {
  if (system.requirements.length === 0) return [];
  const organization = await loadEntryContext(platform, organizationId, { ...system, requiresGrant: false });
  return runChecks(organization, [ORGANIZATION_REQUIREMENTS]);
}

/**
 * After a successful entry: an organisation holds the system from its first entry, which
 * authorisation (授权) depends on. Not where the system approves organisations itself:
 * there the entry makes the organisation wait (待业务系统审核) until the system or an operator
 * approves it (src/sso/approvals). Natural persons hold nothing (they act through grants).
 */
export async function recordEntry(platform: Platform, account: EntryContext['account'], system: Pick<BusinessSystem, 'id' | 'requiresApproval'>): Promise<void> {
  if (account?.kind !== 'legal') return;
  if (system.requiresApproval) return requestHolding(platform.db, account.id, system.id);
  await systemsStore(platform.db, platform.cipher).recordHolding(account.id, system.id, 'first_entry');
}

/** The system approved the organisation (e.g. 外专系统: 归口单位审核): it now holds the system (demo seed; src/sso/approvals for the audited API). */
export async function approveHolding(platform: Platform, accountId: string, systemId: string): Promise<void> {
  await systemsStore(platform.db, platform.cipher).recordHolding(accountId, systemId, 'approved');
  await platform.db.query('delete from holding_requests where account_id = $1 and system_id = $2', [accountId, systemId]);
}

/**
 * 办理入口: the system's entry URL when every check passes (the entry is recorded, the
 * organisation acted for remembered for the session's sign-ins), else the refusals or the
 * organisations to choose from; undefined for an unknown system. With several organisations
 * the entry always asks (so a person can switch); `chosen` is the answer, which must be one of them.
 */
export async function enterSystem(
  platform: Platform,
  entrant: Entrant | undefined,
  systemKey: string,
  chosen?: string,
  /** The acr_values of the OIDC sign-in the entry page explains, if any. */
  requestedLevel?: RealNameLevel | null,
): Promise<EntryDecision | undefined> {
  // A key no system can have (a NUL in it, say, which the database refuses outright) names none.
  if (!SYSTEM_KEY_PATTERN.test(systemKey)) return undefined;
  const system = await systemsStore(platform.db, platform.cipher).findByKey(systemKey);
  if (!system) return undefined;
  const { context, refusals, acting, choices } = await checkEntry(platform, entrant, system, { pipeline: ENTRY_CHECKS, chosen: chosen ?? '', requestedLevel });
  if (refusals.length || !system.entryUrl) return { ok: false, refusals };
  if (chosen !== undefined && acting?.organizationId !== chosen) throw new AppError('ACTING_CHOICE_INVALID', 400);
  if (choices) return { ok: false, refusals: [], choices };
  // Entered once and waiting for the system's approval: say so rather than enter again.
  if (context.account?.kind === 'legal' && system.requiresApproval && (await holdingState(platform.db, context.account.id, system.id)) === 'pending') {
    return { ok: false, refusals: [holdingPending(system.name)] };
  }
  const sessionIdHash = acting ? await sessionIdHashOf(entrant) : '';
  if (acting && sessionIdHash) await rememberActing(platform, sessionIdHash, system.id, acting.organizationId);
  await recordEntry(platform, context.account, system);
  return { ok: true, url: system.entryUrl };
}
