/**
 * 登录名重置密码 in three steps (检索用户 -> 重置密码 -> 重置密码完成). The search, behind a
 * captcha, tells only what the seed's page shows: the masked reserved phone (and e-mail).
 * It hands out a short-lived ticket; the later steps work on the ticket's account only and
 * burn it after a few wrong confirmations.
 */
import { createHash, randomBytes } from 'node:crypto';
import { loginGuard } from '../accounts/login-guard.ts';
import { loginNameKey, maskEmail, maskPhone } from '../accounts/rules.ts';
import { accountStore, organizationNameKey, type AccountRow } from '../accounts/store.ts';
import { AppError } from '../platform/errors.ts';
import { hashPassword, verifyPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { endEverySession } from '../sso/logout.ts';
import { HOUR, enforceLimit } from '../platform/rate-limit.ts';
import { setRecoveredPassword } from './password-reset.ts';
import { RECOVERY_LIMITS } from './rules.ts';

type Method = { method: 'phone'; confirm: string } | { method: 'email'; confirm: string };

export interface ResetCompletion {
  ticket: string;
  organizationName: string;
  creditCode: string;
  reason: string;
  password: string;
  code: string;
}

const ticketKey = (ticket: string) => `reset-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
/** Kept for the ticket's lifetime once its reset is done, so a replay is told so rather than "timed out". */
const completedKey = (ticket: string) => `${ticketKey(ticket)}:completed`;

/** Where the account's reserved phone and e-mail are: the person's, or an organisation's primary agent's. */
async function reservedContacts(platform: Platform, account: AccountRow) {
  const store = accountStore(platform.db, platform.cipher);
  const identity = await store.loadIdentity(account.id, account.kind === 'natural' ? 'natural_person' : 'primary_agent');
  const organization = account.kind === 'legal' ? await store.loadOrganization(account.id) : undefined;
  return {
    phone: identity?.mobile ?? '',
    email: identity?.details.email || organization?.basic.email || '',
    organization,
  };
}

export function loginNameReset(platform: Platform) {
  const store = accountStore(platform.db, platform.cipher);

  async function accountOfTicket(ticket: string): Promise<AccountRow> {
    const accountId = await platform.kv.get(ticketKey(ticket));
    const account = accountId ? await store.findById(accountId) : undefined;
    if (!accountId && (await platform.kv.get(completedKey(ticket)))) throw new AppError('RESET_ALREADY_COMPLETED', 409);
    if (!account || account.disabled) throw new AppError('RESET_TICKET_EXPIRED', 410);
    return account;
  }

  /** A wrong confirmation counts against the ticket; too many and the search must start again. */
  async function refuse(ticket: string, code: 'RESERVED_PHONE_MISMATCH' | 'RESERVED_EMAIL_MISMATCH' | 'ORGANIZATION_MISMATCH'): Promise<never> {
    const failures = await platform.kv.increment(`${ticketKey(ticket)}:failures`, RECOVERY_LIMITS.ticketTtlMs);
    if (failures >= RECOVERY_LIMITS.ticketAttempts) await platform.kv.delete(ticketKey(ticket));
    throw new AppError(code, 400);
  }

  async function checkContact(ticket: string, account: AccountRow, input: Method) {
    const contacts = await reservedContacts(platform, account);
    if (input.method === 'phone' && input.confirm !== contacts.phone) await refuse(ticket, 'RESERVED_PHONE_MISMATCH');
    if (input.method === 'email') {
      if (!contacts.email) throw new AppError('NO_RESERVED_EMAIL', 400);
      if (input.confirm.toLowerCase() !== contacts.email.toLowerCase()) await refuse(ticket, 'RESERVED_EMAIL_MISMATCH');
    }
    return contacts;
  }

  return {
    /** 检索登录名 (captcha first, then the name). */
    async search(input: { loginName: string; captchaId: string; captcha: string }, ip: string) {
      await enforceLimit(platform.kv, 'reset-search-ip', ip, { max: RECOVERY_LIMITS.searchesPerIpPerHour, windowMs: HOUR });
      await platform.captcha.verify(input.captchaId, input.captcha);
      const key = loginNameKey(input.loginName);
      await enforceLimit(platform.kv, 'reset-search-name', key, { max: RECOVERY_LIMITS.searchesPerNamePerHour, windowMs: HOUR });
      const account = await store.findByLoginName(key);
      if (!account || account.disabled) throw new AppError('LOGIN_NAME_NOT_FOUND', 404);
      const contacts = await reservedContacts(platform, account);
      if (!contacts.phone) throw new AppError(account.kind === 'legal' ? 'NO_RESERVED_PHONE_LEGAL' : 'NO_RESERVED_PHONE_NATURAL', 409);
      const ticket = randomBytes(24).toString('base64url');
      await platform.kv.set(ticketKey(ticket), account.id, RECOVERY_LIMITS.ticketTtlMs);
      return {
        ticket,
        kind: account.kind,
        loginName: account.login_name,
        maskedMobile: maskPhone(contacts.phone),
        maskedEmail: contacts.email ? maskEmail(contacts.email) : null,
      };
    },

    /** 获取验证码: sent only to the reserved phone / e-mail, once the user has typed it in full. */
    async sendCode(input: { ticket: string } & Method, ip: string) {
      const account = await accountOfTicket(input.ticket);
      const contacts = await checkContact(input.ticket, account, input);
      if (input.method === 'phone') await platform.codes.send('reset-password', contacts.phone, ip);
      else await platform.codes.sendEmail('reset-password', contacts.email, ip);
      return { sent: true };
    },

    /** 确定: confirmations, organisation (legal accounts), code, then the new password. */
    async complete(input: ResetCompletion & Method) {
      const account = await accountOfTicket(input.ticket);
      const contacts = await checkContact(input.ticket, account, input);
      if (account.kind === 'legal') {
        const org = contacts.organization;
        const sameName = org && organizationNameKey(org.name) === organizationNameKey(input.organizationName);
        const sameCode = org && org.code.toUpperCase() === input.creditCode.toUpperCase();
        if (!sameName || !sameCode) await refuse(input.ticket, 'ORGANIZATION_MISMATCH');
      }
      if (input.method === 'phone') await platform.codes.verify('reset-password', contacts.phone, input.code);
      else await platform.codes.verifyEmail('reset-password', contacts.email, input.code);
      // Only after the code: before it, this answer would let anyone with a ticket test guesses of the current password.
      if (await verifyPassword(account.password_hash, input.password)) throw new AppError('PASSWORD_SAME_AS_OLD', 400);
      const hash = await hashPassword(input.password);
      // The ticket is spent first: a second request racing with the same ticket finds nothing.
      if ((await platform.kv.take(ticketKey(input.ticket))) === undefined) throw new AppError('RESET_TICKET_EXPIRED', 410);
      await platform.kv.set(completedKey(input.ticket), '1', RECOVERY_LIMITS.ticketTtlMs);
      await platform.db.transaction((tx) =>
        setRecoveredPassword(platform, tx, account.id, hash, {
          oneTime: false,
          actor: { accountId: account.id, name: account.login_name },
          how: { zh: `登录名重置密码（${input.method === 'phone' ? '手机号' : '电子邮箱'}验证）`, en: 'Reset by login name' },
        }),
      );
      await endEverySession(platform, account.id);
      // A locked account whose owner just proved the reserved phone may log in again at once.
      await loginGuard(platform.kv, platform.config.lockout).recordSuccess(loginNameKey(account.login_name));
      return { done: true, kind: account.kind, loginName: account.login_name };
    },
  };
}
