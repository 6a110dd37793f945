/**
 * `npm run rotate-keys` (scripts/rotate-keys.ts) as an operator runs it, killed with SIGKILL part way
 * and run again; old (version 1) and new (version 2) values read side by side throughout; in the
 * suite the stage runs (TEST_CRYPTO_SUITE: international on PGlite, national on PostgreSQL).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { testDatabaseKind } from '../../../test/support/platform.ts';
import type { CryptoSuite } from '../../platform/config.ts';
import { openPglite, openPostgres, type Db } from '../../platform/db.ts';
import { migrate } from '../../platform/migrations.ts';
import { personalDataCipher, type PersonalDataCipher } from '../../platform/personal-data.ts';
import { localDiskStorage } from '../../platform/storage/local-disk.ts';
import { ENCRYPTED_COLUMNS } from '../reencrypt.ts';
import { createDevKms } from './dev-kms.ts';
import { keyDocument, type KeyRing } from './key-ring.ts';
import { rotateKeys } from './rotate.ts';
import { fileKeyVersion, textKeyVersion } from './stored-version.ts';

const SCRIPT = path.resolve(import.meta.dirname, '..', '..', '..', 'scripts', 'rotate-keys.ts');
const suite: CryptoSuite = process.env.TEST_CRYPTO_SUITE === 'national' ? 'national' : 'international';
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const lookup = randomBytes(32);
const ring = (current: number, ...versions: [number, Buffer][]): KeyRing => ({ current, keys: new Map(versions) });
const version1 = personalDataCipher({ personalData: k1, lookup }, suite);
const rotating = personalDataCipher({ personalData: k2, lookup, ring: ring(2, [2, k2], [1, k1]) }, suite);
const onlyVersion2 = personalDataCipher({ personalData: k2, lookup, ring: ring(2, [2, k2]) }, suite);
const OLD_ROWS = 60;
const NEW_ROWS = 5;

/** A database of its own: a PGlite directory, or a new PostgreSQL database (dropped afterwards). */
async function ownDatabase(work: string): Promise<{ open: () => Promise<Db>; env: Record<string, string>; drop: () => Promise<void> }> {
  if (testDatabaseKind === 'pglite') return { open: () => openPglite(path.join(work, 'pglite')), env: {}, drop: async () => {} };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE=postgres needs TEST_DATABASE_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    open: () => openPostgres(target.toString()),
    env: { DATABASE_URL: target.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

interface Stored {
  mobiles: Map<string, string>;
  documents: Map<string, string>;
  files: Map<string, string>;
}

/** Identities (a phone and a document number each) and uploaded files, sealed by `cipher`. */
async function writePeople(db: Db, uploadsDir: string, cipher: PersonalDataCipher, count: number, expected: Stored) {
  const storage = localDiskStorage(uploadsDir);
  for (let i = 0; i < count; i += 1) {
    const login = `rot${randomBytes(5).toString('hex')}`;
    const mobile = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const documentNumber = `11010519900307${String(1000 + i).slice(-4)}`;
    const [account] = await db.query<{ id: string }>("insert into accounts (kind, login_name, login_name_key, password_hash) values ('natural', $1, $1, 'x') returning id", [login]);
    await db.query("insert into identities (account_id, role, mobile_enc, mobile_hash, document_type, document_number_enc) values ($1, 'natural_person', $2, $3, 'id_card', $4)", [
      account!.id,
      cipher.encrypt(mobile),
      cipher.lookupHash('mobile', mobile),
      cipher.encrypt(documentNumber),
    ]);
    expected.mobiles.set(account!.id, mobile);
    expected.documents.set(account!.id, documentNumber);
    if (i % 10 === 0) {
      const key = `uploads/${randomUUID()}`;
      const scan = `scan of ${login}`;
      await storage.put(key, cipher.encryptBytes(Buffer.from(scan)));
      await db.query("insert into uploads (account_id, subject, slot, storage_key, media_type, size, sha256) values ($1, 'natural_person', 'front', $2, 'image/png', 4, 'x')", [account!.id, key]);
      expected.files.set(key, scan);
    }
  }
}

/** Every value decrypts (with `cipher`) to what was written; answers how many are on each key version. */
async function checkAll(db: Db, uploadsDir: string, cipher: PersonalDataCipher, expected: Stored): Promise<Record<number, number>> {
  const versions: Record<number, number> = {};
  const seen = (version: number | undefined) => (versions[version ?? 0] = (versions[version ?? 0] ?? 0) + 1);
  const rows = await db.query<{ account_id: string; mobile_enc: string; document_number_enc: string; mobile_hash: string }>('select account_id, mobile_enc, document_number_enc, mobile_hash from identities');
  assert.equal(rows.length, expected.mobiles.size);
  for (const row of rows) {
    assert.equal(cipher.decrypt(row.mobile_enc), expected.mobiles.get(row.account_id));
    assert.equal(cipher.decrypt(row.document_number_enc), expected.documents.get(row.account_id));
    assert.equal(row.mobile_hash, cipher.lookupHash('mobile', expected.mobiles.get(row.account_id)!), 'lookup hashes are not rotated');
    seen(textKeyVersion(row.mobile_enc));
    seen(textKeyVersion(row.document_number_enc));
  }
  const storage = localDiskStorage(uploadsDir);
  for (const [key, scan] of expected.files) {
    const sealed = (await storage.get(key))!;
    assert.equal(cipher.decryptBytes(sealed).toString(), scan);
    seen(fileKeyVersion(sealed));
  }
  return versions;
}

function startRotation(work: string, dbEnv: Record<string, string>, args: string[], keyEnv: Record<string, string> = {}) {
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    DATA_DIR: work,
    UPLOADS_DIR: path.join(work, 'uploads'),
    CRYPTO_SUITE: suite,
    // The provider during the rotation: version 2 current, version 1 still readable.
    PII_ENCRYPTION_KEYS: `2:${k2.toString('base64')},1:${k1.toString('base64')}`,
    PII_LOOKUP_KEY: lookup.toString('base64'),
    ...dbEnv,
    ...keyEnv,
  };
  const child = spawn(process.execPath, [SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const lines: ((text: string) => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of lines) listener(output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    output: () => output,
    /** Resolves once the output matches. */
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(output)) return resolve();
        lines.push((text) => pattern.test(text) && resolve());
        void exited.then(() => reject(new Error(`exited before ${pattern}: ${output}`)));
      }),
  };
}

describe(`npm run rotate-keys (${suite} suite)`, () => {
  let work: string;
  let uploadsDir: string;
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  const expected: Stored = { mobiles: new Map(), documents: new Map(), files: new Map() };

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'most-rotate-'));
    uploadsDir = path.join(work, 'uploads');
    database = await ownDatabase(work);
  });
  after(async () => {
    await database.drop();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses a bad batch size or pause (exit 2, usage) before touching anything', async () => {
    for (const args of [['--batch=0'], ['--batch=abc'], ['--pause=99999999'], ['extra']]) {
      const run = startRotation(work, database.env, args);
      const { code } = await run.exited;
      assert.equal(code, 2, run.output());
      assert.match(run.output(), /usage: npm run rotate-keys/);
    }
  });

  it('killed with SIGKILL part way, it leaves every value readable, and run again it finishes: all on version 2, readable without version 1', async () => {
    // Before: key version 1 only.
    const db = await database.open();
    await migrate(db);
    await db.query('insert into crypto_suite (suite) values ($1)', [suite]);
    await writePeople(db, uploadsDir, version1, OLD_ROWS, expected);
    // The provider now has {2 current, 1 old}: the nodes write version 2 and read both.
    await writePeople(db, uploadsDir, rotating, NEW_ROWS, expected);
    const files = expected.files.size;
    assert.deepEqual(await checkAll(db, uploadsDir, rotating, expected), { 1: OLD_ROWS * 2 + 6, 2: NEW_ROWS * 2 + (files - 6) });
    if (testDatabaseKind === 'pglite') await db.close(); // one process at a time on a PGlite directory

    // Small batches with a pause between them; killed after its first progress line.
    const first = startRotation(work, database.env, ['--batch=5', '--pause=100']);
    await first.waitFor(/progress: identities\.mobile_enc: \d+ re-encrypted/);
    if (testDatabaseKind === 'postgres') {
      // The platform keeps running during the rotation: old and new values read side by side.
      const during = await checkAll(db, uploadsDir, rotating, expected);
      assert.ok(during[1]! > 0 && during[2]! > NEW_ROWS * 2, JSON.stringify(during));
    }
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    assert.equal(killed.signal, 'SIGKILL', first.output());
    assert.doesNotMatch(first.output(), /values left on old key versions/);

    // What was done is done, nothing is corrupt, the rest is still on version 1.
    const halfway = testDatabaseKind === 'pglite' ? await database.open() : db;
    let partly: Record<number, number>;
    try {
      partly = await checkAll(halfway, uploadsDir, rotating, expected);
    } finally {
      if (testDatabaseKind === 'pglite') await halfway.close();
    }
    assert.ok(partly[2]! > NEW_ROWS * 2 + (files - 6), `some rotated: ${JSON.stringify(partly)}`);
    assert.ok(partly[1]! > 0, `some left: ${JSON.stringify(partly)}`);

    // Run again, this time with the keys from a KMS (the development one, holding {2 current, 1}):
    // it continues (rows on version 2 are skipped) and ends with nothing left.
    const kmsFile = path.join(work, 'kms.json');
    await writeFile(kmsFile, JSON.stringify(keyDocument(ring(2, [1, k1], [2, k2]))), { mode: 0o600 });
    const kms = createDevKms({ dataFile: kmsFile, secret: 'rotate-test-kms' });
    const kmsUrl = await kms.listen(0);
    const second = startRotation(work, database.env, ['--batch=7'], { KEY_PROVIDER: 'kms', KMS_URL: kmsUrl, KMS_SECRET: 'rotate-test-kms', PII_ENCRYPTION_KEYS: '' });
    const done = await second.exited;
    await kms.close();
    assert.equal(done.code, 0, second.output());
    assert.match(second.output(), /values left on old key versions: 0\n/);
    assert.match(second.output(), /older versions may now be removed from the key provider/);
    // It re-encrypted exactly what the first run had not (the rest was skipped).
    const rewrittenAgain = [...second.output().matchAll(/^ {2}([\w.]+): (\d+) re-encrypted$/gm)].reduce((sum, m) => sum + Number(m[2]), 0);
    assert.equal(rewrittenAgain, partly[1]);
    for (const [, value] of expected.mobiles) assert.doesNotMatch(second.output(), new RegExp(value), 'no personal data printed');

    const end = testDatabaseKind === 'pglite' ? await database.open() : db;
    try {
      // Everything on version 2, the same plaintexts, readable with version 1 removed from the provider.
      assert.deepEqual(await checkAll(end, uploadsDir, onlyVersion2, expected), { 2: expected.mobiles.size * 2 + files });
      // A third run, version 1 gone from the provider (a key file with version 2 only), has nothing to do.
      if (testDatabaseKind === 'pglite') await end.close();
      const keyFile = path.join(work, 'keys.json');
      await writeFile(keyFile, JSON.stringify(keyDocument(ring(2, [2, k2]))), { mode: 0o600 });
      const third = startRotation(work, database.env, [], { KEY_PROVIDER: 'file', KEY_FILE: keyFile, PII_ENCRYPTION_KEYS: '' });
      assert.equal((await third.exited).code, 0, third.output());
      assert.doesNotMatch(third.output(), /[1-9]\d* re-encrypted/);
      assert.match(third.output(), /values left on old key versions: 0\n/);
    } finally {
      if (testDatabaseKind === 'postgres') await end.close();
    }
  });

  it('a row a node changes between the read and the write is left as the node wrote it (compare-and-set), and counted as left when still old', async () => {
    const db = await database.open();
    try {
      const [victim] = await db.query<{ account_id: string }>('select account_id from identities order by account_id limit 1');
      await db.query('update identities set mobile_enc = $2 where account_id = $1', [victim!.account_id, version1.encrypt('13900000000')]);
      await db.query('update identities set mobile_enc = $2 where account_id <> $1', [victim!.account_id, version1.encrypt('13900000001')]);
      // A node still on the old keys writes the first row right after the rotation has read its batch.
      let raced = false;
      const racing: Db = {
        ...db,
        query: async (sql: string, params?: unknown[]) => {
          const rows = await db.query(sql, params);
          if (!raced && /from identities/.test(sql) && /mobile_enc as value/.test(sql)) {
            raced = true;
            await db.query('update identities set mobile_enc = $2 where account_id = $1', [victim!.account_id, version1.encrypt('13911111111')]);
          }
          return rows;
        },
        transaction: (work) => db.transaction(work),
      } as Db;
      const report = await rotateKeys(racing, localDiskStorage(uploadsDir), rotating, 2, { batch: 10 });
      assert.equal(raced, true);
      assert.equal(report.changedMeanwhile, 1);
      assert.equal(report.rewritten['identities.mobile_enc'], expected.mobiles.size - 1);
      assert.deepEqual(report.left, { 'identities.mobile_enc': 1 });
      assert.equal(report.leftTotal, 1);
      const [row] = await db.query<{ mobile_enc: string }>('select mobile_enc from identities where account_id = $1', [victim!.account_id]);
      assert.equal(rotating.decrypt(row!.mobile_enc), '13911111111', 'the node’s write survives');
      // The next pass picks it up.
      assert.equal((await rotateKeys(db, localDiskStorage(uploadsDir), rotating, 2)).leftTotal, 0);
    } finally {
      await db.close();
    }
  });

  it('the rotation knows every encrypted column of the schema', async () => {
    const db = await database.open();
    try {
      const columns = await db.query<{ name: string }>(
        "select table_name || '.' || column_name as name from information_schema.columns where table_schema = current_schema() and column_name like '%\\_enc' order by 1",
      );
      assert.deepEqual(
        columns.map((c) => c.name),
        ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort(),
      );
    } finally {
      await db.close();
    }
  });
});
