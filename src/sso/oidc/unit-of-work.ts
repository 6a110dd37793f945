/**
 * One request's artefacts, read and written in as few round trips as the protocol allows.
 *
 * Writes: oidc-provider saves what a request produces one artefact at a time (at the end of a
 * sign-in: the grant, the code, the session, and the interaction removed: four round trips).
 * Within a request handled by the provider they are kept here and written together in one
 * statement just before the response leaves: the provider's outermost middleware awaits the
 * write, so nobody (browser, business system, another node) hears of an artefact before it is
 * stored, and a failed write answers 500 with nothing handed out. Reads in the same request
 * see the pending writes. Using up a code or refresh token goes in the same statement, and
 * decides it: the rest is written only if the code or token was unused until then, so two
 * requests presenting it at once cannot both succeed (the loser's tokens are never stored and
 * its answer becomes invalid_grant). Revoking a grant's tokens is never deferred; it first
 * writes what is pending.
 *
 * Reads: a code, refresh or access token is read with its grant and its session, which the
 * provider reads right after it (grant checks, tokens that end with the session), and the
 * organisation the grant acts for where the store has it at hand (findAccount reads it); those
 * reads are then answered from what this request already read, once each. What the platform
 * reads next from a code or refresh token (the account's claims, provider.ts) may be read at
 * the same time as it, on another connection (ReadBeside): one round trip of waiting instead of two.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import { GRANT_ACTING, type ArtefactKey, type ArtefactUpsert, type OidcArtefactStore, type Payload } from './store.ts';

/** Models read with their grant and session (TokenWithContext). */
const TOKEN_MODELS = new Set(['AuthorizationCode', 'RefreshToken', 'AccessToken']);
/** Models used up once (oidc-provider's consume()), in the request's final write. */
const SINGLE_USE = new Set(['AuthorizationCode', 'RefreshToken']);

/**
 * Started beside the read of a code or refresh token, by the token's model and id (the token is
 * not known yet); its result is taken once with readBeside(). Undefined: nothing to read.
 */
export type ReadBeside = (model: string, id: string) => Promise<unknown> | undefined;

interface Pending {
  model: string;
  id: string;
  /** Undefined: removed. */
  upsert: { payload: Payload; expiresInSeconds: number | undefined } | undefined;
}

class RequestArtefacts {
  readonly pending = new Map<string, Pending>();
  /** Read ahead: `model id` → the artefact (undefined: known to be absent); `Session uid <uid>` for sessions by uid. */
  readonly readAhead = new Map<string, Payload | undefined>();
  /** What was read beside a token (ReadBeside), by `model id`; a failed read is undefined. */
  readonly beside = new Map<string, Promise<unknown>>();
  /** The code or refresh token this request uses up, with its writes. */
  use: ArtefactKey | undefined;
  /** Cleared once the response is about to leave: later writes go straight to the store. */
  open = true;

  readonly store: OidcArtefactStore;
  readonly readBeside: ReadBeside | undefined;

  constructor(store: OidcArtefactStore, readBeside: ReadBeside | undefined) {
    this.store = store;
    this.readBeside = readBeside;
  }

  /** Writes what is pending; throws invalid_grant when the code or refresh token used up here was already used (nothing written then). */
  async flush(): Promise<void> {
    if (!this.pending.size && !this.use) return;
    const upserts: ArtefactUpsert[] = [];
    const destroys: ArtefactKey[] = [];
    for (const { model, id, upsert } of this.pending.values()) {
      if (upsert) upserts.push({ model, id, ...upsert });
      else destroys.push({ model, id });
    }
    const use = this.use;
    this.pending.clear();
    this.use = undefined;
    if (!(await this.store.write(upserts, destroys, use)) && use) await alreadyUsed(this.store, use);
  }
}

const current = new AsyncLocalStorage<RequestArtefacts>();
const key = (model: string, id: string) => `${model} ${id}`;
const uidKey = (model: string, uid: string) => `${model} uid ${uid}`;

/** The request's path, and what the middleware may change of the answer: a token request that lost its code or refresh token. */
interface Answer {
  readonly path: string;
  status: number;
  body: unknown;
}

/**
 * Koa middleware for provider.use(): the request's artefacts are written when the provider is
 * done with it. `readBesideAt` says, from the request's path, what to read beside its tokens.
 */
export function requestArtefacts(store: OidcArtefactStore, readBesideAt: (path: string) => ReadBeside | undefined = () => undefined) {
  return (ctx: Answer, next: () => Promise<unknown>) => {
    const scope = new RequestArtefacts(store, readBesideAt(ctx.path));
    return current.run(scope, async () => {
      try {
        await next();
      } finally {
        scope.open = false;
        try {
          await scope.flush();
        } catch (error) {
          // The code or refresh token went to another request meanwhile: the tokens built here
          // were not stored, and the answer is the one oidc-provider gives a replay.
          if (!(error instanceof errors.InvalidGrant)) throw error;
          ctx.status = error.statusCode;
          ctx.body = { error: error.error, error_description: error.error_description };
        }
      }
    });
  };
}

/** What this request read beside the token `model id` (ReadBeside), once; undefined when nothing was or the read failed. */
export function readBeside(model: string, id: string): Promise<unknown> | undefined {
  const request = current.getStore();
  const k = key(model, id);
  const read = request?.beside.get(k);
  request?.beside.delete(k);
  return read;
}

const copy = (payload: Payload | undefined) => payload && (structuredClone(payload) as AdapterPayload);

/** oidc-provider's adapter for one model, writing through the request's unit of work when there is one. */
export function artefactAdapter(model: string, store: OidcArtefactStore): Adapter {
  const scope = () => {
    const found = current.getStore();
    return found?.open ? found : undefined;
  };
  /** What the request knows of the artefact: pending (upserted or removed), read ahead, or nothing. */
  const known = (request: RequestArtefacts, id: string): { payload: Payload | undefined } | undefined => {
    const pending = request.pending.get(key(model, id));
    if (pending) return { payload: pending.upsert?.payload };
    const k = key(model, id);
    if (!request.readAhead.has(k)) return undefined;
    const payload = request.readAhead.get(k);
    request.readAhead.delete(k);
    return { payload };
  };
  const forget = (request: RequestArtefacts, id: string) => {
    request.readAhead.delete(key(model, id));
    // Sessions are also read by uid: what was read ahead by uid may be this one.
    for (const [k, payload] of request.readAhead) if (k.startsWith(`${model} uid `) && payload?.jti === id) request.readAhead.delete(k);
  };
  /** Runs an operation the store must see at once, after what is pending. */
  const now = async <T>(operation: () => Promise<T>): Promise<T> => {
    const request = scope();
    if (request) {
      request.readAhead.clear();
      await request.flush();
    }
    return operation();
  };

  return {
    async upsert(id, payload, expiresInSeconds) {
      const request = scope();
      if (!request) return store.upsert(model, id, payload, expiresInSeconds);
      const k = key(model, id);
      // Removed, then saved again under the same id: the removal is written first (a new row, not an update of the old one).
      if (request.pending.get(k)?.upsert === undefined && request.pending.has(k)) await request.flush();
      forget(request, id);
      request.pending.set(k, { model, id, upsert: { payload, expiresInSeconds } });
    },
    async find(id) {
      const request = scope();
      if (!request) return (await store.find(model, id)) as AdapterPayload | undefined;
      const seen = known(request, id);
      if (seen) return copy(seen.payload);
      if (!TOKEN_MODELS.has(model)) return (await store.find(model, id)) as AdapterPayload | undefined;
      const beside = request.readBeside?.(model, id);
      if (beside) request.beside.set(key(model, id), beside.catch(() => undefined));
      const { token, grant, session, acting } = await store.findWithContext(model, id);
      const grantId = token?.grantId;
      if (typeof grantId === 'string' && !request.pending.has(key('Grant', grantId))) request.readAhead.set(key('Grant', grantId), grant);
      if (acting && typeof grantId === 'string' && !request.pending.has(key(GRANT_ACTING, grantId))) request.readAhead.set(key(GRANT_ACTING, grantId), acting);
      const sessionUid = token?.sessionUid;
      if (typeof sessionUid === 'string') request.readAhead.set(uidKey('Session', sessionUid), session);
      return token as AdapterPayload | undefined;
    },
    async findByUid(uid) {
      const request = scope();
      if (!request) return (await store.findByUid(model, uid)) as AdapterPayload | undefined;
      for (const pending of request.pending.values()) {
        if (pending.model === model && pending.upsert?.payload.uid === uid) return copy(pending.upsert.payload);
      }
      const k = uidKey(model, uid);
      let found: Payload | undefined;
      if (request.readAhead.has(k)) {
        found = request.readAhead.get(k);
        request.readAhead.delete(k);
      } else found = await store.findByUid(model, uid);
      // Removed in this request: gone.
      if (found && typeof found.jti === 'string' && request.pending.has(key(model, found.jti))) return undefined;
      return found as AdapterPayload | undefined;
    },
    findByUserCode: async (userCode) => (await store.findByUserCode(model, userCode)) as AdapterPayload | undefined,
    async destroy(id) {
      const request = scope();
      if (!request) return store.destroy(model, id);
      forget(request, id);
      request.pending.set(key(model, id), { model, id, upsert: undefined });
    },
    async consume(id) {
      const request = scope();
      if (!request || !SINGLE_USE.has(model)) return now(() => consumeOnce(store, model, id));
      if (request.use) await request.flush();
      forget(request, id);
      request.use = { model, id };
    },
    revokeByGrantId: (grantId) => now(() => store.revokeByGrantId(model, grantId)),
  };
}

/**
 * Uses the code or refresh token up in one step of the store. Presented by another request at
 * the same moment (this node or another): answered as a replay is, and, as oidc-provider does
 * for a replay, everything its grant gave is revoked.
 */
async function consumeOnce(store: OidcArtefactStore, model: string, id: string): Promise<void> {
  if (!(await store.consume(model, id))) await alreadyUsed(store, { model, id });
}

async function alreadyUsed(store: OidcArtefactStore, { model, id }: ArtefactKey): Promise<never> {
  const grantId = (await store.find(model, id))?.grantId;
  if (typeof grantId === 'string') await store.revokeGrant(grantId);
  throw new errors.InvalidGrant(`${model === 'AuthorizationCode' ? 'authorization code' : 'refresh token'} already used`);
}
