/**
 * What this node knows of the business systems on the sign-on path (OIDC clients, CAS
 * services): the registry read in one query, client secrets decrypted once, kept for
 * SYSTEMS_CACHE_TTL_MS. Without it every step of a sign-in read business_systems (a code flow
 * read it seven times) and decrypted the client secret.
 *
 * Freshness: systemsChanged (provider.ts), which the back office calls after any change,
 * forgets it on this node, so a change applies here at once; another node keeps what it read
 * for at most SYSTEMS_CACHE_TTL_MS (a disabled system still signs in there for that long).
 * A client or service the cache does not know is looked up in the database, so a system
 * registered a moment ago is found at once everywhere (and the cache is then read again).
 */
import { SM2_JWS_ALGORITHM } from '../../crypto/sm2.ts';
import type { Platform } from '../../platform/platform.ts';
import { systemsStore, type BusinessSystem, type SystemsStore } from '../systems-store.ts';
import { SYSTEMS_CACHE_TTL_MS } from './rules.ts';

export interface SystemsCache {
  /** The system with this OIDC client id, enabled or not (as SystemsStore.findByClientId). */
  byClientId(clientId: string): Promise<BusinessSystem | undefined>;
  /** The enabled system whose CAS service prefix the URL starts with, the longest prefix winning (as SystemsStore.findByCasService). */
  byCasService(serviceUrl: string): Promise<BusinessSystem | undefined>;
  /** Whether an enabled system has its ID tokens signed with SM2 (sm2-id-tokens.ts publishes the key then). */
  anySignsWithSm2(): Promise<boolean>;
  /** Forget everything: the next lookup reads the registry again. */
  clear(): void;
  /** SystemsStore with its sign-on lookups answered from the cache, for code that takes a store. */
  store: SystemsStore;
}

interface Snapshot {
  readAt: number;
  byClientId: Map<string, BusinessSystem>;
  /** Enabled systems with a CAS prefix, longest prefix first. */
  cas: BusinessSystem[];
  sm2: boolean;
}

const caches = new WeakMap<Platform, SystemsCache>();

export function systemsCache(platform: Platform): SystemsCache {
  let cache = caches.get(platform);
  if (!cache) {
    cache = createSystemsCache(systemsStore(platform.db, platform.cipher));
    caches.set(platform, cache);
  }
  return cache;
}

export interface SystemsCacheOptions {
  /** How long a read of the registry is kept. */
  ttlMs?: number;
  /** The clock (tests move a fake one instead of waiting). */
  now?: () => number;
}

/** A cache over this store (systemsCache gives the platform's one; tests make their own with a fake clock). */
export function createSystemsCache(systems: SystemsStore, { ttlMs = SYSTEMS_CACHE_TTL_MS, now = Date.now }: SystemsCacheOptions = {}): SystemsCache {
  let current: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;

  async function load(): Promise<Snapshot> {
    const readAt = now();
    const all = await systems.list();
    return {
      readAt,
      byClientId: new Map(all.filter((s) => s.oidc).map((s) => [s.oidc!.clientId, s])),
      cas: all.filter((s) => s.enabled && s.casServicePrefix).sort((a, b) => b.casServicePrefix!.length - a.casServicePrefix!.length),
      sm2: all.some((s) => s.enabled && s.oidc?.idTokenSigning === SM2_JWS_ALGORITHM),
    };
  }

  function snapshot(): Snapshot | Promise<Snapshot> {
    if (current && now() - current.readAt < ttlMs) return current;
    // Requests that find it stale share one read. A read under way when clear() is called is
    // not kept: it may have started before the change.
    if (!loading) {
      const read = load().then((fresh) => {
        if (loading === read) current = fresh;
        return fresh;
      });
      loading = read;
      read.then(
        () => (loading === read ? (loading = undefined) : undefined),
        () => (loading === read ? (loading = undefined) : undefined),
      );
    }
    return loading;
  }

  function clear() {
    current = undefined;
    loading = undefined;
  }

  /** Not in the cache: the database decides, and a hit means the cache is behind. */
  async function missed<T>(lookup: Promise<T | undefined>): Promise<T | undefined> {
    const found = await lookup;
    if (found) clear();
    return found;
  }

  const cache: SystemsCache = {
    async byClientId(clientId) {
      return (await snapshot()).byClientId.get(clientId) ?? missed(systems.findByClientId(clientId));
    },
    async byCasService(serviceUrl) {
      return (await snapshot()).cas.find((s) => serviceUrl.startsWith(s.casServicePrefix!)) ?? missed(systems.findByCasService(serviceUrl));
    },
    async anySignsWithSm2() {
      return (await snapshot()).sm2;
    },
    clear,
    store: { ...systems, findByClientId: (clientId) => cache.byClientId(clientId), findByCasService: (serviceUrl) => cache.byCasService(serviceUrl) },
  };
  return cache;
}
