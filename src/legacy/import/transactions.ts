/** The transactions of an import: a batch's, retried when it lost a race for a name, and the dry run's, rolled back. */
import type { Db } from '../../platform/db.ts';
import { isUniqueViolation } from '../../platform/errors.ts';

/** A batch that lost a race for a login name to a concurrent registration is decided again, this many times at most. */
const UNIQUE_RETRIES = 3;


/** A batch's transaction; lost races for a login name (a registration at the same moment) are decided again. */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= UNIQUE_RETRIES) throw error;
    }
  }
}

class Rollback extends Error {}

/** Runs work in one transaction and rolls it back (the dry run). */
export async function rolledBack<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await work(tx);
      throw new Rollback('dry run');
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}
