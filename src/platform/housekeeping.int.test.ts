/**
 * Housekeeping: each round purges expired kv entries and sessions; every tenth round, on PGlite
 * (no autovacuum), the churning tables are vacuumed and analysed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { bareAccountId } from '../../test/support/accounts.ts';
import { CHURNING_TABLES, housekeeping } from './housekeeping.ts';

const t = testPlatformForFile();

async function sessionRow(expired: boolean): Promise<string> {
  const accountId = await bareAccountId(t.db, 'hk');
  const idHash = `hk-${accountId}`;
  await t.db.query(`insert into sessions (id_hash, account_id, expires_at) values ($1, $2, now() + $3 * interval '1 second')`, [idHash, accountId, expired ? -1 : 3600]);
  return idHash;
}

const sessionExists = async (idHash: string) => (await t.db.query('select 1 from sessions where id_hash = $1', [idHash])).length === 1;

describe('housekeeping', () => {
  it('a round purges expired kv entries and sessions, and keeps live ones', async () => {
    const round = housekeeping(t.db, t.platform.kv, t.platform.sessions);
    await t.platform.kv.set('hk:live', 'x', 60_000);
    await t.platform.kv.set('hk:gone', 'x', 60_000);
    await t.db.query(`update kv set expires_at = now() - interval '1 second' where key = 'hk:gone'`);
    const live = await sessionRow(false);
    const expired = await sessionRow(true);

    await round();

    assert.equal((await t.db.query(`select 1 from kv where key = 'hk:gone'`)).length, 0);
    assert.equal(await t.platform.kv.get('hk:live'), 'x');
    assert.equal(await sessionExists(expired), false);
    assert.equal(await sessionExists(live), true);
  });

  it('on PGlite, every tenth round vacuums and analyses the churning tables', async (ctx) => {
    if (t.db.kind !== 'pglite') return ctx.skip('PostgreSQL servers run autovacuum');
    const round = housekeeping(t.db, t.platform.kv, t.platform.sessions);
    const vacuumed = async () =>
      t.db.query<{ relname: string; vacuums: number; analyzes: number }>(
        `select relname, vacuum_count::int as vacuums, analyze_count::int as analyzes from pg_stat_user_tables where relname = any($1::text[]) order by relname`,
        [[...CHURNING_TABLES]],
      );
    const before = await vacuumed();
    assert.equal(before.length, CHURNING_TABLES.length);
    for (let i = 0; i < 9; i++) await round();
    assert.deepEqual(await vacuumed(), before, 'nothing vacuumed in the first nine rounds');
    await round();
    const after = await vacuumed();
    for (const [i, table] of after.entries()) {
      assert.equal(table.vacuums, before[i]!.vacuums + 1, `${table.relname} vacuumed`);
      assert.equal(table.analyzes, before[i]!.analyzes + 1, `${table.relname} analysed`);
    }
  });
});
