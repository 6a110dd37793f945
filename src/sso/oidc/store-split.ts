/**
 * The provider's artefacts on several nodes: what a business system holds on to for a long
 * time stays in PostgreSQL, the rest goes to Redis. Nothing durable depends on Redis: a Redis
 * restart without persistence (or a failover to an empty replica) loses codes, access tokens
 * and sign-ins in progress, never a refresh token, the grant it belongs to or the session it
 * ends with (oidc-provider consults the session on a refresh: refresh tokens issued without
 * offline_access end with it), nor the organisation a grant acts for (findAccount reads it).
 *
 * A request's writes (unit-of-work.ts) may then touch both stores. Each store's part is written
 * in one step; when a code or refresh token is used up, the other store's new artefacts are
 * written first and the used-up one's store decides last, so that a failure of either store
 * leaves the code or refresh token unused (the business system tries again) rather than used
 * up with its successor lost. A request that loses the race has written new tokens nobody was
 * told of; they go with the grant, which alreadyUsed() (unit-of-work.ts) revokes in both stores.
 */
import type { NotifiedCache } from '../../platform/change-feed.ts';
import { GRANT_ACTING, type ArtefactKey, type ArtefactUpsert, type OidcArtefactStore, type Payload } from './store.ts';

/** Models kept in the durable store (PostgreSQL) even with Redis; GrantActing: the organisation a grant acts for (src/sso/entry/acting.ts). */
export const DURABLE_MODELS: ReadonlySet<string> = new Set(['RefreshToken', 'Grant', 'Session', GRANT_ACTING]);

export interface SplitStoreOptions {
  durableModels?: ReadonlySet<string>;
  /**
   * This node's caches of grants and provider sessions (src/platform/change-feed.ts), for access
   * tokens only: an access token is read where it is used (userinfo, introspection), not where
   * tokens are issued, and a revoked grant or an ended session takes its access tokens with it.
   */
  caches?: { grants: NotifiedCache<Payload | undefined>; sessions: NotifiedCache<Payload | undefined> };
}

export function splitOidcStore(durable: OidcArtefactStore, shortLived: OidcArtefactStore, { durableModels = DURABLE_MODELS, caches }: SplitStoreOptions = {}): OidcArtefactStore {
  const of = (model: string) => (durableModels.has(model) ? durable : shortLived);
  const grants = of('Grant');
  const sessions = of('Session');
  /** The grant's organisation is read with the grant only where both are kept. */
  const withActing = (acting: Payload | undefined) => (acting && of(GRANT_ACTING) === grants ? { acting } : {});
  /**
   * A session's save at each sign-in slides its expiry without announcing it (migration 031):
   * a cached copy whose expiry has passed is read afresh, the session may have lived on.
   */
  const cachedSession = async (cache: NotifiedCache<Payload | undefined>, uid: string) => {
    const read = () => sessions.findByUid('Session', uid);
    const cached = await cache.get(uid, '', read);
    if (typeof cached?.exp !== 'number' || cached.exp * 1000 > Date.now()) return cached;
    cache.forget(uid);
    return cache.get(uid, '', read);
  };
  const cachedContext =
    caches && grants === durable && sessions === durable
      ? (grantId: string | undefined, sessionUid: string | undefined) =>
          Promise.all([
            grantId ? caches.grants.get(grantId, '', () => grants.find('Grant', grantId)) : undefined,
            sessionUid ? cachedSession(caches.sessions, sessionUid) : undefined,
          ])
      : undefined;

  return {
    upsert: (model, id, payload, expiresInSeconds) => of(model).upsert(model, id, payload, expiresInSeconds),
    async write(upserts, destroys, use) {
      const part = (store: OidcArtefactStore) => ({
        upserts: upserts.filter((u: ArtefactUpsert) => of(u.model) === store),
        destroys: destroys.filter((d: ArtefactKey) => of(d.model) === store),
      });
      if (!use) {
        // Nothing to decide: the short-lived part first, so that a durable write never names what Redis refused.
        const first = part(shortLived);
        const then = part(durable);
        if ((first.upserts.length || first.destroys.length) && !(await shortLived.write(first.upserts, first.destroys))) return false;
        return then.upserts.length || then.destroys.length ? durable.write(then.upserts, then.destroys) : true;
      }
      const deciding = of(use.model);
      const other = deciding === durable ? shortLived : durable;
      const mine = part(deciding);
      const theirs = part(other);
      // New artefacts elsewhere first; removals elsewhere only once the code or refresh token is ours.
      if (theirs.upserts.length && !(await other.write(theirs.upserts, []))) return false;
      if (!(await deciding.write(mine.upserts, mine.destroys, use))) return false;
      if (theirs.destroys.length) await other.write([], theirs.destroys);
      return true;
    },
    find: (model, id) => of(model).find(model, id),
    async findWithContext(model, id) {
      const store = of(model);
      if (store === grants && store === sessions) {
        const { acting, ...found } = await store.findWithContext(model, id);
        return { ...found, ...withActing(acting) };
      }
      const token = await store.find(model, id);
      if (!token) return { token, grant: undefined, session: undefined };
      const grantId = typeof token.grantId === 'string' ? token.grantId : undefined;
      const sessionUid = typeof token.sessionUid === 'string' ? token.sessionUid : undefined;
      if (model === 'AccessToken' && cachedContext) {
        const [grant, session] = await cachedContext(grantId, sessionUid);
        return { token, grant, session };
      }
      // Grants and sessions share a store (both durable by default): read together, one statement.
      if (grants === sessions) {
        const { acting, ...context } = await grants.findContext(grantId, sessionUid);
        return { token, ...context, ...withActing(acting) };
      }
      const [grant, session] = await Promise.all([grantId && grants.find('Grant', grantId), sessionUid && sessions.findByUid('Session', sessionUid)]);
      return { token, grant: grant || undefined, session: session || undefined };
    },
    async findContext(grantId, sessionUid) {
      if (grants === sessions) return grants.findContext(grantId, sessionUid);
      const [grant, session] = await Promise.all([grantId && grants.find('Grant', grantId), sessionUid && sessions.findByUid('Session', sessionUid)]);
      return { grant: grant || undefined, session: session || undefined };
    },
    findByUid: (model, uid) => of(model).findByUid(model, uid),
    findByUserCode: (model, userCode) => of(model).findByUserCode(model, userCode),
    consume: (model, id) => of(model).consume(model, id),
    destroy: (model, id) => of(model).destroy(model, id),
    revokeByGrantId: (model, grantId) => of(model).revokeByGrantId(model, grantId),
    async revokeGrant(grantId) {
      // Durable first: once the refresh tokens are gone, nothing can mint new access tokens.
      await durable.revokeGrant(grantId);
      await shortLived.revokeGrant(grantId);
    },
    sessionsOf: (accountId) => sessions.sessionsOf(accountId),
    async purgeExpired() {
      return (await durable.purgeExpired()) + (await shortLived.purgeExpired());
    },
  };
}
