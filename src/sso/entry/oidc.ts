/**
 * The entry checks in OpenID Connect sign-ins. oidc-provider asks the policy's prompts in
 * order at every authorization request; ours comes last, once login and consent are
 * settled, so it also stops a silent single sign-on (no interaction) of a refused account.
 * A refusal ends the interaction with access_denied: the business system gets the standard
 * error at its redirect URI, and the description names the page that explains the refusal.
 * A person acting for several organisations is first sent to that page to choose one; the
 * choice is bound to the sign-in's grant, so its tokens carry that organisation.
 */
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { SESSION_COOKIE, type Session } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { acrOf, requestedLevel } from '../../realname/levels.ts';
import type { BusinessSystem, SystemsStore } from '../systems-store.ts';
import { bindGrantActing } from './acting.ts';
import { entryPagePath } from './paths.ts';
import { checkEntry, recordEntry, type Entrant, type EntryCheckResult } from './service.ts';

export const ENTRY_PROMPT = 'entry';

async function signInChecks(platform: Platform, systems: SystemsStore, entrant: Entrant | undefined, clientId: string | undefined, acrValues: unknown) {
  const system = clientId ? await systems.findByClientId(clientId) : undefined;
  if (!system || !entrant) return undefined;
  return { system, ...(await checkEntry(platform, entrant, system, { requestedLevel: requestedLevel(acrValues) })) };
}

/**
 * The session's acr is the account's real-name level now (src/realname/levels.ts): set at
 * login (routes.ts) and brought up to date at each sign-in, so a person approved by manual
 * review since gets L4 in the next ID token without logging in again. oidc-provider puts the
 * session's acr into the codes, and from them into the ID tokens.
 */
function keepAcrCurrent(ctx: KoaContextWithOIDC, checked: SignInChecked | undefined): void {
  const level = checked?.context.level;
  if (!level || !ctx.oidc.session || ctx.oidc.session.accountId !== checked.context.account?.id) return;
  if (ctx.oidc.session.acr !== acrOf(level)) ctx.oidc.session.acr = acrOf(level);
}

/**
 * The provider session's account; the platform session behind it (the login prompt made sure
 * they agree) is read only if its remembered choice of organisation is needed.
 */
function entrantOf(platform: Platform, ctx: KoaContextWithOIDC): Entrant | undefined {
  const accountId = ctx.oidc.session?.accountId;
  if (!accountId) return undefined;
  const id = ctx.cookies.get(SESSION_COOKIE, { signed: false });
  return {
    accountId,
    sessionIdHash: async () => {
      const session = id ? await platform.sessions.find(id) : undefined;
      return session?.accountId === accountId ? session.idHash : '';
    },
  };
}

type SignInChecked = EntryCheckResult & { system: BusinessSystem };

/** One evaluation of the checks per authorization request: both checks of the prompt and recordSignIn read it. */
const evaluated = new WeakMap<KoaContextWithOIDC, Promise<SignInChecked | undefined>>();

/** The last prompt of the provider's policy: requested when the entry checks refuse the account, or it must choose an organisation. */
export function entryPrompt(platform: Platform, systems: SystemsStore) {
  const { Prompt, Check } = interactionPolicy;
  const evaluate = (ctx: KoaContextWithOIDC) => {
    let result = evaluated.get(ctx);
    if (!result) {
      result = signInChecks(platform, systems, entrantOf(platform, ctx), ctx.oidc.client?.clientId, ctx.oidc.params?.acr_values);
      evaluated.set(ctx, result);
    }
    return result;
  };
  return new Prompt(
    { name: ENTRY_PROMPT, requestable: false },
    new Check('entry_refused', 'the account may not enter this business system yet', 'access_denied', async (ctx: KoaContextWithOIDC) => {
      const checked = await evaluate(ctx);
      keepAcrCurrent(ctx, checked);
      return checked?.refusals.length ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
    new Check('organization_choice', 'the person acts for several organisations here and must choose one', 'interaction_required', async (ctx: KoaContextWithOIDC) => {
      const checked = await evaluate(ctx);
      if (!checked || checked.refusals.length) return Check.NO_NEED_TO_PROMPT;
      if (checked.choices) return Check.REQUEST_PROMPT;
      // Passed: the grant (loaded before the prompts, see grantEverything) remembers the organisation for its tokens.
      const grantId = ctx.oidc.grant?.jti;
      if (checked.acting && grantId) await bindGrantActing(platform, grantId, checked.acting.organizationId);
      return Check.NO_NEED_TO_PROMPT;
    }),
  );
}

export type EntryInteraction = { kind: 'refuse'; result: { error: string; error_description: string } } | { kind: 'choose'; location: string } | { kind: 'resume' };

/**
 * The interaction page of the entry prompt, with the checks run again (the person may have
 * chosen meanwhile): refused (access_denied, with the refusal codes and the entry page in the
 * description, ASCII only as RFC 6749 §4.1.2.1 requires), off to choose an organisation on
 * the entry page and back, or resume the sign-in.
 */
export async function entryInteraction(
  platform: Platform,
  systems: SystemsStore,
  session: Pick<Session, 'accountId' | 'idHash'> | undefined,
  clientId: string,
  interactionPath: string,
  acrValues?: unknown,
): Promise<EntryInteraction> {
  const checked = await signInChecks(platform, systems, session && { accountId: session.accountId, sessionIdHash: session.idHash }, clientId, acrValues);
  if (checked && !checked.refusals.length) {
    if (checked.choices) return { kind: 'choose', location: `${entryPagePath(checked.system.key)}?return=${encodeURIComponent(interactionPath)}` };
    return { kind: 'resume' };
  }
  const codes = checked?.refusals.map((r) => r.code).join(' ') || 'ENTRY_REFUSED';
  // The entry page explains the refusal; a level the request asked for goes along, so that it explains that one too.
  const requested = requestedLevel(acrValues);
  const query = requested ? `?acr_values=${encodeURIComponent(acrOf(requested))}` : '';
  const page = checked ? ` see ${platform.config.baseUrl}${entryPagePath(checked.system.key)}${query}` : '';
  return { kind: 'refuse', result: { error: 'access_denied', error_description: `entry refused (${codes});${page}` } };
}

/**
 * On 'authorization.success' (the entry prompt passed): an organisation's first sign-in into a
 * system is its first entry. The account and system are those the entry checks of this request read.
 */
export function recordSignIn(platform: Platform, ctx: KoaContextWithOIDC): void {
  const checked = evaluated.get(ctx);
  if (!checked) return;
  checked
    .then((result) => (result && !result.refusals.length ? recordEntry(platform, result.context.account, result.system) : undefined))
    .catch((error: unknown) => platform.log.error({ err: error }, 'recording the entry into a business system failed'));
}
