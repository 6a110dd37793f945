import { createHash, randomInt } from 'node:crypto';
import { AppError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';
import { DAY, HOUR, enforceLimit } from './rate-limit.ts';
import type { SmsSender } from './sms.ts';

export const SMS_CODE_TTL_MS = 5 * 60_000; // 发送的手机验证码有效期为5分钟
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESEND_COOLDOWN_MS = 60_000;
export const SMS_LIMITS = {
  perPhonePerDay: { max: 10, windowMs: DAY },
  perIpPerHour: { max: 30, windowMs: HOUR },
};

export type CodePurpose = 'register' | 'reset-password' | 'appeal' | 'profile';

const digest = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * SMS verification codes: 6 digits, 5 minutes, one use, a few wrong tries, rate-limited
 * per phone and IP. Keys carry the phone's keyed hash, never the number itself.
 */
export function verificationCodes(kv: KeyValueStore, sms: SmsSender, phoneKey: (phone: string) => string) {
  const keys = (purpose: CodePurpose, phone: string) => {
    const id = phoneKey(phone);
    return { code: `smscode:${purpose}:${id}`, attempts: `smsattempts:${purpose}:${id}`, cooldown: `smscooldown:${id}`, limit: id };
  };
  return {
    async send(purpose: CodePurpose, phone: string, ip: string): Promise<void> {
      const k = keys(purpose, phone);
      if (await kv.get(k.cooldown)) throw new AppError('SMS_TOO_FREQUENT', 429);
      await enforceLimit(kv, 'sms-phone', k.limit, SMS_LIMITS.perPhonePerDay);
      await enforceLimit(kv, 'sms-ip', ip, SMS_LIMITS.perIpPerHour);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await kv.set(k.code, digest(code), SMS_CODE_TTL_MS);
      await kv.delete(k.attempts);
      try {
        await sms.send(phone, `【科技部政务服务平台】您的验证码为${code}，有效期为5分钟，请勿泄露给他人。`);
      } catch {
        await kv.delete(k.code);
        throw new AppError('SMS_SEND_FAILED', 502);
      }
      // The cooldown starts only once the gateway took the message, so a failed send can be retried at once.
      await kv.set(k.cooldown, '1', SMS_RESEND_COOLDOWN_MS);
    },

    /** Consumes the code when it matches; wrong guesses are counted atomically, so parallel guessing cannot beat the limit. */
    async verify(purpose: CodePurpose, phone: string, code: string | undefined): Promise<void> {
      const k = keys(purpose, phone);
      const stored = await kv.get(k.code);
      if (!stored) throw new AppError('SMS_CODE_EXPIRED');
      if (!code || digest(code.trim()) !== stored) {
        const attempts = await kv.increment(k.attempts, SMS_CODE_TTL_MS);
        if (attempts >= SMS_CODE_MAX_ATTEMPTS) await kv.delete(k.code);
        throw new AppError('SMS_CODE_WRONG');
      }
      if ((Number(await kv.get(k.attempts)) || 0) >= SMS_CODE_MAX_ATTEMPTS) throw new AppError('SMS_CODE_EXPIRED');
      // take() makes the single use hold even when two requests race with the same code.
      if (!(await kv.take(k.code))) throw new AppError('SMS_CODE_EXPIRED');
      await kv.delete(k.attempts);
    },
  };
}

export type VerificationCodes = ReturnType<typeof verificationCodes>;
