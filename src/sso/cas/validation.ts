/**
 * The checks of a service ticket validation (/validate, /serviceValidate, /p3/serviceValidate,
 * /proxyValidate), in the order they run. Each is one small function returning the spec's
 * failure (CAS 3.0.3 §2.5.3) or nothing; `firstFailure` reads top to bottom.
 */
import { looksLikeServiceTicket } from './rules.ts';

export type CasFailureCode = 'INVALID_REQUEST' | 'INVALID_TICKET_SPEC' | 'INVALID_TICKET' | 'INVALID_SERVICE' | 'INTERNAL_ERROR';

export interface CasFailure {
  code: CasFailureCode;
  description: string;
}

/** A live service ticket, as /cas/login issued it. */
export interface ServiceTicket {
  service: string;
  systemId: string;
  accountId: string;
  /** The platform session it was issued in (single logout). */
  sessionIdHash: string;
  /** Issued right after the user presented credentials, not from an existing session (renew). */
  fromNewLogin: boolean;
  /** When the user logged in, ISO 8601 (CAS 3.0 authenticationDate). */
  authenticatedAt: string;
  /** The organisation a natural person acts for (systems that require a grant); absent in tickets issued before. */
  actingFor?: string | null;
}

export interface ValidationRequest {
  service: string | undefined;
  ticket: string | undefined;
  renew: boolean;
  format: string | undefined;
}

export interface ValidationContext {
  request: ValidationRequest;
  /** The ticket taken from the store: already gone from it, whatever the outcome. */
  ticket: ServiceTicket | undefined;
  /** The enabled business system the service URL belongs to, if any. */
  systemId: string | undefined;
}

/** Protocol descriptions (the codes are what clients act on); Chinese first, English second. */
const DESCRIPTIONS: Record<CasFailureCode, string> = {
  INVALID_REQUEST: '请求缺少必需的参数 service 或 ticket，或参数格式不受支持。 Required parameters service and ticket missing, or an unsupported format.',
  INVALID_TICKET_SPEC: '票据不满足验证要求（renew=true 要求票据来自本次重新登录）。 The ticket does not meet the validation specification (renew=true needs a ticket from a fresh login).',
  INVALID_TICKET: '票据 {ticket} 无法识别：不存在、已使用或已过期。 Ticket {ticket} not recognized: unknown, already used or expired.',
  INVALID_SERVICE: '票据不是为该业务系统签发的，票据已作废。 The ticket was not issued for this service; it has been invalidated.',
  INTERNAL_ERROR: '系统繁忙，请稍后再试。 Internal error.',
};

const MAX_ECHOED_TICKET = 64;

export function casFailure(code: CasFailureCode, ticket = ''): CasFailure {
  return { code, description: DESCRIPTIONS[code].replaceAll('{ticket}', ticket.slice(0, MAX_ECHOED_TICKET)) };
}

export const UNREGISTERED_SERVICE: CasFailure = {
  code: 'INVALID_SERVICE',
  description: '未注册的业务系统。 The service is not registered with the platform.',
};

/** Supported response formats (spec §2.5.1: anything else is INVALID_REQUEST). */
export type ResponseFormat = 'XML' | 'JSON';

/** The format asked for; a repeated parameter arrives as an array (the query's schema refused it), which names none. */
export function responseFormat(value: unknown): ResponseFormat | undefined {
  if (value === undefined) return 'XML';
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return upper === 'XML' || upper === 'JSON' ? upper : undefined;
}

// Enforces: service and ticket present, a supported format.
function requestComplete({ request }: ValidationContext): CasFailure | undefined {
  if (!request.service || !request.ticket || !responseFormat(request.format)) return casFailure('INVALID_REQUEST');
}

// Enforces: the service URL belongs to a registered, enabled business system.
function serviceRegistered({ systemId }: ValidationContext): CasFailure | undefined {
  if (!systemId) return UNREGISTERED_SERVICE;
}

// Enforces: the ticket is one we issued, not yet validated and not expired (single use, 10 s).
function ticketLive({ request, ticket }: ValidationContext): CasFailure | undefined {
  if (!ticket) return casFailure('INVALID_TICKET', request.ticket);
}

// Enforces: the ticket was issued for exactly this service URL and system (the ticket is dead either way).
function ticketForService({ request, ticket, systemId }: ValidationContext): CasFailure | undefined {
  if (ticket && (ticket.service !== request.service || ticket.systemId !== systemId)) return casFailure('INVALID_SERVICE');
}

// Enforces: with renew=true, the ticket came from a presentation of primary credentials.
function renewSatisfied({ request, ticket }: ValidationContext): CasFailure | undefined {
  if (request.renew && ticket && !ticket.fromNewLogin) return casFailure('INVALID_TICKET_SPEC');
}

const CHECKS = [requestComplete, serviceRegistered, ticketLive, ticketForService, renewSatisfied];

export function firstFailure(context: ValidationContext): CasFailure | undefined {
  for (const check of CHECKS) {
    const failure = check(context);
    if (failure) return failure;
  }
  return undefined;
}

/** Whether the validation may look the ticket up (and so consume it): only for a complete request. */
export function mayTakeTicket(request: ValidationRequest): request is ValidationRequest & { ticket: string } {
  return requestComplete({ request, ticket: undefined, systemId: undefined }) === undefined && looksLikeServiceTicket(request.ticket as string);
}
