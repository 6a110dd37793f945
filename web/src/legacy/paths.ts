/**
 * Where 账号检索 lives, and the ways out of its answer: the login page with the window and
 * login name the answer names (?kind=, ?loginName=), registration, 密码找回.
 */
import { checkLoginName } from '../../../src/accounts/rules.ts';
import type { LegacyGuidance } from '../../../src/legacy/guidance.ts';
import { LOGIN_PATH } from '../../../src/sso/return-path.ts';
import { RECOVER_PATH, RECOVERY_PATHS } from '../recovery/paths.ts';

export const ACCOUNT_LOOKUP_PATH = '/account-lookup';

const LOGIN_NAME_PARAM = 'loginName';

/** The login page opening the answer's window, its login name typed in. */
export function loginPathOf(guidance: Pick<LegacyGuidance, 'window' | 'loginName'>): string {
  const query = new URLSearchParams();
  if (guidance.window) query.set('kind', guidance.window);
  if (guidance.loginName && checkLoginName(guidance.loginName).ok) query.set(LOGIN_NAME_PARAM, guidance.loginName);
  return query.size ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}

/**
 * The login name a link asks the login page to type in (?loginName=): only a well-formed
 * login name (letters, digits, underscore), shown as the input's plain value, else nothing.
 */
export function prefilledLoginName(params: URLSearchParams): string | undefined {
  const value = params.get(LOGIN_NAME_PARAM);
  return value !== null && checkLoginName(value).ok ? value : undefined;
}

/** Registration of the answer's kind of account, or the choice of kind. */
export function registerPathOf(guidance: Pick<LegacyGuidance, 'window'>): string {
  return guidance.window ? `/register/${guidance.window}` : '/register';
}

export { RECOVER_PATH, RECOVERY_PATHS };
