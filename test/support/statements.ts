/** The statements a database runs during `work` (outside transactions: those go through their tx). */
import type { Db } from '../../src/platform/db.ts';

export interface RecordedStatement {
  sql: string;
  params: unknown[];
}

/** `work`'s result with every statement it ran, in order. */
export async function recordStatements<T>(db: Db, work: () => Promise<T>): Promise<[T, RecordedStatement[]]> {
  const query = db.query;
  const statements: RecordedStatement[] = [];
  db.query = ((sql: string, params?: unknown[]) => {
    statements.push({ sql, params: params ?? [] });
    return query.call(db, sql, params);
  }) as typeof db.query;
  try {
    return [await work(), statements];
  } finally {
    db.query = query;
  }
}

export async function statementsDuring(db: Db, work: () => Promise<unknown>): Promise<number> {
  return (await recordStatements(db, work))[1].length;
}
