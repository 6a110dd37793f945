/**
 * 国家政务服务平台账号登录: the pure rules. What the upstream must tell us about a person, and
 * which way the callback goes (SPEC §11.13: a local account is found only through a verified
 * identity document, never by phone or e-mail).
 */
import { z } from 'zod';
import { DOCUMENT_TYPES, checkDocumentNumber, normalizeDocumentNumber, type DocumentType } from '../../accounts/rules.ts';
import type { MessageCode } from '../../platform/messages.ts';

/** The platform's callback, registered with the upstream as the redirect URI. */
export const NATIONAL_PREFIX = '/api/federation/national';
export const NATIONAL_CALLBACK_PATH = `${NATIONAL_PREFIX}/callback`;
/** The web page that carries on a callback that did not log in at once (confirm, log in to link, register). */
export const NATIONAL_LINK_PAGE = '/national/link';
/** Where the login page reads an upstream error to show. */
export const NATIONAL_ERROR_PARAM = 'national_error';

export const NATIONAL_SCOPE = 'openid profile identity';

/** Between leaving for the upstream and coming back. */
export const FLOW_TTL_MS = 10 * 60_000;
/** Between coming back and confirming, logging in to link or registering. */
export const PENDING_TTL_MS = 15 * 60_000;
export const FLOW_COOKIE = 'national_flow';
export const PENDING_COOKIE = 'national_pending';

const documentTypes = DOCUMENT_TYPES.map((d) => d.value) as [DocumentType, ...DocumentType[]];

/** The upstream's claims we rely on (ID token, completed by userinfo). */
export const upstreamClaimsSchema = z
  .object({
    sub: z.string().min(1).max(255),
    name: z.string().trim().min(1).max(100),
    document_type: z.enum(documentTypes),
    document_number: z.string().trim().min(1).max(50).transform(normalizeDocumentNumber),
    verification_level: z.string().trim().min(1).max(50),
  })
  .refine((c) => checkDocumentNumber(c.document_type, c.document_number).ok, { path: ['document_number'] });

export interface UpstreamPerson {
  issuer: string;
  sub: string;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  verificationLevel: string;
}

export function upstreamPersonFrom(issuer: string, claims: unknown): UpstreamPerson | undefined {
  const parsed = upstreamClaimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  return { issuer, sub: c.sub, name: c.name, documentType: c.document_type, documentNumber: c.document_number, verificationLevel: c.verification_level };
}

/** The way a callback goes, decided from what the database holds for the upstream person. */
export type MatchDecision =
  | { kind: 'linked'; accountId: string }
  /** The link was made on another document: removed, no login. */
  | { kind: 'document_changed'; accountId: string }
  /** A verified natural account holds the document: confirm the link once (password or SMS code). */
  | { kind: 'confirm'; accountId: string }
  /** Only unverified natural accounts hold it: log in once with one of them to link. */
  | { kind: 'login_to_link' }
  /** Nobody holds it: a prefilled registration keeping the upstream's verification. */
  | { kind: 'register' };

export interface MatchFacts {
  link: { accountId: string; documentHash: string } | undefined;
  upstreamDocumentHash: string;
  /** The natural account verified with this document (at most one: SPEC §3). */
  verifiedAccountId: string | undefined;
  /** Natural accounts holding the document without being verified with it. */
  unverifiedHolders: number;
}

export function decideMatch(facts: MatchFacts): MatchDecision {
  if (facts.link) {
    return facts.link.documentHash === facts.upstreamDocumentHash
      ? { kind: 'linked', accountId: facts.link.accountId }
      : { kind: 'document_changed', accountId: facts.link.accountId };
  }
  if (facts.verifiedAccountId) return { kind: 'confirm', accountId: facts.verifiedAccountId };
  return facts.unverifiedHolders > 0 ? { kind: 'login_to_link' } : { kind: 'register' };
}

/** The message the login page shows for an upstream's error answer (RFC 6749 §4.1.2.1). */
export function upstreamErrorCode(error: string): MessageCode {
  return error === 'access_denied' ? 'NATIONAL_DENIED' : 'NATIONAL_UPSTREAM_ERROR';
}
