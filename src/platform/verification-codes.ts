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

interface StoredCode {
  digest: string;
  attempts: number;
}

const digest = (code: string) => createHash('sha256').update(code).digest('hex');

/** SMS verification codes: 6 digits, 5 minutes, one use, a few wrong tries, rate-limited per phone and IP. */
export function verificationCodes(kv: KeyValueStore, sms: SmsSender) {
  const codeKey = (purpose: CodePurpose, phone: string) => `smscode:${purpose}:${phone}`;
  return {
    async send(purpose: CodePurpose, phone: string, ip: string): Promise<void> {
      const cooldown = `smscooldown:${phone}`;
      if (await kv.get(cooldown)) throw new AppError('SMS_TOO_FREQUENT', 429);
      await enforceLimit(kv, 'sms-phone', phone, SMS_LIMITS.perPhonePerDay);
      await enforceLimit(kv, 'sms-ip', ip, SMS_LIMITS.perIpPerHour);
      await kv.set(cooldown, '1', SMS_RESEND_COOLDOWN_MS);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const stored: StoredCode = { digest: digest(code), attempts: 0 };
      await kv.set(codeKey(purpose, phone), JSON.stringify(stored), SMS_CODE_TTL_MS);
      await sms.send(phone, `【科技部政务服务平台】您的验证码为${code}，有效期为5分钟，请勿泄露给他人。`);
    },

    /** Consumes the code when it matches; a code survives wrong guesses only up to the attempt limit. */
    async verify(purpose: CodePurpose, phone: string, code: string | undefined): Promise<void> {
      const key = codeKey(purpose, phone);
      const raw = await kv.get(key);
      if (!raw) throw new AppError('SMS_CODE_EXPIRED');
      const stored = JSON.parse(raw) as StoredCode;
      if (!code || digest(code.trim()) !== stored.digest) {
        const attempts = stored.attempts + 1;
        if (attempts >= SMS_CODE_MAX_ATTEMPTS) await kv.delete(key);
        else await kv.set(key, JSON.stringify({ ...stored, attempts }), await kv.ttl(key));
        throw new AppError('SMS_CODE_WRONG');
      }
      // take() makes the single use hold even when two requests race with the same code.
      if (!(await kv.take(key))) throw new AppError('SMS_CODE_EXPIRED');
    },
  };
}

export type VerificationCodes = ReturnType<typeof verificationCodes>;
