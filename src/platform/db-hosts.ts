/**
 * PostgreSQL with failover: a multi-host connection string as libpq reads it,
 *   postgres://user:password@host1:5432,host2:5432/identity?target_session_attrs=read-write
 * which the `pg` driver does not understand (it takes one host). The platform tries the hosts in
 * order and keeps the first that accepts writes (`select pg_is_in_recovery()` is false; also without
 * target_session_attrs, since the platform writes: libpq's default would be any; with
 * target_session_attrs=any, the first that answers). When the chosen server goes away or turns
 * read-only (a failover demoted it), the query fails (the request answers 503) and the hosts are
 * tried again in the background until one accepts writes; later queries go there.
 */
import pg from 'pg';
import type { Db, Listener } from './db.ts';

export interface HostTargets {
  /** One single-host connection string per host, in the order given. */
  urls: string[];
  readWrite: boolean;
}

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/;

/** The hosts of a connection string with several (or with target_session_attrs); undefined for an ordinary one. */
export function hostTargets(connectionString: string): HostTargets | undefined {
  const match = URL_PARTS.exec(connectionString);
  if (!match) return undefined;
  const [, scheme, auth = '', hostList = '', rest = ''] = match;
  const [path = '', query = ''] = rest.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  const attrs = params.get('target_session_attrs');
  const hosts = hostList.split(',');
  if (hosts.length < 2 && attrs === null) return undefined;
  if (attrs !== null && attrs !== 'read-write' && attrs !== 'any') throw new Error(`target_session_attrs=${attrs} is not supported (read-write or any)`);
  if (hosts.some((host) => !host)) throw new Error('a host of the connection string is empty');
  params.delete('target_session_attrs');
  const search = params.size ? `?${params}` : '';
  return { urls: hosts.map((host) => `${scheme}${auth}${host}${path}${search}`), readWrite: attrs !== 'any' };
}

/** The host part of a single-host connection string (for messages: never the password). */
const hostOf = (url: string) => URL_PARTS.exec(url)?.[3] ?? '?';

/** How long one host may take to answer while hosts are tried. */
const CONNECT_TIMEOUT_MS = 3000;
/** Pause between two rounds over all hosts while none accepts writes. */
const RETRY_ROUND_MS = 1000;

/** Errors after which the chosen server is tried again: it is away, or no longer accepts writes. */
function lostPrimary(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  return (
    code === '25006' || // read_only_sql_transaction: the server was demoted to a standby
    /^57P0[123]$|^08/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code) ||
    /^Connection terminated|^timeout exceeded when trying to connect/.test(message)
  );
}

/** The first host (in order) that answers and, when asked for, accepts writes. */
export async function choosePrimary(targets: HostTargets): Promise<string> {
  const refusals: string[] = [];
  for (const url of targets.urls) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('error', () => {});
    try {
      await client.connect();
      const [row] = (await client.query<{ standby: boolean }>('select pg_is_in_recovery() as standby')).rows;
      if (!targets.readWrite || !row?.standby) return url;
      refusals.push(`${hostOf(url)}: read-only (standby)`);
    } catch (error) {
      refusals.push(`${hostOf(url)}: ${(error as { code?: string }).code ?? 'unreachable'}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`no PostgreSQL host accepts ${targets.readWrite ? 'writes' : 'connections'} (${refusals.join('; ')})`);
}

/** A Db on the primary among `targets`, moving to another host when it is lost. */
export async function openPrimary(targets: HostTargets, open: (url: string) => Promise<Db>): Promise<Db> {
  let current = await open(await choosePrimary(targets));
  let reselecting: Promise<void> | undefined;
  let closed = false;
  /** LISTENs, moved to the new primary with it (a standby refuses LISTEN). */
  const listening = new Set<{ channel: string; listener: Listener; stop: (() => Promise<void>) | undefined }>();

  const reselect = () => {
    reselecting ??= (async () => {
      while (!closed) {
        try {
          const next = await open(await choosePrimary(targets));
          const previous = current;
          current = next;
          for (const entry of listening) {
            await entry.stop?.().catch(() => {});
            entry.listener.down();
            entry.stop = await next.listen(entry.channel, entry.listener).catch(() => undefined);
          }
          await previous.close().catch(() => {});
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, RETRY_ROUND_MS).unref());
        }
      }
    })().finally(() => (reselecting = undefined));
  };
  const watched = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    try {
      return await work(current);
    } catch (error) {
      if (lostPrimary(error)) reselect();
      throw error;
    }
  };

  return {
    kind: 'postgres',
    query: (sql, params) => watched((db) => db.query(sql, params)),
    exec: (sql) => watched((db) => db.exec(sql)),
    transaction: (work) => watched((db) => db.transaction(work)),
    ping: async () => {
      const up = await current.ping();
      if (!up) reselect();
      return up;
    },
    poolStats: () => current.poolStats?.() ?? { total: 0, idle: 0, waiting: 0 },
    async listen(channel, listener) {
      const entry = { channel, listener, stop: await current.listen(channel, listener) };
      listening.add(entry);
      return async () => {
        listening.delete(entry);
        await entry.stop?.();
      };
    },
    async close() {
      closed = true;
      await reselecting;
      for (const entry of listening) await entry.stop?.().catch(() => {});
      await current.close();
    },
  };
}
