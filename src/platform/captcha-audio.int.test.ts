/**
 * 语音验证码 (POST /api/captcha/:id/audio): the spoken alternative to the image captcha. Its
 * answer replaces the image's under the same id, so the login verifies it unchanged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from '../../test/support/client.ts';
import { naturalRegistration, uniqueLoginName } from '../../test/support/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { wavDurationSeconds } from './captcha-audio.ts';

type Body = Record<string, any>;

describe('audio captcha', () => {
  let t: TestPlatform;
  let client: ApiClient;
  let person: Body;

  before(async () => {
    t = await startTestPlatform();
    client = new ApiClient(t.baseUrl);
    person = naturalRegistration({ loginName: uniqueLoginName('audio') }) as Body;
    const smsCode = await client.smsCode(person.mobile);
    assert.equal((await client.post('/api/register/natural', { ...person, smsCode })).status, 201);
  });
  after(async () => {
    await t?.close();
  });

  /** The audio request as the portal sends it: POST with the CSRF header, the answer read as bytes. */
  async function audio(id: string, headers: Record<string, string> = {}) {
    if (!client.cookies.has('csrf_token')) await client.get('/api/csrf');
    const response = await fetch(`${t.baseUrl}/api/captcha/${encodeURIComponent(id)}/audio`, {
      method: 'POST',
      headers: { cookie: `csrf_token=${client.cookies.get('csrf_token')}`, 'x-csrf-token': client.cookies.get('csrf_token') ?? '', ...headers },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(bytes.toString('utf8')) : undefined;
    return { status: response.status, headers: response.headers, bytes, json };
  }

  const newCaptcha = async () => (await client.get<{ id: string }>('/api/captcha')).body.id;
  const answerOf = async (id: string) => (await client.get<{ answer?: string }>(`/dev/captcha/${id}`)).body.answer;
  const login = (captchaId: string, captcha: string) =>
    new ApiClient(t.baseUrl).post('/api/login', { kind: 'natural', loginName: person.loginName, password: person.password, captchaId, captcha });

  it('answers a WAV of more than a second of speech, not cached, and the answer becomes six digits', async () => {
    const id = await newCaptcha();
    const imageAnswer = await answerOf(id);
    const res = await audio(id);
    assert.equal(res.status, 200, res.bytes.toString('utf8', 0, 200));
    assert.equal(res.headers.get('content-type'), 'audio/wav');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(res.bytes.toString('ascii', 8, 12), 'WAVE');
    assert.equal(res.bytes.readUInt32LE(4), res.bytes.length - 8, 'the RIFF size is the real one');
    const seconds = wavDurationSeconds(res.bytes);
    assert.ok(seconds > 1 && seconds < 30, `speech of ${seconds} s`);
    // Not silence: some samples are loud.
    let loud = 0;
    for (let i = 44; i + 1 < res.bytes.length; i += 2) if (Math.abs(res.bytes.readInt16LE(i)) > 3000) loud++;
    assert.ok(loud > 1000, `${loud} loud samples`);
    const spoken = await answerOf(id);
    assert.match(spoken ?? '', /^\d{6}$/);
    assert.notEqual(spoken, imageAnswer);
  });

  it('the spoken answer logs in once; the image answer no longer does', async () => {
    const id = await newCaptcha();
    const imageAnswer = (await answerOf(id))!;
    assert.equal((await audio(id)).status, 200);
    const spoken = (await answerOf(id))!;
    const wrong = await login(id, imageAnswer);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'CAPTCHA_WRONG');
    // The wrong try spent it: the spoken answer is gone too (single use, right or wrong).
    assert.equal((await login(id, spoken)).body.code, 'CAPTCHA_WRONG');

    const second = await newCaptcha();
    assert.equal((await audio(second)).status, 200);
    const answer = (await answerOf(second))!;
    assert.equal((await login(second, answer)).status, 200);
    assert.equal((await login(second, answer)).body.code, 'CAPTCHA_WRONG', 'used once only');
    // A spent captcha has no audio either.
    const spent = await audio(second);
    assert.equal(spent.status, 404);
    assert.equal(spent.json.code, 'CAPTCHA_EXPIRED');
    assert.equal(spent.json.message, '验证码已失效，请换一张');
  });

  it('asking again speaks new digits and the earlier spoken answer stops working', async () => {
    const id = await newCaptcha();
    await audio(id);
    const first = await answerOf(id);
    await audio(id);
    const second = await answerOf(id);
    assert.match(second ?? '', /^\d{6}$/);
    assert.notEqual(first, second, 'fresh digits (a one-in-a-million repeat would fail here)');
  });

  it('the spoken answer lives five minutes again from the request', async () => {
    const id = await newCaptcha();
    await t.platform.kv.set(`captcha:${id}`, 'abcd', 1_000);
    assert.equal((await audio(id)).status, 200);
    const ttl = await t.platform.kv.ttl(`captcha:${id}`);
    assert.ok(ttl > 4 * 60_000 && ttl <= 5 * 60_000, `ttl ${ttl}`);
  });

  it('unknown, expired and malformed ids change nothing: 404 CAPTCHA_EXPIRED or 400, never 500', async () => {
    const unknown = await audio('00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.code, 'CAPTCHA_EXPIRED');
    assert.equal(await answerOf('00000000-0000-4000-8000-000000000000'), undefined, 'no answer was created');
    for (const bad of ['not a captcha', 'g'.repeat(90), '\u0000abc', '../captcha', '<script>']) {
      const res = await audio(bad);
      assert.equal(res.status, 400, `${JSON.stringify(bad)}: ${res.status}`);
      assert.equal(res.json.code, 'VALIDATION_FAILED');
      assert.equal(res.json.fields[0].message, '验证码已失效，请换一张');
    }
  });

  it('needs the CSRF header like every POST', async () => {
    const id = await newCaptcha();
    const before = await answerOf(id);
    const res = await fetch(`${t.baseUrl}/api/captcha/${id}/audio`, { method: 'POST' });
    assert.equal(res.status, 403);
    assert.equal(await answerOf(id), before, 'the answer is unchanged');
  });

  it('more than 20 audio captchas a minute from one IP are refused (429 RATE_LIMITED), and they count as captchas', async () => {
    const id = await newCaptcha();
    await t.platform.kv.set('rl:captcha-audio:127.0.0.1', '20', 60_000);
    const before = await answerOf(id);
    const limited = await audio(id);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.code, 'RATE_LIMITED');
    assert.equal(await answerOf(id), before, 'a refused request changes nothing');
    await t.platform.kv.delete('rl:captcha-audio:127.0.0.1');

    await t.platform.kv.set('rl:captcha:127.0.0.1', '120', 60_000);
    assert.equal((await audio(id)).status, 429, 'the image captchas limit covers audio too');
    await t.platform.kv.delete('rl:captcha:127.0.0.1');
    assert.equal((await audio(id)).status, 200);
  });

  it('without espeak-ng: 503 CAPTCHA_AUDIO_UNAVAILABLE with a Chinese message, and the image answer still works', async () => {
    const id = await newCaptcha();
    const imageAnswer = (await answerOf(id))!;
    process.env.CAPTCHA_AUDIO_ESPEAK = '/nonexistent/espeak-ng';
    try {
      const res = await audio(id);
      assert.equal(res.status, 503);
      assert.equal(res.json.code, 'CAPTCHA_AUDIO_UNAVAILABLE');
      assert.equal(res.json.message, '语音验证码暂时无法使用，请稍后再试');
    } finally {
      delete process.env.CAPTCHA_AUDIO_ESPEAK;
    }
    assert.equal(await answerOf(id), imageAnswer, 'the image answer is kept');
    assert.equal((await login(id, imageAnswer)).status, 200);
  });
});
