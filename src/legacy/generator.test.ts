import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkCreditCode, checkMobile, checkPassword, checkResidentIdNumber } from '../accounts/rules.ts';
import { LEGACY_CASES, decideLegacyCase, isConflict } from './cases.ts';
import { createdAccount, memoryPlatform, type PlatformFixture } from './facts.ts';
import { FIXTURE_PASSWORD, LEGACY_PASSWORDS, csvHeader, csvRow, generateLegacyRows, writeLegacyFiles, type GeneratedRow, type GeneratorOptions } from './generator.ts';
import { verifyLegacyPassword } from './password-schemes.ts';
import { readLegacyFile, type LegacyRowResult } from './rows.ts';
import { SCENARIOS } from './scenarios.ts';
import { LEGACY_SOURCES, type LegacySource } from './sources.ts';

function generate(options: GeneratorOptions): { rows: GeneratedRow[]; text: string } {
  const rows = [...generateLegacyRows(options)];
  return { rows, text: csvHeader(options.source) + rows.map((r) => csvRow(r, options.source)).join('') };
}

async function parse(source: LegacySource, text: string): Promise<LegacyRowResult[]> {
  const out: LegacyRowResult[] = [];
  for await (const r of readLegacyFile(source, Readable.from([Buffer.from(text)]))) out.push(r);
  return out;
}

describe('generated files', () => {
  for (const source of LEGACY_SOURCES) {
    it(`${source}: parse with csv.ts and get, from cases.ts and the fixtures, the outcome intended`, async () => {
      const { rows, text } = generate({ source, rows: 400, seed: 11, malformedRate: 0.05 });
      const results = await parse(source, text);
      assert.equal(results.length, rows.length);
      // The platform before the import: all fixtures of the file. Rows are applied in order, as an
      // import does, so a later row sees the accounts earlier ones created (fw3-second-account).
      const platform = memoryPlatform(rows.flatMap((r) => r.fixtures));
      const seen = new Set<string>();
      const scenarios = new Set<string>();
      for (const [i, result] of results.entries()) {
        const generated = rows[i]!;
        assert.equal(result.line, generated.line);
        const expected = generated.expected;
        if (expected.case === 'malformed') {
          assert.ok(!result.ok, `line ${result.line} should be refused`);
          assert.deepEqual(result.errors.map((e) => e.code), [expected.error], `line ${result.line}`);
          seen.add('malformed');
          continue;
        }
        assert.ok(result.ok, `line ${result.line}: ${!result.ok && result.errors.map((e) => e.message).join(' ')}`);
        scenarios.add(generated.scenario);
        const decision = decideLegacyCase(result.row, platform.facts(result.row));
        const created = createdAccount(result.row, decision);
        if (created) platform.add(created);
        seen.add(decision.case);
        assert.equal(decision.case, expected.case, `line ${result.line} (${generated.scenario})`);
        if (isConflict(decision)) {
          assert.ok(expected.case === 'conflict' && decision.reason === expected.reason);
          continue;
        }
        assert.ok(expected.case !== 'conflict');
        assert.equal(decision.loginName, expected.loginName, `line ${result.line} (${generated.scenario})`);
        assert.equal(decision.window, expected.window);
        assert.equal(decision.grant?.organizationLoginName ?? null, expected.grantTo);
        assert.deepEqual([...decision.notes], expected.notes);
        // The legacy hash opens with the row's plaintext password.
        assert.equal(await verifyLegacyPassword(result.row.password, generated.password), true, `line ${result.line} ${result.row.password.scheme}`);
      }
      const cases = LEGACY_CASES.filter((c) => c.startsWith(`${source}-`));
      for (const c of [...cases, 'conflict', 'malformed']) assert.ok(seen.has(c), `${c} occurs`);
      assert.deepEqual([...scenarios].sort(), SCENARIOS[source].map((s) => s.id).sort(), 'every scenario occurs');
    });
  }

  it('values are valid and identifying values unique across all four sources', () => {
    const mobiles = new Set<string>();
    const codes = new Set<string>();
    const documents = new Set<string>();
    const loginNames = new Set<string>();
    const fixtureLoginNames = new Set<string>();
    const add = (set: Set<string>, value: string | undefined, what: string) => {
      if (!value) return;
      assert.ok(!set.has(value.toLowerCase()), `${what} ${value} repeated`);
      set.add(value.toLowerCase());
    };
    for (const source of LEGACY_SOURCES) {
      for (const row of generateLegacyRows({ source, rows: 500, seed: 3 })) {
        const f = row.fields;
        if (f.credit_code) assert.ok(checkCreditCode(f.credit_code).ok, f.credit_code);
        for (const m of [f.mobile, f.contact_mobile]) if (m) assert.ok(checkMobile(m).ok, m);
        if (f.document_type === '居民身份证' || f.document_type === 'resident_id') assert.ok(checkResidentIdNumber(f.document_number!).ok, f.document_number);
        // A second account of an earlier row's employer repeats its code on purpose.
        if (row.scenario !== 'fw3-second-account') add(codes, f.credit_code, 'credit code');
        add(documents, f.document_number, 'document');
        add(loginNames, f.login_name ?? f.credit_code ?? f.mobile, 'legacy login name');
        if (source === 'torch-personal' || source === 'foreign-expert') add(mobiles, f.mobile, 'mobile');
        for (const fixture of row.fixtures) {
          add(fixtureLoginNames, fixture.loginName, 'fixture login name');
          assert.equal(fixture.password, FIXTURE_PASSWORD);
          if (fixture.organization?.creditCode && fixture.organization.creditCode !== f.credit_code) add(codes, fixture.organization.creditCode, 'fixture credit code');
          if (fixture.person?.documentNumber && fixture.person.documentNumber !== f.document_number) add(documents, fixture.person.documentNumber, 'fixture document');
        }
      }
    }
    assert.ok(checkPassword(FIXTURE_PASSWORD).ok, 'fixture accounts meet today’s policy');
    assert.ok(!(LEGACY_PASSWORDS as readonly string[]).includes(FIXTURE_PASSWORD));
    assert.ok(LEGACY_PASSWORDS.some((p) => !checkPassword(p).ok), 'some legacy passwords break today’s policy');
  });

  it('the same seed gives the same file, another seed another', () => {
    const a = generate({ source: 'foreign-work', rows: 50, seed: 5 });
    const b = generate({ source: 'foreign-work', rows: 50, seed: 5 });
    const c = generate({ source: 'foreign-work', rows: 50, seed: 6 });
    assert.equal(a.text, b.text);
    assert.deepEqual(a.rows, b.rows);
    assert.notEqual(a.text, c.text);
  });

  it('weights choose the mix; every scenario still comes first', () => {
    const ids = SCENARIOS['torch-company'].map((s) => s.id);
    const weights = Object.fromEntries(ids.map((id) => [id, id === 'tc4' ? 1 : 0]));
    const rows = [...generateLegacyRows({ source: 'torch-company', rows: 100, weights })];
    assert.deepEqual(rows.slice(0, ids.length).map((r) => r.scenario), ids);
    assert.ok(rows.slice(ids.length).every((r) => r.scenario === 'tc4'));
  });
});

describe('writeLegacyFiles', () => {
  it('writes the CSV, the platform accounts and the expectations, which agree', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'legacy-gen-'));
    try {
      const files = { csv: path.join(dir, 'a.csv'), fixtures: path.join(dir, 'a.fixtures.jsonl'), expectations: path.join(dir, 'a.expected.jsonl') };
      const summary = await writeLegacyFiles({ source: 'torch-company', rows: 120, seed: 2 }, files);
      assert.equal(summary.rows, 120);
      const fixtures = readFileSync(files.fixtures, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PlatformFixture);
      assert.equal(fixtures.length, summary.fixtures);
      const expectations = readFileSync(files.expectations, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; expected: { case: string; loginName?: string } });
      assert.equal(expectations.length, 120);
      assert.deepEqual(Object.keys(summary.byCase).sort(), ['conflict', 'torch-company-1', 'torch-company-2', 'torch-company-3', 'torch-company-4']);
      const platform = memoryPlatform(fixtures);
      let line = 0;
      for await (const result of readLegacyFile('torch-company', createReadStream(files.csv))) {
        assert.ok(result.ok);
        const expected = expectations[line++]!;
        assert.equal(expected.line, result.line);
        assert.equal(decideLegacyCase(result.row, platform.facts(result.row)).case, expected.expected.case);
      }
      assert.equal(line, 120);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
