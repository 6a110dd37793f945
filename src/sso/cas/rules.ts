/**
 * The CAS server's rules, free of I/O (CAS Protocol 3.0.3): lifetimes, the shape of tickets,
 * which service URLs we accept, and what /cas/login does with a request.
 */
import { randomInt } from 'node:crypto';

/** Lifetimes and limits (the spec recommends service tickets expire within five minutes; ours are redeemed at once). */
export const CAS_LIMITS = {
  serviceTicketTtlMs: 10_000,
  /** Long enough to log in (and receive an SMS code) in the middle of a CAS sign-in. */
  loginAskedTtlMs: 30 * 60_000,
  /** Each single-logout request to a business system; logout must not hang on a slow one. */
  singleLogoutTimeoutMs: 2_000,
  /** Spec §3.1: services MUST accept tickets of up to 32 characters (ST- and 29 random characters). */
  ticketLength: 32,
} as const;

/** The cookie tying a /cas/login that sent the browser to our login page to the login that follows. */
export const CAS_LOGIN_COOKIE = 'cas_login';

/** Spec §3.7: tickets use only A-Z, a-z, 0-9 and '-'. */
const TICKET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string of the ticket alphabet; 29 characters carry 172 bits. */
export function randomTicketPart(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return out;
}

export const SERVICE_TICKET_PREFIX = 'ST-';

export function newServiceTicket(): string {
  return SERVICE_TICKET_PREFIX + randomTicketPart(CAS_LIMITS.ticketLength - SERVICE_TICKET_PREFIX.length);
}

/** Whether a string could be one of our service tickets (anything else is not looked up). */
export function looksLikeServiceTicket(value: string): boolean {
  return value.length === CAS_LIMITS.ticketLength && /^ST-[A-Za-z0-9]+$/.test(value);
}

/**
 * A service URL we may redirect to and post to: absolute http(s), no whitespace or control
 * characters (they would break the Location header or be dropped by browsers).
 */
export function isServiceUrl(value: string): boolean {
  if (/[\u0000-\u0020\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A registered prefix covers the service only on the prefix's own origin ("http://a.cn" must not cover "http://a.cn.evil"). */
export function prefixCovers(prefix: string, service: string): boolean {
  if (!service.startsWith(prefix) || !isServiceUrl(service)) return false;
  try {
    return new URL(prefix).origin === new URL(service).origin;
  } catch {
    return false;
  }
}

/** Spec §2.2.4: the ticket goes in a `ticket` parameter of the service URL (before any fragment). */
export function withTicket(service: string, ticket: string): string {
  const hash = service.indexOf('#');
  const base = hash === -1 ? service : service.slice(0, hash);
  const fragment = hash === -1 ? '' : service.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}${fragment}`;
}

/**
 * Spec §2.1.1: renew and gateway count when "set". Any value but an explicit false sets them,
 * so that a sloppy `renew=1` still forces a login rather than silently using the session.
 */
export function flagSet(value: string | undefined): boolean {
  return value !== undefined && value !== 'false' && value !== '0';
}

/** The /cas/login URL to come back to after logging in (relative, without gateway: a login was asked for). */
export function loginReturnPath(loginPath: string, service: string, renew: boolean): string {
  const query = new URLSearchParams({ service });
  if (renew) query.set('renew', 'true');
  return `${loginPath}?${query}`;
}

/** What /cas/login remembered when it sent the browser to log in (kv, keyed by the cas_login cookie). */
export interface LoginAsked {
  service: string;
  /** The platform session the browser had then (a pending or valid one), if any. */
  priorSession: string | null;
}

/**
 * Whether the browser logged in since /cas/login asked it to, for this service: it now holds
 * a different session than when it was sent away. The cookie binds the question to the
 * browser, so a link carrying someone else's question proves nothing.
 */
export function loggedInSinceAsked(asked: LoginAsked | undefined, service: string, sessionIdHash: string | undefined): boolean {
  return asked !== undefined && asked.service === service && sessionIdHash !== undefined && sessionIdHash !== asked.priorSession;
}

export type LoginStep =
  | { kind: 'portal_home' }
  | { kind: 'unregistered_service' }
  | { kind: 'issue_ticket'; fromNewLogin: boolean }
  | { kind: 'back_without_ticket' }
  | { kind: 'log_in'; force: boolean }
  | { kind: 'change_password' };

export interface LoginRequest {
  service: string | undefined;
  registered: boolean;
  renew: boolean;
  gateway: boolean;
  /** A platform session that counts (not one pending a password change). */
  signedIn: boolean;
  /** A platform session that waits for its password change (expired, one-time, weak). */
  passwordChangePending: boolean;
  freshLogin: boolean;
}

/**
 * /cas/login (spec §2.1):
 * - no service -> the portal; an unregistered one -> refused, never redirected to;
 * - renew -> a ticket only right after a login this request asked for (gateway is ignored, as the spec recommends);
 * - a session -> a ticket; none -> back to the service without one (gateway) or to our login page;
 * - a session waiting for its password change -> the change page, back here after (issue 14.13):
 *   not the login page, whose user is logged in already.
 */
export function loginStep(request: LoginRequest): LoginStep {
  if (request.service === undefined) return { kind: 'portal_home' };
  if (!request.registered) return { kind: 'unregistered_service' };
  if (request.renew) return request.freshLogin ? { kind: 'issue_ticket', fromNewLogin: true } : { kind: 'log_in', force: true };
  if (request.signedIn) return { kind: 'issue_ticket', fromNewLogin: request.freshLogin };
  if (request.gateway) return { kind: 'back_without_ticket' };
  if (request.passwordChangePending) return { kind: 'change_password' };
  return { kind: 'log_in', force: false };
}
