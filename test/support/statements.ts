/** Counts the statements a database runs during `work` (outside transactions: those go through their tx). */
import type { Db } from '../../src/platform/db.ts';

export async function statementsDuring(db: Db, work: () => Promise<unknown>): Promise<number> {
  const query = db.query;
  let count = 0;
  db.query = ((sql: string, params?: unknown[]) => {
    count++;
    return query.call(db, sql, params);
  }) as typeof db.query;
  try {
    await work();
  } finally {
    db.query = query;
  }
  return count;
}
