import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../platform/config.ts';
import { openPglite } from '../platform/db.ts';
import { migrate } from '../platform/migrations.ts';
import { checkCryptoSuite, recordedSuite } from './suite-record.ts';

const MIGRATION = path.resolve(import.meta.dirname, '..', '..', 'migrations', '029_crypto_suite.sql');

// The rules of the record itself; the database kind changes nothing (PGlite).
describe('the recorded cipher suite (migration 029)', () => {
  it('a new database records the suite of its first start and refuses the other one afterwards', async () => {
    const db = await openPglite(undefined);
    try {
      await migrate(db);
      assert.equal(await recordedSuite(db), undefined);
      await checkCryptoSuite(db, 'national');
      await checkCryptoSuite(db, 'national');
      await assert.rejects(checkCryptoSuite(db, 'international'), (error: unknown) => error instanceof ConfigError && /CRYPTO_SUITE=international/.test(error.message));
      assert.equal((await recordedSuite(db))?.suite, 'national');
    } finally {
      await db.close();
    }
  });

  it('a database that already held personal data before the migration is recorded as international', async () => {
    const db = await openPglite(undefined);
    try {
      await migrate(db);
      const sql = await readFile(MIGRATION, 'utf8');
      const backfill = sql.slice(sql.indexOf('insert into crypto_suite'));
      await db.exec(backfill);
      assert.equal(await recordedSuite(db), undefined, 'nothing stored: nothing recorded');
      await db.query("insert into staff (login_name, name, password_hash, totp_secret_enc, roles) values ('old', '旧', 'x', 'v1:a:b:c', '{reviewer}')");
      await db.exec(backfill);
      assert.equal((await recordedSuite(db))?.suite, 'international');
      await assert.rejects(checkCryptoSuite(db, 'national'), /npm run crypto-suite -- national/);
    } finally {
      await db.close();
    }
  });
});
