/**
 * Rules of authorisation (授权, SPEC §6), pure: when an authorisation counts, what the
 * organisation may grant, and how statuses read. The service (service.ts) loads and stores.
 */
import { chinaDateString } from '../accounts/rules.ts';
import type { SystemRole } from '../sso/systems-store.ts';

/** The role a system defines for a unit administrator (单位事项管理员): with 维护法人(单位)信息 it may edit the organisation's information. */
export const UNIT_ADMIN_ROLE = 'item_admin';

export type AuthorizationStatus = 'active' | 'expired' | 'not_yet_valid';
/** What a natural person sees per organisation (授权单位状态). */
export type DelegationStatus = 'normal' | 'suspended' | AuthorizationStatus;

export const STATUS_LABELS: Record<DelegationStatus, { zh: string; en: string }> = {
  active: { zh: '正常', en: 'Active' },
  normal: { zh: '正常', en: 'Active' },
  suspended: { zh: '停用', en: 'Suspended' },
  expired: { zh: '授权已过期', en: 'Authorisation expired' },
  not_yet_valid: { zh: '未生效', en: 'Not yet valid' },
};

export interface ValidityPeriod {
  /** 'YYYY-MM-DD', inclusive, China time; null: no bound. */
  validFrom: string | null;
  validTo: string | null;
}

const isoToday = (now: Date) => {
  const d = chinaDateString(now);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
};

/** Whether the period holds today (China time). */
export function periodStatus(period: ValidityPeriod, now: Date = new Date()): AuthorizationStatus {
  const today = isoToday(now);
  if (period.validTo !== null && period.validTo < today) return 'expired';
  if (period.validFrom !== null && period.validFrom > today) return 'not_yet_valid';
  return 'active';
}

/** The status a person sees: a disabled organisation suspends everything it granted (停用). */
export function delegationStatus(period: ValidityPeriod, organizationDisabled: boolean, now: Date = new Date()): DelegationStatus {
  if (organizationDisabled) return 'suspended';
  const status = periodStatus(period, now);
  return status === 'active' ? 'normal' : status;
}

/** An authorisation counts (for entry, tokens and editing) only while normal. */
export const isLive = (period: ValidityPeriod, organizationDisabled: boolean, now: Date = new Date()) =>
  delegationStatus(period, organizationDisabled, now) === 'normal';

export type GrantProblem =
  | { code: 'NO_ROLES' }
  | { code: 'SYSTEM_NOT_HELD'; system: string }
  | { code: 'UNKNOWN_ROLE'; system: string; role: string }
  | { code: 'VALIDITY_INVALID' }
  | { code: 'MAINTAIN_INFO_NEEDS_ADMIN_ROLE' };

export interface RequestedRoles {
  key: string;
  roles: string[];
}

export interface HeldSystem {
  id: string;
  key: string;
  name: string;
  roles: SystemRole[];
}

/**
 * What is wrong with a requested authorisation, or null: at least one role; only systems the
 * organisation holds (FAQ 10.4) and roles those systems define; a period that ends no earlier
 * than it starts and not in the past; 维护信息 only with a unit administrator role.
 * `known` names systems that exist but are not held, so the refusal can name them.
 */
export function grantProblem(
  request: { systems: RequestedRoles[]; maintainInfo: boolean } & ValidityPeriod,
  held: HeldSystem[],
  known: Map<string, string>,
  now: Date = new Date(),
): GrantProblem | null {
  const systems = request.systems.filter((s) => s.roles.length > 0);
  if (systems.length === 0) return { code: 'NO_ROLES' };
  for (const requested of systems) {
    const system = held.find((h) => h.key === requested.key);
    if (!system) return { code: 'SYSTEM_NOT_HELD', system: known.get(requested.key) ?? requested.key };
    const unknown = requested.roles.find((role) => !system.roles.some((r) => r.code === role));
    if (unknown !== undefined) return { code: 'UNKNOWN_ROLE', system: system.name, role: unknown };
  }
  const { validFrom, validTo } = request;
  if (validFrom !== null && validTo !== null && validTo < validFrom) return { code: 'VALIDITY_INVALID' };
  if (validTo !== null && validTo < isoToday(now)) return { code: 'VALIDITY_INVALID' };
  if (request.maintainInfo && !systems.some((s) => s.roles.includes(UNIT_ADMIN_ROLE))) return { code: 'MAINTAIN_INFO_NEEDS_ADMIN_ROLE' };
  return null;
}

/** Roles of the request as stored: each system once, each role once, systems without roles dropped. */
export function normalizeRequest(systems: RequestedRoles[]): RequestedRoles[] {
  const merged = new Map<string, Set<string>>();
  for (const { key, roles } of systems) {
    const set = merged.get(key) ?? new Set<string>();
    for (const role of roles) set.add(role);
    merged.set(key, set);
  }
  return [...merged].filter(([, roles]) => roles.size > 0).map(([key, roles]) => ({ key, roles: [...roles].sort() }));
}
