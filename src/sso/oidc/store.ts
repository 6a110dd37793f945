/**
 * Where the OpenID Connect provider keeps its artefacts (migrations/008). oidc-provider's
 * adapter (adapter.ts) only talks to OidcArtefactStore, so a Redis implementation of the same
 * interface (a key per model:id with its TTL, a set per grant, uid and user-code index keys)
 * can replace this PostgreSQL one without touching the provider.
 */
import type { Db } from '../../platform/db.ts';

export type Payload = Record<string, unknown>;

/** The organisation a grant acts for (授权, src/sso/entry/acting.ts): an artefact of its own, id = the grant's. */
export const GRANT_ACTING = 'GrantActing';

export interface ArtefactKey {
  model: string;
  id: string;
}

export interface ArtefactUpsert extends ArtefactKey {
  payload: Payload;
  expiresInSeconds: number | undefined;
}

/** A token (code, refresh or access token) with the grant it belongs to and the session it is bound to, read together. */
export interface TokenWithContext {
  token: Payload | undefined;
  /** Undefined when the token names no grant or the grant is gone. */
  grant: Payload | undefined;
  /** Undefined when the token names no session or the session is gone. */
  session: Payload | undefined;
  /**
   * The organisation the grant acts for (model GrantActing, src/sso/entry/acting.ts), when the
   * store keeps it beside the grant and it is there; absent otherwise (then read it on its own).
   */
  acting?: Payload;
}

export interface OidcArtefactStore {
  upsert(model: string, id: string, payload: Payload, expiresInSeconds: number | undefined): Promise<void>;
  /**
   * Several upserts and removals of distinct artefacts in one step (a request's writes,
   * unit-of-work.ts). With `use`, that artefact is marked used in the same step, and the rest
   * is written only if it was not used before: false when it was (or is gone), nothing written.
   */
  write(upserts: ArtefactUpsert[], destroys: ArtefactKey[], use?: ArtefactKey): Promise<boolean>;
  /** The live artefact (not expired); `consumed` is set once it was used (codes, rotated refresh tokens). */
  find(model: string, id: string): Promise<Payload | undefined>;
  /** find() of a token, and in the same step find() of its grant and findByUid() of its session. */
  findWithContext(model: string, id: string): Promise<TokenWithContext>;
  /** find() of a grant and findByUid() of a session in one step (a token kept in another store names them). */
  findContext(grantId: string | undefined, sessionUid: string | undefined): Promise<Omit<TokenWithContext, 'token'>>;
  findByUid(model: string, uid: string): Promise<Payload | undefined>;
  findByUserCode(model: string, userCode: string): Promise<Payload | undefined>;
  /**
   * Marks the artefact used, in one step: false when it was already used (or is gone), so that
   * two requests presenting the same code or refresh token at once cannot both succeed.
   */
  consume(model: string, id: string): Promise<boolean>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(model: string, grantId: string): Promise<void>;
  /** Every artefact of a grant, whatever the model (single logout). */
  revokeGrant(grantId: string): Promise<void>;
  /** The live provider sessions of an account (single logout). */
  sessionsOf(accountId: string): Promise<{ id: string; payload: Payload }[]>;
  purgeExpired(): Promise<number>;
}

interface Row {
  payload: Payload;
  consumed: number | null;
}

const LIVE = '(expires_at is null or expires_at > now())';
const SELECT = `select payload, extract(epoch from consumed_at)::int as consumed from oidc_payloads`;
/** One artefact as a JSON value of the same shape as a Row (for several in one statement). */
const SELECT_ROW = `select json_build_object('payload', payload, 'consumed', extract(epoch from consumed_at)::int) from oidc_payloads`;

const withConsumed = (row: Row | undefined): Payload | undefined =>
  row && (row.consumed === null ? row.payload : { ...row.payload, consumed: row.consumed });

export function postgresOidcStore(db: Db): OidcArtefactStore {
  const findBy = async (column: 'id' | 'uid' | 'user_code', model: string, value: string) =>
    withConsumed((await db.query<Row>(`${SELECT} where model = $1 and ${column} = $2 and ${LIVE} limit 1`, [model, value]))[0]);

  return {
    async upsert(model, id, payload, expiresIn) {
      await db.query(
        `insert into oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at)
         values ($1, $2, $3, $4, $5, $6, case when $7::int is null then null else now() + $7::int * interval '1 second' end)
         on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
           user_code = excluded.user_code, expires_at = excluded.expires_at`,
        [model, id, JSON.stringify(payload), str(payload.grantId), str(payload.uid), str(payload.userCode), expiresIn ?? null],
      );
    },
    async write(upserts, destroys, use) {
      if (!upserts.length && !destroys.length && !use) return true;
      const rows = await db.query<{ ok: boolean }>(
        `with used as (
           update oidc_payloads set consumed_at = now()
           where $5::text is not null and model = $5 and id = $6 and consumed_at is null
           returning 1
         ), go as (
           select $5::text is null or exists (select 1 from used) as ok
         ), upserted as (
           insert into oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at)
           select model, id, payload, grant_id, uid, user_code, case when ttl is null then null else now() + ttl * interval '1 second' end
           from jsonb_to_recordset($1::jsonb) as x(model text, id text, payload jsonb, grant_id text, uid text, user_code text, ttl int)
           where (select ok from go)
           on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
             user_code = excluded.user_code, expires_at = excluded.expires_at
           returning 1
         ), removed as (
           -- By the primary key (a join with the list would scan the whole table); the last condition keeps exactly the pairs given.
           delete from oidc_payloads
           where model = any($2::text[]) and id = any($3::text[]) and model || ' ' || id = any($4::text[]) and (select ok from go)
           returning 1
         )
         select (select ok from go) as ok, (select count(*) from upserted) as upserted, (select count(*) from removed) as removed`,
        [
          JSON.stringify(
            upserts.map(({ model, id, payload, expiresInSeconds }) => ({
              model,
              id,
              payload,
              grant_id: str(payload.grantId),
              uid: str(payload.uid),
              user_code: str(payload.userCode),
              ttl: expiresInSeconds ?? null,
            })),
          ),
          destroys.map((d) => d.model),
          destroys.map((d) => d.id),
          destroys.map((d) => `${d.model} ${d.id}`),
          use?.model ?? null,
          use?.id ?? null,
        ],
      );
      return rows[0]?.ok === true;
    },
    find: (model, id) => findBy('id', model, id),
    async findWithContext(model, id) {
      const rows = await db.query<
        Row & { grant_payload: Payload | null; grant_consumed: number | null; session_payload: Payload | null; session_consumed: number | null; acting: Payload | null }
      >(
        `select t.payload, extract(epoch from t.consumed_at)::int as consumed,
           g.payload as grant_payload, extract(epoch from g.consumed_at)::int as grant_consumed,
           s.payload as session_payload, extract(epoch from s.consumed_at)::int as session_consumed,
           ga.payload as acting
         from oidc_payloads t
         left join oidc_payloads g on g.model = 'Grant' and g.id = t.grant_id and (g.expires_at is null or g.expires_at > now())
         left join oidc_payloads s on s.model = 'Session' and s.uid = t.payload ->> 'sessionUid' and (s.expires_at is null or s.expires_at > now())
         left join oidc_payloads ga on ga.model = '${GRANT_ACTING}' and ga.id = t.grant_id and (ga.expires_at is null or ga.expires_at > now())
         where t.model = $1 and t.id = $2 and (t.expires_at is null or t.expires_at > now())
         limit 1`,
        [model, id],
      );
      const row = rows[0];
      if (!row) return { token: undefined, grant: undefined, session: undefined };
      return {
        token: withConsumed(row),
        grant: withConsumed(row.grant_payload ? { payload: row.grant_payload, consumed: row.grant_consumed } : undefined),
        session: withConsumed(row.session_payload ? { payload: row.session_payload, consumed: row.session_consumed } : undefined),
        ...(row.acting ? { acting: row.acting } : {}),
      };
    },
    async findContext(grantId, sessionUid) {
      if (grantId === undefined && sessionUid === undefined) return { grant: undefined, session: undefined };
      // Either may be missing (null: its subquery finds nothing).
      const rows = await db.query<{ grant: Row | null; session: Row | null; acting: Payload | null }>(
        `select (${SELECT_ROW} where model = 'Grant' and id = $1 and ${LIVE}) as grant,
                (${SELECT_ROW} where model = 'Session' and uid = $2 and ${LIVE} limit 1) as session,
                (select payload from oidc_payloads where model = '${GRANT_ACTING}' and id = $1 and ${LIVE}) as acting`,
        [grantId ?? null, sessionUid ?? null],
      );
      const acting = rows[0]?.acting;
      return { grant: withConsumed(rows[0]?.grant ?? undefined), session: withConsumed(rows[0]?.session ?? undefined), ...(acting ? { acting } : {}) };
    },
    findByUid: (model, uid) => findBy('uid', model, uid),
    findByUserCode: (model, userCode) => findBy('user_code', model, userCode),
    async consume(model, id) {
      const rows = await db.query('update oidc_payloads set consumed_at = now() where model = $1 and id = $2 and consumed_at is null returning 1', [model, id]);
      return rows.length === 1;
    },
    async destroy(model, id) {
      await db.query('delete from oidc_payloads where model = $1 and id = $2', [model, id]);
    },
    async revokeByGrantId(model, grantId) {
      await db.query('delete from oidc_payloads where model = $1 and grant_id = $2', [model, grantId]);
    },
    async revokeGrant(grantId) {
      await db.query(`delete from oidc_payloads where grant_id = $1 or (model = 'Grant' and id = $1)`, [grantId]);
    },
    async sessionsOf(accountId) {
      return db.query<{ id: string; payload: Payload }>(
        `select id, payload from oidc_payloads where model = 'Session' and payload ->> 'accountId' = $1 and ${LIVE}`,
        [accountId],
      );
    },
    async purgeExpired() {
      return (await db.query('delete from oidc_payloads where expires_at <= now() returning 1')).length;
    },
  };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
