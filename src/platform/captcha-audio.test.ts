import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './errors.ts';
import { fixWavSizes, randomDigits, speakDigits, spokenText, wavDurationSeconds } from './captcha-audio.ts';

/** A PCM WAV header as espeak-ng writes it to a pipe: placeholder sizes. */
function streamedWav(samples: number): Buffer {
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(0x7ffff024, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(22050, 24);
  wav.writeUInt32LE(44100, 28); // bytes a second
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(0x7ffff000, 40);
  return wav;
}

describe('audio captcha helpers', () => {
  it('randomDigits gives six digits by default, and differ from call to call', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const digits = randomDigits();
      assert.match(digits, /^\d{6}$/);
      seen.add(digits);
    }
    assert.ok(seen.size > 45);
    assert.match(randomDigits(4), /^\d{4}$/);
  });

  it('spokenText reads each digit as a numeral, one word each, twice, and nothing else of the input', () => {
    assert.equal(spokenText('305'), '验证码：三 零 五。再说一遍：三 零 五。');
    assert.doesNotMatch(spokenText('0123456789'), /\d/);
  });

  it('fixWavSizes writes the true RIFF and data sizes over the streaming placeholders', () => {
    const wav = fixWavSizes(streamedWav(22050));
    assert.equal(wav.readUInt32LE(4), wav.length - 8);
    assert.equal(wav.readUInt32LE(40), 44100);
    assert.equal(wavDurationSeconds(wav), 1);
  });

  it('fixWavSizes refuses what is not a WAV', () => {
    assert.throws(() => fixWavSizes(Buffer.from('not a wav file at all, just some text here....')), /not a WAV/);
    assert.throws(() => fixWavSizes(Buffer.alloc(10)), /not a WAV/);
  });
});

describe('speakDigits with a synthesizer that misbehaves: 503 CAPTCHA_AUDIO_UNAVAILABLE, never a hang or a 500', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'captcha-audio-'));
  });
  after(async () => {
    delete process.env.CAPTCHA_AUDIO_ESPEAK;
    await rm(dir, { recursive: true, force: true });
  });

  /** A stand-in for espeak-ng: a shell script given the same arguments and stdin. */
  async function fake(name: string, body: string): Promise<void> {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    process.env.CAPTCHA_AUDIO_ESPEAK = file;
  }

  const unavailable = (error: unknown) => error instanceof AppError && error.code === 'CAPTCHA_AUDIO_UNAVAILABLE' && error.status === 503;

  it('one that hangs is killed after the timeout', async () => {
    await fake('hangs', 'exec sleep 30');
    const started = Date.now();
    await assert.rejects(speakDigits('123456', { timeoutMs: 300 }), unavailable);
    assert.ok(Date.now() - started < 5_000);
  });

  it('one that fails, or writes something that is not a WAV', async () => {
    await fake('fails', 'exit 3');
    await assert.rejects(speakDigits('123456'), unavailable);
    await fake('garbage', 'cat >/dev/null; echo not a wav file, not at all, no header here at all');
    await assert.rejects(speakDigits('123456'), unavailable);
  });

  it('gets the text on stdin and nothing of the answer on its command line', async () => {
    const seen = path.join(dir, 'seen');
    // Writes its arguments and its stdin aside, then a valid empty WAV.
    await fake('records', `echo "$@" > ${seen}.args; cat > ${seen}.stdin; printf 'RIFF\\044\\0\\0\\0WAVEfmt \\020\\0\\0\\0\\1\\0\\1\\0\\042\\126\\0\\0\\104\\254\\0\\0\\2\\0\\020\\0data\\0\\0\\0\\0'`);
    const wav = await speakDigits('305');
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
    assert.doesNotMatch(await readFile(`${seen}.args`, 'utf8'), /三|305/);
    assert.equal((await readFile(`${seen}.stdin`, 'utf8')).trim(), spokenText('305'));
  });

  it('refuses anything but digits before starting anything', async () => {
    await assert.rejects(speakDigits('12a'), /digits only/);
    await assert.rejects(speakDigits(''), /digits only/);
  });
});
