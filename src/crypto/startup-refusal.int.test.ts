/**
 * The real entry point refuses a CRYPTO_SUITE other than the one its database recorded: it ends
 * with the message alone (naming the re-encryption command), before anything listens.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKind } from '../../test/support/platform.ts';
import { openPglite } from '../platform/db.ts';
import { migrate } from '../platform/migrations.ts';

const MAIN = path.resolve(import.meta.dirname, '..', 'main.ts');

describe('src/main.ts with a CRYPTO_SUITE the database did not record', { skip: testDatabaseKind === 'postgres' ? 'runs once, on PGlite' : false }, () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'most-crypto-'));
    const db = await openPglite(path.join(work, 'pglite'));
    await migrate(db);
    await db.query("insert into crypto_suite (suite) values ('national')");
    await db.close();
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('refuses to start, with the message alone and the command that switches', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: work,
      WEB_DIST_DIR: path.join(work, 'no-web'),
      SEED_DEMO_DATA: 'false',
      REGISTRY_PORT: '0',
      NATIONAL_IDP_DEV_PORT: '0',
      SMTP_DEV_PORT: '0',
    };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, output);
    assert.match(output, /无法启动 \(cannot start\): 数据库中的个人数据使用 national 密码套件，与配置 CRYPTO_SUITE=international 不一致/);
    assert.match(output, /npm run crypto-suite -- international/);
    assert.doesNotMatch(output, /统一身份认证平台已启动/);
    assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
  });
});
