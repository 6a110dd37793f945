/** `npm run crypto-suite -- <suite>` (scripts/crypto-suite.ts) as an operator runs it, on a PGlite data directory. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKind } from '../../test/support/platform.ts';
import { openPglite } from '../platform/db.ts';
import { migrate } from '../platform/migrations.ts';
import { personalDataCipher } from '../platform/personal-data.ts';
import { recordedSuite } from './suite-record.ts';

const SCRIPT = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'crypto-suite.ts');
const keys = { personalData: randomBytes(32), lookup: randomBytes(32) };

function run(work: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    DATA_DIR: work,
    PII_ENCRYPTION_KEY: keys.personalData.toString('base64'),
    PII_LOOKUP_KEY: keys.lookup.toString('base64'),
    UPLOADS_DIR: path.join(work, 'uploads'),
  };
  const child = spawn(process.execPath, [SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('npm run crypto-suite', { skip: testDatabaseKind === 'postgres' ? 'runs once, on PGlite' : false }, () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'most-crypto-cmd-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('refuses anything but one suite name (exit 2, usage)', async () => {
    for (const args of [[], ['sm4'], ['national', 'extra']]) {
      const { code, output } = await run(work, args);
      assert.equal(code, 2, output);
      assert.match(output, /usage: npm run crypto-suite -- <international\|national>/);
    }
  });

  it('re-encrypts an international database to national and records it; a second run changes nothing', async () => {
    const international = personalDataCipher(keys, 'international');
    const db = await openPglite(path.join(work, 'pglite'));
    await migrate(db);
    await db.query("insert into crypto_suite (suite) values ('international')");
    const [account] = await db.query<{ id: string }>("insert into accounts (kind, login_name, login_name_key, password_hash) values ('natural', 'cmd', 'cmd', 'x') returning id");
    await db.query("insert into identities (account_id, role, mobile_enc, mobile_hash) values ($1, 'natural_person', $2, $3)", [
      account!.id,
      international.encrypt('13800138000'),
      international.lookupHash('mobile', '13800138000'),
    ]);
    await db.close();

    const first = await run(work, ['national']);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /cipher suite is now national/);
    assert.match(first.output, /identities: 1/);
    assert.doesNotMatch(first.output, /13800138000/, 'no personal data printed');
    const second = await run(work, ['national']);
    assert.equal(second.code, 0, second.output);

    const after = await openPglite(path.join(work, 'pglite'));
    try {
      const national = personalDataCipher(keys, 'national');
      const [row] = await after.query<{ mobile_enc: string; mobile_hash: string }>('select mobile_enc, mobile_hash from identities');
      assert.equal(national.decrypt(row!.mobile_enc), '13800138000');
      assert.equal(row!.mobile_hash, national.lookupHash('mobile', '13800138000'));
      assert.deepEqual(await recordedSuite(after), { suite: 'national', switching_to: null });
    } finally {
      await after.close();
    }
  });
});
