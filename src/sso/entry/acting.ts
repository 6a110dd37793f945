/**
 * Which organisation a natural person acts for in a system (授权, SPEC §11.12): chosen at
 * 办理入口 and remembered for the platform session, then bound to each sign-in's OIDC grant
 * so tokens issued under it (refresh tokens too) keep saying which organisation, and stop
 * working once that organisation's authorisation no longer counts.
 */
import type { Platform } from '../../platform/platform.ts';
import { SESSION_IDLE_MS } from '../../platform/http/sessions.ts';
import { OIDC_TTL } from '../oidc/rules.ts';
import { GRANT_ACTING } from '../oidc/store.ts';
import { artefactAdapter } from '../oidc/unit-of-work.ts';

const sessionKey = (sessionIdHash: string, systemId: string) => `sso:acting:${sessionIdHash}:${systemId}`;
/*
 * The grant's organisation is kept with the grant, as an artefact of the provider's store (model
 * GrantActing, id and grantId the grant's): durable like the grant (PostgreSQL even with Redis,
 * store-split.ts), so refresh tokens keep working after a Redis restart, and revoked with it.
 * The store is imported when used: the provider's module imports this one (through its configuration).
 */
const artefacts = async (platform: Platform) => (await import('../oidc/provider.ts')).oidcRuntime(platform).store;

/** The platform session's choice of organisation for the system (as long as a session can last). */
export async function rememberActing(platform: Platform, sessionIdHash: string, systemId: string, organizationId: string): Promise<void> {
  await platform.kv.set(sessionKey(sessionIdHash, systemId), organizationId, SESSION_IDLE_MS);
}

export async function rememberedActing(platform: Platform, sessionIdHash: string | undefined, systemId: string): Promise<string | undefined> {
  return sessionIdHash ? platform.kv.get(sessionKey(sessionIdHash, systemId)) : undefined;
}

/** The organisation the OIDC grant's tokens act for (kept as long as the grant's refresh tokens live). */
export async function bindGrantActing(platform: Platform, grantId: string, organizationId: string): Promise<void> {
  await (await artefacts(platform)).upsert(GRANT_ACTING, grantId, { grantId, organizationId }, OIDC_TTL.Grant);
}

export async function grantActing(platform: Platform, grantId: string | undefined): Promise<string | undefined> {
  if (!grantId) return undefined;
  // Through the request's unit of work: its token was read with it where the store could.
  const organizationId = (await artefactAdapter(GRANT_ACTING, await artefacts(platform)).find(grantId))?.organizationId;
  return typeof organizationId === 'string' ? organizationId : undefined;
}

/** grantActing() through this node's cache of grants (src/platform/change-feed.ts): where a token is read, not issued. */
export function cachedGrantActing(platform: Platform, grantId: string | undefined): Promise<string | undefined> {
  if (!grantId) return Promise.resolve(undefined);
  return platform.changes.cache<string | undefined>('grant').get(grantId, GRANT_ACTING, () => grantActing(platform, grantId));
}
