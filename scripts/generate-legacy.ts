// Generates a legacy export file (src/legacy/README.md) with every migration case.
//
// Usage:
//   node scripts/generate-legacy.ts --source torch-company --rows 1000000 --out torch-company.csv
//     [--seed 1] [--fixtures platform.jsonl] [--expect expected.jsonl] [--malformed 0.01]
//     [--weight tc1=0 --weight tc4=5 …] [--bcrypt-cost 4]
//   node scripts/generate-legacy.ts --source all --rows 1000 --out-dir data/legacy
//     (four files <source>.csv, with <source>.fixtures.jsonl and <source>.expected.jsonl)
//
// --fixtures: platform accounts to create before importing, one JSON object a line.
// --expect:   per row its line, scenario, plaintext legacy password and expected outcome.
// Prints the number of rows by scenario and by case to stderr.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeLegacyFiles, type GeneratorOptions } from '../src/legacy/generator.ts';
import { LEGACY_SOURCES, isLegacySource, type LegacySource } from '../src/legacy/sources.ts';

function fail(message: string): never {
  process.stderr.write(`generate-legacy: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    source: { type: 'string' },
    rows: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    'out-dir': { type: 'string' },
    fixtures: { type: 'string' },
    expect: { type: 'string' },
    malformed: { type: 'string', default: '0' },
    weight: { type: 'string', multiple: true, default: [] },
    'bcrypt-cost': { type: 'string', default: '4' },
  },
});

const rows = Number(values.rows);
const seed = Number(values.seed);
const malformedRate = Number(values.malformed);
const bcryptCost = Number(values['bcrypt-cost']);
if (!Number.isInteger(rows) || rows < 0) fail('--rows must be a whole number');
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
if (!(malformedRate >= 0 && malformedRate <= 1)) fail('--malformed must be between 0 and 1');
if (!Number.isInteger(bcryptCost) || bcryptCost < 4 || bcryptCost > 31) fail('--bcrypt-cost must be 4..31');
const weights: Record<string, number> = {};
for (const entry of values.weight) {
  const [id, weight] = entry.split('=');
  if (!id || weight === undefined || !(Number(weight) >= 0)) fail(`--weight ${entry}: expected <scenario>=<number>`);
  weights[id] = Number(weight);
}

let sources: LegacySource[];
if (values.source === 'all') {
  if (!values['out-dir']) fail('--source all needs --out-dir');
  sources = [...LEGACY_SOURCES];
} else if (isLegacySource(values.source)) {
  if (!values.out && !values['out-dir']) fail('--out or --out-dir is required');
  sources = [values.source];
} else fail(`--source must be one of ${LEGACY_SOURCES.join(', ')} or all`);

for (const source of sources) {
  const dir = values['out-dir'];
  const files = dir
    ? { csv: path.join(dir, `${source}.csv`), fixtures: path.join(dir, `${source}.fixtures.jsonl`), expectations: path.join(dir, `${source}.expected.jsonl`) }
    : { csv: values.out!, fixtures: values.fixtures, expectations: values.expect };
  const options: GeneratorOptions = { source, rows, seed, malformedRate, weights, bcryptCost };
  const started = Date.now();
  const summary = await writeLegacyFiles(options, files);
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`${source}: ${summary.rows} rows, ${summary.fixtures} platform accounts, ${seconds.toFixed(1)} s -> ${files.csv}\n`);
  for (const [key, count] of Object.entries(summary.byCase).sort()) process.stderr.write(`  ${key.padEnd(20)} ${count}\n`);
  for (const [key, count] of Object.entries(summary.byScenario).sort()) process.stderr.write(`    ${key.padEnd(38)} ${count}\n`);
}
