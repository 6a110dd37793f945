// Lists the stored names and dates that today's field rules would refuse (issue 21), as CSV:
// login name, subject, field, value, rule code, message. Changes nothing. The report holds
// personal data (the values): handle it like any export of accounts.
//
// Usage: npm run report:stored-data [-- --out report.csv]
// The database is the platform's: DATABASE_URL, else the embedded PGlite in DATA_DIR.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { storedDataProblems } from '../src/accounts/stored-data-report.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPglite, openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrations.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig();
if (!config.databaseUrl) mkdirSync(path.join(config.dataDir, 'pglite'), { recursive: true });
const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(path.join(config.dataDir, 'pglite'));
await migrate(db);

const out = values.out ? createWriteStream(values.out) : process.stdout;
const csv = (cells: string[]) => cells.map((cell) => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',') + '\n';
out.write(csv(['login_name', 'subject', 'field', 'value', 'code', 'message']));
const counts = new Map<string, number>();
for await (const problem of storedDataProblems(db)) {
  out.write(csv([problem.loginName, problem.subject, problem.field, problem.value, problem.code, problem.message]));
  counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
}
if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
await db.close();
const total = [...counts.values()].reduce((a, b) => a + b, 0);
process.stderr.write(`不符合现行规则的已存数据 ${total} 项 (stored values today's rules refuse)${total ? `: ${[...counts].map(([code, n]) => `${code} ${n}`).join(', ')}` : ''}\n`);
