/**
 * This node's copy of the business systems registry (systems-cache.ts): read once, answered
 * from memory, forgotten by systemsChanged, re-read when older than its lifetime, and never
 * in the way of a system registered a moment ago.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { statementsDuring } from '../../../test/support/statements.ts';
import { systemsStore, type NewBusinessSystem } from '../systems-store.ts';
import { systemsChanged } from './provider.ts';
import { SYSTEMS_CACHE_TTL_MS } from './rules.ts';
import { createSystemsCache, systemsCache } from './systems-cache.ts';

const t = testPlatformForFile();
let n = 0;

async function register(overrides: Partial<NewBusinessSystem> = {}) {
  const k = `cache-${++n}-${Date.now()}`;
  return systemsStore(t.db, t.platform.cipher).create({
    key: k,
    name: `缓存测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: false,
    requiresGrant: false,
    roles: [],
    oidc: { clientId: `client-${k}`, clientSecret: `secret-${k}-0123456789abcdef`, redirectUris: ['http://localhost:4999/cb'], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    casServicePrefix: `http://cache-${k}.example.cn/`,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  } as NewBusinessSystem);
}

/** A clock that never moves: the cache's lifetime never runs out in the middle of a test. */
const STOPPED_CLOCK = { now: () => 0 };

const disable = (id: string) => t.db.query('update business_systems set enabled = false where id = $1', [id]);

describe('systems cache', () => {
  it('reads the registry once, then answers clients and services from memory, with the client secret decrypted', async () => {
    const system = await register();
    const cache = createSystemsCache(systemsStore(t.db, t.platform.cipher), STOPPED_CLOCK);
    assert.equal(await statementsDuring(t.db, () => cache.byClientId(system.oidc!.clientId)), 1);
    let found: Awaited<ReturnType<typeof cache.byClientId>>;
    assert.equal(
      await statementsDuring(t.db, async () => {
        found = await cache.byClientId(system.oidc!.clientId);
        await cache.byCasService(`${system.casServicePrefix}login?x=1`);
        await Promise.all([1, 2, 3].map(() => cache.byClientId(system.oidc!.clientId)));
      }),
      0,
    );
    assert.equal(found!.oidc!.clientSecret, system.oidc!.clientSecret);
  });

  it('a change is seen at once after systemsChanged, and without it once the lifetime is over', async () => {
    const system = await register();
    const clientId = system.oidc!.clientId;
    // The platform's own cache (systemsChanged clears it).
    assert.equal((await systemsCache(t.platform).byClientId(clientId))?.enabled, true);
    await disable(system.id);
    assert.equal((await systemsCache(t.platform).byClientId(clientId))?.enabled, true, 'kept until told or expired');
    systemsChanged(t.platform);
    assert.equal((await systemsCache(t.platform).byClientId(clientId))?.enabled, false);

    const other = await register();
    let clock = 1_000_000;
    const otherNode = createSystemsCache(systemsStore(t.db, t.platform.cipher), { now: () => clock });
    assert.equal((await otherNode.byCasService(`${other.casServicePrefix}a`))?.id, other.id);
    await disable(other.id);
    clock += SYSTEMS_CACHE_TTL_MS - 1;
    assert.equal((await otherNode.byCasService(`${other.casServicePrefix}a`))?.id, other.id, 'another node keeps it for its lifetime');
    clock += 1;
    assert.equal(await otherNode.byCasService(`${other.casServicePrefix}a`), undefined, 'but no longer');
  });

  it('a system registered after the cache was read is found at once; an unknown client or service is not', async () => {
    const cache = createSystemsCache(systemsStore(t.db, t.platform.cipher), STOPPED_CLOCK);
    assert.equal(await cache.byClientId('no-such-client'), undefined);
    const system = await register();
    assert.equal((await cache.byClientId(system.oidc!.clientId))?.id, system.id);
    assert.equal((await cache.byCasService(`${system.casServicePrefix}x`))?.id, system.id);
    assert.equal(await cache.byCasService('http://unregistered.example.cn/'), undefined);
  });

  it('CAS: the longest enabled prefix wins; a disabled system covers nothing', async () => {
    const outer = await register({ casServicePrefix: `http://cas-prefix-${n}.example.cn/` });
    const inner = await register({ casServicePrefix: `${outer.casServicePrefix}app/`, oidc: null });
    const cache = createSystemsCache(systemsStore(t.db, t.platform.cipher), STOPPED_CLOCK);
    assert.equal((await cache.byCasService(`${outer.casServicePrefix}app/login`))?.id, inner.id);
    assert.equal((await cache.byCasService(`${outer.casServicePrefix}other`))?.id, outer.id);
    await disable(inner.id);
    cache.clear();
    assert.equal((await cache.byCasService(`${outer.casServicePrefix}app/login`))?.id, outer.id);
  });
});
