/**
 * Pure rules of registering business systems (业务系统) and service items (服务事项) in the back
 * office, shared by the server and the operators' pages: the shapes of keys, client ids and
 * role codes, which URLs may be registered, and the labels of entry requirements.
 */
import type { EntryRequirement } from '../sso/systems-store.ts';

export interface Label {
  zh: string;
  en: string;
}

/** 系统标识: part of the 办理入口 URL (/sso/enter/<key>), so lower-case letters, digits and hyphens. */
export const SYSTEM_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;
/** OIDC client_id: sent in URLs and Basic auth, so no spaces, colons or other specials. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
/** 角色编码: the code systems receive in the claims (item_handler, item_admin ...). */
export const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

export const SYSTEM_LIMITS = {
  nameMaxLength: 60,
  departmentMaxLength: 60,
  roleNameMaxLength: 30,
  maxRoles: 20,
  urlMaxLength: 500,
  maxUrls: 10,
  itemNameMaxLength: 100,
  guideTitleMaxLength: 20,
  guideTextMaxLength: 5000,
  maxGuideSections: 20,
  maxSortOrder: 9999,
} as const;

/** The extra entry requirements, in the order the forms offer them (the Torch systems set all three). */
export const ENTRY_REQUIREMENTS = ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified'] as const satisfies readonly EntryRequirement[];

export const REQUIREMENT_LABELS: Record<EntryRequirement, Label> = {
  organization_basic_complete: { zh: '法人单位基本信息完整', en: 'Organisation basic information complete' },
  organization_other_complete: { zh: '法人单位其他信息完整', en: 'Organisation other information complete' },
  primary_agent_verified: { zh: '主代办人已实名认证', en: 'Primary agent verified' },
};

/**
 * A URL an operator may register (callbacks, logout addresses, CAS prefixes, entry points):
 * absolute http(s) with a host, no fragment (redirects would lose it), no user name or
 * password, no blanks or control characters (they break Location headers).
 */
export function isRegistrableUrl(value: string): boolean {
  if (value.length > SYSTEM_LIMITS.urlMaxLength || /[\u0000-\u0020\u007f]/.test(value) || value.includes('#')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * A CAS service prefix ends with '/' and has no query: 'https://a.cn/app' would also cover
 * 'https://a.cn/apps-of-someone-else', which the operator did not mean to trust.
 */
export function isCasPrefix(value: string): boolean {
  return isRegistrableUrl(value) && value.endsWith('/') && !value.includes('?');
}

export function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** 办理入口 sends the user into the system itself: a site of its callbacks or of its CAS prefix. */
export function entryUrlBelongs(entryUrl: string, systemUrls: string[]): boolean {
  const origin = originOf(entryUrl);
  return origin !== null && systemUrls.some((url) => originOf(url) === origin);
}

/** Indexes of the values that repeat an earlier one. */
export function repeatedAt<T>(values: T[], keyOf: (value: T) => string = String): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  values.forEach((value, index) => {
    const key = keyOf(value);
    if (seen.has(key)) repeated.push(index);
    seen.add(key);
  });
  return repeated;
}
