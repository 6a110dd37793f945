/**
 * 自然人注册 / 单位用户（法人）注册 through the HTTP API: success, every uniqueness
 * conflict, field-level validation, SMS codes, availability checks, and personal data
 * at rest. Every refusal is checked to have saved nothing.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerLegal, registerNatural, type Body } from '../../test/support/accounts.ts';
import { assertBilingualMessage, assertError as assertErrorCode, assertFieldIssue } from '../../test/support/assertions.ts';
import { ApiClient, type ApiResponse } from '../../test/support/client.ts';
import { creditCode, legalRegistration, mobile, naturalRegistration, residentId, uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';

const t = testPlatformForFile();
// Registration is limited to 20 per hour and IP, SMS to 30 per hour and IP: the tests run from one IP.
beforeEach(async () => {
  await resetLimits();
});

async function resetLimits() {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'smscooldown:%'`);
}

interface Counts {
  accounts: number;
  identities: number;
  organizations: number;
}

async function counts(): Promise<Counts> {
  const rows = await t.db.query<Counts>(
    `select (select count(*)::int from accounts) as accounts, (select count(*)::int from identities) as identities,
            (select count(*)::int from organizations) as organizations`,
  );
  return rows[0]!;
}

/** Runs work and asserts that no account, identity or organisation was saved meanwhile. */
async function savesNothing(work: () => Promise<void>) {
  const before = await counts();
  await work();
  assert.deepEqual(await counts(), before, 'nothing may be saved');
}

/** Registration refusals are also checked to carry their message in both languages. */
function assertError(res: ApiResponse, status: number, code: string) {
  assertErrorCode(res, status, code);
  assertBilingualMessage(res);
}

function assertFieldError(res: ApiResponse, field: string, code: string) {
  assertError(res, 400, 'VALIDATION_FAILED');
  assertFieldIssue(res, field, code);
}

/** A legal registration that must be refused before any SMS code is looked at. */
function legalBody(overrides: Body = {}): Body {
  const body = legalRegistration(overrides) as Body;
  return { ...body, primaryAgent: { ...body.primaryAgent, smsCode: '000000' } };
}

function withWrongLastChar(value: string): string {
  return value.slice(0, -1) + (value.endsWith('0') ? '1' : '0');
}

describe('natural person registration', () => {
  it('creates the account (201), which then logs in through 自然人登录', async () => {
    const client = new ApiClient(t.baseUrl);
    const before = await counts();
    const { body, res } = await registerNatural(client);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.loginName, body.loginName);
    assert.match(res.body.accountId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await counts(), { ...before, accounts: before.accounts + 1, identities: before.identities + 1 });

    const [account] = await t.db.query<{ kind: string; login_name: string; password_hash: string }>('select * from accounts where id = $1', [res.body.accountId]);
    assert.equal(account!.kind, 'natural');
    assert.equal(account!.login_name, body.loginName);
    assert.match(account!.password_hash, /^\$argon2id\$/);
    assert.ok(!account!.password_hash.includes(body.password));

    const login = await client.login('natural', body.loginName, body.password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.kind, 'natural');
    const me = await client.get('/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.displayName, body.name);
  });

  it('accepts a long-term ID card and a foreign passport without validity dates', async () => {
    const client = new ApiClient(t.baseUrl);
    const longTerm = await registerNatural(client, { validTo: '', longTerm: true });
    assert.equal(longTerm.res.status, 201, JSON.stringify(longTerm.res.body));
    const passport = await registerNatural(client, { region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '' });
    assert.equal(passport.res.status, 201, JSON.stringify(passport.res.body));
  });
});

describe('legal person registration', () => {
  it('creates the account with its organisation, legal representative and primary agent; it logs in through 法人登录', async () => {
    const client = new ApiClient(t.baseUrl);
    const before = await counts();
    const { body, res } = await registerLegal(client);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(await counts(), {
      accounts: before.accounts + 1,
      identities: before.identities + 2,
      organizations: before.organizations + 1,
    });
    const [org] = await t.db.query<{ name: string; code: string; region: string; legal_person_type: string }>('select * from organizations where account_id = $1', [res.body.accountId]);
    assert.equal(org!.name, body.organization.name);
    assert.equal(org!.code, body.organization.code);
    assert.equal(org!.legal_person_type, 'enterprise');
    const roles = await t.db.query<{ role: string; name: string }>('select role, name from identities where account_id = $1 order by role', [res.body.accountId]);
    assert.deepEqual(roles.map((r) => [r.role, r.name]), [['legal_representative', '法定代表'], ['primary_agent', '代办人']]);

    const login = await client.login('legal', body.loginName, body.password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.kind, 'legal');
    assert.equal((await client.get('/api/me')).body.displayName, body.organization.name);
  });

  it('accepts domestic organisations of type 其他 without a credit code, more than one', async () => {
    const client = new ApiClient(t.baseUrl);
    for (const i of [1, 2]) {
      const { res } = await registerLegal(client, {
        organization: { name: `其他类型单位${i}-${Date.now()}`, region: 'domestic', legalPersonType: 'other', code: '' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const [org] = await t.db.query<{ code: string | null }>('select code from organizations where account_id = $1', [res.body.accountId]);
      assert.equal(org!.code, null);
    }
  });

  it('accepts a foreign organisation with a unique organisation identifier instead of a credit code', async () => {
    const client = new ApiClient(t.baseUrl);
    const { res } = await registerLegal(client, {
      organization: { name: `Foreign Research Ltd ${Date.now()}`, region: 'foreign', legalPersonType: 'enterprise', code: `UK-${Date.now()}` },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });
});

describe('uniqueness conflicts', () => {
  it('refuses a login name taken by an account of the other kind, whatever the case (LOGIN_NAME_TAKEN), and keeps the SMS code usable', async () => {
    const client = new ApiClient(t.baseUrl);
    const base = uniqueLoginName('Foo');
    const natural = await registerNatural(client, { loginName: base });
    assert.equal(natural.res.status, 201);

    const legal = legalRegistration({ loginName: base.toLowerCase() }) as Body;
    const smsCode = await client.smsCode(legal.primaryAgent.mobile);
    const legalBodyWithCode = { ...legal, primaryAgent: { ...legal.primaryAgent, smsCode } };
    await savesNothing(async () => {
      assertError(await client.post('/api/register/legal', legalBodyWithCode), 409, 'LOGIN_NAME_TAKEN');
      const upper = naturalRegistration({ loginName: base.toUpperCase() }) as Body;
      assertError(await client.post('/api/register/natural', { ...upper, smsCode: '000000' }), 409, 'LOGIN_NAME_TAKEN');
    });

    // The refusal came before the code was checked, so the code still registers a free name.
    const retry = await client.post('/api/register/legal', { ...legalBodyWithCode, loginName: uniqueLoginName('foo') });
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
  });

  it('refuses a legal login name taken by a natural account and vice versa', async () => {
    const client = new ApiClient(t.baseUrl);
    const legal = await registerLegal(client, { loginName: uniqueLoginName('Org') });
    assert.equal(legal.res.status, 201);
    await savesNothing(async () => {
      const natural = naturalRegistration({ loginName: legal.body.loginName.toLowerCase() }) as Body;
      assertError(await client.post('/api/register/natural', { ...natural, smsCode: '000000' }), 409, 'LOGIN_NAME_TAKEN');
    });
  });

  it('refuses an organisation name already registered, also with full-width brackets, spacing or case variants (ORGANIZATION_NAME_TAKEN)', async () => {
    const client = new ApiClient(t.baseUrl);
    const suffix = Date.now().toString(36);
    const name = `北京测试（科技）ABC有限公司${suffix}`;
    const first = await registerLegal(client, {
      organization: { name, region: 'domestic', legalPersonType: 'enterprise', code: creditCode() },
    });
    assert.equal(first.res.status, 201, JSON.stringify(first.res.body));

    const variants = [
      name,
      `北京测试(科技)ABC有限公司${suffix}`,
      `北京测试 (科技) ABC有限公司${suffix}`,
      `北京测试\u3000（科技）abc有限公司${suffix}`,
      ` 北京测试（科技）ＡＢＣ有限公司${suffix} `,
    ];
    await savesNothing(async () => {
      for (const variant of variants) {
        await resetLimits();
        const body = legalBody({ organization: { name: variant, region: 'domestic', legalPersonType: 'enterprise', code: creditCode() } });
        assertError(await client.post('/api/register/legal', body), 409, 'ORGANIZATION_NAME_TAKEN');
      }
    });
  });

  it('refuses a credit code already registered, also typed in lower case (CREDIT_CODE_TAKEN)', async () => {
    const client = new ApiClient(t.baseUrl);
    const code = creditCode();
    const first = await registerLegal(client, { organization: { name: `信用代码测试单位${Date.now()}`, region: 'domestic', legalPersonType: 'enterprise', code } });
    assert.equal(first.res.status, 201, JSON.stringify(first.res.body));
    await savesNothing(async () => {
      for (const variant of [code, code.toLowerCase()]) {
        const body = legalBody({ organization: { name: `改名后的单位${Date.now()}${variant}`, region: 'domestic', legalPersonType: 'enterprise', code: variant } });
        assertError(await client.post('/api/register/legal', body), 409, 'CREDIT_CODE_TAKEN');
      }
    });
  });
});

describe('concurrent registrations', () => {
  it('two registrations of the same login name at once: one wins, the other gets LOGIN_NAME_TAKEN', async () => {
    const client = new ApiClient(t.baseUrl);
    const loginName = uniqueLoginName('race');
    const bodies: Body[] = [];
    for (const name of [loginName, loginName.toUpperCase()]) {
      const body = naturalRegistration({ loginName: name }) as Body;
      bodies.push({ ...body, smsCode: await client.smsCode(body.mobile) });
    }
    const before = await counts();
    const results = await Promise.all(bodies.map((body) => client.post('/api/register/natural', body)));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results.find((r) => r.status === 409)!.body.code, 'LOGIN_NAME_TAKEN');
    assert.equal((await counts()).accounts, before.accounts + 1);
  });

  it('two registrations of the same organisation at once: one wins, the other gets ORGANIZATION_NAME_TAKEN', async () => {
    const client = new ApiClient(t.baseUrl);
    const name = `并发注册（测试）单位${Date.now()}`;
    const bodies: Body[] = [];
    for (const variant of [name, name.replace('（', '(').replace('）', ')')]) {
      const body = legalRegistration({ organization: { name: variant, region: 'domestic', legalPersonType: 'enterprise', code: creditCode() } }) as Body;
      bodies.push({ ...body, primaryAgent: { ...body.primaryAgent, smsCode: await client.smsCode(body.primaryAgent.mobile) } });
    }
    const before = await counts();
    const results = await Promise.all(bodies.map((body) => client.post('/api/register/legal', body)));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results.find((r) => r.status === 409)!.body.code, 'ORGANIZATION_NAME_TAKEN');
    assert.equal((await counts()).organizations, before.organizations + 1);
  });
});

describe('availability check (检查是否已注册)', () => {
  it('answers for login name, organisation name and credit code', async () => {
    const client = new ApiClient(t.baseUrl);
    const code = creditCode();
    const orgName = `可用性检查（测试）中心${Date.now()}`;
    const { body } = await registerLegal(client, {
      loginName: uniqueLoginName('Avail'),
      organization: { name: orgName, region: 'domestic', legalPersonType: 'public_institution', code },
    });
    const check = (field: string, value: string) => client.get(`/api/availability?field=${field}&value=${encodeURIComponent(value)}`);

    const free = await check('loginName', uniqueLoginName('free'));
    assert.equal(free.status, 200);
    assert.deepEqual(free.body, { available: true });
    assert.equal((await check('organizationName', `没有注册的单位${Date.now()}`)).body.available, true);
    assert.equal((await check('creditCode', creditCode())).body.available, true);

    for (const [field, value, code_] of [
      ['loginName', body.loginName, 'LOGIN_NAME_TAKEN'],
      ['loginName', body.loginName.toUpperCase(), 'LOGIN_NAME_TAKEN'],
      ['organizationName', orgName, 'ORGANIZATION_NAME_TAKEN'],
      ['organizationName', orgName.replace('（', '(').replace('）', ')'), 'ORGANIZATION_NAME_TAKEN'],
      ['creditCode', code, 'CREDIT_CODE_TAKEN'],
      ['creditCode', code.toLowerCase(), 'CREDIT_CODE_TAKEN'],
    ] as const) {
      const res = await check(field, value);
      assert.equal(res.status, 200);
      assert.equal(res.body.available, false, `${field}=${value}`);
      assert.equal(res.body.code, code_);
      assert.equal(typeof res.body.message, 'string');
    }
  });

  it('refuses a malformed query', async () => {
    const client = new ApiClient(t.baseUrl);
    assertError(await client.get('/api/availability?field=loginName'), 400, 'VALIDATION_FAILED');
    assertError(await client.get('/api/availability?field=mobile&value=13900000000'), 400, 'VALIDATION_FAILED');
  });
});

describe('bad registration input is refused field by field and saves nothing', () => {
  const validId = residentId();
  const naturalCases: [string, Body, string, string][] = [
    ['login name with a space and !', { loginName: 'bad name!' }, 'loginName', 'LOGIN_NAME_INVALID_CHARS'],
    ['login name in Chinese', { loginName: '张三' }, 'loginName', 'LOGIN_NAME_INVALID_CHARS'],
    ['password with two classes', { password: 'password123', passwordConfirm: 'password123' }, 'password', 'PASSWORD_TOO_FEW_CLASSES'],
    ['short password', { password: 'Ab1!x', passwordConfirm: 'Ab1!x' }, 'password', 'PASSWORD_TOO_SHORT'],
    ['mismatched confirmation', { passwordConfirm: 'Passw0rd!x' }, 'passwordConfirm', 'PASSWORD_MISMATCH'],
    ['ID number with a wrong check digit', { documentNumber: withWrongLastChar(validId) }, 'documentNumber', 'ID_NUMBER_CHECK_DIGIT'],
    ['resident ID card for region 其他', { region: 'other' }, 'documentType', 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ['foreign passport for the mainland', { documentType: 'foreign_passport', documentNumber: 'E12345678' }, 'documentType', 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ['malformed Hong Kong/Macau pass', { region: 'hkmt', documentType: 'hk_macau_pass', documentNumber: 'H1234567', validFrom: '', validTo: '' }, 'documentNumber', 'DOCUMENT_NUMBER_FORMAT'],
    ['mobile not a mainland number', { mobile: '12345678901' }, 'mobile', 'MOBILE_INVALID'],
    ['agreement not accepted', { agreed: false }, 'agreed', 'AGREEMENT_REQUIRED'],
    ['agreement missing', { agreed: undefined }, 'agreed', 'AGREEMENT_REQUIRED'],
    ['SMS code missing', { smsCode: undefined }, 'smsCode', 'REQUIRED_FIELD'],
    ['SMS code not 6 digits', { smsCode: '12ab' }, 'smsCode', 'SMS_CODE_FORMAT'],
    ['resident ID without validity start', { validFrom: '' }, 'validFrom', 'VALIDITY_START_REQUIRED'],
    ['resident ID without validity end nor long-term', { validTo: '' }, 'validTo', 'VALIDITY_END_REQUIRED'],
    ['long-term with an end date', { longTerm: true }, 'validTo', 'VALIDITY_END_WITH_LONG_TERM'],
    ['validity ending before it starts', { validFrom: '2030-01-01', validTo: '2020-01-01' }, 'validTo', 'VALIDITY_RANGE'],
    ['empty name', { name: '' }, 'name', 'REQUIRED_FIELD'],
  ];

  for (const [label, overrides, field, code] of naturalCases) {
    it(`natural: ${label} → ${field} ${code}`, async () => {
      const client = new ApiClient(t.baseUrl);
      const body = { ...naturalRegistration({ documentNumber: validId }), smsCode: '123456', ...overrides };
      await savesNothing(async () => assertFieldError(await client.post('/api/register/natural', body), field, code));
    });
  }

  const legalCases: [string, (body: Body) => void, string, string][] = [
    ['credit code with a wrong check character', (b) => (b.organization.code = withWrongLastChar(b.organization.code)), 'organization.code', 'CREDIT_CODE_CHECK_DIGIT'],
    ['domestic enterprise without a credit code', (b) => (b.organization.code = ''), 'organization.code', 'CREDIT_CODE_REQUIRED'],
    ['foreign organisation without an identifier', (b) => (b.organization = { ...b.organization, region: 'foreign', code: '' }), 'organization.code', 'ORG_UNIQUE_ID_REQUIRED'],
    ['primary agent with a bad mobile', (b) => (b.primaryAgent.mobile = '1390000'), 'primaryAgent.mobile', 'MOBILE_INVALID'],
    ['primary agent without an SMS code', (b) => delete b.primaryAgent.smsCode, 'primaryAgent.smsCode', 'REQUIRED_FIELD'],
    ['legal representative with a passport for the mainland', (b) => (b.legalRepresentative.documentType = 'foreign_passport'), 'legalRepresentative.documentType', 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ['legal representative ID with a wrong check digit', (b) => (b.legalRepresentative.documentNumber = withWrongLastChar(b.legalRepresentative.documentNumber)), 'legalRepresentative.documentNumber', 'ID_NUMBER_CHECK_DIGIT'],
    ['weak password', (b) => { b.password = 'abcdefgh'; b.passwordConfirm = 'abcdefgh'; }, 'password', 'PASSWORD_TOO_FEW_CLASSES'],
    ['agreement not accepted', (b) => (b.agreed = false), 'agreed', 'AGREEMENT_REQUIRED'],
    ['missing organisation name', (b) => (b.organization.name = ''), 'organization.name', 'REQUIRED_FIELD'],
  ];

  for (const [label, change, field, code] of legalCases) {
    it(`legal: ${label} → ${field} ${code}`, async () => {
      const client = new ApiClient(t.baseUrl);
      const body = legalBody();
      change(body);
      await savesNothing(async () => assertFieldError(await client.post('/api/register/legal', body), field, code));
    });
  }
});

describe('SMS verification codes at registration', () => {
  it('a wrong code creates nothing; the right code afterwards still registers', async () => {
    const client = new ApiClient(t.baseUrl);
    const body = naturalRegistration() as Body;
    const smsCode = await client.smsCode(body.mobile);
    const wrong = smsCode === '000000' ? '000001' : '000000';
    await savesNothing(async () => assertError(await client.post('/api/register/natural', { ...body, smsCode: wrong }), 400, 'SMS_CODE_WRONG'));
    const res = await client.post('/api/register/natural', { ...body, smsCode });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('after 5 wrong tries the code is dead (SMS_CODE_EXPIRED); a new code works', async () => {
    const client = new ApiClient(t.baseUrl);
    const body = naturalRegistration() as Body;
    const smsCode = await client.smsCode(body.mobile);
    const wrong = smsCode === '999999' ? '999998' : '999999';
    await savesNothing(async () => {
      for (let i = 1; i <= 5; i++) {
        assertError(await client.post('/api/register/natural', { ...body, smsCode: wrong }), 400, 'SMS_CODE_WRONG');
      }
      assertError(await client.post('/api/register/natural', { ...body, smsCode }), 400, 'SMS_CODE_EXPIRED');
    });
    await resetLimits();
    const fresh = await client.smsCode(body.mobile);
    const res = await client.post('/api/register/natural', { ...body, smsCode: fresh });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('a used code cannot register a second account', async () => {
    const client = new ApiClient(t.baseUrl);
    const { body, smsCode, res } = await registerNatural(client);
    assert.equal(res.status, 201);
    await savesNothing(async () => {
      const second = { ...body, loginName: uniqueLoginName('again'), smsCode };
      assertError(await client.post('/api/register/natural', second), 400, 'SMS_CODE_EXPIRED');
    });
  });

  it('an expired code is refused', async () => {
    const client = new ApiClient(t.baseUrl);
    const body = naturalRegistration() as Body;
    const smsCode = await client.smsCode(body.mobile);
    const updated = await t.db.query(`update kv set expires_at = now() - interval '1 second' where key like 'smscode:%' || $1 returning key`, [t.platform.cipher.lookupHash('mobile', body.mobile)]);
    assert.equal(updated.length, 1);
    await savesNothing(async () => assertError(await client.post('/api/register/natural', { ...body, smsCode }), 400, 'SMS_CODE_EXPIRED'));
  });

  it('a code sent to one mobile does not register another', async () => {
    const client = new ApiClient(t.baseUrl);
    const body = naturalRegistration() as Body;
    const smsCode = await client.smsCode(body.mobile);
    await savesNothing(async () => assertError(await client.post('/api/register/natural', { ...body, mobile: mobile(), smsCode }), 400, 'SMS_CODE_EXPIRED'));
  });

  it('a legal registration needs the code sent to the primary agent, not to the legal representative', async () => {
    const client = new ApiClient(t.baseUrl);
    const body = legalRegistration() as Body;
    const repCode = await client.smsCode(body.legalRepresentative.mobile);
    await savesNothing(async () => {
      const res = await client.post('/api/register/legal', { ...body, primaryAgent: { ...body.primaryAgent, smsCode: repCode } });
      assertError(res, 400, 'SMS_CODE_EXPIRED');
    });
  });

  it('a second request within 60 s is refused (SMS_TOO_FREQUENT); a resent code replaces the old one', async () => {
    const client = new ApiClient(t.baseUrl);
    const phone = mobile();
    const first = await client.smsCode(phone);
    const again = await client.post('/api/sms-codes', { mobile: phone, purpose: 'register' });
    assertError(again, 429, 'SMS_TOO_FREQUENT');
    // Another phone is not affected.
    assert.equal((await client.post('/api/sms-codes', { mobile: mobile(), purpose: 'register' })).status, 200);

    const [cooldown] = await t.db.query<{ ms: number }>(`select extract(epoch from (expires_at - now())) * 1000 as ms from kv where key = $1`, [`smscooldown:${t.platform.cipher.lookupHash('mobile', phone)}`]);
    assert.ok(Number(cooldown!.ms) > 55_000 && Number(cooldown!.ms) <= 60_000, `cooldown ${cooldown!.ms} ms`);

    await t.db.query(`update kv set expires_at = now() - interval '1 second' where key = $1`, [`smscooldown:${t.platform.cipher.lookupHash('mobile', phone)}`]);
    const second = await client.smsCode(phone);
    const body = naturalRegistration({ mobile: phone }) as Body;
    if (first !== second) {
      assertError(await client.post('/api/register/natural', { ...body, smsCode: first }), 400, 'SMS_CODE_WRONG');
    }
    assert.equal((await client.post('/api/register/natural', { ...body, smsCode: second })).status, 201);
  });

  it('refuses to send to a malformed mobile or for an unknown purpose', async () => {
    const client = new ApiClient(t.baseUrl);
    assertFieldError(await client.post('/api/sms-codes', { mobile: '1234', purpose: 'register' }), 'mobile', 'MOBILE_INVALID');
    assertError(await client.post('/api/sms-codes', { mobile: mobile(), purpose: 'anything' }), 400, 'VALIDATION_FAILED');
  });
});

describe('personal data at rest', () => {
  async function assertSealed(accountId: string, role: string, clear: { mobile: string; documentNumber: string }) {
    const [row] = await t.db.query<Record<string, unknown>>('select * from identities where account_id = $1 and role = $2', [accountId, role]);
    assert.ok(row, `identity ${role}`);
    const mobileEnc = String(row.mobile_enc);
    const documentEnc = String(row.document_number_enc);
    assert.ok(!mobileEnc.includes(clear.mobile));
    assert.ok(!documentEnc.toUpperCase().includes(clear.documentNumber.toUpperCase()));
    const whole = JSON.stringify(row).toUpperCase();
    assert.ok(!whole.includes(clear.mobile), 'clear mobile somewhere in the row');
    assert.ok(!whole.includes(clear.documentNumber.toUpperCase()), 'clear document number somewhere in the row');
    assert.ok(!whole.includes(clear.documentNumber.slice(0, 14)), 'a large part of the document number in the row');
    assert.match(String(row.mobile_hash), /^[0-9a-f]{64}$/);
    assert.match(String(row.document_hash), /^[0-9a-f]{64}$/);
    assert.notEqual(row.mobile_hash, row.document_hash);
    assert.equal(t.platform.cipher.decrypt(mobileEnc), clear.mobile);
    assert.equal(t.platform.cipher.decrypt(documentEnc), clear.documentNumber.toUpperCase());
    return row;
  }

  it('a natural person: mobile and document number only encrypted, with keyed hashes', async () => {
    const client = new ApiClient(t.baseUrl);
    const { body, res } = await registerNatural(client);
    assert.equal(res.status, 201);
    await assertSealed(res.body.accountId, 'natural_person', body as { mobile: string; documentNumber: string });
    for (const table of ['accounts', 'organizations', 'update_records', 'sessions']) {
      const rows = await t.db.query<{ text: string }>(`select t::text as text from ${table} t`);
      assert.ok(!rows.some((r) => r.text.includes(body.mobile) || r.text.toUpperCase().includes(body.documentNumber.toUpperCase())), `clear personal data in ${table}`);
    }
  });

  it('a legal person: the legal representative and the primary agent alike', async () => {
    const client = new ApiClient(t.baseUrl);
    const { body, res } = await registerLegal(client);
    assert.equal(res.status, 201);
    const rep = await assertSealed(res.body.accountId, 'legal_representative', body.legalRepresentative);
    const agent = await assertSealed(res.body.accountId, 'primary_agent', body.primaryAgent);
    assert.notEqual(rep.mobile_hash, agent.mobile_hash);
  });

  it('the same value encrypts differently each time but hashes the same', async () => {
    const client = new ApiClient(t.baseUrl);
    const documentNumber = residentId('19850505');
    const a = await registerNatural(client, { documentNumber });
    const b = await registerNatural(client, { documentNumber });
    assert.equal(a.res.status, 201);
    assert.equal(b.res.status, 201);
    const rows = await t.db.query<{ document_number_enc: string; document_hash: string }>(
      'select document_number_enc, document_hash from identities where account_id = any($1::uuid[])',
      [[a.res.body.accountId, b.res.body.accountId]],
    );
    assert.equal(rows.length, 2);
    assert.notEqual(rows[0]!.document_number_enc, rows[1]!.document_number_enc);
    assert.equal(rows[0]!.document_hash, rows[1]!.document_hash);
  });
});
