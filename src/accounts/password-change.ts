import { AppError } from '../platform/errors.ts';
import type { Session } from '../platform/http/sessions.ts';
import { hashPassword, verifyPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { accountStore } from './store.ts';
import { addUpdateRecord } from './update-records.ts';

/**
 * 修改密码 from My information, or forced after login when the password expired or was
 * one-time. Other sessions of the account end; the change is kept in the update records.
 */
export async function changePassword(platform: Platform, session: Session, oldPassword: string, newPassword: string) {
  const store = accountStore(platform.db, platform.cipher);
  const account = await store.findById(session.accountId);
  if (!account || !(await verifyPassword(account.password_hash, oldPassword))) throw new AppError('OLD_PASSWORD_WRONG', 400);
  if (oldPassword === newPassword) throw new AppError('PASSWORD_SAME_AS_OLD', 400);
  const hash = await hashPassword(newPassword);
  const section = account.kind === 'legal' ? 'primary_agent' : 'natural_person';
  await platform.db.transaction(async (tx) => {
    await store.setPassword(account.id, hash, false, tx);
    await addUpdateRecord(tx, account.id, 'password', { accountId: account.id, name: account.login_name }, [
      { field: 'password', label: '登录密码', labelEn: 'Password', old: '******', new: '已修改' },
    ]);
  });
  await platform.sessions.passwordChanged(session.idHash);
  await platform.sessions.destroyOthers(account.id, session.idHash);
  return { section };
}
