/**
 * Generates realistic legacy export files for tests, the demo data and the
 * benchmark: every case of cases.ts (and the tie-breaks and conflicts) at a
 * configurable size, reproducible from a seed, streamed so a million rows is
 * fine. Each generated row comes with its plaintext legacy password, the
 * platform accounts that must exist before the import for its case to occur
 * (fixtures), and the outcome it must get.
 *
 * Scenarios are described in scenarios.ts; this file runs them and writes files.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import bcrypt from 'bcryptjs';
import type { LegacyCaseId, LegacyConflictReason, LegacyNote, LoginWindow } from './cases.ts';
import { csvLine } from './csv.ts';
import type { PlatformFixture } from './facts.ts';
import { chineseName, foreignName, pick, salt, seededRandom, uniqueValues, type Random } from './generator-data.ts';
import { legacyHash, schemeUsesSalt, type HashScheme } from './password-schemes.ts';
import { SCENARIOS, type Scenario, type ScenarioRow } from './scenarios.ts';
import { LEGACY_SOURCES, LEGACY_SOURCE_CONFIG, headerOf, type LegacyColumn, type LegacySource } from './sources.ts';

/** Legacy passwords of generated rows; some break today's policy on purpose (they must still log in). */
export const LEGACY_PASSWORDS = ['Torch@2015', 'Hj#20160801', 'abc12345', '123456', 'Qwer1234!', 'zhang888', 'Passw0rd', 'WaiZhuan@2018'] as const;
/** Password of every fixture account: meets today's policy and is none of the legacy ones. */
export const FIXTURE_PASSWORD = 'Pingtai@2024';

export interface GeneratorOptions {
  source: LegacySource;
  rows: number;
  /** Same seed, same data (default 1). */
  seed?: number;
  /** Share of rows (0..1) given one defect each, after every scenario has occurred once (default 0). */
  malformedRate?: number;
  /** Relative weights of scenarios by id (default: each scenario's own weight). */
  weights?: Partial<Record<string, number>>;
  /** bcrypt cost of generated bcrypt hashes (default 4, the minimum: fast and still genuine bcrypt). */
  bcryptCost?: number;
}

export type ExpectedOutcome =
  | { case: LegacyCaseId; loginName: string | null; window: LoginWindow; grantTo: string | null; notes: LegacyNote[] }
  | { case: 'conflict'; reason: LegacyConflictReason }
  /** A malformed row: the first error code its validation must report. */
  | { case: 'malformed'; error: string };

export interface GeneratedRow {
  /** Line of the CSV file (the header is line 1). */
  line: number;
  scenario: string;
  fields: Partial<Record<LegacyColumn, string>>;
  /** The legacy password in plain text. */
  password: string;
  fixtures: PlatformFixture[];
  expected: ExpectedOutcome;
}

/** The CSV header line of a source's file. */
export function csvHeader(source: LegacySource): string {
  return csvLine(headerOf(source));
}

/** The CSV line of a generated row (fields in header order). */
export function csvRow(row: GeneratedRow, source: LegacySource): string {
  return csvLine(headerOf(source).map((column) => row.fields[column] ?? ''));
}

/** The rows of one file, lazily: iterate, write, forget. */
export function* generateLegacyRows(options: GeneratorOptions): Generator<GeneratedRow> {
  const { source, rows } = options;
  const seed = options.seed ?? 1;
  const config = LEGACY_SOURCE_CONFIG[source];
  const sourceIndex = LEGACY_SOURCES.indexOf(source);
  const random = seededRandom(Math.imul(seed, 0x85ebca6b) ^ (sourceIndex + 1));
  const values = uniqueValues(seed, sourceIndex, random);
  const scenarios = SCENARIOS[source];
  const weights = scenarios.map((s) => Math.max(0, options.weights?.[s.id] ?? s.weight));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const bcryptCost = options.bcryptCost ?? 4;
  const bcryptCache = new Map<string, string>();

  const choose = (index: number): Scenario => {
    // Every scenario once first, so any file of at least that many rows holds every case.
    if (index < scenarios.length) return scenarios[index]!;
    let r = random() * totalWeight;
    for (let i = 0; i < scenarios.length; i++) {
      r -= weights[i]!;
      if (r < 0) return scenarios[i]!;
    }
    return scenarios[scenarios.length - 1]!;
  };

  const hashFields = (password: string) => {
    const scheme: HashScheme = pick(random, config.schemes);
    const rowSalt = schemeUsesSalt(scheme) ? salt(random) : '';
    let hash: string;
    if (scheme === 'bcrypt') {
      // One bcrypt hash per password (bcrypt in plain JS is slow); the version letter varies.
      let cached = bcryptCache.get(password);
      if (!cached) bcryptCache.set(password, (cached = bcrypt.hashSync(password, bcryptSalt(random, bcryptCost))));
      hash = cached.replace(/^\$2[aby]\$/, pick(random, ['$2a$', '$2b$', '$2y$']));
    } else hash = legacyHash(scheme, rowSalt, password);
    // An empty scheme column means the source's default scheme.
    const schemeText = scheme === config.defaultScheme && random() < 0.5 ? '' : scheme;
    return { password_hash: hash, hash_scheme: schemeText, salt: rowSalt };
  };

  const fixture = (partial: Omit<PlatformFixture, 'password'>): PlatformFixture => ({ ...partial, password: FIXTURE_PASSWORD });
  // Employers created by earlier fw1 rows, for the second accounts of the same employer.
  const employers: Fields[] = [];
  const earlierEmployer = () => (employers.length ? pick(random, employers) : undefined);
  const context = { random, values, fixture, chineseName: () => chineseName(random), foreignName: () => foreignName(random), config, earlierEmployer };

  for (let index = 0; index < rows; index++) {
    const line = index + 2;
    const scenario = choose(index);
    const password = pick(random, LEGACY_PASSWORDS);
    const built: ScenarioRow = scenario.build(context);
    const fields = { ...built.fields, ...hashFields(password) };
    const fixtures = built.fixtures.map((f) => ({ ...f, forLine: line }));
    let expected: ExpectedOutcome = built.expected;
    let name = scenario.id;
    if (index >= scenarios.length && options.malformedRate && random() < options.malformedRate) {
      const defect = pick(random, DEFECTS.filter((d) => d.applies(source, fields)));
      defect.apply(fields, random);
      expected = { case: 'malformed', error: defect.error };
      name = `malformed:${defect.error}`;
      yield { line, scenario: name, fields, password, fixtures: [], expected };
      continue;
    }
    if (scenario.id === 'fw1' && employers.length < 1000) employers.push(fields);
    yield { line, scenario: name, fields, password, fixtures, expected };
  }
}

type Fields = Partial<Record<LegacyColumn, string>>;

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A bcrypt salt drawn from the seeded generator, so the same seed gives the same hashes. */
function bcryptSalt(random: Random, cost: number): string {
  let salt = `$2b$${String(cost).padStart(2, '0')}$`;
  for (let i = 0; i < 22; i++) salt += BCRYPT_ALPHABET[Math.floor(random() * 64)];
  return salt;
}

interface Defect {
  error: string;
  applies(source: LegacySource, fields: Fields): boolean;
  apply(fields: Fields, random: Random): void;
}

const flipLast = (value: string) => value.slice(0, -1) + (value.endsWith('1') ? '2' : '1');

/** One defect per malformed row, each with the first error code validation must give. */
const DEFECTS: Defect[] = [
  {
    error: 'FIELD_REQUIRED',
    applies: (source) => source === 'torch-company' || source === 'foreign-work',
    apply: (f) => void (f.organization_name = ''),
  },
  { error: 'FIELD_REQUIRED', applies: (source) => source === 'torch-personal' || source === 'foreign-expert', apply: (f) => void (f.name = '') },
  { error: 'CREDIT_CODE_CHECK_DIGIT', applies: (_, f) => Boolean(f.credit_code), apply: (f) => void (f.credit_code = flipLast(f.credit_code!)) },
  { error: 'MOBILE_INVALID', applies: (_, f) => Boolean(f.mobile), apply: (f) => void (f.mobile = `12${f.mobile!.slice(2)}`) },
  {
    error: 'ID_NUMBER_CHECK_DIGIT',
    applies: (_, f) => f.document_type === '居民身份证' || f.document_type === 'resident_id',
    apply: (f) => void (f.document_number = flipLast(f.document_number!.replace(/X$/, '0'))),
  },
  { error: 'HASH_SCHEME_UNKNOWN', applies: () => true, apply: (f) => void (f.hash_scheme = 'md4') },
  { error: 'HASH_FORMAT', applies: () => true, apply: (f) => void (f.password_hash = f.password_hash!.slice(0, -2)) },
  { error: 'LOGIN_NAME_INVALID_CHARS', applies: (_, f) => Boolean(f.login_name), apply: (f) => void (f.login_name = `${f.login_name}-旧`) },
];

export interface GeneratedFiles {
  /** The legacy export file (CSV). */
  csv: string;
  /** Platform accounts to create before importing, one JSON object per line (PlatformFixture). */
  fixtures?: string;
  /** Per row: line, scenario, plaintext password and expected outcome, one JSON object per line. */
  expectations?: string;
}

export interface GenerationSummary {
  rows: number;
  fixtures: number;
  byScenario: Record<string, number>;
  byCase: Record<string, number>;
}

async function write(stream: NodeJS.WritableStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: NodeJS.WritableStream & { close?: unknown }) {
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.end(resolve);
  });
}

/** Writes the files of one generated source, with back-pressure (memory stays flat). */
export async function writeLegacyFiles(options: GeneratorOptions, files: GeneratedFiles): Promise<GenerationSummary> {
  const csv = createWriteStream(files.csv);
  const fixtures = files.fixtures ? createWriteStream(files.fixtures) : null;
  const expectations = files.expectations ? createWriteStream(files.expectations) : null;
  const summary: GenerationSummary = { rows: 0, fixtures: 0, byScenario: {}, byCase: {} };
  await write(csv, csvHeader(options.source));
  for (const row of generateLegacyRows(options)) {
    await write(csv, csvRow(row, options.source));
    if (fixtures) for (const f of row.fixtures) await write(fixtures, `${JSON.stringify(f)}\n`);
    if (expectations) await write(expectations, `${JSON.stringify({ line: row.line, scenario: row.scenario, password: row.password, expected: row.expected })}\n`);
    summary.rows++;
    summary.fixtures += row.fixtures.length;
    summary.byScenario[row.scenario] = (summary.byScenario[row.scenario] ?? 0) + 1;
    summary.byCase[row.expected.case] = (summary.byCase[row.expected.case] ?? 0) + 1;
  }
  await Promise.all([csv, fixtures, expectations].filter((s) => s !== null).map((s) => close(s)));
  return summary;
}
