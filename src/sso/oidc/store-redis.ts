/**
 * The provider's artefacts (store.ts) in Redis, for several nodes. Every operation is one
 * command: a Lua script where it reads or changes several keys, so it runs in one step on the
 * server (nothing else between its reads and writes) and in one round trip.
 *
 * Keys, all after `prefix`:
 *   a:<model>:<id>       a hash per artefact: p the payload (JSON), c when it was used (epoch
 *                        seconds), and what the indexes below need (g grantId, u uid, k user
 *                        code, x sessionUid, s accountId of a Session); Redis's TTL is its lifetime
 *   u:<model>:<uid>      → id, k:<model>:<userCode> → id (same lifetime as the artefact)
 *   g:<grantId>          the set of `<model> <id>` of the grant's artefacts
 *   s:<accountId>        the set of the account's Session ids
 * A set lives at least as long as its longest-lived member (it expires with it), and members
 * whose artefact is gone are dropped when the set is read; an index entry is checked against
 * the artefact it names before it is believed. Redis expires everything itself: purgeExpired()
 * has nothing to do.
 */
import type { Redis } from 'ioredis';
import { redisScript } from '../../platform/redis.ts';
import type { ArtefactKey, ArtefactUpsert, OidcArtefactStore, Payload } from './store.ts';

const COMMON = `
local P = ARGV[1]
local function akey(model, id) return P .. 'a:' .. model .. ':' .. id end
local function now() return tonumber(redis.call('TIME')[1]) end
-- Adds to an index set, which then lives at least \`ttl\` seconds (false: for ever).
local function add(set, member, ttl)
  local before = redis.call('TTL', set)
  redis.call('SADD', set, member)
  if not ttl then redis.call('PERSIST', set)
  elseif before == -2 or (before >= 0 and before < ttl) then redis.call('EXPIRE', set, ttl) end
end
local function point(index, id, ttl)
  if ttl then redis.call('SET', index, id, 'EX', ttl) else redis.call('SET', index, id) end
end
local function unpoint(index, id)
  if redis.call('GET', index) == id then redis.call('DEL', index) end
end
local function unindex(model, id)
  local f = redis.call('HMGET', akey(model, id), 'g', 'u', 'k', 's')
  if f[1] then redis.call('SREM', P .. 'g:' .. f[1], model .. ' ' .. id) end
  if f[2] then unpoint(P .. 'u:' .. model .. ':' .. f[2], id) end
  if f[3] then unpoint(P .. 'k:' .. model .. ':' .. f[3], id) end
  if f[4] then redis.call('SREM', P .. 's:' .. f[4], id) end
end
local function remove(model, id)
  unindex(model, id)
  redis.call('DEL', akey(model, id))
end
-- Marks an artefact used: false when it was already (or is gone).
local function use(model, id)
  local key = akey(model, id)
  if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'c') == 1 then return false end
  redis.call('HSET', key, 'c', now())
  return true
end
`;

/** Fields of an upsert in ARGV: model, id, payload, ttl ('' none), grantId, uid, userCode, sessionUid, accountId ('' absent). */
const UPSERT_FIELDS = 9;

/** ARGV: prefix, used model ('' none), used id, number of upserts, the upserts' fields, then model and id of each removal. */
const WRITE = `${COMMON}
if ARGV[2] ~= '' and not use(ARGV[2], ARGV[3]) then return 0 end
local n = tonumber(ARGV[4])
local at = 5
for _ = 1, n do
  local m, id, p, t = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3])
  local key = akey(m, id)
  unindex(m, id)
  if t and t <= 0 then
    redis.call('DEL', key)
  else
    -- A new payload keeps the mark of use, as an update of the PostgreSQL row does.
    redis.call('HDEL', key, 'g', 'u', 'k', 'x', 's')
    redis.call('HSET', key, 'p', p)
    local names = { 'g', 'u', 'k', 'x', 's' }
    for j = 1, 5 do
      local value = ARGV[at + 3 + j]
      if value ~= '' then redis.call('HSET', key, names[j], value) end
    end
    if t then redis.call('EXPIRE', key, t) else redis.call('PERSIST', key) end
    local ttl = t or false
    local g, u, k, s = ARGV[at + 4], ARGV[at + 5], ARGV[at + 6], ARGV[at + 8]
    if g ~= '' then add(P .. 'g:' .. g, m .. ' ' .. id, ttl) end
    if u ~= '' then point(P .. 'u:' .. m .. ':' .. u, id, ttl) end
    if k ~= '' then point(P .. 'k:' .. m .. ':' .. k, id, ttl) end
    if s ~= '' then add(P .. 's:' .. s, id, ttl) end
  end
  at = at + ${UPSERT_FIELDS}
end
while at < #ARGV do
  remove(ARGV[at], ARGV[at + 1])
  at = at + 2
end
return 1`;

/** ARGV: prefix, model, id. */
const CONSUME = `${COMMON}
if use(ARGV[2], ARGV[3]) then return 1 end
return 0`;

/** ARGV: prefix, model, id. */
const DESTROY = `${COMMON}
remove(ARGV[2], ARGV[3])
return 1`;

/** ARGV: prefix, model, 'u' (uid) or 'k' (user code), value. Answers payload and mark of use, or nil. */
const FIND_BY_INDEX = `${COMMON}
local id = redis.call('GET', P .. ARGV[3] .. ':' .. ARGV[2] .. ':' .. ARGV[4])
if not id then return false end
local f = redis.call('HMGET', akey(ARGV[2], id), 'p', 'c', ARGV[3])
if not f[1] or f[3] ~= ARGV[4] then return false end
return { f[1], f[2] }`;

/** ARGV: prefix, model, id. Answers the token's, its grant's and its session's payload and mark of use (nil when absent). */
const FIND_WITH_CONTEXT = `${COMMON}
local t = redis.call('HMGET', akey(ARGV[2], ARGV[3]), 'p', 'c', 'g', 'x')
if not t[1] then return {} end
local g = { false, false }
if t[3] then g = redis.call('HMGET', akey('Grant', t[3]), 'p', 'c') end
local s = { false, false }
if t[4] then
  local id = redis.call('GET', P .. 'u:Session:' .. t[4])
  if id then
    local f = redis.call('HMGET', akey('Session', id), 'p', 'c', 'u')
    if f[1] and f[3] == t[4] then s = { f[1], f[2] } end
  end
end
return { t[1], t[2], g[1], g[2], s[1], s[2] }`;

/** ARGV: prefix, grantId, model ('': every model, and the grant itself). */
const REVOKE = `${COMMON}
local set = P .. 'g:' .. ARGV[2]
for _, member in ipairs(redis.call('SMEMBERS', set)) do
  local space = string.find(member, ' ', 1, true)
  local model, id = string.sub(member, 1, space - 1), string.sub(member, space + 1)
  if ARGV[3] == '' or model == ARGV[3] then
    if redis.call('HGET', akey(model, id), 'g') == ARGV[2] then remove(model, id) else redis.call('SREM', set, member) end
  end
end
if ARGV[3] == '' then
  remove('Grant', ARGV[2])
  redis.call('DEL', set)
end
return 1`;

/** ARGV: prefix, accountId. Answers id, payload, id, payload… of the account's live sessions. */
const SESSIONS_OF = `${COMMON}
local set = P .. 's:' .. ARGV[2]
local found = {}
for _, id in ipairs(redis.call('SMEMBERS', set)) do
  local f = redis.call('HMGET', akey('Session', id), 'p', 's')
  if f[1] and f[2] == ARGV[2] then
    table.insert(found, id)
    table.insert(found, f[1])
  else
    redis.call('SREM', set, id)
  end
end
return found`;

type Found = [payload: string | null, consumed: string | null];

const withConsumed = (payload: string | null | undefined, consumed: string | null | undefined): Payload | undefined => {
  if (typeof payload !== 'string') return undefined;
  const parsed = JSON.parse(payload) as Payload;
  return typeof consumed === 'string' ? { ...parsed, consumed: Number(consumed) } : parsed;
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The ARGV fields of one upsert (UPSERT_FIELDS of them). */
function upsertFields({ model, id, payload, expiresInSeconds }: ArtefactUpsert): string[] {
  return [
    model,
    id,
    JSON.stringify(payload),
    expiresInSeconds === undefined ? '' : String(Math.round(expiresInSeconds)),
    str(payload.grantId),
    str(payload.uid),
    str(payload.userCode),
    str(payload.sessionUid),
    model === 'Session' ? str(payload.accountId) : '',
  ];
}

export function redisOidcStore(redis: Redis, prefix: string): OidcArtefactStore {
  const script = (name: string, lua: string) => {
    const run = redisScript(redis, name, lua);
    return (...args: string[]) => run([], [prefix, ...args]);
  };
  const write = script('mostOidcWrite', WRITE);
  const consume = script('mostOidcConsume', CONSUME);
  const destroy = script('mostOidcDestroy', DESTROY);
  const findByIndex = script('mostOidcFindByIndex', FIND_BY_INDEX);
  const findWithContext = script('mostOidcFindWithContext', FIND_WITH_CONTEXT);
  const revoke = script('mostOidcRevoke', REVOKE);
  const sessionsOf = script('mostOidcSessionsOf', SESSIONS_OF);

  const writeAll = async (upserts: ArtefactUpsert[], destroys: ArtefactKey[], use?: ArtefactKey) =>
    (await write(
      use?.model ?? '',
      use?.id ?? '',
      String(upserts.length),
      ...upserts.flatMap(upsertFields),
      ...destroys.flatMap((d) => [d.model, d.id]),
    )) === 1;
  const byIndex = async (model: string, kind: 'u' | 'k', value: string) => {
    const found = (await findByIndex(model, kind, value)) as Found | null;
    return found ? withConsumed(found[0], found[1]) : undefined;
  };

  const find = async (model: string, id: string) => {
    const [payload, consumed] = (await redis.hmget(`${prefix}a:${model}:${id}`, 'p', 'c')) as Found;
    return withConsumed(payload, consumed);
  };

  return {
    async upsert(model, id, payload, expiresInSeconds) {
      await writeAll([{ model, id, payload, expiresInSeconds }], []);
    },
    async write(upserts, destroys, use) {
      if (!upserts.length && !destroys.length && !use) return true;
      return writeAll(upserts, destroys, use);
    },
    find,
    async findWithContext(model, id) {
      const found = (await findWithContext(model, id)) as (string | null)[];
      return {
        token: withConsumed(found[0], found[1]),
        grant: withConsumed(found[2], found[3]),
        session: withConsumed(found[4], found[5]),
      };
    },
    async findContext(grantId, sessionUid) {
      const [grant, session] = await Promise.all([grantId && find('Grant', grantId), sessionUid && byIndex('Session', 'u', sessionUid)]);
      return { grant: grant || undefined, session: session || undefined };
    },
    findByUid: (model, uid) => byIndex(model, 'u', uid),
    findByUserCode: (model, userCode) => byIndex(model, 'k', userCode),
    async consume(model, id) {
      return (await consume(model, id)) === 1;
    },
    async destroy(model, id) {
      await destroy(model, id);
    },
    async revokeByGrantId(model, grantId) {
      await revoke(grantId, model);
    },
    async revokeGrant(grantId) {
      await revoke(grantId, '');
    },
    async sessionsOf(accountId) {
      const found = (await sessionsOf(accountId)) as string[];
      const sessions: { id: string; payload: Payload }[] = [];
      for (let i = 0; i + 1 < found.length; i += 2) sessions.push({ id: found[i]!, payload: JSON.parse(found[i + 1]!) as Payload });
      return sessions;
    },
    async purgeExpired() {
      // Redis removes expired keys itself; index sets expire with their longest-lived member.
      return 0;
    },
  };
}
