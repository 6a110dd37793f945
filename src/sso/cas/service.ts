/**
 * The CAS use cases: which business system a service URL belongs to, issuing a service
 * ticket, validating one, and single logout of the services a platform session entered.
 */
import type { Session } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { claimsFor } from '../claims.ts';
import { systemsCache } from '../oidc/systems-cache.ts';
import { systemsStore, type BusinessSystem } from '../systems-store.ts';
import { casAttributes, logoutRequestXml, type ValidationResult } from './responses.ts';
import { CAS_LIMITS, isServiceUrl, newServiceTicket, prefixCovers } from './rules.ts';
import { sessionTicketStore, ticketStore } from './store.ts';
import { casFailure, firstFailure, mayTakeTicket, type ValidationRequest } from './validation.ts';

export function casService(platform: Platform) {
  // This node's short-lived copy of the registry (src/sso/oidc/systems-cache.ts; systemsChanged clears it).
  const systems = systemsCache(platform);
  const tickets = ticketStore(platform.kv);
  const sessionTickets = sessionTicketStore(platform.db);

  /** The enabled business system registered for this service URL, if any. */
  async function systemFor(service: string | undefined): Promise<BusinessSystem | undefined> {
    if (!service || !isServiceUrl(service)) return undefined;
    const system = await systems.byCasService(service);
    return system?.casServicePrefix && prefixCovers(system.casServicePrefix, service) ? system : undefined;
  }

  return {
    systemFor,

    /** A single-use ticket for the service, remembered with the session for single logout. */
    async issueTicket(input: { service: string; system: BusinessSystem; session: Session; fromNewLogin: boolean; actingFor: string | null }): Promise<string> {
      const ticket = newServiceTicket();
      // Both before the ticket leaves, together (one round trip's wait): should either fail, the
      // ticket is never handed out, and a stored one dies unused within seconds.
      await Promise.all([
        sessionTickets.record(input.session.idHash, { ticket, service: input.service, systemId: input.system.id }),
        tickets.save(ticket, {
          service: input.service,
          systemId: input.system.id,
          accountId: input.session.accountId,
          sessionIdHash: input.session.idHash,
          fromNewLogin: input.fromNewLogin,
          authenticatedAt: input.session.loggedInAt.toISOString(),
          actingFor: input.actingFor,
        }),
      ]);
      return ticket;
    },

    /** Validates (and so uses up) a ticket: the user's login name and attributes, or the spec's failure. */
    async validate(request: ValidationRequest): Promise<ValidationResult> {
      const ticket = mayTakeTicket(request) ? await tickets.take(request.ticket) : undefined;
      const system = await systemFor(request.service);
      const failure = firstFailure({ request, ticket, systemId: system?.id });
      if (failure) return { ok: false, ...failure };
      const claims = ticket && system ? await claimsFor(platform, ticket.accountId, system, ticket.actingFor ?? null) : undefined;
      // The account was disabled or removed since the ticket was issued, or its authorisation lapsed.
      if (!claims || !ticket || !system) return { ok: false, ...casFailure('INVALID_TICKET', request.ticket) };
      // cas:user is the login name, what CAS clients show and key on; the stable key is accountId (a login name can be reset).
      return { ok: true, user: claims.login_name, attributes: casAttributes(claims, ticket, { legacyNames: system.casLegacyAttributeNames }) };
    },
  };
}

export type CasService = ReturnType<typeof casService>;

export interface SingleLogoutReport {
  sent: number;
  failed: number;
}

/**
 * Sends a SAML LogoutRequest (POST logoutRequest=...) to every service that received a ticket
 * in this platform session, in parallel, each with a short timeout; best effort, never throws.
 * Call it before the session is destroyed (platform logout, /cas/logout).
 */
export async function casSingleLogout(platform: Platform, sessionIdHash: string): Promise<SingleLogoutReport> {
  const systems = systemsStore(platform.db, platform.cipher);
  const entries = await sessionTicketStore(platform.db).takeAll(sessionIdHash);
  const results = await Promise.allSettled(
    entries.map(async ({ ticket, service, systemId }) => {
      // Only to a service still registered to the same system: never post to a URL an operator has since removed.
      const system = await systems.findByCasService(service);
      if (!system || system.id !== systemId) throw new Error('service no longer registered');
      const response = await fetch(service, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logoutRequest: logoutRequestXml(ticket) }),
        signal: AbortSignal.timeout(CAS_LIMITS.singleLogoutTimeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected').length;
  return { sent: results.length - failed, failed };
}
