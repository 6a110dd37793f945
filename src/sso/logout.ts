import type { Platform } from '../platform/platform.ts';
import { casSingleLogout } from './cas/service.ts';
import { endSsoSessionsFor } from './oidc/provider.ts';

/**
 * Logging out of the platform ends the business systems' sessions too (SPEC §4 single
 * logout): a CAS logout request to every service that got a ticket in this session, an
 * OIDC back-channel logout token to every system the account signed in to. Best effort:
 * a system that does not answer never keeps the user logged in to the platform.
 */
export async function endPlatformSession(platform: Platform, session: { idHash: string; accountId: string }): Promise<void> {
  await Promise.allSettled([
    casSingleLogout(platform, session.idHash),
    endSsoSessionsFor(platform, session.accountId).catch((error: unknown) => platform.log.error({ err: error }, 'OIDC single logout failed')),
  ]);
  await platform.sessions.destroy(session.idHash);
}
