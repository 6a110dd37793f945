/**
 * The Db surface on PGlite and PostgreSQL, with statements prepared once and reused: the same
 * JavaScript shapes as before, errors with their codes, statements that outlive a change of
 * their table, transactions kept apart from the statements issued meanwhile.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import type { Db } from './db.ts';

let t: TestPlatform;
let db: Db;

before(async () => {
  t = await startTestPlatform();
  db = t.platform.db;
  await db.exec(`create table db_test (id text primary key, n int8, d date, at timestamptz, tags text[], data jsonb, flag boolean, note text)`);
});
after(async () => {
  await t?.close();
});

const row = { id: 'a', n: 9007199254740991, d: '2024-02-29', at: new Date('2024-03-01T08:00:00.000Z'), tags: ['x', 'y,z', '中文'], data: { k: [1, '二'] }, flag: true, note: null };
const insert = 'insert into db_test (id, n, d, at, tags, data, flag, note) values ($1, $2, $3, $4, $5, $6, $7, $8)';

describe('Db', () => {
  it('returns the same shapes on every run of a statement: int8 as number, date as text, timestamptz as Date, arrays, jsonb, null', async () => {
    await db.query(insert, [row.id, row.n, row.d, row.at, row.tags, JSON.stringify(row.data), row.flag, row.note]);
    for (let run = 0; run < 3; run++) {
      assert.deepEqual(await db.query('select * from db_test where id = $1', ['a']), [row]);
    }
    assert.deepEqual(await db.query('select count(*) as c from db_test where id = any($1::text[])', [['a', 'b']]), [{ c: 1 }]);
    assert.deepEqual(await db.query('select * from db_test where id = $1', ['none']), []);
  });

  it('reports a failed statement with its code and constraint, and runs it again afterwards', async () => {
    const duplicate = () => db.query(insert, ['dup', 1, null, null, [], '{}', false, null]);
    await duplicate();
    for (let run = 0; run < 2; run++) {
      await assert.rejects(duplicate(), (error: { code?: string; constraint?: string }) => error.code === '23505' && error.constraint === 'db_test_pkey');
    }
    await assert.rejects(db.query('select nope from db_test where id = $1', ['a']), (error: { code?: string }) => error.code === '42703');
    assert.equal((await db.query<{ n: number }>('select n from db_test where id = $1', ['dup']))[0]?.n, 1);
  });

  it('a statement prepared before its table changed still answers, with the new column', async () => {
    const sql = 'select * from db_test where id = $1';
    assert.equal(Object.keys((await db.query(sql, ['a']))[0] as object).includes('extra'), false);
    await db.exec('alter table db_test add column extra int default 7');
    for (let run = 0; run < 3; run++) assert.equal((await db.query<{ extra: number }>(sql, ['a']))[0]?.extra, 7);
  });

  it('statements issued during a transaction neither see nor join it; a rollback undoes only its own work', async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query('update db_test set note = $2 where id = $1', ['a', 'in transaction']);
      await paused;
      throw new Error('rolled back');
    });
    const meanwhile = db.query('update db_test set flag = $2 where id = $1 returning note', ['a', false]);
    setTimeout(release, 20);
    await assert.rejects(transaction, /rolled back/);
    // Not inside the rolled-back transaction: its change stays, and it never saw the transaction's note.
    assert.deepEqual(await meanwhile, [{ note: null }]);
    assert.deepEqual(await db.query('select note, flag from db_test where id = $1', ['a']), [{ note: null, flag: false }]);
  });

  it('many different statements (more than are kept prepared) all answer, the first ones again at the end', async () => {
    const statements = Array.from({ length: 300 }, (_, i) => `select ${i} as v where $1::int = 1`);
    for (const sql of statements) assert.equal((await db.query<{ v: number }>(sql, [1]))[0]?.v, Number(sql.split(' ')[1]));
    assert.deepEqual(await db.query(statements[0]!, [1]), [{ v: 0 }]);
    assert.deepEqual(await db.query(statements[299]!, [2]), []);
  });

  it('statements issued together all answer, each its own rows', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    await Promise.all(ids.map((id, i) => db.query(insert, [id, i, null, null, [], '{}', false, null])));
    const found = await Promise.all(ids.map((id) => db.query<{ n: number }>('select n from db_test where id = $1', [id])));
    assert.deepEqual(found.map((rows) => rows[0]?.n), ids.map((_, i) => i));
    assert.equal(await db.ping(), true);
  });
});
