/**
 * 登录名重置密码 through the HTTP API: search behind a captcha shows only the masked
 * reserved phone; the code goes only to the reserved phone; wrong phone, wrong
 * organisation, wrong / expired / reused codes are refused; the new password works and
 * every open session ends; limits hold.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAccount } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { mobile, uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';

const t = testPlatformForFile();
const NEW_PASSWORD = 'N3w-Secret!2026';

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'sms%'`);
});

async function search(client: ApiClient, loginName: string) {
  return client.post('/api/recovery/reset/search', { loginName, ...(await client.captcha()) });
}

/** A fresh account and a recovery client that has found it (检索用户 done). */
async function found(kind: 'natural' | 'legal' = 'natural') {
  const account = await registerAccount(t.baseUrl, kind, { loginName: uniqueLoginName('rs') });
  const phone = kind === 'natural' ? account.body.mobile : account.body.primaryAgent.mobile;
  // Registration just sent this phone a code; the per-phone resend cooldown is not what these tests are about.
  await t.db.query(`delete from kv where key like 'smscooldown:%'`);
  const client = new ApiClient(t.baseUrl);
  const res = await search(client, account.body.loginName);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { account, client, phone: phone as string, ticket: res.body.ticket as string, searched: res.body };
}

async function codeFor(client: ApiClient, ticket: string, phone: string) {
  const sent = await client.post('/api/recovery/reset/code', { ticket, method: 'phone', confirm: phone });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  return client.latestSmsCode(phone);
}

const completion = (ticket: string, phone: string, code: string, extra: Record<string, unknown> = {}) => ({
  ticket,
  method: 'phone',
  confirm: phone,
  reason: 'forgotten',
  password: NEW_PASSWORD,
  passwordConfirm: NEW_PASSWORD,
  code,
  ...extra,
});

describe('登录名重置密码', () => {
  it('a natural person resets with the reserved phone; the new password logs in, the old one and open sessions do not', async () => {
    const { account, client, phone, ticket, searched } = await found();
    assert.equal(searched.maskedMobile, `${phone.slice(0, 2)}*****${phone.slice(-3)}`);
    assert.equal(searched.kind, 'natural');
    assert.ok(!JSON.stringify(searched).includes(phone), 'the full phone is never shown');
    const session = new ApiClient(t.baseUrl);
    assert.equal((await session.login('natural', account.body.loginName, account.body.password)).status, 200);

    const code = await codeFor(client, ticket, phone);
    const done = await client.post('/api/recovery/reset/complete', completion(ticket, phone, code));
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.loginName, account.body.loginName);

    assertError(await session.get('/api/me'), 401, 'NOT_LOGGED_IN');
    assertError(await new ApiClient(t.baseUrl).login('natural', account.body.loginName, account.body.password), 401, 'LOGIN_FAILED');
    const login = await new ApiClient(t.baseUrl).login('natural', account.body.loginName, NEW_PASSWORD);
    assert.equal(login.status, 200);
    assert.equal(login.body.passwordChangeReason, null);
  });

  it('a completed reset replayed (a second click, the back button) says it is done, not that it timed out (issue 14.16)', async () => {
    const { client, phone, ticket } = await found();
    const code = await codeFor(client, ticket, phone);
    assert.equal((await client.post('/api/recovery/reset/complete', completion(ticket, phone, code))).status, 200);
    const replay = await client.post('/api/recovery/reset/complete', completion(ticket, phone, code));
    assertError(replay, 409, 'RESET_ALREADY_COMPLETED');
    assert.equal(replay.body.message, '密码已重置成功，请使用新密码登录');
    assertError(await client.post('/api/recovery/reset/code', { ticket, method: 'phone', confirm: phone }), 409, 'RESET_ALREADY_COMPLETED');
  });

  it('the search needs the captcha, and an unknown login name says so only behind it', async () => {
    const client = new ApiClient(t.baseUrl);
    assertError(await client.post('/api/recovery/reset/search', { loginName: 'whoever', captchaId: (await client.captcha()).captchaId, captcha: 'zzzz' }), 400, 'CAPTCHA_WRONG');
    const missing = await search(client, uniqueLoginName('nobody'));
    assertError(missing, 404, 'LOGIN_NAME_NOT_FOUND');
    assert.match(missing.body.message, /申诉找回密码/);
  });

  it('an account with no reserved phone is told to appeal', async () => {
    const account = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('nophone') });
    await t.db.query(`update identities set mobile_enc = null, mobile_hash = null where account_id = $1`, [account.accountId]);
    // platform-faq.md 五.2(3): the appeal that fits the account, not both.
    const res = await search(new ApiClient(t.baseUrl), account.body.loginName);
    assertError(res, 409, 'NO_RESERVED_PHONE_NATURAL');
    assert.match(res.body.message, /自然人申诉找回密码/);
    assert.doesNotMatch(res.body.message, /单位法人/);
  });

  it('a wrong reserved phone is refused and no code is sent; five wrong tries burn the ticket', async () => {
    const { client, phone, ticket } = await found();
    const other = mobile();
    assertError(await client.post('/api/recovery/reset/code', { ticket, method: 'phone', confirm: other }), 400, 'RESERVED_PHONE_MISMATCH');
    const outbox = await client.get(`/dev/outbox.json?phone=${other}`);
    assert.equal(outbox.body.messages.length, 0);
    for (let i = 0; i < 4; i++) await client.post('/api/recovery/reset/code', { ticket, method: 'phone', confirm: other });
    assertError(await client.post('/api/recovery/reset/code', { ticket, method: 'phone', confirm: phone }), 410, 'RESET_TICKET_EXPIRED');
  });

  it('wrong, expired and reused codes are refused', async () => {
    const { account, client, phone, ticket } = await found();
    const code = await codeFor(client, ticket, phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    assertError(await client.post('/api/recovery/reset/complete', completion(ticket, phone, wrong)), 400, 'SMS_CODE_WRONG');
    assert.equal((await client.post('/api/recovery/reset/complete', completion(ticket, phone, code))).status, 200);

    // Reused: a new search, the old code.
    const again = (await search(client, account.body.loginName)).body.ticket;
    assertError(await client.post('/api/recovery/reset/complete', completion(again, phone, code, { password: 'An0ther!Pass', passwordConfirm: 'An0ther!Pass' })), 400, 'SMS_CODE_EXPIRED');

    // Expired: five minutes pass.
    await t.db.query(`delete from kv where key like 'smscooldown:%'`);
    const late = await codeFor(client, again, phone);
    await t.db.query(`update kv set expires_at = now() - interval '1 second' where key like 'smscode:reset-password:%'`);
    assertError(await client.post('/api/recovery/reset/complete', completion(again, phone, late, { password: 'An0ther!Pass', passwordConfirm: 'An0ther!Pass' })), 400, 'SMS_CODE_EXPIRED');
  });

  it('bad input changes nothing: weak password, mismatch, no reason', async () => {
    const { account, client, phone, ticket } = await found();
    const code = await codeFor(client, ticket, phone);
    const bad = await client.post('/api/recovery/reset/complete', completion(ticket, phone, code, { password: 'short', passwordConfirm: 'other', reason: '' }));
    assertError(bad, 400, 'VALIDATION_FAILED');
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    assert.deepEqual(fields, ['password', 'passwordConfirm', 'reason']);
    assert.equal((await new ApiClient(t.baseUrl).login('natural', account.body.loginName, account.body.password)).status, 200);
  });

  it('a legal person must also give the organisation name and credit code, which must match', async () => {
    const { account, client, phone, ticket, searched } = await found('legal');
    assert.equal(searched.kind, 'legal');
    const code = await codeFor(client, ticket, phone);
    const org = account.body.organization;
    assertError(await client.post('/api/recovery/reset/complete', completion(ticket, phone, code, { organizationName: '别的单位', creditCode: org.code })), 400, 'ORGANIZATION_MISMATCH');
    assertError(await client.post('/api/recovery/reset/complete', completion(ticket, phone, code, { organizationName: org.name, creditCode: '91110000000000000X' })), 400, 'ORGANIZATION_MISMATCH');
    const done = await client.post('/api/recovery/reset/complete', completion(ticket, phone, code, { organizationName: org.name, creditCode: org.code.toLowerCase() }));
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal((await new ApiClient(t.baseUrl).login('legal', account.body.loginName, NEW_PASSWORD)).status, 200);
  });

  it('searches are limited per login name and per IP', async () => {
    const { account, client } = await found();
    let last = await search(client, account.body.loginName);
    for (let i = 0; i < 10 && last.status === 200; i++) last = await search(client, account.body.loginName);
    assertError(last, 429, 'RATE_LIMITED');
  });

  it('by e-mail: the code goes to the reserved e-mail; an account without one must use the phone', async () => {
    const { account, client, ticket, searched } = await found();
    assert.equal(searched.maskedEmail, null);
    assertError(await client.post('/api/recovery/reset/code', { ticket, method: 'email', confirm: 'me@example.cn' }), 400, 'NO_RESERVED_EMAIL');

    const user = new ApiClient(t.baseUrl);
    await user.login('natural', account.body.loginName, account.body.password);
    const view = (await user.get('/api/me/profile')).body.naturalPerson;
    assert.equal((await user.put('/api/me/profile/natural-person', { ...view, email: 'Reset.Me@example.cn' })).status, 200);

    const again = await search(client, account.body.loginName);
    assert.equal(again.body.maskedEmail, 'R******e@example.cn');
    const emailTicket = again.body.ticket;
    assertError(await client.post('/api/recovery/reset/code', { ticket: emailTicket, method: 'email', confirm: 'other@example.cn' }), 400, 'RESERVED_EMAIL_MISMATCH');
    assert.equal((await client.post('/api/recovery/reset/code', { ticket: emailTicket, method: 'email', confirm: 'reset.me@example.cn' })).status, 200);
    const code = await client.latestEmailCode('reset.me@example.cn');
    const done = await client.post('/api/recovery/reset/complete', { ...completion(emailTicket, '', code), method: 'email', confirm: 'reset.me@example.cn' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal((await new ApiClient(t.baseUrl).login('natural', account.body.loginName, NEW_PASSWORD)).status, 200);
  });

  it('a stale or invented ticket gets nowhere', async () => {
    const client = new ApiClient(t.baseUrl);
    assertError(await client.post('/api/recovery/reset/code', { ticket: 'x'.repeat(32), method: 'phone', confirm: mobile() }), 410, 'RESET_TICKET_EXPIRED');
  });
});
