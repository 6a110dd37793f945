/**
 * The connection to Redis, where the platform keeps its shared short-lived state (kv.ts,
 * kv-redis.ts) and the OpenID Connect provider's artefacts (sso/oidc/store-redis.ts) when
 * several nodes run (REDIS_URL). A single server, not Redis Cluster (a script touches keys
 * that are not all in one slot).
 */
import { Redis } from 'ioredis';

export interface RedisConnection {
  client: Redis;
  /** Put before every key of this platform, so that several platforms (or test runs) can share one server. */
  prefix: string;
  close(): Promise<void>;
}

/** Redis through Sentinel: the sentinels to ask and the name they know the primary by (REDIS_SENTINELS, REDIS_SENTINEL_MASTER). */
export interface SentinelTarget {
  sentinels: { host: string; port: number }[];
  master: string;
  /** REDIS_URL beside the sentinels: its user, password, database and TLS apply to the primary. */
  url?: string;
}

/**
 * Connects to `url` (redis://[user:password@]host:port[/db], rediss:// for TLS), or to the primary
 * the sentinels name (ioredis asks them again and follows a failover), and waits until the
 * server answers, so that a wrong address stops the start instead of the first request.
 */
export async function openRedis(target: string | SentinelTarget, prefix: string): Promise<RedisConnection> {
  const options = {
    lazyConnect: true,
    // A request waiting on Redis fails after a couple of reconnection attempts instead of hanging (the request answers 503).
    maxRetriesPerRequest: 2,
    connectionName: 'most-identity',
  };
  const url = typeof target === 'string' ? target : (target.url ?? '');
  const client =
    typeof target === 'string'
      ? new Redis(target, options)
      : new Redis({ ...options, ...primaryCredentials(target.url), sentinels: target.sentinels, name: target.master, failoverDetector: true });
  // ioredis reconnects by itself; say so once per kind of failure, not on every attempt.
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    console.error(`redis: ${error.message}`);
  });
  client.on('ready', () => (lastError = ''));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const where = typeof target === 'string' ? redactedUrl(url) : `the primary "${target.master}" of sentinels ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}`;
    throw new Error(`cannot connect to Redis at ${where}: ${lastError || (error as Error).message}`);
  }
  return {
    client,
    prefix,
    async close() {
      // QUIT waits for the answers in flight; a server (or sentinel) that is away would make it wait for ever.
      let timer: NodeJS.Timeout | undefined;
      const away = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
      await Promise.race([client.quit().catch(() => undefined), away]);
      clearTimeout(timer);
      // Stops reconnecting, and with Sentinel the failover detector's connections too.
      client.disconnect();
    },
  };
}

/** User, password, database and TLS of a redis:// URL, for the primary found through Sentinel. */
function primaryCredentials(url: string | undefined) {
  if (!url) return {};
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || 0);
  return {
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** How long close() waits for QUIT's answer. */
const CLOSE_WAIT_MS = 2000;

const redactedUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * A Lua script run on the server in one step (nothing else runs meanwhile), as one command:
 * EVAL the first time on a connection, EVALSHA after (ioredis's defineCommand).
 */
export function redisScript(redis: Redis, name: string, lua: string): (keys: string[], args: (string | number)[]) => Promise<unknown> {
  if (!(name in redis)) redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
  return (keys, args) => command.call(redis, keys.length, ...keys, ...args);
}
