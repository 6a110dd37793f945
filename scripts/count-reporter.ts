// A node:test reporter that counts results, for scripts/test.ts.
//
// Used as a second reporter next to `spec`:
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//        --test-reporter=./scripts/count-reporter.ts --test-reporter-destination=counts.json
//
// Once the run ends it writes a single JSON line (see `Counts`).
//
// What is counted:
// - Only leaf tests. Suites (`details.type === 'suite'`) and tests that have
//   subtests are containers: their results are the results of their children.
//   A container that fails for a reason of its own (a failing hook, an error
//   thrown by the parent's own body) and not merely because a child failed
//   still counts as one failure, so the totals never hide a failed run.
// - A test file that fails as a whole (does not load, crashes, throws
//   asynchronously after its tests) shows up as a failed test named after the
//   file, and counts as one failure.
// - Skipped and todo tests count as skipped, whatever their outcome (a failing
//   todo test does not fail the run, as in node:test itself).
import type { TestEvent } from 'node:test/reporters';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** Failed tests, as "file: name" (at most 50 of them). */
  failures: string[];
}

interface ResultData {
  name: string;
  nesting: number;
  file?: string;
  testId?: number;
  parentId?: number;
  skip?: string | boolean;
  todo?: string | boolean;
  details: { type?: 'suite' | 'test'; error?: unknown };
}

const MAX_FAILURES_LISTED = 50;

function failureType(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'failureType' in error) {
    const value = (error as { failureType: unknown }).failureType;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

export default async function* countReporter(
  source: AsyncIterable<TestEvent>,
): AsyncGenerator<string, void> {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  // Last result seen per file. node:test reports a test after all of its
  // subtests, so a result right after one of its own children, one level
  // deeper, is a container.
  const lastByFile = new Map<string, { nesting: number; parentId?: number; failed: boolean }>();

  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data as unknown as ResultData;
    const fileKey = data.file ?? '';
    const previous = lastByFile.get(fileKey);
    const failed = event.type === 'test:fail';
    lastByFile.set(fileKey, { nesting: data.nesting, parentId: data.parentId, failed });

    const hasChildren =
      previous !== undefined &&
      previous.nesting === data.nesting + 1 &&
      (previous.parentId === undefined || data.testId === undefined || previous.parentId === data.testId);
    const isContainer = data.details.type === 'suite' || hasChildren;

    if (isContainer) {
      // Only a failure of the container's own counts, and not when its
      // children already failed for it (a failing `before` hook cancels them).
      const childFailed = hasChildren && previous.failed;
      if (
        failed &&
        !childFailed &&
        failureType(data.details.error) !== 'subtestsFailed' &&
        !data.todo &&
        !data.skip
      ) {
        recordFailure(counts, data);
      }
      continue;
    }
    if (data.skip || data.todo) counts.skipped++;
    else if (failed) recordFailure(counts, data);
    else counts.passed++;
  }

  yield `${JSON.stringify(counts)}\n`;
}

function recordFailure(counts: Counts, data: ResultData): void {
  counts.failed++;
  if (counts.failures.length < MAX_FAILURES_LISTED) {
    const file = data.file ? `${relative(data.file)}: ` : '';
    counts.failures.push(`${file}${data.name}`);
  }
}

function relative(file: string): string {
  const cwd = `${process.cwd()}/`;
  return file.startsWith(cwd) ? file.slice(cwd.length) : file;
}
