/**
 * The per-row report of an import (CSV, UTF-8 with a byte-order mark so spreadsheet programs
 * read the Chinese): one line per data row of the file, in file order, for real and dry runs.
 * It is for the operator who holds the export file, so it names the legacy login names as
 * exported; the database keeps Torch personal mobiles only masked and hashed.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { LoginWindow } from '../cases.ts';
import { csvLine } from '../csv.ts';

/**
 * imported: decided and applied by this run; would_import: decided by a dry run;
 * already_imported: decided by an earlier run (skipped); conflict: needs an operator
 * (decided again by the next run); malformed: not readable; duplicate: repeats an earlier row.
 */
export type RowResult = 'imported' | 'would_import' | 'already_imported' | 'conflict' | 'malformed' | 'duplicate';

export interface RowReport {
  line: number;
  legacyLoginName: string;
  result: RowResult;
  /** The case id (also for already_imported: the stored one). */
  case: string;
  window: LoginWindow | '';
  loginName: string;
  accountId: string;
  /** Login name of the organisation that authorised the account (Torch company 4, foreign work 3 and 4). */
  grantedBy: string;
  notes: string;
  /** Conflict reason, or the row's error messages (第12行：…). */
  message: string;
}

export const REPORT_HEADER = ['line', 'legacy_login_name', 'result', 'case', 'window', 'login_name', 'account_id', 'granted_by', 'notes', 'message'] as const;

export function reportLine(r: RowReport): string {
  return csvLine([String(r.line), r.legacyLoginName, r.result, r.case, r.window, r.loginName, r.accountId, r.grantedBy, r.notes, r.message]);
}

/** Writes report lines with back-pressure; `null` path: nothing is written. */
export async function openReport(path: string | undefined) {
  const stream: WriteStream | null = path ? createWriteStream(path) : null;
  const write = async (text: string) => {
    if (stream && !stream.write(text)) await once(stream, 'drain');
  };
  await write(`\uFEFF${csvLine([...REPORT_HEADER])}`);
  return {
    async rows(rows: readonly RowReport[]) {
      if (stream && rows.length) await write(rows.map(reportLine).join(''));
    },
    async close() {
      if (!stream) return;
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.end(resolve);
      });
    },
  };
}
