/**
 * The wire contract of the national identity registry (国家平台实名认证), shared by the
 * platform's HTTP adapter (registry-client.ts) and the development registry
 * (registry/server.ts): paths, request signing and the JSON shapes of questions and answers.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DocumentType, LegalPersonType } from '../accounts/rules.ts';

export const REGISTRY_PATHS = {
  verifyPerson: '/v1/persons/verify',
  verifyOrganization: '/v1/organizations/verify',
} as const;

export const SIGNATURE_HEADERS = {
  clientId: 'x-registry-key',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** A signed request is accepted this long after (or before, for clock skew) its timestamp. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

export interface SignedParts {
  timestamp: string;
  nonce: string;
  method: string;
  /** URL path without query string, e.g. /v1/persons/verify. */
  path: string;
  body: string;
}

/** hex HMAC-SHA-256(secret, `${timestamp}\n${nonce}\n${method}\n${path}\n${body}`). */
export function signRequest(secret: string, parts: SignedParts): string {
  const text = `${parts.timestamp}\n${parts.nonce}\n${parts.method.toUpperCase()}\n${parts.path}\n${parts.body}`;
  return createHmac('sha256', secret).update(text).digest('hex');
}

export function signatureMatches(secret: string, parts: SignedParts, signature: string): boolean {
  const expected = Buffer.from(signRequest(secret, parts), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The four signature headers for one request (a fresh nonce every time, so retries are re-signed). */
export function signedHeaders(
  credentials: { clientId: string; secret: string },
  request: { method: string; path: string; body: string },
  now: number,
  nonce: string = randomUUID(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.clientId]: credentials.clientId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signRequest(credentials.secret, { timestamp, nonce, ...request }),
  };
}

/** The document types the registry can check: those with `verification: 'automatic'` in DOCUMENT_TYPES. */
export const REGISTRY_DOCUMENT_TYPES = [
  'resident_id',
  'hk_macau_pass',
  'taiwan_pass',
  'hk_macau_resident_permit',
  'taiwan_resident_permit',
] as const satisfies readonly DocumentType[];

/** Organisation types the registry knows (domestic, not 其他: see organizationVerification). */
export const REGISTRY_LEGAL_PERSON_TYPES = [
  'enterprise',
  'social_organization',
  'public_institution',
] as const satisfies readonly LegalPersonType[];

export type RegistryDocumentType = (typeof REGISTRY_DOCUMENT_TYPES)[number];
export type RegistryLegalPersonType = (typeof REGISTRY_LEGAL_PERSON_TYPES)[number];

/** Narrows a platform DocumentType to one the registry can check (the others go to manual review). */
export function isRegistryDocumentType(type: DocumentType): type is RegistryDocumentType {
  return (REGISTRY_DOCUMENT_TYPES as readonly DocumentType[]).includes(type);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const personName = z.string().trim().min(1).max(100);

export const personQuerySchema = z.object({
  name: personName,
  documentType: z.enum(REGISTRY_DOCUMENT_TYPES),
  documentNumber: z.string().trim().min(1).max(40),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  longTerm: z.boolean().optional(),
});

/**
 * The legal representative is a person (foreigner quickstart 4.2.2: 姓名, 证件类型, 证件号码 are
 * key fields): the registry checks the document is the one the organisation's record names, and
 * the name is the one the person registry holds for it.
 */
const legalRepresentativeSchema = z.object({
  name: personName,
  documentType: z.enum(REGISTRY_DOCUMENT_TYPES),
  documentNumber: z.string().trim().min(1).max(40),
});

export const organizationQuerySchema = z.object({
  name: z.string().trim().min(1).max(200),
  creditCode: z.string().trim().min(1).max(40),
  legalPersonType: z.enum(REGISTRY_LEGAL_PERSON_TYPES).optional(),
  legalRepresentative: legalRepresentativeSchema,
});

export type PersonQuery = z.infer<typeof personQuerySchema>;
export type OrganizationQuery = z.infer<typeof organizationQuerySchema>;

/** Fields a `mismatch` answer may list. */
export type MismatchedField =
  | 'name'
  | 'validFrom'
  | 'validTo'
  | 'legalPersonType'
  | 'legalRepresentativeName'
  | 'legalRepresentativeDocumentType'
  | 'legalRepresentativeDocumentNumber';

export const registryAnswerSchema = z.object({
  requestId: z.string().min(1),
  result: z.enum(['match', 'mismatch', 'not_found']),
  mismatched: z.array(z.string()).optional(),
});

export type RegistryAnswer = z.infer<typeof registryAnswerSchema>;

/** Error codes in the `{ error }` body of the registry's 4xx/5xx answers. */
export type RegistryErrorCode =
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'UNKNOWN_CLIENT'
  | 'TIMESTAMP_STALE'
  | 'NONCE_REUSED'
  | 'BAD_JSON'
  | 'INVALID_REQUEST'
  | 'BODY_TOO_LARGE'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REGISTRY_DOWN'
  | 'INTERNAL';
