/**
 * 自然人申诉找回密码 and 单位法人用户申诉找回密码 through the HTTP API, with the reviewer's
 * decision in the back office: the one-time password arrives by SMS and must be changed at
 * the next login; mismatches, foreign uploads and per-document limits are refused.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAccount, type Body } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { mobile, residentId, uniqueLoginName } from '../../test/support/fixtures.ts';
import { JPEG_1X1, PNG_1X1, TEXT_NAMED_PNG } from '../../test/support/images.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'sms%'`);
});

async function uploadScans(client: ApiClient) {
  const front = await client.putBytes('/api/recovery/appeal-files', JPEG_1X1, 'image/jpeg');
  const back = await client.putBytes('/api/recovery/appeal-files', PNG_1X1, 'image/png');
  assert.equal(front.status, 200, JSON.stringify(front.body));
  return { frontUploadId: front.body.uploadId as string, backUploadId: back.body.uploadId as string };
}

async function naturalAppeal(client: ApiClient, person: Body, overrides: Body = {}) {
  const phone = (overrides.mobile as string) ?? mobile();
  await t.db.query(`delete from kv where key like 'smscooldown:%'`);
  const smsCode = await client.smsCode(phone, 'appeal');
  return client.post('/api/recovery/appeals/natural', {
    name: person.name,
    region: 'mainland',
    documentType: 'resident_id',
    documentNumber: person.documentNumber,
    mobile: phone,
    smsCode,
    ...(await uploadScans(client)),
    ...overrides,
  });
}

async function lastSms(phone: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/dev/outbox.json?phone=${phone}`);
  return ((await res.json()) as { messages: { text: string }[] }).messages[0]?.text ?? '';
}

function oneTimePasswordIn(text: string): string {
  const match = /临时密码：(\S+?)。/.exec(text);
  assert.ok(match, text);
  return match[1] as string;
}

describe('自然人申诉找回密码', () => {
  it('approved: the SMS carries the login name and a one-time password that must be changed at once', async () => {
    const account = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('ap') });
    const appellant = new ApiClient(t.baseUrl);
    const phone = mobile();
    const submitted = await naturalAppeal(appellant, account.body, { mobile: phone });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    assert.match(submitted.body.notice, /1-2个工作日/);

    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const queue = await reviewer.get('/api/admin/appeals?kind=natural');
    assert.ok(queue.body.appeals.some((a: { id: string }) => a.id === submitted.body.appealId));
    const detail = await reviewer.get(`/api/admin/appeals/${submitted.body.appealId}`);
    assert.equal(detail.body.data.person.documentNumber, account.body.documentNumber);
    assert.equal(detail.body.data.person.mobile, `${phone.slice(0, 2)}*****${phone.slice(-3)}`);
    assert.deepEqual(detail.body.candidates.map((c: { loginName: string }) => c.loginName), [account.body.loginName]);
    const image = await reviewer.getBytes(`/api/admin/appeals/${submitted.body.appealId}/files/${detail.body.files[0].uploadId}`);
    assert.deepEqual(image.bytes, JPEG_1X1);

    const approved = await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const sms = await lastSms(phone);
    assert.match(sms, new RegExp(`登录名：${account.body.loginName}`));
    const temporary = oneTimePasswordIn(sms);

    assertError(await new ApiClient(t.baseUrl).login('natural', account.body.loginName, account.body.password), 401, 'LOGIN_FAILED');
    const user = new ApiClient(t.baseUrl);
    const login = await user.login('natural', account.body.loginName, temporary);
    assert.equal(login.status, 200);
    assert.equal(login.body.passwordChangeReason, 'one_time');
    assertError(await user.get('/api/me/profile'), 403, 'PASSWORD_CHANGE_REQUIRED');
    const changed = await user.post('/api/me/password', { oldPassword: temporary, password: 'Mine-Again!2026', passwordConfirm: 'Mine-Again!2026' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await user.get('/api/me/profile')).status, 200);
    assertError(await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/reject`, { reason: '迟到' }), 409, 'REVIEW_NOT_OPEN');
    assert.equal((await reviewer.get(`/api/admin/appeals/${submitted.body.appealId}`)).body.resolvedLoginName, account.body.loginName);
  });

  it('rejected: an SMS with the reason, and the password is untouched', async () => {
    const account = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('rj') });
    const phone = mobile();
    const submitted = await naturalAppeal(new ApiClient(t.baseUrl), account.body, { mobile: phone });
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assert.equal((await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/reject`, { reason: '证件照片不清晰' })).status, 200);
    assert.match(await lastSms(phone), /^【科学技术部政务服务平台】您的申诉找回密码审核未通过，原因：证件照片不清晰。$/);
    assert.equal((await new ApiClient(t.baseUrl).login('natural', account.body.loginName, account.body.password)).status, 200);
  });

  it('a disabled account is not recovered', async () => {
    const account = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('off') });
    await t.db.query('update accounts set disabled = true where id = $1', [account.accountId]);
    const submitted = await naturalAppeal(new ApiClient(t.baseUrl), account.body);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/approve`, {}), 409, 'ACCOUNT_DISABLED');
  });

  it('a document no account holds can only be rejected (the person registers anew)', async () => {
    const submitted = await naturalAppeal(new ApiClient(t.baseUrl), { name: '无账号', documentNumber: residentId('19700101') });
    assert.equal(submitted.status, 201, 'the appellant is not told whether an account exists');
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/approve`, {}), 409, 'NO_ACCOUNT_FOR_DOCUMENT');
  });

  it('platform-faq.md 五.2: rejecting an appeal no account matches sends the platform\'s words, to register anew, not the reviewer\'s', async () => {
    const phone = mobile();
    const submitted = await naturalAppeal(new ApiClient(t.baseUrl), { name: '无账号', documentNumber: residentId('19710101') }, { mobile: phone });
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assert.equal((await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/reject`, { reason: '随便写的原因。' })).status, 200);
    const sms = await lastSms(phone);
    assert.match(sms, /^【科学技术部政务服务平台】您的申诉找回密码审核未通过：政务服务平台没有找到与您的证件匹配的账号.*请重新注册/);
    assert.doesNotMatch(sms, /随便写的原因/);
  });

  it('one open appeal per document, and at most three a day', async () => {
    const person = { name: '频繁', documentNumber: residentId('19810101') };
    const client = new ApiClient(t.baseUrl);
    const first = await naturalAppeal(client, person);
    assert.equal(first.status, 201);
    assertError(await naturalAppeal(client, person), 409, 'APPEAL_PENDING');
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    await reviewer.post(`/api/admin/appeals/${first.body.appealId}/reject`, { reason: '材料不全' });
    const second = await naturalAppeal(client, person);
    await reviewer.post(`/api/admin/appeals/${second.body.appealId}/reject`, { reason: '材料不全' });
    const third = await naturalAppeal(client, person);
    await reviewer.post(`/api/admin/appeals/${third.body.appealId}/reject`, { reason: '材料不全' });
    assertError(await naturalAppeal(client, person), 429, 'APPEAL_DAILY_LIMIT');
  });

  it('bad input: a wrong SMS code, a text file as a scan, scans uploaded by another browser, a bad document number', async () => {
    const client = new ApiClient(t.baseUrl);
    const person = { name: '输入错误', documentNumber: residentId('19820202') };
    assertError(await naturalAppeal(client, person, { smsCode: '000000' }), 400, 'SMS_CODE_WRONG');
    assertError(await client.putBytes('/api/recovery/appeal-files', TEXT_NAMED_PNG, 'image/png'), 400, 'FILE_TYPE_INVALID');
    const stranger = new ApiClient(t.baseUrl);
    const theirs = await uploadScans(stranger);
    assertError(await naturalAppeal(client, person, theirs), 400, 'APPEAL_FILE_MISSING');
    const bad = await naturalAppeal(client, { ...person, documentNumber: '110105199001010000' });
    assertError(bad, 400, 'VALIDATION_FAILED');
    assert.equal(bad.body.fields[0].field, 'documentNumber');
  });
});

describe('单位法人用户申诉找回密码', () => {
  async function legalAppeal(client: ApiClient, organizationName: string, overrides: Body = {}) {
    const captcha = await client.captcha();
    const searched = await client.post('/api/recovery/appeals/legal/search', { organizationName, ...captcha });
    if (searched.status !== 200) return Object.assign(searched, { agentPhone: '' });
    const agentPhone = mobile();
    await t.db.query(`delete from kv where key like 'smscooldown:%'`);
    const smsCode = await client.smsCode(agentPhone, 'appeal');
    const res = await client.post('/api/recovery/appeals/legal', {
      ticket: searched.body.ticket,
      legalPersonType: 'enterprise',
      creditCode: '',
      agent: { name: '新代办人', region: 'mainland', documentType: 'resident_id', documentNumber: residentId('19900909'), mobile: agentPhone },
      email: 'agent@example.cn',
      reason: 'forgotten',
      smsCode,
      ...(await uploadScans(client)),
      ...overrides,
    });
    return Object.assign(res, { agentPhone });
  }

  it('an unknown organisation name is not found; the search needs the captcha', async () => {
    const client = new ApiClient(t.baseUrl);
    assertError(await legalAppeal(client, '不存在的单位有限公司'), 404, 'ORGANIZATION_NOT_FOUND');
    assertError(await client.post('/api/recovery/appeals/legal/search', { organizationName: 'x', captchaId: (await client.captcha()).captchaId, captcha: 'nope' }), 400, 'CAPTCHA_WRONG');
    const stale = await client.post('/api/recovery/appeals/legal', {
      ticket: 'y'.repeat(32),
      legalPersonType: 'enterprise',
      creditCode: '91110000000000000X',
      agent: { name: '某人', region: 'mainland', documentType: 'resident_id', documentNumber: residentId('19900909'), mobile: mobile() },
      email: '',
      reason: 'forgotten',
      smsCode: '123456',
      ...(await uploadScans(client)),
    });
    assertError(stale, 410, 'ORGANIZATION_SEARCH_EXPIRED');
  });

  it('approved: the organisation gets a one-time password, the appellant becomes its primary agent', async () => {
    const org = await registerAccount(t.baseUrl, 'legal', { loginName: uniqueLoginName('lo') });
    const client = new ApiClient(t.baseUrl);
    const submitted = await legalAppeal(client, org.body.organization.name, { creditCode: org.body.organization.code });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));

    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const detail = await reviewer.get(`/api/admin/appeals/${submitted.body.appealId}`);
    assert.equal(detail.body.organization.codeMatches, true);
    assert.equal(detail.body.organization.nameMatches, true);
    assert.equal(detail.body.candidates[0].loginName, org.body.loginName);

    assert.equal((await reviewer.post(`/api/admin/appeals/${submitted.body.appealId}/approve`, { primaryAgent: 'replace' })).status, 200);
    const temporary = oneTimePasswordIn(await lastSms(submitted.agentPhone));
    const user = new ApiClient(t.baseUrl);
    const login = await user.login('legal', org.body.loginName, temporary);
    assert.equal(login.body.passwordChangeReason, 'one_time');
    await user.post('/api/me/password', { oldPassword: temporary, password: 'Org-Again!2026', passwordConfirm: 'Org-Again!2026' });
    const profile = (await user.get('/api/me/profile')).body;
    assert.equal(profile.primaryAgent.name, '新代办人');
    const records = (await user.get('/api/me/update-records?section=primary_agent')).body;
    assert.match(JSON.stringify(records), /申诉找回/);
  });

  describe('issue 14.15: the reviewer sees the primary agent on record and chooses to replace or keep it', () => {
    // 马骁 of src/realname/registry/data/dev-registry.json: the primary agent verifies.
    const VERIFIED_AGENT = { name: '马骁', region: 'mainland', documentType: 'resident_id', documentNumber: '610113200111114578', validFrom: '2017-12-01', validTo: '2027-12-01', longTerm: false };

    async function verifiedOrganization() {
      const agentMobile = mobile();
      const org = await registerAccount(t.baseUrl, 'legal', { loginName: uniqueLoginName('pa'), primaryAgent: { ...VERIFIED_AGENT, mobile: agentMobile } });
      const submitted = await legalAppeal(new ApiClient(t.baseUrl), org.body.organization.name, { creditCode: org.body.organization.code });
      assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
      return { org, agentMobile, appealId: submitted.body.appealId as string, appellantPhone: submitted.agentPhone };
    }

    const agentRow = async (accountId: string) => {
      const [row] = await t.db.query<{ status: string }>(`select status from verifications where account_id = $1 and subject = 'primary_agent'`, [accountId]);
      return row!.status;
    };
    const records = (accountId: string) =>
      t.db.query<{ section: string; actor_name: string; changes: { field: string; old: string; new: string }[] }>(
        'select section, actor_name, changes from update_records where account_id = $1 order by id',
        [accountId],
      );

    it('the detail shows the recorded agent masked and verified; approval without a choice is refused and changes nothing', async () => {
      const { org, agentMobile, appealId, appellantPhone } = await verifiedOrganization();
      const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
      const detail = (await reviewer.get(`/api/admin/appeals/${appealId}`)).body;
      assert.deepEqual(detail.primaryAgent, {
        current: { name: '马*', mobile: `${agentMobile.slice(0, 2)}*****${agentMobile.slice(-3)}`, verified: true, verification: { status: 'registry_verified', label: '国家平台实名认证通过', labelEn: 'Verified by the national platform' } },
        appellantIsCurrent: false,
      });

      assertError(await reviewer.post(`/api/admin/appeals/${appealId}/approve`, {}), 400, 'APPEAL_PRIMARY_AGENT_CHOICE_REQUIRED');
      assertError(await reviewer.post(`/api/admin/appeals/${appealId}/approve`, { primaryAgent: 'drop' }), 400, 'VALIDATION_FAILED');
      assert.equal((await reviewer.get(`/api/admin/appeals/${appealId}`)).body.status, 'open');
      assert.doesNotMatch(await lastSms(appellantPhone), /临时密码/, 'no one-time password sent');
      assert.equal((await new ApiClient(t.baseUrl).login('legal', org.body.loginName, org.body.password)).status, 200, 'the password is untouched');
    });

    it('keep: the verified agent stays; the SMS and the update records say it was kept; the one-time password goes to the appellant', async () => {
      const { org, appealId, appellantPhone } = await verifiedOrganization();
      const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
      const approved = await reviewer.post(`/api/admin/appeals/${appealId}/approve`, { primaryAgent: 'keep' });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.primaryAgent, 'keep');

      const sms = await lastSms(appellantPhone);
      assert.match(sms, /该单位的主代办人未变更/);
      assert.doesNotMatch(sms, /替换/);
      assert.equal((await new ApiClient(t.baseUrl).login('legal', org.body.loginName, oneTimePasswordIn(sms))).body.passwordChangeReason, 'one_time');

      const [identity] = await t.db.query<{ name: string }>(`select name from identities where account_id = $1 and role = 'primary_agent'`, [org.accountId]);
      assert.equal(identity!.name, VERIFIED_AGENT.name);
      assert.equal(await agentRow(org.accountId), 'registry_verified', 'the organisation keeps its verified primary agent');
      const kept = (await records(org.accountId)).filter((r) => r.section === 'primary_agent');
      assert.equal(kept.length, 1);
      assert.match(kept[0]!.actor_name, /申诉找回，保留原主代办人/);
      assert.deepEqual(kept[0]!.changes.map((c) => [c.field, c.new]), [['recovery', '保留原主代办人']]);
      const password = (await records(org.accountId)).find((r) => r.section === 'password');
      assert.equal(password!.changes[0]!.new, '申诉找回密码（临时密码），保留原主代办人');
    });

    it('replace: the appellant is the primary agent, incomplete until completed; the SMS and the update records say it was replaced', async () => {
      const { org, appealId, appellantPhone } = await verifiedOrganization();
      const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
      assert.equal((await reviewer.post(`/api/admin/appeals/${appealId}/approve`, { primaryAgent: 'replace' })).status, 200);

      assert.match(await lastSms(appellantPhone), /您已替换原主代办人成为该单位的主代办人，请在“主代办人信息”中补全证件有效期并完成实名认证。$/);
      const [identity] = await t.db.query<{ name: string }>(`select name from identities where account_id = $1 and role = 'primary_agent'`, [org.accountId]);
      assert.equal(identity!.name, '新代办人');
      assert.equal(await agentRow(org.accountId), 'incomplete', 'no validity dates yet: 用户信息不全');
      const [replaced] = (await records(org.accountId)).filter((r) => r.section === 'primary_agent');
      assert.match(replaced!.actor_name, /申诉找回，主代办人替换为申诉人/);
      const changes = Object.fromEntries(replaced!.changes.map((c) => [c.field, c]));
      assert.equal(changes.recovery!.new, '主代办人替换为申诉人');
      assert.deepEqual([changes.name!.old, changes.name!.new], ['马骁', '新代办人']);
      assert.equal(changes.documentNumber!.old, '6101********4578', 'document numbers only masked');
      assert.deepEqual([changes.validFrom!.old, changes.validFrom!.new], ['2017-12-01', '']);
      const password = (await records(org.accountId)).find((r) => r.section === 'password');
      assert.equal(password!.changes[0]!.new, '申诉找回密码（临时密码），主代办人替换为申诉人');
    });
  });

  it('a wrong credit code is shown to the reviewer as a mismatch', async () => {
    const org = await registerAccount(t.baseUrl, 'legal', { loginName: uniqueLoginName('lm') });
    const submitted = await legalAppeal(new ApiClient(t.baseUrl), org.body.organization.name, { creditCode: '91110000000000000X' });
    assert.equal(submitted.status, 201);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const detail = await reviewer.get(`/api/admin/appeals/${submitted.body.appealId}`);
    assert.equal(detail.body.organization.codeMatches, false);
  });
});

describe('申诉材料预览 (GET /api/recovery/appeal-files/:uploadId)', () => {
  /** The answer as JSON when it is one (a refusal), else undefined. */
  const jsonOf = (bytes: Buffer) => {
    try {
      return JSON.parse(bytes.toString('utf8')) as Body;
    } catch {
      return undefined;
    }
  };

  it('shows a scan only to the browser that uploaded it: another browser, a logged-in one, one without cookies get 404 and no bytes', async () => {
    const uploader = new ApiClient(t.baseUrl);
    const { frontUploadId } = await uploadScans(uploader);
    const own = await uploader.getBytes(`/api/recovery/appeal-files/${frontUploadId}`);
    assert.equal(own.status, 200);
    assert.deepEqual(own.bytes, JPEG_1X1);
    assert.equal(own.headers.get('cache-control'), 'private, no-store');

    const otherBrowser = new ApiClient(t.baseUrl);
    await otherBrowser.get('/api/csrf');
    const loggedIn = (await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('peek') })).client;
    for (const [who, browser] of [['another browser', otherBrowser], ['a logged-in account', loggedIn], ['no cookies at all', new ApiClient(t.baseUrl)]] as const) {
      const res = await browser.getBytes(`/api/recovery/appeal-files/${frontUploadId}`);
      assert.equal(res.status, 404, who);
      assert.equal(jsonOf(res.bytes)?.code, 'NOT_FOUND', who);
      assert.equal(res.bytes.includes(JPEG_1X1.subarray(0, 16)), false, `${who}: no image bytes`);
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /^image\//, who);
    }
    // The uploader still sees it: the refusals changed nothing.
    assert.equal((await uploader.getBytes(`/api/recovery/appeal-files/${frontUploadId}`)).status, 200);
  });

  it("an account's real-name upload is not an appeal file, even for its owner; unknown and malformed ids are 404", async () => {
    const owner = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('own') });
    assert.equal((await owner.client.login('natural', owner.body.loginName, owner.body.password)).status, 200);
    const material = await owner.client.putBytes('/api/me/verification/natural_person/materials/document_front', PNG_1X1, 'image/png');
    assert.equal(material.status, 200, JSON.stringify(material.body));
    const viaAppeals = await owner.client.getBytes(`/api/recovery/appeal-files/${material.body.file.uploadId}`);
    assert.equal(viaAppeals.status, 404);
    assert.equal(viaAppeals.bytes.includes(PNG_1X1.subarray(0, 16)), false);

    const browser = new ApiClient(t.baseUrl);
    await uploadScans(browser);
    const unknown = await browser.getBytes('/api/recovery/appeal-files/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.equal(jsonOf(unknown.bytes)?.code, 'NOT_FOUND');
    // A malformed id names no file either (it reached the database and answered 500 before).
    for (const malformed of ['not-a-uuid', '1', 'f'.repeat(40), "' or '1'='1"]) {
      const res = await browser.getBytes(`/api/recovery/appeal-files/${encodeURIComponent(malformed)}`);
      assert.equal(res.status, 404, `${malformed}: ${res.status} ${res.bytes.toString('utf8').slice(0, 200)}`);
      assert.equal(jsonOf(res.bytes)?.code, 'NOT_FOUND');
    }
  });
});
