import { randomInt } from 'node:crypto';
import { accountStore } from '../accounts/store.ts';
import { addUpdateRecord } from '../accounts/update-records.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';

/**
 * Sets a new password found through recovery, inside the caller's transaction: recorded in
 * the update records under whoever did it. The caller ends the account's sessions after
 * the commit (`endEverySession`), so a thief's open session ends too, and the business systems
 * signed in from it are told.
 */
export async function setRecoveredPassword(
  platform: Platform,
  tx: Db,
  accountId: string,
  passwordHash: string,
  options: { oneTime: boolean; actor: { accountId: string | null; name: string }; how: { zh: string; en: string } },
): Promise<void> {
  await accountStore(platform.db, platform.cipher).setPassword(accountId, passwordHash, options.oneTime, tx);
  await addUpdateRecord(tx, accountId, 'password', options.actor, [
    { field: 'password', label: '登录密码', labelEn: 'Password', old: '******', new: options.how.zh },
  ]);
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SPECIAL = '@#%&*+';

/**
 * A one-time password sent by SMS after an approved appeal: 12 characters with all four
 * classes (so it meets the policy), without look-alikes (0/O, 1/l/I) that are hard to type.
 */
export function oneTimePassword(): string {
  const pick = (set: string) => set[randomInt(set.length)] as string;
  const all = UPPER + LOWER + DIGITS + SPECIAL;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SPECIAL), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
