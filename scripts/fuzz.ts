// The long run of the API fuzz test (src/platform/api-fuzz.int.test.ts): `npm run fuzz`.
//
// Usage: npm run fuzz -- [--runs N] [--seed N] [--route TEXT] [--survey FILE] [pglite|postgres|integration]
//   --runs N       cases per route and caller (default 200; `npm test` runs 3)
//   --seed N       the base seed (default: a new one each run, printed, so a failure can be replayed)
//   --route TEXT   only the routes whose "METHOD /url" contains TEXT, e.g. --route /api/me/profile
//   --survey FILE  do not stop at a route's first failure: list every distinct failure, and how many
//                  answers were 2xx / 4xx per route and caller, in FILE (printed at the end)
//   the database   pglite (default), postgres, or integration (both); as for `npm test`
//
// It runs `scripts/test.ts <database> src/platform/api-fuzz.int.test.ts` with FUZZ_RUNS, FUZZ_SEED,
// FUZZ_ROUTE and FUZZ_SURVEY set, so PostgreSQL is started and stopped the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEST_FILE = 'src/platform/api-fuzz.int.test.ts';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string' },
    route: { type: 'string' },
    survey: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});

if (values.help) {
  console.log(readFileSync(import.meta.filename, 'utf8').split('\n').filter((line) => line.startsWith('//')).map((line) => line.slice(3)).join('\n'));
  process.exit(0);
}

const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('scripts/fuzz.ts: --runs and --seed take whole numbers (see --help)');
  process.exit(2);
}
const stages = positionals.length ? positionals : ['pglite'];
const survey = values.survey === undefined ? undefined : path.resolve(values.survey);

if (survey) rmSync(survey, { force: true }); // each database's run appends its part

console.log(`API fuzz: ${runs} cases per route and caller, seed ${seed}${values.route ? `, routes matching "${values.route}"` : ''} (${stages.join(', ')})`);
const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'test.ts'), ...stages, TEST_FILE], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_RUNS: String(runs),
    FUZZ_SEED: String(seed),
    ...(values.route ? { FUZZ_ROUTE: values.route } : {}),
    ...(survey ? { FUZZ_SURVEY: survey } : {}),
    // About 300 routes and callers at ~10 ms a case, twice over for good measure.
    TEST_STAGE_TIMEOUT_MIN: process.env.TEST_STAGE_TIMEOUT_MIN ?? String(Math.max(30, Math.ceil(runs / 5))),
  },
});
if (survey && existsSync(survey)) console.log(`\nSurvey (${survey}):\n${readFileSync(survey, 'utf8')}`);
console.log(`Seed ${seed}: npm run fuzz -- --runs ${runs} --seed ${seed}${values.route ? ` --route ${values.route}` : ''} replays this run.`);
process.exit(result.status ?? 1);
