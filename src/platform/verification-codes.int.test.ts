/**
 * SMS verification codes on the real key-value store: 6 digits, valid 5 minutes, single
 * use, a few wrong tries, a resend cooldown and per-phone / per-IP limits.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mobile } from '../../test/support/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import type { Platform } from './platform.ts';
import { SMS_CODE_MAX_ATTEMPTS, SMS_CODE_TTL_MS, SMS_LIMITS, SMS_RESEND_COOLDOWN_MS } from './verification-codes.ts';

let t: TestPlatform;
let platform: Platform;
let ipCounter = 0;

before(async () => {
  t = await startTestPlatform();
  platform = t.platform;
});
after(async () => {
  await t?.close();
});
beforeEach(() => {
  ipCounter++;
});

/** Keys of the store carry the phone's keyed hash, never the number. */
const key = (phone: string) => platform.cipher.lookupHash('mobile', phone);

/** A different client IP per test, so per-IP limits of one test do not reach the next. */
const ip = () => `10.0.0.${ipCounter}`;

async function latestCode(phone: string): Promise<{ code: string; text: string }> {
  const [row] = await platform.db.query<{ text: string }>('select text from sms_outbox where phone = $1 order by id desc limit 1', [phone]);
  assert.ok(row, `an SMS to ${phone}`);
  const match = row.text.match(/(\d{6})/);
  assert.ok(match, row.text);
  return { code: match[1]!, text: row.text };
}

async function send(phone = mobile()) {
  await platform.codes.send('register', phone, ip());
  return { phone, ...(await latestCode(phone)) };
}

async function rejects(promise: Promise<unknown>, code: string, status?: number) {
  await assert.rejects(promise, (error: { code?: string; status?: number }) => {
    assert.equal(error.code, code);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

const otherThan = (code: string) => (code === '000000' ? '000001' : '000000');

describe('SMS verification codes', () => {
  it('sends 6 digits valid for 5 minutes, and stores only a digest of them', async () => {
    const { phone, code, text } = await send();
    assert.match(code, /^\d{6}$/);
    assert.match(text, /有效期为5分钟/);
    const [row] = await platform.db.query<{ value: string }>('select value from kv where key = $1', [`smscode:register:${key(phone)}`]);
    assert.ok(row);
    assert.ok(!row.value.includes(code), 'the code itself is not stored');
    const keys = await platform.db.query<{ key: string }>('select key from kv');
    assert.ok(keys.every((k) => !k.key.includes(phone)), 'no key holds the phone number in clear');
    const ttl = await platform.kv.ttl(`smscode:register:${key(phone)}`);
    assert.ok(ttl > SMS_CODE_TTL_MS - 10_000 && ttl <= SMS_CODE_TTL_MS, `ttl ${ttl}`);
  });

  it('a right code is accepted once only', async () => {
    const { phone, code } = await send();
    await platform.codes.verify('register', phone, code);
    await rejects(platform.codes.verify('register', phone, code), 'SMS_CODE_EXPIRED');
  });

  it('accepts the code with surrounding spaces', async () => {
    const { phone, code } = await send();
    await platform.codes.verify('register', phone, ` ${code} `);
  });

  it('a wrong code is refused and the right one still works afterwards', async () => {
    const { phone, code } = await send();
    await rejects(platform.codes.verify('register', phone, otherThan(code)), 'SMS_CODE_WRONG');
    await rejects(platform.codes.verify('register', phone, undefined), 'SMS_CODE_WRONG');
    await platform.codes.verify('register', phone, code);
  });

  it(`after ${SMS_CODE_MAX_ATTEMPTS} wrong tries the code is dead`, async () => {
    const { phone, code } = await send();
    for (let i = 0; i < SMS_CODE_MAX_ATTEMPTS; i++) await rejects(platform.codes.verify('register', phone, otherThan(code)), 'SMS_CODE_WRONG');
    await rejects(platform.codes.verify('register', phone, code), 'SMS_CODE_EXPIRED');
  });

  it('wrong tries do not extend the code life', async () => {
    const { phone, code } = await send();
    await platform.db.query(`update kv set expires_at = now() + interval '2 seconds' where key = $1`, [`smscode:register:${key(phone)}`]);
    await rejects(platform.codes.verify('register', phone, otherThan(code)), 'SMS_CODE_WRONG');
    const ttl = await platform.kv.ttl(`smscode:register:${key(phone)}`);
    assert.ok(ttl > 0 && ttl <= 2_000, `ttl ${ttl}`);
  });

  it(`${SMS_CODE_MAX_ATTEMPTS * 4} wrong guesses sent at once still kill the code`, async () => {
    const { phone, code } = await send();
    const guesses = Array.from({ length: SMS_CODE_MAX_ATTEMPTS * 4 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    await Promise.allSettled(guesses.map((guess) => platform.codes.verify('register', phone, guess)));
    await rejects(platform.codes.verify('register', phone, code), 'SMS_CODE_EXPIRED');
  });

  it('two requests racing with the right code: only one succeeds', async () => {
    const { phone, code } = await send();
    const results = await Promise.allSettled([1, 2, 3].map(() => platform.codes.verify('register', phone, code)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  it('an expired code is refused', async () => {
    const { phone, code } = await send();
    await platform.db.query(`update kv set expires_at = now() - interval '1 second' where key = $1`, [`smscode:register:${key(phone)}`]);
    await rejects(platform.codes.verify('register', phone, code), 'SMS_CODE_EXPIRED');
  });

  it('a code is bound to its phone and its purpose', async () => {
    const { phone, code } = await send();
    await rejects(platform.codes.verify('register', mobile(), code), 'SMS_CODE_EXPIRED');
    await rejects(platform.codes.verify('reset-password', phone, code), 'SMS_CODE_EXPIRED');
    await platform.codes.verify('register', phone, code);
  });

  it('a second code within 60 seconds is refused (SMS_TOO_FREQUENT); after the cooldown a new code replaces the old', async () => {
    const { phone, code } = await send();
    const cooldown = await platform.kv.ttl(`smscooldown:${key(phone)}`);
    assert.ok(cooldown > SMS_RESEND_COOLDOWN_MS - 10_000 && cooldown <= SMS_RESEND_COOLDOWN_MS, `cooldown ${cooldown}`);
    await rejects(platform.codes.send('register', phone, ip()), 'SMS_TOO_FREQUENT', 429);
    // The cooldown holds for every purpose of the phone.
    await rejects(platform.codes.send('reset-password', phone, ip()), 'SMS_TOO_FREQUENT', 429);

    await platform.db.query(`update kv set expires_at = now() - interval '1 second' where key = $1`, [`smscooldown:${key(phone)}`]);
    const second = await send(phone);
    if (second.code !== code) await rejects(platform.codes.verify('register', phone, code), 'SMS_CODE_WRONG');
    await platform.codes.verify('register', phone, second.code);
  });

  it(`at most ${SMS_LIMITS.perPhonePerDay.max} codes a day to one phone`, async () => {
    const phone = mobile();
    for (let i = 0; i < SMS_LIMITS.perPhonePerDay.max; i++) {
      await platform.codes.send('register', phone, `10.1.${ipCounter}.${i}`);
      await platform.kv.delete(`smscooldown:${key(phone)}`);
    }
    await rejects(platform.codes.send('register', phone, ip()), 'RATE_LIMITED', 429);
  });

  it(`at most ${SMS_LIMITS.perIpPerHour.max} codes an hour from one IP`, async () => {
    for (let i = 0; i < SMS_LIMITS.perIpPerHour.max; i++) await platform.codes.send('register', mobile(), ip());
    const phone = mobile();
    await rejects(platform.codes.send('register', phone, ip()), 'RATE_LIMITED', 429);
    const sent = await platform.db.query('select 1 from sms_outbox where phone = $1', [phone]);
    assert.equal(sent.length, 0, 'no SMS sent once limited');
  });
});
