/**
 * E-mail through SMTP (nodemailer) to the development SMTP server, which stores what it
 * receives for /dev/mail; and e-mail verification codes under the SMS codes' rules.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { DEV_MAIL_MAX_BYTES, createDevSmtpServer, readMail } from './dev-smtp.ts';
import { SEND_TIMEOUT_MS, SMTP_TIMEOUTS, smtpMail } from './mail.ts';
import { CODE_LIMITS, CODE_MAX_ATTEMPTS, CODE_RESEND_COOLDOWN_MS, CODE_TTL_MS, EMAIL_CODE_SUBJECT, verificationCodes } from './verification-codes.ts';

const t = testPlatformForFile();
const FROM = '科学技术部政务服务平台 <noreply@most.example.cn>';

let ipCounter = 0;
/** A different client IP per call site, so one test's per-IP limit does not reach the next. */
const ip = () => `10.9.0.${++ipCounter}`;
const email = () => `user.${randomBytes(5).toString('hex')}@example.cn`;
/** Keys of the store carry the address's keyed hash, never the address. */
const key = (address: string) => t.platform.cipher.lookupHash('email', address);
const otherThan = (code: string) => (code === '000000' ? '000001' : '000000');

async function rejects(promise: Promise<unknown>, code: string, status?: number) {
  await assert.rejects(promise, (error: { code?: string; status?: number }) => {
    assert.equal(error.code, code);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

/** Sends a reset-password code by e-mail and reads it back from /dev/mail.json, as a tester would. */
async function sendCode(address = email(), from = ip()) {
  await t.platform.codes.sendEmail('reset-password', address, from);
  return { address, code: await new ApiClient(t.baseUrl).latestEmailCode(address) };
}

/** A TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<{ server: Server; port: number }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('mail through SMTP to the development SMTP server', () => {
  it('arrives in /dev/mail.json with its Chinese subject, sender and body intact', async () => {
    const to = email();
    await t.platform.mail.send({ to, subject: '科学技术部政务服务平台验证码（测试）', text: '您好：\n这是一封测试邮件。' });
    const res = await new ApiClient(t.baseUrl).get(`/dev/mail.json?to=${encodeURIComponent(to)}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.messages.length, 1);
    const [message] = res.body.messages;
    assert.deepEqual(Object.keys(message).sort(), ['from', 'id', 'receivedAt', 'subject', 'text', 'to']);
    assert.equal(message.to, to);
    assert.equal(message.from, FROM);
    assert.equal(message.subject, '科学技术部政务服务平台验证码（测试）');
    assert.equal(message.text, '您好：\n这是一封测试邮件。');
    assert.ok(Math.abs(Date.parse(message.receivedAt) - Date.now()) < 60_000, message.receivedAt);
  });

  it('filters by address whatever its case, newest first', async () => {
    const to = email();
    await t.platform.mail.send({ to, subject: '第一封', text: '1' });
    await t.platform.mail.send({ to: to.toUpperCase(), subject: '第二封', text: '2' });
    await t.platform.mail.send({ to: email(), subject: '别人的', text: '3' });
    const res = await new ApiClient(t.baseUrl).get(`/dev/mail.json?to=${encodeURIComponent(to.toUpperCase())}`);
    assert.deepEqual(res.body.messages.map((m: { subject: string }) => m.subject), ['第二封', '第一封']);
    const all = await new ApiClient(t.baseUrl).get('/dev/mail.json');
    assert.ok(all.body.messages.length >= 3);
  });

  it('/dev/mail shows the mail, escaped, and links to the SMS outbox and back', async () => {
    const to = email();
    await t.platform.mail.send({ to, subject: '<b>主题</b>', text: '正文 & "引号"' });
    const client = new ApiClient(t.baseUrl);
    const page = await client.get(`/dev/mail?to=${encodeURIComponent(to)}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.ok(page.body.includes('&lt;b&gt;主题&lt;/b&gt;'), 'subject escaped');
    assert.ok(page.body.includes('正文 &amp; &quot;引号&quot;'), 'body escaped');
    assert.ok(!page.body.includes('<b>主题'), 'no raw HTML from a message');
    assert.match(page.body, /<a href="outbox">短信发件箱<\/a>/);
    const outbox = await client.get('/dev/outbox');
    assert.match(outbox.body, /<a href="mail">邮件收件箱<\/a>/);
    assert.match((await client.get('/dev/mail?to=nobody@example.cn')).body, /暂无邮件/);
  });

  it(`refuses a message over ${DEV_MAIL_MAX_BYTES} bytes (552) and stores nothing`, async () => {
    const to = email();
    await assert.rejects(t.platform.mail.send({ to, subject: '过大的邮件', text: 'x'.repeat(DEV_MAIL_MAX_BYTES + 1) }), (error: { responseCode?: number }) => {
      assert.equal(error.responseCode, 552);
      return true;
    });
    assert.deepEqual(await readMail(t.db, to), []);
    await t.platform.mail.send({ to, subject: '正常的邮件', text: 'x'.repeat(1000) });
    assert.equal((await readMail(t.db, to)).length, 1, 'the server still takes normal mail');
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it('accepts connections from this machine only', { skip: external ? false : 'no non-loopback IPv4 address here' }, async () => {
    const server = createDevSmtpServer(t.db);
    const port = await server.listen(0, '0.0.0.0');
    try {
      const to = email();
      const remote = smtpMail({ url: `smtp://${external}:${port}`, from: FROM });
      await assert.rejects(remote.send({ to, subject: '外部', text: '外部' }), (error: { responseCode?: number }) => {
        assert.equal(error.responseCode, 554);
        return true;
      });
      await smtpMail({ url: `smtp://127.0.0.1:${port}`, from: FROM }).send({ to, subject: '本机', text: '本机' });
      assert.deepEqual((await readMail(t.db, to)).map((m) => m.subject), ['本机']);
    } finally {
      await server.close();
    }
  });

  it('a silent SMTP server fails the send within the timeouts instead of hanging it', async () => {
    const { server, port } = await silentServer();
    try {
      const started = Date.now();
      await assert.rejects(smtpMail({ url: `smtp://127.0.0.1:${port}`, from: FROM }).send({ to: email(), subject: 's', text: 't' }));
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= SMTP_TIMEOUTS.greetingTimeout - 500 && elapsed < SEND_TIMEOUT_MS, `failed after ${elapsed} ms`);
    } finally {
      server.close();
    }
  });
});

describe('e-mail verification codes', () => {
  it('sends 6 digits valid for 5 minutes by mail, and stores only a digest under the address hash', async () => {
    const { address, code } = await sendCode();
    assert.match(code, /^\d{6}$/);
    const [message] = await readMail(t.db, address);
    assert.equal(message?.subject, EMAIL_CODE_SUBJECT);
    assert.equal(message?.text, `您的验证码为${code}，有效期为5分钟，请勿泄露给他人。`);
    assert.equal(message?.from, FROM);
    const [row] = await t.db.query<{ value: string }>('select value from kv where key = $1', [`emailcode:reset-password:${key(address)}`]);
    assert.ok(row && !row.value.includes(code), 'a digest, not the code');
    const keys = await t.db.query<{ key: string }>('select key from kv');
    assert.ok(keys.every((k) => !k.key.toLowerCase().includes(address.split('@')[0]!)), 'no key holds the address in clear');
    const ttl = await t.platform.kv.ttl(`emailcode:reset-password:${key(address)}`);
    assert.ok(ttl > CODE_TTL_MS - 10_000 && ttl <= CODE_TTL_MS, `ttl ${ttl}`);
  });

  it('a right code is accepted once only, whatever the case of the address', async () => {
    const { address, code } = await sendCode();
    await t.platform.codes.verifyEmail('reset-password', ` ${address.toUpperCase()} `, ` ${code} `);
    await rejects(t.platform.codes.verifyEmail('reset-password', address, code), 'EMAIL_CODE_EXPIRED');
  });

  it('is bound to its purpose', async () => {
    const { address, code } = await sendCode();
    await rejects(t.platform.codes.verifyEmail('register', address, code), 'EMAIL_CODE_EXPIRED');
    await t.platform.codes.verifyEmail('reset-password', address, code);
  });

  it(`wrong codes are counted; after ${CODE_MAX_ATTEMPTS} the code is burned`, async () => {
    const { address, code } = await sendCode();
    await rejects(t.platform.codes.verifyEmail('reset-password', address, otherThan(code)), 'EMAIL_CODE_WRONG');
    await rejects(t.platform.codes.verifyEmail('reset-password', address, undefined), 'EMAIL_CODE_WRONG');
    assert.equal(await t.platform.kv.get(`emailattempts:reset-password:${key(address)}`), '2');
    for (let i = 2; i < CODE_MAX_ATTEMPTS; i++) await rejects(t.platform.codes.verifyEmail('reset-password', address, otherThan(code)), 'EMAIL_CODE_WRONG');
    await rejects(t.platform.codes.verifyEmail('reset-password', address, code), 'EMAIL_CODE_EXPIRED');
  });

  it('an expired code is refused', async () => {
    const { address, code } = await sendCode();
    await t.db.query(`update kv set expires_at = now() - interval '1 second' where key = $1`, [`emailcode:reset-password:${key(address)}`]);
    await rejects(t.platform.codes.verifyEmail('reset-password', address, code), 'EMAIL_CODE_EXPIRED');
  });

  it('an immediate resend is refused (429); after the cooldown a new code replaces the old', async () => {
    const { address, code } = await sendCode();
    const cooldown = await t.platform.kv.ttl(`emailcooldown:${key(address)}`);
    assert.ok(cooldown > CODE_RESEND_COOLDOWN_MS - 10_000 && cooldown <= CODE_RESEND_COOLDOWN_MS, `cooldown ${cooldown}`);
    await rejects(t.platform.codes.sendEmail('reset-password', address, ip()), 'RATE_LIMITED', 429);
    await rejects(t.platform.codes.sendEmail('profile', address, ip()), 'RATE_LIMITED', 429);
    assert.equal((await readMail(t.db, address)).length, 1, 'no second mail');

    await t.platform.kv.delete(`emailcooldown:${key(address)}`);
    const second = await sendCode(address);
    if (second.code !== code) await rejects(t.platform.codes.verifyEmail('reset-password', address, code), 'EMAIL_CODE_WRONG');
    await t.platform.codes.verifyEmail('reset-password', address, second.code);
  });

  it(`at most ${CODE_LIMITS.perAddressPerDay.max} codes a day to one address`, async () => {
    const address = email();
    for (let i = 0; i < CODE_LIMITS.perAddressPerDay.max; i++) {
      await t.platform.codes.sendEmail('reset-password', address, ip());
      await t.platform.kv.delete(`emailcooldown:${key(address)}`);
    }
    await rejects(t.platform.codes.sendEmail('reset-password', address, ip()), 'RATE_LIMITED', 429);
    assert.equal((await readMail(t.db, address)).length, CODE_LIMITS.perAddressPerDay.max);
  });

  it(`at most ${CODE_LIMITS.perIpPerHour.max} codes an hour from one IP`, async () => {
    const from = ip();
    for (let i = 0; i < CODE_LIMITS.perIpPerHour.max; i++) await t.platform.codes.sendEmail('reset-password', email(), from);
    const address = email();
    await rejects(t.platform.codes.sendEmail('reset-password', address, from), 'RATE_LIMITED', 429);
    assert.deepEqual(await readMail(t.db, address), [], 'no mail once limited');
  });

  it('an unreachable SMTP server gives EMAIL_SEND_FAILED, and the send can be retried at once', async () => {
    const { server, port } = await silentServer();
    await new Promise((resolve) => server.close(resolve)); // nothing listens on the port any more
    const down = smtpMail({ url: `smtp://127.0.0.1:${port}`, from: FROM });
    const codes = verificationCodes(t.platform.kv, { sms: t.platform.sms, mail: down }, (kind, value) => t.platform.cipher.lookupHash(kind, value));
    const address = email();
    await rejects(codes.sendEmail('reset-password', address, ip()), 'EMAIL_SEND_FAILED', 502);
    assert.equal(await t.platform.kv.get(`emailcooldown:${key(address)}`), undefined);
    assert.equal(await t.platform.kv.get(`emailcode:reset-password:${key(address)}`), undefined, 'no code nobody received');
    await sendCode(address);
  });
});
