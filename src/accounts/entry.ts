import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { loginGuard } from './login-guard.ts';
import { loginNameKey } from './rules.ts';
import type { AccountKind } from './schemas.ts';
import type { AccountRow } from './store.ts';

/** Why a password must change before anything else: too old, a one-time password, or a migrated one breaking today's policy. */
export type PasswordChangeReason = 'expired' | 'one_time' | 'weak' | null;

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
 * The rules every way in shares once it knows who the person is (password, 国家政务服务平台
 * account, QR code): a locked login name stays locked, a disabled account stays out, an account
 * of the other kind is sent to its own window, and a pending password change comes first. Opens
 * the platform session. `kind` is the window asked through; omit it where the way in has none.
 */
export async function enterAs(platform: Platform, account: AccountRow, ip: string, kind?: AccountKind) {
  await loginGuard(platform.kv, platform.config.lockout).assertAllowed(loginNameKey(account.login_name), ip);
  assertMayEnter(account, kind);
  return openSession(platform, account);
}

/** Disabled, or asked through the other kind's window: refused with the window to use. */
export function assertMayEnter(account: Pick<AccountRow, 'disabled' | 'kind'>, kind?: AccountKind): void {
  if (account.disabled) throw new AppError('ACCOUNT_DISABLED', 403);
  if (kind && account.kind !== kind) throw new AppError(account.kind === 'legal' ? 'WRONG_WINDOW_LEGAL' : 'WRONG_WINDOW_NATURAL', 409);
}

/** The session of an account allowed in, flagged when its password must change first. */
export async function openSession(platform: Platform, account: AccountRow, extraWrites: Promise<unknown> = Promise.resolve()) {
  const reason = passwordChangeReason(account, platform.config.passwordMaxAgeDays);
  const [sessionId] = await Promise.all([platform.sessions.create(account.id, reason !== null), extraWrites]);
  return { sessionId, accountId: account.id, kind: account.kind, loginName: account.login_name, passwordChangeReason: reason };
}
