/**
 * Where the OpenID Connect provider keeps its artefacts (migrations/008). oidc-provider's
 * adapter (adapter.ts) only talks to OidcArtefactStore, so a Redis implementation of the same
 * interface (a key per model:id with its TTL, a set per grant, uid and user-code index keys)
 * can replace this PostgreSQL one without touching the provider.
 */
import type { Db } from '../../platform/db.ts';

export type Payload = Record<string, unknown>;

export interface OidcArtefactStore {
  upsert(model: string, id: string, payload: Payload, expiresInSeconds: number | undefined): Promise<void>;
  /** The live artefact (not expired); `consumed` is set once it was used (codes, rotated refresh tokens). */
  find(model: string, id: string): Promise<Payload | undefined>;
  findByUid(model: string, uid: string): Promise<Payload | undefined>;
  findByUserCode(model: string, userCode: string): Promise<Payload | undefined>;
  consume(model: string, id: string): Promise<void>;
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
    find: (model, id) => findBy('id', model, id),
    findByUid: (model, uid) => findBy('uid', model, uid),
    findByUserCode: (model, userCode) => findBy('user_code', model, userCode),
    async consume(model, id) {
      await db.query('update oidc_payloads set consumed_at = now() where model = $1 and id = $2 and consumed_at is null', [model, id]);
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
