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

/**
 * Connects to `url` (redis://[user:password@]host:port[/db], rediss:// for TLS) and waits until
 * the server answers, so that a wrong URL stops the start instead of the first request.
 */
export async function openRedis(url: string, prefix: string): Promise<RedisConnection> {
  const client = new Redis(url, {
    lazyConnect: true,
    // A request waiting on Redis fails after a couple of reconnection attempts instead of hanging.
    maxRetriesPerRequest: 2,
    connectionName: 'most-identity',
  });
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
    throw new Error(`cannot connect to Redis at ${redactedUrl(url)}: ${lastError || (error as Error).message}`);
  }
  return {
    client,
    prefix,
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

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
