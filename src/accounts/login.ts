import { AppError } from '../platform/errors.ts';
import { isStoredLegacyHash } from '../legacy/password-schemes.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { assertMayEnter, openSession } from './entry.ts';
import { loginGuard } from './login-guard.ts';
import { checkPassword, loginNameKey } from './rules.ts';
import type { AccountKind } from './schemas.ts';
import { accountStore, type AccountRow } from './store.ts';

export interface LoginInput {
  kind: AccountKind;
  loginName: string;
  password: string;
  captchaId: string;
  captcha: string;
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
  if (account.disabled || account.kind !== input.kind) await clearFailures();
  assertMayEnter(account, input.kind);

  // A migrated account's legacy hash becomes argon2id now; a legacy password breaking today's policy still got in, but must change.
  const weak = isStoredLegacyHash(account.password_hash) && !checkPassword(input.password).ok;
  if (needsRehash(account.password_hash)) await store.upgradeHash(account.id, await hashPassword(input.password), weak);
  // Clearing the failure count and opening the session are independent writes: issued together.
  return openSession(platform, { ...account, weak_password: account.weak_password || weak }, clearFailures());
}
