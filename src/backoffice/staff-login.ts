import { loginGuard } from '../accounts/login-guard.ts';
import { AppError } from '../platform/errors.ts';
import { decoyHash, verifyPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { recordAudit } from './audit.ts';
import { staffStore } from './staff.ts';
import { matchTotp } from './totp.ts';

const TOTP_REPLAY_MS = 3 * 30_000;

/**
 * Staff login: password and TOTP code together, one answer for any mistake, the same
 * lockout as citizens' logins (under its own names), each code usable once.
 */
export async function staffLogin(platform: Platform, input: { loginName: string; password: string; totp: string }, ip: string) {
  const guard = loginGuard(platform.kv, platform.config.lockout);
  const store = staffStore(platform.db, platform.cipher);
  const key = `staff:${input.loginName.toLowerCase()}`;
  await guard.assertAllowed(key, ip);

  const staff = await store.findForLogin(input.loginName);
  const passwordOk = staff ? await verifyPassword(staff.passwordHash, input.password) : await verifyPassword(await decoyHash(), input.password);
  const step = staff && passwordOk ? matchTotp(staff.totpSecret, input.totp) : undefined;
  // A code already used (someone watching over a shoulder, or a replayed request) is refused; the counter is atomic.
  const fresh = staff && step !== undefined ? (await platform.kv.increment(`totp-used:${staff.id}:${step}`, TOTP_REPLAY_MS)) === 1 : false;

  if (!staff || !passwordOk || !fresh) {
    await guard.recordFailure(key, ip);
    await recordAudit(platform.db, { staff: { id: staff?.id ?? null, loginName: input.loginName.slice(0, 64) }, action: 'staff.login_failed', ip });
    throw new AppError('STAFF_LOGIN_FAILED', 401);
  }
  await guard.recordSuccess(key);
  const sessionId = await store.createSession(staff.id);
  await recordAudit(platform.db, { staff, action: 'staff.login', ip });
  return { sessionId, staff: { loginName: staff.loginName, name: staff.name, roles: staff.roles, passwordChangeRequired: staff.passwordChangeRequired } };
}
