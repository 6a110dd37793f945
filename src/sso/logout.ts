import type { Platform } from '../platform/platform.ts';
import { casSingleLogout } from './cas/service.ts';
import { endSsoSessionOf, endSsoSessionsFor } from './oidc/provider.ts';

/**
 * Logging out of the platform ends the business systems' sessions started from this platform
 * session too (SPEC §4 single logout): a CAS logout request to every service that got a
 * ticket in it, an OIDC back-channel logout token, with its sid, to every system signed in
 * from it. The account's sessions in other browsers and their systems are left alone (ending
 * them all is endSsoSessionsFor's, for a password reset or an operator's action). Best
 * effort: a system that does not answer never keeps the user logged in to the platform.
 */
export async function endPlatformSession(platform: Platform, session: { idHash: string; accountId: string }): Promise<void> {
  await Promise.allSettled([
    casSingleLogout(platform, session.idHash),
    endSsoSessionOf(platform, session).catch((error: unknown) => platform.log.error({ err: error }, 'OIDC single logout failed')),
  ]);
  await platform.sessions.destroy(session.idHash);
}

/**
 * Ends every session of the account, in every browser, and tells every business system signed
 * in from any of them (CAS logout requests, OIDC back-channel logout tokens): after a password
 * reset, an operator's 结束会话, a disabled account or organisation (SPEC §12.6). The platform
 * sessions end first, so nothing slips back in while the systems are told; best effort towards
 * the systems, as for a logout.
 */
export async function endEverySession(platform: Platform, accountId: string): Promise<void> {
  const idHashes = await platform.sessions.destroyAll(accountId);
  await Promise.allSettled([
    ...idHashes.map((idHash) => casSingleLogout(platform, idHash)),
    endSsoSessionsFor(platform, accountId).catch((error: unknown) => platform.log.error({ err: error }, 'ending the sign-on sessions of an account failed')),
  ]);
}
