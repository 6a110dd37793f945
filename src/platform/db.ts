import { createHash } from 'node:crypto';
import { PGlite, protocol, types, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { hostTargets, openPrimary } from './db-hosts.ts';
import { listenOnServer } from './db-listen.ts';

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
  /**
   * LISTEN on a channel (change-feed.ts): `notify` with each payload, `up` once listening,
   * `down` when the connection is lost (notifications are missed until `up` again). Resolves
   * to what stops it.
   */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /** A server's connection pool (metrics): connections open, idle, and queries waiting for one. */
  poolStats?(): { total: number; idle: number; waiting: number };
}

export interface Listener {
  notify(payload: string): void;
  up(): void;
  down(): void;
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

/**
 * Statements are prepared once per connection and reused (by a name derived from their text):
 * a query then costs a bind and an execute instead of a parse, a plan and two describes.
 * Up to this many per connection; the least recently used is closed beyond.
 */
const PREPARED_PER_CONNECTION = 256;
/** The server refused a prepared statement: the table changed under it (0A000), or it is gone (26000). Re-prepared once. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

const statementName = (sql: string) => `s_${createHash('sha1').update(sql).digest('base64url')}`;

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const lite = new PGlite({ dataDir, parsers });
  await lite.waitReady;
  // In memory there is nothing to make durable: a commit need not wait for its WAL record to be
  // "flushed", which in PGlite costs a write statement two thirds of its time. (As the test
  // PostgreSQL server runs, scripts/pg-test-server.sh; a database on disk keeps the default.)
  if (dataDir === undefined) await lite.exec('set synchronous_commit = off');
  return pgliteDb(lite);
}

/** Runs the works one at a time, in the order given (a failure does not stop the queue). */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/**
 * PGlite has one connection. Everything this Db does with it goes through one queue: a
 * statement, a whole transaction, exec, close. Statements outside transactions run as
 * prepared statements (preparedStatements below) straight through PGlite's protocol, without
 * PGlite's own per-query locks, which cost more than the statement (each lock waits for a
 * later turn of the event loop): the queue already keeps them apart. A transaction holds the
 * queue until it ends, and its statements go through PGlite's own query().
 */
function pgliteDb(lite: PGlite): Db {
  const serial = serialQueue();
  const statements = preparedStatements(lite);
  return {
    kind: 'pglite',
    query: <T>(sql: string, params: unknown[] = []) => serial(() => statements.query<T>(sql, params)),
    exec: (sql: string) => serial(async () => void (await lite.exec(sql))),
    transaction: <T>(work: (tx: Db) => Promise<T>) => serial(() => lite.transaction((tx) => work(pgliteTransactionDb(tx)))),
    ping: () =>
      serial(() => statements.query('select 1', [])).then(
        () => true,
        () => false,
      ),
    async listen(channel, listener) {
      // One connection: a notification arrives with the statement that commits it, before that statement's answer.
      const stop = await serial(() => lite.listen(channel, (payload) => listener.notify(payload)));
      listener.up();
      return () => serial(() => stop());
    },
    close: () => serial(() => lite.close()),
  };
}

function pgliteTransactionDb(tx: Transaction): Db {
  const db: Db = {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await tx.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    transaction: (work) => work(db),
    listen: notInTransaction,
    ping: async () => true,
    close: async () => {},
  };
  return db;
}

interface PreparedStatement {
  name: string;
  paramTypes: number[];
  fields: { name: string; dataTypeID: number }[];
}

type BackendMessage = { name: string; dataTypeIDs?: number[]; fields?: unknown[] };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Named prepared statements on PGlite's connection, parameters serialised and results parsed
 * with PGlite's own serialisers and parsers (as its query() does), so rows are the same.
 * The caller runs one call at a time (the queue of pgliteDb).
 */
function preparedStatements(lite: PGlite) {
  const { serialize } = protocol;
  const statements = new Map<string, PreparedStatement>();
  const run = async (parts: Uint8Array[], syncToFs: boolean) =>
    (await lite.execProtocol(concat([...parts, serialize.sync()]), { syncToFs })).messages as unknown as BackendMessage[];
  const close = (name: string) => run([serialize.close({ type: 'S', name })], false);

  async function prepare(sql: string): Promise<PreparedStatement> {
    const name = statementName(sql);
    const messages = await run([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name })], false);
    const statement: PreparedStatement = { name, paramTypes: [], fields: [] };
    for (const message of messages) {
      if (message.name === 'parameterDescription') statement.paramTypes = message.dataTypeIDs ?? [];
      if (message.name === 'rowDescription') statement.fields = (message.fields ?? []) as PreparedStatement['fields'];
    }
    statements.set(sql, statement);
    if (statements.size > PREPARED_PER_CONNECTION) {
      const [oldest, evicted] = statements.entries().next().value!;
      statements.delete(oldest);
      await close(evicted.name);
    }
    return statement;
  }

  async function execute<T>(sql: string, params: unknown[]): Promise<T[]> {
    let statement = statements.get(sql);
    if (statement) {
      // The most recently used last.
      statements.delete(sql);
      statements.set(sql, statement);
    } else statement = await prepare(sql);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = lite.serializers[statement.paramTypes[i]!];
      return serializer ? (serializer(param) as string) : String(param);
    });
    const messages = await run([serialize.bind({ statement: statement.name, values }), serialize.execute({})], true);
    const rows: T[] = [];
    for (const message of messages) {
      if (message.name !== 'dataRow') continue;
      const row: Record<string, unknown> = {};
      (message.fields as (string | null)[]).forEach((value, i) => {
        const field = statement.fields[i]!;
        row[field.name] = types.parseType(value, field.dataTypeID, lite.parsers);
      });
      rows.push(row as T);
    }
    return rows;
  }

  return {
    async query<T>(sql: string, params: unknown[]): Promise<T[]> {
      try {
        return await execute<T>(sql, params);
      } catch (error) {
        if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '') || !statements.has(sql)) throw withQuery(error, sql, params);
        statements.delete(sql);
        await close(statementName(sql));
        return execute<T>(sql, params).catch((again: unknown) => Promise.reject(withQuery(again, sql, params)));
      }
    },
  };
}

const notInTransaction = () => Promise.reject(new Error('LISTEN is for the Db, not a transaction'));

/** As PGlite's query() reports a failed statement: with its text and parameters. */
function withQuery(error: unknown, sql: string, params: unknown[]): unknown {
  if (error && typeof error === 'object') Object.assign(error, { query: sql, params });
  return error;
}

export async function openPostgres(connectionString: string): Promise<Db> {
  // Several hosts (postgres://…@host1,host2/db?target_session_attrs=read-write): the primary among them (db-hosts.ts).
  const targets = hostTargets(connectionString);
  if (targets) return openPrimary(targets, openPostgres);
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types: { getTypeParser: (oid: number, format?: string) => (parsers as Record<number, (v: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid, format as 'text') },
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = poolDb(pool, listenOnServer(connectionString));
  await db.query('select 1');
  return db;
}

/**
 * Outside transactions, statements with parameters run as named prepared statements (each
 * connection of the pool prepares one on first use): the server then skips parsing and
 * planning. Not in transactions, where a refused statement would abort the transaction.
 * A statement the server refuses as stale (a migration changed its table while this process
 * runs) is run unnamed, now and from then on. Only the first PREPARED_PER_CONNECTION texts
 * are named, so that statements built on the fly cannot pile up on the connections.
 */
function pgStatements() {
  const named = new Set<string>();
  const unnamed = new Set<string>();
  return {
    config(sql: string, params: unknown[]): pg.QueryConfig {
      if (params.length && !unnamed.has(sql) && (named.has(sql) || named.size < PREPARED_PER_CONNECTION)) {
        named.add(sql);
        return { name: statementName(sql), text: sql, values: params };
      }
      return { text: sql, values: params };
    },
    stale(sql: string, error: unknown): boolean {
      if (!named.has(sql) || !STALE_STATEMENT.has((error as { code?: string }).code ?? '')) return false;
      named.delete(sql);
      unnamed.add(sql);
      return true;
    },
  };
}

function poolDb(pool: pg.Pool, listen: Db['listen']): Db {
  const statements = pgStatements();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      try {
        return (await pool.query(statements.config(sql, params))).rows as T[];
      } catch (error) {
        if (!statements.stale(sql, error)) throw error;
        return (await pool.query(sql, params)).rows as T[];
      }
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
    listen,
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
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
    listen: notInTransaction,
    ping: async () => true,
    close: async () => {},
  };
  return db;
}
