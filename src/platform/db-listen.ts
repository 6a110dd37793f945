/**
 * LISTEN on a PostgreSQL server: one connection of its own (a pooled one would be handed to
 * other statements), opened again whenever it is lost. Between the loss and the new LISTEN,
 * notifications are missed: the listener is told `down`, then `up`, and whoever relies on
 * them (change-feed.ts) forgets what it kept meanwhile. Until the first LISTEN is in place the
 * listener is neither: `up` comes once it is.
 */
import pg from 'pg';
import type { Listener } from './db.ts';

const RECONNECT_MS = 1000;
const CHANNEL = /^[a-z_]+$/;

export function listenOnServer(connectionString: string): (channel: string, listener: Listener) => Promise<() => Promise<void>> {
  // async: as PGlite's, which must wait for its connection's turn.
  return async (channel, listener) => {
    if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
    let stopped = false;
    let client: pg.Client | undefined;

    const connect = async (): Promise<void> => {
      while (!stopped) {
        const attempt = new pg.Client({ connectionString, keepAlive: true });
        attempt.on('error', () => {});
        try {
          await attempt.connect();
          await attempt.query(`listen ${channel}`);
        } catch {
          await attempt.end().catch(() => {});
          await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS).unref());
          continue;
        }
        if (stopped) {
          await attempt.end().catch(() => {});
          return;
        }
        client = attempt;
        attempt.on('notification', (message) => {
          if (message.channel === channel) listener.notify(message.payload ?? '');
        });
        attempt.once('end', () => {
          client = undefined;
          listener.down();
          if (!stopped) setTimeout(() => void connect(), RECONNECT_MS).unref();
        });
        listener.up();
        return;
      }
    };

    void connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => {});
    };
  };
}
