/**
 * Small generated legacy files for the integration tests (src/legacy/generator.ts): the CSV on
 * disk, and in memory every row with its plaintext password, fixtures and expected outcome.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { csvHeader, csvRow, generateLegacyRows, type GeneratedRow, type GeneratorOptions } from '../generator.ts';
import type { PlatformFixture } from '../facts.ts';
import type { LegacySource } from '../sources.ts';

export interface GeneratedFile {
  source: LegacySource;
  file: string;
  rows: GeneratedRow[];
  fixtures: PlatformFixture[];
}

export function writeGeneratedFile(dir: string, options: GeneratorOptions): GeneratedFile {
  const rows = [...generateLegacyRows(options)];
  const file = path.join(dir, `${options.source}-${options.seed ?? 1}.csv`);
  writeFileSync(file, csvHeader(options.source) + rows.map((row) => csvRow(row, options.source)).join(''));
  return { source: options.source, file, rows, fixtures: rows.flatMap((row) => row.fixtures) };
}

/** Rows per result the generator expects: case ids, 'conflict', 'malformed'. */
export function expectedCounts(generated: GeneratedFile): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of generated.rows) counts[row.expected.case] = (counts[row.expected.case] ?? 0) + 1;
  return counts;
}
