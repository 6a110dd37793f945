import { randomUUID } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import { AppError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';

export const CAPTCHA_TTL_MS = 5 * 60_000;
const CAPTCHA_LENGTH = 4;

export interface Captcha {
  id: string;
  svg: string;
}

/** Image captcha (验证码): an answer is stored for five minutes and can be used once. */
export function captchaService(kv: KeyValueStore) {
  const key = (id: string) => `captcha:${id}`;
  return {
    async create(): Promise<Captcha> {
      const { data, text } = svgCaptcha.create({ size: CAPTCHA_LENGTH, noise: 2, ignoreChars: '0oO1iIlL', color: true, background: '#f3f6fa' });
      const id = randomUUID();
      await kv.set(key(id), text.toLowerCase(), CAPTCHA_TTL_MS);
      return { id, svg: data };
    },
    /** Throws 验证码错误 unless the answer matches; the captcha is spent either way. */
    async verify(id: string | undefined, answer: string | undefined): Promise<void> {
      if (!id || !answer) throw new AppError('CAPTCHA_WRONG');
      const expected = await kv.take(key(id));
      if (!expected || expected !== answer.trim().toLowerCase()) throw new AppError('CAPTCHA_WRONG');
    },
    /** Development only: lets automated tests read the answer. */
    peek(id: string): Promise<string | undefined> {
      return kv.get(key(id));
    },
  };
}

export type CaptchaService = ReturnType<typeof captchaService>;
