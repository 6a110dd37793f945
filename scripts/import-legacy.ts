// Imports a legacy export file into the platform (src/legacy/README.md, "Running an import").
//
// Usage:
//   npm run import-legacy -- --source torch-company --file accounts.csv [--dry-run] [--report report.csv]
//     [--batch-size 2000] [--schemes md5-salt-suffix,bcrypt] [--stop-after-batches N]
//
// The database is the platform's (DATABASE_URL, else the embedded PGlite in DATA_DIR: stop the
// platform first, PGlite has one user), with its personal-data keys. Prints the progress to
// stderr and the rows per case at the end. Exit status: 0 finished, 1 failed, 2 usage,
// 3 stopped by --stop-after-batches (the next run of the same file resumes).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LegacyImportError, importLegacyFile, type ImportSummary } from '../src/legacy/import/importer.ts';
import { LEGACY_CASES } from '../src/legacy/cases.ts';
import { isHashScheme, type HashScheme } from '../src/legacy/password-schemes.ts';
import { LegacyFileError } from '../src/legacy/rows.ts';
import { LEGACY_SOURCES, LEGACY_SOURCE_CONFIG, isLegacySource } from '../src/legacy/sources.ts';
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/migrations.ts';
import { openPglite, openPostgres, type Db } from '../src/platform/db.ts';
import { checkCryptoSuite } from '../src/crypto/suite-record.ts';
import { personalDataCipher } from '../src/platform/personal-data.ts';
import { resolveKeys } from '../src/crypto/keys/provider.ts';

function usage(message: string): never {
  process.stderr.write(`import-legacy: ${message}\n用法: npm run import-legacy -- --source <${LEGACY_SOURCES.join('|')}> --file <accounts.csv> [--dry-run] [--report <report.csv>]\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    source: { type: 'string' },
    file: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    report: { type: 'string' },
    'batch-size': { type: 'string' },
    schemes: { type: 'string' },
    'stop-after-batches': { type: 'string' },
  },
});

const source = values.source;
if (!isLegacySource(source)) usage(`--source must be one of ${LEGACY_SOURCES.join(', ')}`);
if (!values.file) usage('--file is required');
const positive = (name: string, text: string | undefined) => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} must be a positive whole number`);
  return n;
};
const batchSize = positive('batch-size', values['batch-size']);
const stopAfterBatches = positive('stop-after-batches', values['stop-after-batches']);
let schemes: HashScheme[] | undefined;
if (values.schemes) {
  const names = values.schemes.split(',').map((s) => s.trim().toLowerCase());
  const unknown = names.find((s) => !isHashScheme(s));
  if (unknown) usage(`unknown hash scheme ${unknown}`);
  schemes = names as HashScheme[];
}

/**
 * The platform's database as openDatabase (src/platform/platform.ts) opens it, without loading
 * the rest of the platform (its storage and registry clients would add ~50 MB to the command).
 */
async function openPlatformDatabase(): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const dir = path.join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

const config = loadConfig();
const db = await openPlatformDatabase();
await migrate(db);
// The suite the platform's data is kept in (CRYPTO_SUITE, recorded at its first start): refused if they differ.
try {
  await checkCryptoSuite(db, config.cryptoSuite);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
// KEY_PROVIDER=kms: the keys come from the KMS (src/crypto/keys/).
const cipher = personalDataCipher(await resolveKeys(config.keys, config.keyProvider), config.cryptoSuite);
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.dataDir}/pglite)`;
const dryRun = values['dry-run'];
process.stderr.write(`${dryRun ? '试运行（不写入账号）' : '导入'} ${LEGACY_SOURCE_CONFIG[source].zh}: ${values.file} -> ${where}\n`);

let lastPrint = 0;
let summary: ImportSummary;
try {
  summary = await importLegacyFile(
    { db, cipher },
    {
      source,
      file: values.file,
      dryRun,
      report: values.report,
      batchSize,
      schemes,
      stopAfterBatches,
      hooks: {
        afterBatch(progress) {
          if (Date.now() - lastPrint < 2000) return;
          lastPrint = Date.now();
          process.stderr.write(`  已处理 ${progress.rowsRead} 行（至第 ${progress.lastLine} 行）\n`);
        },
      },
    },
  );
} catch (error) {
  const known = error instanceof LegacyFileError || error instanceof LegacyImportError;
  process.stderr.write(`import-legacy: 导入失败: ${known ? error.message : String((error as Error)?.stack ?? error)}\n`);
  await db.close();
  process.exit(1);
}
await db.close();

const order = [...LEGACY_CASES, 'conflict', 'already_imported', 'duplicate', 'malformed'];
const LABELS: Record<string, string> = {
  conflict: '需人工处理（冲突）',
  already_imported: '已导入（跳过）',
  duplicate: '重复行（跳过）',
  malformed: '格式错误（跳过）',
};
const rows = Object.entries(summary.counts).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
const status = { finished: '完成', interrupted: '已中止（再次运行同一文件即可续导）', failed: '失败', running: '进行中' }[summary.status];
process.stdout.write(`导入批次 #${summary.runId}${summary.dryRun ? '（试运行）' : ''}: ${status}${summary.resumedFrom ? `，续导批次 #${summary.resumedFrom}` : ''}\n`);
for (const [key, n] of rows) process.stdout.write(`  ${key.padEnd(18)} ${String(n).padStart(9)}  ${LABELS[key] ?? ''}\n`);
process.stdout.write(`  ${'total'.padEnd(18)} ${String(summary.rowsRead).padStart(9)}  ${summary.seconds.toFixed(1)} s, ${Math.round(summary.rowsRead / summary.seconds)} 行/秒\n`);
if (values.report) process.stdout.write(`逐行报告: ${values.report}\n`);
process.exit(summary.status === 'interrupted' ? 3 : 0);
