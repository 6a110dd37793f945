import { AppError } from '../platform/errors.ts';
import { isStoredLegacyHash } from '../legacy/password-schemes.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { loginGuard } from './login-guard.ts';
import { checkPassword, loginNameKey } from './rules.ts';
import type { AccountKind } from './schemas.ts';
import { accountStore, type AccountRow } from './store.ts';

/** Why a password must change before anything else: too old, a one-time password, or a migrated one breaking today's policy. */
export type PasswordChangeReason = 'expired' | 'one_time' | 'weak' | null;

export interface LoginInput {
  kind: AccountKind;
  loginName: string;
  password: string;
  captchaId: string;
  captcha: string;
}

const DAY_MS = 24 * 60 * 60_000;

export function passwordChangeReason(
  account: Pick<AccountRow, 'must_change_password' | 'weak_password' | 'password_changed_at'>,
  maxAgeDays: number,
  now = Date.now(),
): PasswordChangeReason {
  if (account.must_change_password) return 'one_time';
  if (account.weak_password) return 'weak';
  if (maxAgeDays > 0 && now - new Date(account.password_changed_at).getTime() > maxAgeDays * DAY_MS) return 'expired';
  return null;
}

/**
 * 自然人登录 / 法人登录. Order matters: lock, captcha, password, then the window; the
 * wrong-window hint is given only to someone who proved the password (SPEC §11.5).
 */
export async function login(platform: Platform, input: LoginInput, ip: string) {
  const guard = loginGuard(platform.kv, platform.config.lockout);
  const store = accountStore(platform.db, platform.cipher);
  const key = loginNameKey(input.loginName);

  const { hasFailures } = await guard.assertAllowed(key, ip);
  // A failure racing in between is at worst left standing: lockout can only get stricter.
  const clearFailures = () => (hasFailures ? guard.recordSuccess(key) : Promise.resolve());
  // The captcha is checked (and spent) before any password is; the account row, only read, is fetched meanwhile.
  const [, account] = await Promise.all([platform.captcha.verify(input.captchaId, input.captcha), store.findByLoginName(key)]);

  const valid = account ? await verifyPassword(account.password_hash, input.password) : await verifyPassword(await decoyHash(), input.password);
  if (!account || !valid) {
    await guard.recordFailure(key, ip);
    throw new AppError('LOGIN_FAILED', 401);
  }
  if (account.disabled || account.kind !== input.kind) {
    await clearFailures();
    if (account.disabled) throw new AppError('ACCOUNT_DISABLED', 403);
    throw new AppError(account.kind === 'legal' ? 'WRONG_WINDOW_LEGAL' : 'WRONG_WINDOW_NATURAL', 409);
  }

  // A migrated account's legacy hash becomes argon2id now; a legacy password breaking today's policy still got in, but must change.
  const weak = isStoredLegacyHash(account.password_hash) && !checkPassword(input.password).ok;
  if (needsRehash(account.password_hash)) await store.upgradeHash(account.id, await hashPassword(input.password), weak);
  const reason = passwordChangeReason({ ...account, weak_password: account.weak_password || weak }, platform.config.passwordMaxAgeDays);
  // Clearing the failure count and opening the session are independent writes: issued together.
  const [sessionId] = await Promise.all([platform.sessions.create(account.id, reason !== null), clearFailures()]);
  return { sessionId, accountId: account.id, kind: account.kind, loginName: account.login_name, passwordChangeReason: reason };
}
