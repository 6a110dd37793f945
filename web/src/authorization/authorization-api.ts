/**
 * The 授权 endpoints as the pages use them (contract: notes/grants-api.md, server: src/grants/).
 * An organisation (legal account) grants, changes and revokes; a natural person sees the
 * organisations that authorised them and, when allowed, maintains their information.
 */
import { STATUS_LABELS, type DelegationStatus } from '../../../src/grants/rules.ts';
import { api } from '../lib/api.ts';

export interface Role {
  code: string;
  name: string;
}

/** A business system the organisation holds, with the roles it defines. */
export interface HeldSystem {
  key: string;
  name: string;
  roles: Role[];
}

export type AuthorizationStatus = 'active' | 'expired' | 'not_yet_valid';

export interface AuthorizationView {
  id: string;
  personName: string;
  documentType: string;
  documentNumberMasked: string;
  systems: HeldSystem[];
  maintainInfo: boolean;
  validFrom: string | null;
  validTo: string | null;
  grantedAt: string;
  updatedAt: string;
  status: AuthorizationStatus;
  statusLabel: string;
}

export interface FoundPerson {
  personId: string;
  name: string;
  documentType: string;
  documentNumberMasked: string;
}

/** What the organisation grants: roles per system key, 维护法人(单位)信息, an optional period. */
export interface GrantRequest {
  systems: { key: string; roles: string[] }[];
  maintainInfo: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface AuthorizationEvent {
  id: string;
  at: string;
  action: 'grant' | 'change' | 'revoke';
  actionLabel: string;
  personName: string;
  documentNumberMasked: string;
  actorName: string;
  systems: { name: string; roles: string[] }[];
  maintainInfo: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface Delegation {
  organizationId: string;
  organizationName: string;
  legalRepresentativeName: string;
  grantedAt: string;
  systems: { name: string; roles: string[] }[];
  validTo: string | null;
  status: DelegationStatus;
  statusLabel: string;
  canMaintainInfo: boolean;
}

export interface AuthorizationFilters {
  name?: string;
  system?: string;
  status?: AuthorizationStatus;
}

function query(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const id = (value: string) => encodeURIComponent(value);

export const authorizationApi = {
  /** The systems the organisation holds, and those it entered that still await the system's approval. */
  heldSystems: () => api<{ systems: HeldSystem[]; pending: { key: string; name: string }[] }>('GET', '/api/org/held-systems'),
  search: (body: { name: string; documentNumber: string }) =>
    api<{ person: FoundPerson; authorization: AuthorizationView | null }>('POST', '/api/org/authorizations/search', body),
  list: (filters: AuthorizationFilters) => api<{ authorizations: AuthorizationView[] }>('GET', `/api/org/authorizations${query(filters)}`),
  grant: (personId: string, request: GrantRequest) => api<AuthorizationView>('POST', '/api/org/authorizations', { personId, ...request }),
  change: (authorizationId: string, request: GrantRequest) => api<AuthorizationView>('PUT', `/api/org/authorizations/${id(authorizationId)}`, request),
  revoke: (authorizationId: string) => api<{ revoked: true }>('DELETE', `/api/org/authorizations/${id(authorizationId)}`),
  events: () => api<{ events: AuthorizationEvent[] }>('GET', '/api/org/authorization-events'),
  delegations: () => api<{ delegations: Delegation[] }>('GET', '/api/me/delegations'),
};

/** The API base of a delegated organisation's 我的信息 endpoints (profile, its sections, update records). */
export const delegationProfileBase = (organizationId: string) => `/api/me/delegations/${id(organizationId)}`;

export const delegationPath = (organizationId: string) => `/online/delegations/${id(organizationId)}`;

export const AUTHORIZATIONS_PATH = '/online/authorizations';

/** The server's Chinese status label and its English translation (正常, 停用, 授权已过期, 未生效). */
export function statusText(status: string, label: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return label;
  return (STATUS_LABELS as Record<string, { zh: string; en: string }>)[status]?.en ?? label;
}
