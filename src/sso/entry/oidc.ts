/**
 * The entry checks in OpenID Connect sign-ins. oidc-provider asks the policy's prompts in
 * order at every authorization request; ours comes last, once login and consent are
 * settled, so it also stops a silent single sign-on (no interaction) of a refused account.
 * The interaction then ends with access_denied: the business system gets the standard
 * error at its redirect URI, and the description names the page that explains the refusal.
 */
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { accountStore } from '../../accounts/store.ts';
import type { Platform } from '../../platform/platform.ts';
import type { SystemsStore } from '../systems-store.ts';
import { entryPagePath } from './paths.ts';
import { checkEntry, recordEntry } from './service.ts';

export const ENTRY_PROMPT = 'entry';

async function signInChecks(platform: Platform, systems: SystemsStore, accountId: string | undefined, clientId: string | undefined) {
  const system = clientId ? await systems.findByClientId(clientId) : undefined;
  if (!system || !accountId) return undefined;
  return { system, ...(await checkEntry(platform, accountId, system)) };
}

/** The last prompt of the provider's policy: requested when the entry checks refuse the account for the client's system. */
export function entryPrompt(platform: Platform, systems: SystemsStore) {
  const { Prompt, Check } = interactionPolicy;
  return new Prompt(
    { name: ENTRY_PROMPT, requestable: false },
    new Check('entry_refused', 'the account may not enter this business system yet', 'access_denied', async (ctx: KoaContextWithOIDC) => {
      const checked = await signInChecks(platform, systems, ctx.oidc.session?.accountId, ctx.oidc.client?.clientId);
      return checked?.refusals.length ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
  );
}

/**
 * The interaction result of a refused sign-in: access_denied, with the refusal codes and the
 * entry page in the description (ASCII only, as RFC 6749 §4.1.2.1 requires).
 */
export async function refusedSignIn(platform: Platform, systems: SystemsStore, accountId: string | undefined, clientId: string) {
  const checked = await signInChecks(platform, systems, accountId, clientId);
  const codes = checked?.refusals.map((r) => r.code).join(' ') || 'ENTRY_REFUSED';
  const page = checked ? ` see ${platform.config.baseUrl}${entryPagePath(checked.system.key)}` : '';
  return { error: 'access_denied', error_description: `entry refused (${codes});${page}` };
}

/** On 'authorization.success' (the entry prompt passed): an organisation's first sign-in into a system is its first entry. */
export function recordSignIn(platform: Platform, systems: SystemsStore, ctx: KoaContextWithOIDC): void {
  const accountId = ctx.oidc.session?.accountId;
  const clientId = ctx.oidc.client?.clientId;
  if (!accountId || !clientId) return;
  Promise.all([systems.findByClientId(clientId), accountStore(platform.db, platform.cipher).findById(accountId)])
    .then(([system, account]) => (system && account ? recordEntry(platform, { id: account.id, kind: account.kind }, system) : undefined))
    .catch((error: unknown) => console.error('recording the entry into a business system failed', error));
}
