/**
 * The legacy import against a platform that already holds conflicting accounts (the
 * generator's fixtures): every row's case, login name, window and password; the Torch case 4
 * and foreign-work grants; dry run, re-run, a run killed halfway and resumed (compared with an
 * uninterrupted import on a second platform), malformed and repeated rows, unreadable files.
 * The tests of this file build on each other, in order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApiClient } from '../../../test/support/client.ts';
import { creditCode } from '../../../test/support/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { checkPassword, loginNameKey } from '../../accounts/rules.ts';
import { accountStore } from '../../accounts/store.ts';
import { seedBusinessSystems } from '../../demo/business-systems.ts';
import { authorizationService } from '../../grants/service.ts';
import type { Db } from '../../platform/db.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { csvLine } from '../csv.ts';
import { memoryPlatform } from '../facts.ts';
import { FIXTURE_PASSWORD, type GeneratedRow } from '../generator.ts';
import { decodeStoredLegacyHash, legacyHash, verifyLegacyPassword } from '../password-schemes.ts';
import { LegacyFileError, readLegacyFile, type LegacyRow } from '../rows.ts';
import { LEGACY_SOURCES, LEGACY_SOURCE_CONFIG, TORCH_SYSTEMS, headerOf, type LegacySource } from '../sources.ts';
import { loadBatchFacts } from './facts-store.ts';
import { createPlatformFixtures } from './fixtures.ts';
import { expectedCounts, writeGeneratedFile, type GeneratedFile } from './generated-files.ts';
import { LegacyImportError, importLegacyFile, type ImportSummary } from './importer.ts';

const t = testPlatformForFile();
const dir = mkdtempSync(path.join(tmpdir(), 'legacy-import-'));
const ROWS = 48;
const BATCH = 10;
const data = {} as Record<LegacySource, GeneratedFile>;
let fixtureHash = '';
const services = () => ({ db: t.db, cipher: t.platform.cipher });

after(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'login%'`);
});

const count = async (db: Db, table: string) => Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);
const PLATFORM_TABLES = ['accounts', 'identities', 'organizations', 'verifications', 'authorizations', 'authorization_roles', 'authorization_events', 'organization_systems'];
const platformCounts = async (db: Db) => Object.fromEntries(await Promise.all(PLATFORM_TABLES.map(async (table) => [table, await count(db, table)])));

/** The report of a run, by line. */
function readReport(file: string): Map<number, Record<string, string>> {
  const [header, ...lines] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const columns = header!.split(',');
  const rows = new Map<number, Record<string, string>>();
  for (const line of lines) {
    // The test data has no quoted fields except messages, which come last.
    const fields = line.split(',');
    const row = Object.fromEntries(columns.map((c, i) => [c, i === columns.length - 1 ? fields.slice(i).join(',') : (fields[i] ?? '')]));
    rows.set(Number(row.line), row);
  }
  return rows;
}

async function validRows(source: LegacySource, file: string): Promise<LegacyRow[]> {
  const rows: LegacyRow[] = [];
  for await (const result of readLegacyFile(source, (await import('node:fs')).createReadStream(file))) if (result.ok) rows.push(result.row);
  return rows;
}

const byLoginName = (facts: { loginName: string }[]) => [...facts].sort((a, b) => a.loginName.localeCompare(b.loginName));

// Hooks of a suite run after the file's platform started (root-level hooks may not).
describe('legacy import from generated files', () => {
  before(async () => {
    await seedBusinessSystems(t.platform);
    fixtureHash = await hashPassword(FIXTURE_PASSWORD);
    for (const source of LEGACY_SOURCES) {
      data[source] = writeGeneratedFile(dir, { source, rows: ROWS, seed: 1, malformedRate: 0.1 });
      await createPlatformFixtures(t.db, t.platform.cipher, data[source].fixtures, fixtureHash);
    }
  });

  describe('facts from the database', () => {
    it('are those of the in-memory reference (memoryPlatform) for every generated row', async () => {
      for (const source of LEGACY_SOURCES) {
        const rows = await validRows(source, data[source].file);
        const reference = memoryPlatform(data[source].fixtures);
        const loaded = await t.db.transaction((tx) => loadBatchFacts(tx, t.platform.cipher, rows));
        for (const row of rows) {
          const expected = reference.facts(row);
          const actual = loaded.facts(row);
          const normal = (f: typeof expected) => ({ ...f, organizationAccounts: byLoginName([...f.organizationAccounts]), verifiedPersonAccounts: byLoginName([...f.verifiedPersonAccounts]) });
          assert.deepEqual(normal(actual), normal(expected), `${source} line ${row.line}`);
        }
      }
    });
  });

  describe('legacy import', () => {
    const summaries = {} as Record<LegacySource, ImportSummary>;

    it('a dry run reports the cases a real run gives, and writes no account', async () => {
      const before = await platformCounts(t.db);
      for (const source of LEGACY_SOURCES) {
        const report = path.join(dir, `${source}.dry.csv`);
        const summary = await importLegacyFile(services(), { source, file: data[source].file, dryRun: true, report, batchSize: BATCH });
        assert.equal(summary.status, 'finished');
        assert.deepEqual(summary.counts, expectedCounts(data[source]), source);
        assert.equal(readReport(report).size, ROWS);
        assert.ok([...readReport(report).values()].every((r) => ['would_import', 'conflict', 'malformed'].includes(r.result!)));
        const run = (await t.db.query<{ dry_run: boolean; status: string }>('select dry_run, status from legacy_import_runs where id = $1', [summary.runId]))[0]!;
        assert.deepEqual(run, { dry_run: true, status: 'finished' });
      }
      assert.deepEqual(await platformCounts(t.db), before);
      assert.equal(await count(t.db, 'legacy_import_rows'), 0);
    });

    it('imports Torch company, Torch personal and foreign-expert files', async () => {
      for (const source of ['torch-company', 'torch-personal', 'foreign-expert'] as const) {
        const summary = await importLegacyFile(services(), { source, file: data[source].file, report: path.join(dir, `${source}.report.csv`), batchSize: BATCH });
        assert.equal(summary.status, 'finished');
        assert.deepEqual(summary.counts, expectedCounts(data[source]), source);
        assert.equal(summary.batches, Math.ceil(ROWS / BATCH));
        summaries[source] = summary;
      }
    });

    it('a foreign-work import killed halfway resumes to the end', async () => {
      const { file } = data['foreign-work'];
      const first = await importLegacyFile(services(), { source: 'foreign-work', file, batchSize: BATCH, stopAfterBatches: 2 });
      assert.equal(first.status, 'interrupted');
      assert.equal(first.lastLine, 2 * BATCH + 1);
      const decidedInTwoBatches = await count(t.db, `legacy_import_rows where source = 'foreign-work'`);
      assert.ok(decidedInTwoBatches > 0);

      // Killed inside its third batch: that batch is rolled back, the first two (all skipped) stay.
      await assert.rejects(
        importLegacyFile(services(), {
          source: 'foreign-work',
          file,
          batchSize: BATCH,
          hooks: { beforeCommit: (batch) => { if (batch === 3) throw new Error('killed'); } },
        }),
        /killed/,
      );
      const killed = (await t.db.query<{ id: number; status: string; resumed_from: number; last_line: number }>(
        `select id, status, resumed_from, last_line from legacy_import_runs where source = 'foreign-work' and not dry_run order by id desc limit 1`,
      ))[0]!;
      assert.equal(killed.status, 'failed');
      assert.equal(Number(killed.resumed_from), first.runId);
      assert.equal(killed.last_line, 2 * BATCH + 1, 'progress of the rolled-back batch is not recorded');
      assert.equal(await count(t.db, `legacy_import_rows where source = 'foreign-work'`), decidedInTwoBatches);

      const report = path.join(dir, 'foreign-work.report.csv');
      const last = await importLegacyFile(services(), { source: 'foreign-work', file, batchSize: BATCH, report });
      assert.equal(last.status, 'finished');
      assert.equal(last.resumedFrom, Number(killed.id));
      const lines = readReport(report);
      for (const row of data['foreign-work'].rows) {
        const result = lines.get(row.line)!.result;
        if (row.expected.case === 'malformed') assert.equal(result, 'malformed');
        else if (row.expected.case === 'conflict') assert.equal(result, 'conflict');
        else assert.equal(result, row.line <= 2 * BATCH + 1 ? 'already_imported' : 'imported', `line ${row.line}`);
      }
      summaries['foreign-work'] = last;
    });

    it('the end state of the interrupted foreign-work import is that of an uninterrupted one (before any login)', async () => {
      let other: TestPlatform | undefined;
      try {
        other = await startTestPlatform();
        await seedBusinessSystems(other.platform);
        await createPlatformFixtures(other.platform.db, other.platform.cipher, data['foreign-work'].fixtures, fixtureHash);
        const summary = await importLegacyFile({ db: other.platform.db, cipher: other.platform.cipher }, { source: 'foreign-work', file: data['foreign-work'].file, batchSize: BATCH });
        assert.equal(summary.resumedFrom, null);
        assert.deepEqual(await endState(other.platform.db, 'foreign-work'), await endState(t.db, 'foreign-work'));
      } finally {
        await other?.close();
      }
    });

    it('every row gets its case, login name, window, grant and password', async () => {
      for (const source of LEGACY_SOURCES) {
        const stored = new Map(
          (
            await t.db.query<{ line: number; outcome: string; conflict_reason: string | null; login_window: string | null; kind: string | null; login_name: string | null; password_hash: string | null; account_id: string | null }>(
              `select r.line, r.outcome, r.conflict_reason, r.login_window, a.kind, a.login_name, a.password_hash, r.account_id
               from legacy_import_rows r left join accounts a on a.id = r.account_id where r.source = $1`,
              [source],
            )
          ).map((r) => [r.line, r]),
        );
        const errors = await t.db.query<{ line: number; codes: string[]; message: string }>(
          `select e.line, e.codes, e.message from legacy_import_errors e join legacy_import_runs r on r.id = e.run_id where r.id = $1`,
          [summaries[source].runId],
        );
        for (const row of data[source].rows) {
          const at = `${source} line ${row.line} (${row.scenario})`;
          const expected = row.expected;
          if (expected.case === 'malformed') {
            assert.ok(!stored.has(row.line), at);
            const error = errors.find((e) => e.line === row.line);
            assert.ok(error?.codes.includes(expected.error), at);
            assert.match(error!.message, new RegExp(`^第${row.line}行：`));
            continue;
          }
          const r = stored.get(row.line);
          assert.ok(r, at);
          assert.equal(r.outcome, expected.case, at);
          if (expected.case === 'conflict') {
            assert.equal(r.conflict_reason, expected.reason, at);
            assert.equal(r.account_id, null, at);
            continue;
          }
          assert.equal(r.login_window, expected.window, at);
          if (expected.loginName === null) {
            assert.equal(r.account_id, null, at);
            continue;
          }
          assert.equal(r.login_name, expected.loginName, at);
          assert.equal(r.kind, expected.window, `${at}: the account's kind is its login window`);
          const legacy = decodeStoredLegacyHash(r.password_hash!);
          if (LEGACY_PASSWORD_CASES.has(expected.case)) {
            assert.ok(legacy, `${at}: the legacy hash is stored as it was`);
            assert.ok(await verifyLegacyPassword(legacy, row.password), `${at}: the legacy password opens it`);
            assert.match(r.account_id!, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/, `${at}: a created account has a time-ordered id (ids.ts)`);
          } else assert.equal(legacy, null, `${at}: a kept account keeps its own password`);
          if (expected.grantTo) await assertGranted(source, r.account_id!, expected.grantTo, at);
        if (r.kind === 'natural' && LEGACY_PASSWORD_CASES.has(expected.case)) {
          // What the import encrypted, the platform reads back.
          const person = await accountStore(t.db, t.platform.cipher).loadIdentity(r.account_id!, 'natural_person');
          const subject = LEGACY_SOURCE_CONFIG[source].subject;
          assert.equal(person?.mobile, (subject === 'person' ? row.fields.mobile : row.fields.contact_mobile) ?? '', at);
          assert.equal(person?.documentNumber, (row.fields.document_number ?? '').toUpperCase(), at);
        }
        }
      }
    });

    it('each legacy password logs in through its window and becomes argon2id (a row per case)', async () => {
      for (const source of LEGACY_SOURCES) {
        for (const row of onePerCase(data[source].rows)) {
          const expected = row.expected;
          if (expected.case === 'malformed' || expected.case === 'conflict' || expected.loginName === null) continue;
          await t.db.query(`delete from kv where key like 'rl:%' or key like 'login%'`);
          const at = `${source} ${expected.case} (${row.scenario})`;
          const other = expected.window === 'natural' ? 'legal' : 'natural';
          if (!LEGACY_PASSWORD_CASES.has(expected.case)) {
            // 第二种 / (5): the platform account, with the password its owner set.
            const refused = await new ApiClient(t.baseUrl).login(expected.window, expected.loginName, row.password);
            assert.equal(refused.body.code, 'LOGIN_FAILED', at);
            const res = await new ApiClient(t.baseUrl).login(expected.window, expected.loginName, FIXTURE_PASSWORD);
            assert.equal(res.status, 200, `${at}: ${JSON.stringify(res.body)}`);
            continue;
          }
          const wrong = await new ApiClient(t.baseUrl).login(other, expected.loginName, row.password);
          assert.equal(wrong.status, 409, at);
          assert.equal(wrong.body.code, expected.window === 'legal' ? 'WRONG_WINDOW_LEGAL' : 'WRONG_WINDOW_NATURAL', at);
          const res = await new ApiClient(t.baseUrl).login(expected.window, expected.loginName, row.password);
          assert.equal(res.status, 200, `${at}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.passwordChangeReason, checkPassword(row.password).ok ? null : 'weak', at);
          const [account] = await t.db.query<{ password_hash: string }>('select password_hash from accounts where login_name_key = $1', [loginNameKey(expected.loginName)]);
          assert.match(account!.password_hash, /^\$argon2id\$/, at);
        }
      }
    });

    it('Torch case 4: the person acts for the organisation in its Torch systems once verified', async () => {
      const row = data['torch-company'].rows.find((r) => r.expected.case === 'torch-company-4' && r.scenario === 'tc4')!;
      const expected = row.expected as { loginName: string; grantTo: string };
      const [person] = await t.db.query<{ id: string }>('select id from accounts where login_name_key = $1', [loginNameKey(expected.loginName)]);
      const [organization] = await t.db.query<{ id: string; name: string }>(
        'select a.id, o.name from accounts a join organizations o on o.account_id = a.id where a.login_name_key = $1',
        [loginNameKey(expected.grantTo)],
      );
      const client = new ApiClient(t.baseUrl);
      const login = await client.login('natural', expected.loginName, row.password);
      assert.equal(login.status, 200, JSON.stringify(login.body));
      if (login.body.passwordChangeReason) {
        const changed = await client.post('/api/me/password', { oldPassword: row.password, password: 'Xin@2026mima', passwordConfirm: 'Xin@2026mima' });
        assert.equal(changed.status, 200, JSON.stringify(changed.body));
      }
      const delegations = await client.get('/api/me/delegations');
      assert.equal(delegations.status, 200, JSON.stringify(delegations.body));
      const delegation = delegations.body.delegations.find((d: { organizationId: string }) => d.organizationId === organization!.id);
      assert.equal(delegation.organizationName, organization!.name);
      assert.equal(delegation.status, 'normal');
      assert.deepEqual(delegation.systems.map((s: { roles: string[] }) => s.roles), [['单位事项管理员'], ['单位事项管理员'], ['单位事项管理员']]);
      assert.ok(delegation.canMaintainInfo);

      const [torch] = await t.db.query<{ id: string }>(`select id from business_systems where key = 'torch'`);
      const standing = await authorizationService(t.platform).standing(person!.id, torch!.id);
      assert.deepEqual(standing.options.map((o) => o.organizationId), [organization!.id]);

      // 办理入口 (given an entry address): refused for want of verification first; once verified, the
      // grant takes the person as far as the organisation's own Torch requirements (its information,
      // completed in 我的信息), checked on the organisation the person acts for.
      await t.db.query(`update business_systems set entry_url = 'http://127.0.0.1:9/torch' where key = 'torch'`);
      const refusals = async () => ((await client.get('/api/sso/entry/torch')).body.refusals as { code: string }[]).map((r) => r.code);
      assert.deepEqual(await refusals(), ['NOT_VERIFIED']);
      await t.db.query(`insert into verifications (account_id, subject, status, method) values ($1, 'natural_person', 'registry_verified', 'registry')`, [person!.id]);
      const after = await refusals();
      assert.ok(!after.includes('NOT_VERIFIED') && !after.includes('NO_AUTHORIZATION'), after.join());
      assert.ok(after.length > 0 && after.every((code) => code.startsWith('ORGANIZATION_') || code === 'PRIMARY_AGENT_NOT_VERIFIED'), after.join());
    });

    it('re-running every file changes nothing: rows already imported are skipped', async () => {
      const before = await platformCounts(t.db);
      const outcomes = await t.db.query('select source, legacy_key, outcome, account_id, login_name from legacy_import_rows order by source, legacy_key');
      for (const source of LEGACY_SOURCES) {
        const report = path.join(dir, `${source}.again.csv`);
        const summary = await importLegacyFile(services(), { source, file: data[source].file, report, batchSize: BATCH });
        const expected = expectedCounts(data[source]);
        const decided = Object.entries(expected).filter(([key]) => key !== 'conflict' && key !== 'malformed').reduce((n, [, v]) => n + v, 0);
        const again: Record<string, number> = { already_imported: decided };
        if (expected.conflict) again.conflict = expected.conflict;
        if (expected.malformed) again.malformed = expected.malformed;
        assert.deepEqual(summary.counts, again, source);
        assert.equal(summary.resumedFrom, null, 'the last run finished');
        for (const row of data[source].rows) {
          const result = readReport(report).get(row.line)!.result;
          const expectedResult = row.expected.case === 'malformed' ? 'malformed' : row.expected.case === 'conflict' ? 'conflict' : 'already_imported';
          assert.equal(result, expectedResult, `${source} line ${row.line}`);
        }
      }
      assert.deepEqual(await platformCounts(t.db), before);
      assert.deepEqual(await t.db.query('select source, legacy_key, outcome, account_id, login_name from legacy_import_rows order by source, legacy_key'), outcomes);
    });

  });

  describe('files with problems', () => {
    const header = csvLine(headerOf('torch-company'));
    const torchRow = (code: string, name: string, password = 'Torch@2015') => {
      const salt = 'k9$';
      return csvLine([code, legacyHash('md5-salt-suffix', salt, password), 'md5-salt-suffix', salt, name, '', '']);
    };

    it('malformed and repeated rows are reported with their line and skipped; the rest is imported', async () => {
      const [a, b, c] = [creditCode(), creditCode(), creditCode()];
      const broken = `${c.slice(0, -1)}${c.endsWith('1') ? '2' : '1'}`;
      const file = path.join(dir, 'problems.csv');
      writeFileSync(
        file,
        header +
          torchRow(a, '问题文件测试甲公司') + // line 2
          torchRow(broken, '问题文件测试乙公司') + // line 3: check digit
          `${b},abc"def,md5,,问题文件测试丙公司,,\r\n` + // line 4: stray quote
          torchRow(a, '问题文件测试甲公司') + // line 5: same as line 2
          torchRow(b, '问题文件测试丙公司'), // line 6
      );
      const before = await count(t.db, 'accounts');
      const report = path.join(dir, 'problems.report.csv');
      const summary = await importLegacyFile(services(), { source: 'torch-company', file, report, batchSize: 2 });
      assert.deepEqual(summary.counts, { 'torch-company-1': 2, malformed: 2, duplicate: 1 });
      assert.equal(await count(t.db, 'accounts'), before + 2);
      const errors = await t.db.query<{ line: number; codes: string[]; message: string }>('select line, codes, message from legacy_import_errors where run_id = $1 order by line', [summary.runId]);
      assert.deepEqual(errors.map((e) => [e.line, e.codes[0]]), [[3, 'CREDIT_CODE_CHECK_DIGIT'], [4, 'CSV_STRAY_QUOTE'], [5, 'DUPLICATE_ROW']]);
      assert.match(errors[0]!.message, /^第3行：字段“统一社会信用代码”（credit_code）：/);
      assert.equal(errors[2]!.message, '第5行：与第2行的原登录名相同，已跳过。');
      const lines = readReport(report);
      assert.deepEqual([...lines.values()].map((r) => r.result), ['imported', 'malformed', 'malformed', 'duplicate', 'imported']);
    });

    it('a registration taking a name between the decision and the commit: the batch is decided again', async () => {
      const codes = Array.from({ length: 6 }, () => creditCode());
      const file = path.join(dir, 'overtaken.csv');
      writeFileSync(file, header + codes.map((code, i) => torchRow(code, `抢注测试公司${i}${code}`)).join(''));
      const taken = codes[2]!; // line 4, the first row of batch 2
      const summary = await importLegacyFile(services(), {
        source: 'torch-company',
        file,
        batchSize: 2,
        hooks: {
          async afterDecide(batch) {
            if (batch === 2) await createPlatformFixtures(t.db, t.platform.cipher, [{ kind: 'natural', loginName: taken, person: { name: '抢注人', mobile: '', documentType: '', documentNumber: '', verified: false } }], fixtureHash);
          },
        },
      });
      assert.equal(summary.status, 'finished');
      assert.deepEqual(summary.counts, { 'torch-company-1': 5, 'torch-company-3': 1 });
      const [row] = await t.db.query<{ outcome: string; login_name: string; kind: string }>(
        `select r.outcome, r.login_name, a.kind from legacy_import_rows r join accounts a on a.id = r.account_id where r.source = 'torch-company' and r.legacy_key = $1`,
        [taken],
      );
      assert.deepEqual(row, { outcome: 'torch-company-3', login_name: `HJ_${taken}`, kind: 'legal' });
      assert.equal(await count(t.db, `accounts where login_name_key = any($1)`.replace('$1', `array[${codes.map((c) => `'${c.toLowerCase()}'`).join(',')}]`)), 6);
    });

    it('an unreadable file stops the run with the reason, after the rows before it', async () => {
      const file = path.join(dir, 'bad-header.csv');
      writeFileSync(file, 'credit_code,password_hash\r\n');
      await assert.rejects(importLegacyFile(services(), { source: 'torch-company', file }), (error: unknown) => error instanceof LegacyFileError && error.code === 'CSV_HEADER_MISSING');
      const [run] = await t.db.query<{ status: string; error: string }>('select status, error from legacy_import_runs order by id desc limit 1');
      assert.equal(run!.status, 'failed');
      assert.match(run!.error, /^第1行：表头缺少列/);

      const code = creditCode();
      const notUtf8 = path.join(dir, 'gbk.csv');
      writeFileSync(notUtf8, Buffer.concat([Buffer.from(header + torchRow(code, '编码测试公司')), Buffer.from([0xd6, 0xd0, 0x0d, 0x0a])]));
      await assert.rejects(importLegacyFile(services(), { source: 'torch-company', file: notUtf8, batchSize: 1 }), (error: unknown) => error instanceof LegacyFileError && error.code === 'CSV_NOT_UTF8');
      assert.equal(await count(t.db, `accounts where login_name = '${code}'`), 1, 'the row before the bad bytes was imported');
    });

    it('refuses to start when a system to grant is not registered', async () => {
      await t.db.query(`update business_systems set key = 'torch-renamed' where key = 'torch'`);
      try {
        const before = await count(t.db, 'legacy_import_runs');
        await assert.rejects(
          importLegacyFile(services(), { source: 'torch-company', file: data['torch-company'].file, dryRun: true }),
          (error: unknown) => error instanceof LegacyImportError && error.code === 'GRANT_SYSTEM_MISSING' && error.message.includes('torch'),
        );
        assert.equal(await count(t.db, 'legacy_import_runs'), before);
      } finally {
        await t.db.query(`update business_systems set key = 'torch' where key = 'torch-renamed'`);
      }
    });
  });
});

/** Cases whose account opens with the legacy password (created by the import); the others keep a platform account. */
const LEGACY_PASSWORD_CASES = new Set(['torch-company-1', 'torch-company-3', 'torch-company-4', 'torch-personal-1', 'torch-personal-3', 'foreign-work-1', 'foreign-work-2', 'foreign-work-3', 'foreign-work-4', 'foreign-expert-1', 'foreign-expert-2']);

function onePerCase(rows: GeneratedRow[]): GeneratedRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.expected.case) && seen.add(row.expected.case));
}

/** The organisation authorised the person in the source's systems as unit administrator, holds them, and the event names the migration. */
async function assertGranted(source: LegacySource, personId: string, organizationLoginName: string, at: string) {
  const grant = LEGACY_SOURCE_CONFIG[source].grant!;
  const rows = await t.db.query<{ organization_id: string; maintain_info: boolean; systems: string[]; roles: string[]; held: string[]; actors: string[] }>(
    `select a.organization_id, a.maintain_info,
       array(select s.key from authorization_roles ar join business_systems s on s.id = ar.system_id where ar.authorization_id = a.id order by s.key) as systems,
       array(select distinct ar.role_code from authorization_roles ar where ar.authorization_id = a.id) as roles,
       array(select s.key from organization_systems os join business_systems s on s.id = os.system_id where os.account_id = a.organization_id and os.how = 'approved' order by s.key) as held,
       array(select e.actor_name from authorization_events e where e.person_id = a.person_id and e.action = 'grant') as actors
     from authorizations a join accounts o on o.id = a.organization_id
     where a.person_id = $1 and o.login_name_key = $2`,
    [personId, loginNameKey(organizationLoginName)],
  );
  assert.equal(rows.length, 1, `${at}: one authorisation by ${organizationLoginName}`);
  const [row] = rows;
  assert.deepEqual(row!.systems, [...grant.systems].sort(), at);
  assert.deepEqual(row!.roles, ['item_admin'], at);
  for (const key of grant.systems) assert.ok(row!.held.includes(key), `${at}: the organisation holds ${key}`);
  assert.deepEqual(row!.actors, ['数据迁移'], at);
  assert.equal(row!.maintain_info, true, at);
  if (source === 'torch-company') assert.deepEqual(row!.systems, [...TORCH_SYSTEMS].sort());
}

/** What an import of a source left, without ids or keys that differ between two platforms. */
async function endState(db: Db, source: LegacySource) {
  const rows = await db.query(
    `select r.line, r.legacy_login_name, r.outcome, r.conflict_reason, r.login_window, r.login_name, r.notes, r.credit_code_key,
       a.kind, a.login_name as account_login_name, a.password_hash,
       (select o.name from organizations o where o.account_id = a.id) as organization,
       array(select i.role || ':' || i.name from identities i where i.account_id = a.id order by i.role) as identities,
       array(select oa.login_name || ':' || s.key || ':' || ar.role_code from authorizations z join accounts oa on oa.id = z.organization_id
               join authorization_roles ar on ar.authorization_id = z.id join business_systems s on s.id = ar.system_id
             where z.person_id = a.id order by 1) as grants
     from legacy_import_rows r left join accounts a on a.id = r.account_id where r.source = $1 order by r.line`,
    [source],
  );
  assert.ok(rows.length > 0);
  return rows;
}
