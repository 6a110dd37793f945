import { createHash, randomInt } from 'node:crypto';
import { AppError } from './errors.ts';
import { SMS_TEXTS } from './sms-texts.ts';
import type { KeyValueStore } from './kv.ts';
import type { MailSender } from './mail.ts';
import type { MessageCode } from './messages.ts';
import { DAY, HOUR, MINUTE, enforceLimit } from './rate-limit.ts';
import type { SmsSender } from './sms.ts';

// One set of rules for SMS and e-mail codes (SPEC §2.1: "Same for e-mail codes").
export const CODE_TTL_MS = 5 * MINUTE; // 验证码有效期为5分钟
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_COOLDOWN_MS = MINUTE;
export const CODE_LIMITS = {
  perAddressPerDay: { max: 10, windowMs: DAY },
  perIpPerHour: { max: 30, windowMs: HOUR },
};

export const SMS_CODE_TTL_MS = CODE_TTL_MS; // 发送的手机验证码有效期为5分钟
export const SMS_CODE_MAX_ATTEMPTS = CODE_MAX_ATTEMPTS;
export const SMS_RESEND_COOLDOWN_MS = CODE_RESEND_COOLDOWN_MS;
export const SMS_LIMITS = { perPhonePerDay: CODE_LIMITS.perAddressPerDay, perIpPerHour: CODE_LIMITS.perIpPerHour };

export const EMAIL_CODE_SUBJECT = '科学技术部政务服务平台验证码';

export type CodePurpose = 'register' | 'reset-password' | 'appeal' | 'profile' | 'national-link';

const digest = (code: string) => createHash('sha256').update(code).digest('hex');

/** How one channel (SMS, e-mail) delivers codes, names its keys and words its errors. */
interface CodeChannel {
  /** Prefix of the channel's store keys: `${prefix}code:`, `${prefix}attempts:`, `${prefix}cooldown:`. */
  prefix: string;
  /** Rate-limit buckets, per address and per client IP. */
  buckets: { address: string; ip: string };
  /** The address's keyed hash: keys never hold a phone number or e-mail address in clear. */
  addressKey(address: string): string;
  deliver(address: string, code: string): Promise<void>;
  errors: { wrong: MessageCode; expired: MessageCode; sendFailed: MessageCode; tooFrequent: MessageCode };
}

/**
 * Codes over one channel: 6 digits, 5 minutes, one use, a few wrong tries, a resend
 * cooldown, rate-limited per address and per IP.
 */
function codesOver(kv: KeyValueStore, channel: CodeChannel) {
  const { prefix, buckets, errors } = channel;
  const keys = (purpose: CodePurpose, address: string) => {
    const id = channel.addressKey(address);
    return { code: `${prefix}code:${purpose}:${id}`, attempts: `${prefix}attempts:${purpose}:${id}`, cooldown: `${prefix}cooldown:${id}`, limit: id };
  };
  return {
    async send(purpose: CodePurpose, address: string, ip: string): Promise<void> {
      const k = keys(purpose, address);
      if (await kv.get(k.cooldown)) throw new AppError(errors.tooFrequent, 429);
      await enforceLimit(kv, buckets.address, k.limit, CODE_LIMITS.perAddressPerDay);
      await enforceLimit(kv, buckets.ip, ip, CODE_LIMITS.perIpPerHour);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await kv.set(k.code, digest(code), CODE_TTL_MS);
      await kv.delete(k.attempts);
      try {
        await channel.deliver(address, code);
      } catch {
        await kv.delete(k.code);
        throw new AppError(errors.sendFailed, 502);
      }
      // The cooldown starts only once the gateway or SMTP server took the message, so a failed send can be retried at once.
      await kv.set(k.cooldown, '1', CODE_RESEND_COOLDOWN_MS);
    },

    /** Consumes the code when it matches; wrong guesses are counted atomically, so parallel guessing cannot beat the limit. */
    async verify(purpose: CodePurpose, address: string, code: string | undefined): Promise<void> {
      const k = keys(purpose, address);
      const stored = await kv.get(k.code);
      if (!stored) throw new AppError(errors.expired);
      if (!code || digest(code.trim()) !== stored) {
        const attempts = await kv.increment(k.attempts, CODE_TTL_MS);
        if (attempts >= CODE_MAX_ATTEMPTS) await kv.delete(k.code);
        throw new AppError(errors.wrong);
      }
      if ((Number(await kv.get(k.attempts)) || 0) >= CODE_MAX_ATTEMPTS) throw new AppError(errors.expired);
      // take() makes the single use hold even when two requests race with the same code.
      if (!(await kv.take(k.code))) throw new AppError(errors.expired);
      await kv.delete(k.attempts);
    },
  };
}

/**
 * Verification codes by SMS (send / verify, keyed by the phone) and by e-mail
 * (sendEmail / verifyEmail, keyed by the address), under the same rules.
 */
export function verificationCodes(
  kv: KeyValueStore,
  senders: { sms: SmsSender; mail: MailSender },
  lookupHash: (kind: 'mobile' | 'email', value: string) => string,
) {
  const bySms = codesOver(kv, {
    prefix: 'sms',
    buckets: { address: 'sms-phone', ip: 'sms-ip' },
    addressKey: (phone) => lookupHash('mobile', phone),
    deliver: (phone, code) => senders.sms.send(phone, SMS_TEXTS.verificationCode(code)),
    errors: { wrong: 'SMS_CODE_WRONG', expired: 'SMS_CODE_EXPIRED', sendFailed: 'SMS_SEND_FAILED', tooFrequent: 'SMS_TOO_FREQUENT' },
  });
  const byEmail = codesOver(kv, {
    prefix: 'email',
    buckets: { address: 'email-address', ip: 'email-ip' },
    addressKey: (email) => lookupHash('email', email),
    deliver: (email, code) => senders.mail.send({ to: email.trim(), subject: EMAIL_CODE_SUBJECT, text: SMS_TEXTS.verificationCode(code) }),
    // The catalogue has no e-mail-worded "too frequent"; the generic 操作过于频繁 reads right for mail.
    errors: { wrong: 'EMAIL_CODE_WRONG', expired: 'EMAIL_CODE_EXPIRED', sendFailed: 'EMAIL_SEND_FAILED', tooFrequent: 'RATE_LIMITED' },
  });
  return { send: bySms.send, verify: bySms.verify, sendEmail: byEmail.send, verifyEmail: byEmail.verify };
}

export type VerificationCodes = ReturnType<typeof verificationCodes>;
