import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

/**
 * The one SQL surface the platform uses, whether PGlite or a PostgreSQL server sits behind it.
 * Inside transaction(work) use only the tx handed to work: PGlite has one connection, so a
 * query on the outer Db waits for the transaction to end and never returns.
 */
export interface Db {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

export async function one<T = Row>(db: Db, sql: string, params?: unknown[]): Promise<T> {
  const rows = await db.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0] as T;
}

export async function maybeOne<T = Row>(db: Db, sql: string, params?: unknown[]): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}

// Both drivers return the same JavaScript shapes: counts as numbers, calendar dates as 'YYYY-MM-DD'.
const INT8 = 20;
const DATE = 1082;
const parsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const lite = new PGlite({ dataDir, parsers });
  await lite.waitReady;
  return pgliteDb(lite, lite);
}

function pgliteDb(lite: PGlite, handle: Pick<PGlite, 'query' | 'exec'>): Db {
  const db: Db = {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await handle.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await handle.exec(sql);
    },
    async transaction<T>(work: (tx: Db) => Promise<T>) {
      if (handle !== lite) return work(db);
      return lite.transaction((tx) => work(pgliteDb(lite, tx)));
    },
    async ping() {
      try {
        await handle.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (handle === lite) await lite.close();
    },
  };
  return db;
}

export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types: { getTypeParser: (oid: number, format?: string) => (parsers as Record<number, (v: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid, format as 'text') },
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = poolDb(pool);
  await db.query('select 1');
  return db;
}

function poolDb(pool: pg.Pool): Db {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(clientDb(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async ping() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

function clientDb(client: pg.PoolClient): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (work) => work(db),
    ping: async () => true,
    close: async () => {},
  };
  return db;
}
