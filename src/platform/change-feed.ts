/**
 * What this node keeps in memory of rows every node may change (an account's claims, an OIDC
 * grant), forgotten as soon as the database announces a change of them: the triggers of
 * migration 031 notify `cache_invalidation` when the change commits, whichever node or program
 * made it ('claims:<account ids>' or 'claims:*', 'grant:<grant id>').
 *
 * A notification reaches the other nodes a network hop after the commit, so what a node keeps
 * may be that much behind: callers use these caches only where that is harmless (userinfo and
 * introspection); issuing a token or ticket always reads the database.
 *
 * Nothing is kept while the feed is not listening (before LISTEN is in place, and from the loss
 * of its connection until it is back: notifications are missed meanwhile, so everything is
 * forgotten then), nor what was read while a change was being announced (the read may have
 * started before it committed). Entries also lapse after ttlMs, a bound on anything missed.
 */
import type { Db } from './db.ts';

export const CACHE_INVALIDATION_CHANNEL = 'cache_invalidation';

export interface ChangeFeed {
  /** The cache of one topic ('claims', 'grant'); the same one for the same topic. */
  cache<V>(topic: string): NotifiedCache<V>;
  /** Whether changes are heard now. */
  readonly live: boolean;
  close(): Promise<void>;
}

export interface NotifiedCache<V> {
  /**
   * The value kept for id (the key a change is announced under) and variant (what else it
   * depends on, e.g. the business system), or what load() reads, kept when it may be. Nothing
   * found (undefined) is not kept: a row inserted later is not announced. Callers must not
   * change what they get: the next one gets the same object.
   */
  get(id: string, variant: string, load: () => Promise<V>): Promise<V>;
  /** Forgets what is kept for id (a caller that found it out of date). */
  forget(id: string): void;
  /** Ids kept (tests, metrics). */
  readonly size: number;
}

export interface ChangeFeedOptions {
  /** How long an entry is kept at most (default 5 minutes). */
  ttlMs?: number;
  /** Ids kept per topic at most; the oldest go first (default 20,000). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<V> {
  at: number;
  variants: Map<string, V>;
}

export async function openChangeFeed(db: Db, { ttlMs = 5 * 60_000, maxEntries = 20_000, now = Date.now }: ChangeFeedOptions = {}): Promise<ChangeFeed> {
  let live = false;
  /** Changes heard and losses of the feed: a read that spans one is not kept. */
  let heard = 0;
  const topics = new Map<string, Map<string, Entry<unknown>>>();
  const forgetAll = () => {
    heard++;
    for (const entries of topics.values()) entries.clear();
  };

  const stop = await db.listen(CACHE_INVALIDATION_CHANNEL, {
    notify(payload) {
      heard++;
      const colon = payload.indexOf(':');
      const entries = topics.get(payload.slice(0, colon));
      if (!entries || colon < 0) return;
      const ids = payload.slice(colon + 1);
      if (ids === '*') entries.clear();
      else for (const id of ids.split(',')) entries.delete(id);
    },
    up() {
      forgetAll();
      live = true;
    },
    down() {
      live = false;
      forgetAll();
    },
  });

  function cache<V>(topic: string): NotifiedCache<V> {
    let entries = topics.get(topic) as Map<string, Entry<V>> | undefined;
    if (!entries) {
      entries = new Map();
      topics.set(topic, entries as Map<string, Entry<unknown>>);
    }
    const kept = entries;
    return {
      async get(id, variant, load) {
        const entry = kept.get(id);
        if (entry && now() - entry.at < ttlMs && entry.variants.has(variant)) return entry.variants.get(variant) as V;
        const before = heard;
        const value = await load();
        if (value === undefined || !live || heard !== before) return value;
        const current = kept.get(id);
        if (current && now() - current.at < ttlMs) current.variants.set(variant, value);
        else {
          kept.delete(id);
          if (kept.size >= maxEntries) kept.delete(kept.keys().next().value!);
          kept.set(id, { at: now(), variants: new Map([[variant, value]]) });
        }
        return value;
      },
      forget(id) {
        kept.delete(id);
      },
      get size() {
        return kept.size;
      },
    };
  }

  return {
    cache,
    get live() {
      return live;
    },
    async close() {
      live = false;
      forgetAll();
      // The database may be closed already (then its LISTEN ended with it).
      await stop().catch(() => {});
    },
  };
}
