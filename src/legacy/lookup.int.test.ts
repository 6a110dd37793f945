/**
 * 账号检索 over HTTP, after importing generated files of the four sources into a platform that
 * already holds conflicting accounts: each case answers the seed's guidance with the window and
 * the login name built from what was typed; people the import never saw are told to register
 * (or call); captcha and rate limits hold; nothing about anyone's account leaks.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApiClient } from '../../test/support/client.ts';
import { creditCode, mobile, uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { seedBusinessSystems } from '../demo/business-systems.ts';
import type { LegacyDecision } from './cases.ts';
import type { GeneratedRow } from './generator.ts';
import { legacyGuidance, type LegacyGuidance } from './guidance.ts';
import { createPlatformFixtures } from './import/fixtures.ts';
import { writeGeneratedFile, type GeneratedFile } from './import/generated-files.ts';
import { importLegacyFile } from './import/importer.ts';
import { LOOKUP_LIMITS } from './lookup.ts';
import { LEGACY_SOURCES, LEGACY_SOURCE_CONFIG, prefixedLoginName, type LegacySource } from './sources.ts';

const t = testPlatformForFile();
const dir = mkdtempSync(path.join(tmpdir(), 'legacy-lookup-'));
const data = {} as Record<LegacySource, GeneratedFile>;
/** Every lookup answer of this file, with what was typed, for the personal-data check at the end. */
const answers: { source: LegacySource; query: string; body: unknown }[] = [];

after(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%'`);
});

async function lookup(source: string, query: string, captcha?: { captchaId: string; captcha: string }) {
  const client = new ApiClient(t.baseUrl);
  const res = await client.post('/api/legacy/lookup', { source, query, ...(captcha ?? (await client.captcha())) });
  if (res.status === 200) answers.push({ source: source as LegacySource, query, body: res.body });
  return res;
}

/** What the user types for a generated row: its legacy login name. */
function typedFor(source: LegacySource, row: GeneratedRow): string {
  return row.fields[LEGACY_SOURCE_CONFIG[source].loginNameColumn]!;
}

/** The guidance the seeds give for a row's expected outcome (the login name withheld when `withheld`). */
function expectedGuidance(source: LegacySource, row: GeneratedRow, withheld = false): LegacyGuidance {
  const e = row.expected;
  if (e.case === 'malformed') throw new Error('no guidance for a malformed row');
  if (e.case === 'conflict') return legacyGuidance({ case: 'conflict', source, reason: e.reason });
  const loginName = withheld ? null : e.loginName;
  const decision: LegacyDecision = {
    case: e.case,
    source,
    action: loginName ? { type: 'keep', loginName } : { type: 'none' },
    window: e.window,
    loginName,
    password: 'legacy',
    grant: null,
    notes: e.notes,
  };
  return legacyGuidance(decision);
}

const onePer = (rows: GeneratedRow[], key: (row: GeneratedRow) => string) => {
  const seen = new Set<string>();
  return rows.filter((row) => row.expected.case !== 'malformed' && !seen.has(key(row)) && seen.add(key(row)));
};

describe('账号检索', () => {
  before(async () => {
    await seedBusinessSystems(t.platform);
    for (const source of LEGACY_SOURCES) {
      data[source] = writeGeneratedFile(dir, { source, rows: 40, seed: 3, malformedRate: 0.05 });
      await createPlatformFixtures(t.db, t.platform.cipher, data[source].fixtures, 'not-a-password-hash');
      await importLegacyFile({ db: t.db, cipher: t.platform.cipher }, { source, file: data[source].file });
    }
  });

  it('answers every case in the seed’s words, with the window and the login name to use', async () => {
    for (const source of LEGACY_SOURCES) {
      for (const row of onePer(data[source].rows, (r) => (r.expected.case === 'conflict' ? `conflict:${r.expected.reason}` : r.expected.case))) {
        const typed = typedFor(source, row);
        const res = await lookup(source, typed);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(res.body.guidance, expectedGuidance(source, row), `${source} ${row.scenario}`);
      }
    }
    // The seed's examples, spelled out.
    const tc3 = data['torch-company'].rows.find((r) => r.expected.case === 'torch-company-3')!;
    const g3 = (await lookup('torch-company', tc3.fields.credit_code!)).body.guidance;
    assert.equal(g3.loginName, `HJ_${tc3.fields.credit_code}`);
    assert.equal(g3.windowLabel.zh, '法人登录');
    assert.match(g3.text.zh, new RegExp(`即：HJ_${tc3.fields.credit_code}`));
    const tc4 = data['torch-company'].rows.find((r) => r.scenario === 'tc4')!;
    const g4 = (await lookup('torch-company', tc4.fields.credit_code!)).body.guidance;
    assert.deepEqual([g4.case, g4.windowLabel.zh, g4.loginName], ['torch-company-4', '自然人登录', tc4.fields.credit_code]);
    const tp4 = data['torch-personal'].rows.find((r) => r.expected.case === 'torch-personal-4')!;
    const gp4 = (await lookup('torch-personal', tp4.fields.mobile!)).body.guidance;
    assert.deepEqual([gp4.next, gp4.loginName], ['appeal', null]);
  });

  it('takes the query as people type it: spaces, letter case', async () => {
    const tc1 = data['torch-company'].rows.find((r) => r.expected.case === 'torch-company-1')!;
    const res = await lookup('torch-company', `  ${tc1.fields.credit_code!.toLowerCase()} `);
    assert.equal(res.body.guidance.case, 'torch-company-1');
    assert.equal(res.body.guidance.loginName, tc1.fields.credit_code);
    const fw2 = data['foreign-work'].rows.find((r) => r.expected.case === 'foreign-work-2')!;
    const upper = fw2.fields.login_name!.toUpperCase();
    const g = (await lookup('foreign-work', upper)).body.guidance;
    assert.equal(g.case, 'foreign-work-2');
    assert.equal(g.loginName, prefixedLoginName('foreign-work', upper), 'the name as typed, with its prefix');
  });

  it('tells people the import never saw to register, or to call', async () => {
    assert.equal((await lookup('torch-company', creditCode())).body.guidance.case, 'torch-company-unregistered-1');
    // An organisation with a legal account on the platform but no Torch Centre account: 1-1 第二种.
    const code = creditCode();
    await createPlatformFixtures(t.db, t.platform.cipher, [{ kind: 'legal', loginName: uniqueLoginName('lookup_org'), organization: { name: `检索测试单位${code}`, creditCode: code } }], 'x');
    const second = (await lookup('torch-company', code)).body.guidance;
    assert.deepEqual([second.case, second.next, second.window], ['torch-company-unregistered-2', 'login', 'legal']);
    assert.equal((await lookup('torch-personal', mobile())).body.guidance.case, 'torch-personal-unregistered');
    assert.equal((await lookup('foreign-work', uniqueLoginName('nobody'))).body.guidance.case, 'foreign-work-unregistered');
    const expert = (await lookup('foreign-expert', uniqueLoginName('nobody'))).body.guidance;
    assert.deepEqual([expert.case, expert.next], ['foreign-expert-unregistered', 'support']);
  });

  it('found by an employer’s credit code or an expert’s mobile, the login name is not told', async () => {
    const fw = data['foreign-work'].rows.filter((r) => r.expected.case !== 'malformed' && r.fields.credit_code);
    const byCode = new Map<string, GeneratedRow[]>();
    for (const r of fw) byCode.set(r.fields.credit_code!, [...(byCode.get(r.fields.credit_code!) ?? []), r]);
    const single = fw.find((r) => byCode.get(r.fields.credit_code!)!.length === 1 && r.expected.case !== 'conflict')!;
    const g = (await lookup('foreign-work', single.fields.credit_code!)).body.guidance;
    assert.deepEqual(g, expectedGuidance('foreign-work', single, true));
    assert.equal(g.loginName, null);
    // The employer's first legacy account became its legal account, the second a natural account it authorised.
    const shared = [...byCode.values()].find((rows) => new Set(rows.map((r) => r.expected.case)).size > 1)!;
    assert.ok(shared, 'the generator gives an employer two legacy accounts');
    const several = (await lookup('foreign-work', shared[0]!.fields.credit_code!)).body.guidance;
    assert.deepEqual([several.case, several.loginName], ['several', null]);
    assert.match(several.text.zh, /请输入原登录名分别检索/);

    const fe2 = data['foreign-expert'].rows.find((r) => r.expected.case === 'foreign-expert-2' && r.fields.mobile)!;
    const byMobile = (await lookup('foreign-expert', fe2.fields.mobile!)).body.guidance;
    assert.deepEqual(byMobile, expectedGuidance('foreign-expert', fe2, true));
    assert.ok(!JSON.stringify(byMobile).includes(fe2.fields.login_name!), 'the expert’s login name is not told');
  });

  it('refuses a wrong or reused captcha, and bad input with the field’s message', async () => {
    const client = new ApiClient(t.baseUrl);
    const captcha = await client.captcha();
    const wrong = await client.post('/api/legacy/lookup', { source: 'torch-company', query: creditCode(), captchaId: captcha.captchaId, captcha: 'zzzz' });
    assert.deepEqual([wrong.status, wrong.body.code, wrong.body.message], [400, 'CAPTCHA_WRONG', '验证码错误']);
    const reused = await client.post('/api/legacy/lookup', { source: 'torch-company', query: creditCode(), ...captcha });
    assert.equal(reused.body.code, 'CAPTCHA_WRONG', 'a captcha is spent by its first use');

    const field = async (body: Record<string, string>) => {
      const res = await client.post('/api/legacy/lookup', { ...body, ...(await client.captcha()) });
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      return res.body.fields.map((f: { field: string; code: string; message: string }) => [f.field, f.code, f.message]);
    };
    const code = creditCode();
    assert.deepEqual(await field({ source: 'torch-company', query: `${code.slice(0, 17)}${code.endsWith('1') ? '2' : '1'}` }), [['query', 'CREDIT_CODE_CHECK_DIGIT', '统一社会信用代码校验位错误，请检查输入的统一社会信用代码。']]);
    assert.deepEqual((await field({ source: 'torch-personal', query: '12345678901' }))[0].slice(0, 2), ['query', 'MOBILE_INVALID']);
    assert.deepEqual((await field({ source: 'foreign-work', query: '旧账号' }))[0].slice(0, 2), ['query', 'LOGIN_NAME_INVALID_CHARS']);
    assert.deepEqual(await field({ source: 'old-system', query: 'abc' }), [['source', 'LEGACY_SOURCE_REQUIRED', '请选择原系统账号类型']]);
    assert.deepEqual((await field({ source: 'torch-company', query: ' ' }))[0].slice(0, 2), ['query', 'REQUIRED_FIELD']);
  });

  it('limits lookups per query and per IP address', async () => {
    const typed = typedFor('torch-personal', data['torch-personal'].rows[0]!);
    for (let i = 0; i < LOOKUP_LIMITS.perQueryPerHour; i++) assert.equal((await lookup('torch-personal', typed)).status, 200);
    const limited = await lookup('torch-personal', typed);
    assert.deepEqual([limited.status, limited.body.code], [429, 'RATE_LIMITED']);
    assert.equal((await lookup('torch-personal', mobile())).status, 200, 'another query still answers');
    assert.equal((await t.db.query(`select 1 from kv where key like $1`, [`%${typed}%`])).length, 0, 'no plain mobile in the limit keys');

    const [ipKey] = await t.db.query<{ key: string }>(`select key from kv where key like 'rl:legacy-lookup-ip:%'`);
    await t.db.query('update kv set value = $2 where key = $1', [ipKey!.key, String(LOOKUP_LIMITS.perIpPerHour)]);
    const byIp = await lookup('torch-company', creditCode());
    assert.deepEqual([byIp.status, byIp.body.code], [429, 'RATE_LIMITED']);
  });

  it('no answer carries anyone’s personal data or another account’s login name', () => {
    assert.ok(answers.length > 40);
    const secrets = new Set<string>();
    for (const source of LEGACY_SOURCES) {
      for (const f of data[source].fixtures) {
        for (const value of [f.loginName, f.person?.name, f.person?.mobile, f.person?.documentNumber, f.organization?.name, f.organization?.creditCode]) if (value) secrets.add(value);
      }
      for (const row of data[source].rows) {
        const { name, mobile: m, contact_name, contact_mobile, document_number, organization_name, credit_code, login_name } = row.fields;
        for (const value of [name, m, contact_name, contact_mobile, document_number, organization_name, credit_code, login_name]) if (value) secrets.add(value);
      }
    }
    for (const answer of answers) {
      const typed = answer.query.trim();
      const allowed = new Set([typed, typed.toUpperCase(), prefixedLoginName(answer.source, typed), prefixedLoginName(answer.source, typed.toUpperCase())]);
      const text = JSON.stringify(answer.body);
      for (const secret of secrets) {
        if ([...allowed].some((a) => a.toLowerCase() === secret.toLowerCase() || a.toLowerCase().includes(secret.toLowerCase()))) continue;
        assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${answer.source} "${answer.query}" reveals ${secret}`);
      }
      const { loginName } = (answer.body as { guidance: LegacyGuidance }).guidance;
      assert.ok(loginName === null || [...allowed].includes(loginName), `${answer.source} "${answer.query}" tells the login name ${loginName}`);
    }
  });
});
