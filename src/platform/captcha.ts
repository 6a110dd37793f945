import { randomUUID } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import { z } from 'zod';
import { randomDigits, speakDigits } from './captcha-audio.ts';
import { AppError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';

export const CAPTCHA_TTL_MS = 5 * 60_000;
const CAPTCHA_LENGTH = 4;

/** POST /api/captcha/:id/audio: ids are UUIDs; anything else cannot be a live captcha. */
export const captchaAudioSchema = z.object({ id: z.string().regex(/^[0-9a-fA-F-]{1,100}$/, 'CAPTCHA_EXPIRED') });

export interface Captcha {
  id: string;
  svg: string;
}

/**
 * Image captcha (验证码): an answer is stored for five minutes and can be used once. Its spoken
 * alternative (audio) replaces the answer of the same id, so forms verify it unchanged.
 */
export function captchaService(kv: KeyValueStore) {
  const key = (id: string) => `captcha:${id}`;
  return {
    async create(): Promise<Captcha> {
      const { data, text } = svgCaptcha.create({ size: CAPTCHA_LENGTH, noise: 2, ignoreChars: '0oO1iIlL', color: true, background: '#f3f6fa' });
      const id = randomUUID();
      await kv.set(key(id), text.toLowerCase(), CAPTCHA_TTL_MS);
      return { id, svg: data };
    },
    /**
     * 语音验证码 for captcha `id`: a fresh answer of digits replaces the image's (which stops
     * working), spoken into a WAV file; the five minutes start again. 404 CAPTCHA_EXPIRED for an
     * unknown, spent or expired id; 503 CAPTCHA_AUDIO_UNAVAILABLE without a synthesizer.
     */
    async audio(id: string): Promise<Buffer> {
      if (!(await kv.get(key(id)))) throw new AppError('CAPTCHA_EXPIRED', 404);
      const digits = randomDigits();
      const wav = await speakDigits(digits);
      // Taken, not read: a captcha spent by a login meanwhile stays spent.
      if (!(await kv.take(key(id)))) throw new AppError('CAPTCHA_EXPIRED', 404);
      await kv.set(key(id), digits, CAPTCHA_TTL_MS);
      return wav;
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
