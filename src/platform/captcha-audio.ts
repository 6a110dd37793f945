import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { AppError } from './errors.ts';

/**
 * 语音验证码: the spoken alternative to the image captcha (WCAG 1.1.1), for people who cannot
 * see the picture. Debian's espeak-ng speaks the digits in Mandarin (`cmn` voice), slowly and
 * one by one; the answer goes in on stdin, so it never shows on a command line.
 */

/** Digits of a spoken answer; 6 digits guess as hard as the image's 4 letters and digits. */
export const AUDIO_CAPTCHA_LENGTH = 6;
/** A stuck synthesizer is killed after this long. */
const SPEAK_TIMEOUT_MS = 10_000;
/** More than this many syntheses at once are refused (503), not queued: each takes a core. */
const MAX_CONCURRENT = 4;
/** A WAV is a few hundred KiB; anything much larger is not ours. */
const MAX_WAV_BYTES = 4 * 1024 * 1024;

/** 零 to 九: espeak-ng reads the Chinese numerals one by one, where "123" would be 一百二十三. */
const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function randomDigits(length = AUDIO_CAPTCHA_LENGTH): string {
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(randomInt(10));
  return digits;
}

/**
 * What espeak-ng is given: the digits as numerals, one word each (the gap between words is
 * set by -g), said twice; about 15 seconds in all.
 */
export function spokenText(digits: string): string {
  const once = [...digits].map((d) => NUMERALS[Number(d)]).join(' ');
  return `验证码：${once}。再说一遍：${once}。`;
}

/**
 * The espeak-ng program: CAPTCHA_AUDIO_ESPEAK names another path (tests name a missing one to
 * see the 503 a machine without espeak-ng gives), read on every call.
 */
export function espeakCommand(): string {
  return process.env.CAPTCHA_AUDIO_ESPEAK || 'espeak-ng';
}

let running = 0;

/** A WAV file of `digits` spoken in Mandarin; 503 CAPTCHA_AUDIO_UNAVAILABLE when it cannot be made. */
export async function speakDigits(digits: string, { timeoutMs = SPEAK_TIMEOUT_MS } = {}): Promise<Buffer> {
  if (!/^\d{1,12}$/.test(digits)) throw new Error('speakDigits: digits only');
  if (running >= MAX_CONCURRENT) throw new AppError('CAPTCHA_AUDIO_UNAVAILABLE', 503);
  running++;
  try {
    return fixWavSizes(await runEspeak(espeakCommand(), spokenText(digits), timeoutMs));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('CAPTCHA_AUDIO_UNAVAILABLE', 503);
  } finally {
    running--;
  }
}

/** -s words a minute (slow), -g a gap between words in 10 ms units, -a loudness; text on stdin. */
const ESPEAK_ARGS = ['-v', 'cmn', '-s', '130', '-g', '15', '-a', '150', '--stdout'];

function runEspeak(command: string, text: string, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ESPEAK_ARGS, { stdio: ['pipe', 'pipe', 'ignore'], shell: false });
    const chunks: Buffer[] = [];
    let size = 0;
    // Given up on at the timeout, even if something the program started still holds its output open.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      child.stdout.destroy();
      reject(new Error('espeak-ng timed out'));
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.on('error', fail);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WAV_BYTES) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && !signal && size <= MAX_WAV_BYTES) resolve(Buffer.concat(chunks));
      else reject(new Error(`espeak-ng ended with ${signal ?? code}`));
    });
    child.stdin.on('error', fail);
    child.stdin.end(text, 'utf8');
  });
}

/**
 * espeak-ng writing to a pipe cannot go back to fill in the RIFF and data sizes, and leaves
 * 0x7ffff000-ish placeholders; browsers then guess the duration. Sets the true sizes.
 */
export function fixWavSizes(wav: Buffer): Buffer {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    if (id === 'data') {
      wav.writeUInt32LE(wav.length - 8, 4);
      wav.writeUInt32LE(wav.length - offset - 8, offset + 4);
      return wav;
    }
    offset += 8 + wav.readUInt32LE(offset + 4);
  }
  throw new Error('WAV without data');
}

/** Seconds of sound in a PCM WAV (its fmt byte rate and data size). */
export function wavDurationSeconds(wav: Buffer): number {
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') byteRate = wav.readUInt32LE(offset + 16);
    if (id === 'data') return byteRate ? Math.min(size, wav.length - offset - 8) / byteRate : 0;
    offset += 8 + size;
  }
  return 0;
}
