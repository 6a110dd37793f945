import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { openPglite, openPostgres, type Db } from '../../src/platform/db.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createPlatform, type Platform } from '../../src/platform/platform.ts';
import { DEFAULT_DATA_FILE, createRegistryServer } from '../../src/realname/registry/server.ts';
import { startDevUpstream } from '../../src/federation/national/dev-upstream/start.ts';

export interface TestPlatform {
  platform: Platform;
  app: FastifyInstance;
  baseUrl: string;
  /** This platform's own development registry; POST {registryUrl}/control {mode} injects faults. */
  registryUrl: string;
  /** This platform's own development 国家政务服务平台 (unless the test configured an issuer); POST {nationalUrl}/control changes a person's document. */
  nationalUrl: string | undefined;
  close(): Promise<void>;
}

/** Which database the integration tests run on: TEST_DATABASE=postgres with TEST_DATABASE_URL, else PGlite. */
export const testDatabaseKind = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh platform on a fresh database (in-memory PGlite, or a new PostgreSQL database
 * created for this test and dropped afterwards), listening on a free local port.
 */
export async function startTestPlatform(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<TestPlatform> {
  const { db, drop } = await freshDatabase();
  const uploadsDir = await mkdtemp(path.join(tmpdir(), 'most-uploads-'));
  // SMTP_DEV_PORT=0: each platform starts its own development SMTP server on a free port.
  const config = loadConfig(
    { NODE_ENV: 'development', COOKIE_SECURE: 'false', SMTP_DEV_PORT: '0', ...testLog(), ...testCryptoSuite(), ...env },
    { inMemoryDatabase: true, port: 0, storage: { kind: 'local', dir: uploadsDir }, ...overrides },
  );
  // Every test platform has its own registry (default synthetic data), so fault modes never leak between files.
  const registry = createRegistryServer({ dataFile: DEFAULT_DATA_FILE, secret: config.registry.secret, clientId: config.registry.clientId, allowControl: true });
  const registryUrl = await registry.listen(0, '127.0.0.1');
  config.registry = { ...config.registry, url: registryUrl };
  // Every test platform has its own development national platform too, unless the test names an issuer.
  const national = config.nationalIdp.issuer ? undefined : await startDevUpstream(config, 0);
  const platform = await createPlatform(config, db);
  const app = await buildApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  platform.config.baseUrl = baseUrl;
  national?.registerPlatform(baseUrl);
  return {
    platform,
    app,
    baseUrl,
    registryUrl,
    nationalUrl: national?.upstream.url,
    async close() {
      await app.close();
      await platform.close();
      await registry.close();
      await national?.upstream.close();
      await drop();
      await rm(uploadsDir, { recursive: true, force: true });
    },
  };
}

/** TEST_CRYPTO_SUITE=national (scripts/test.ts): every test platform keeps personal data in the national suite. */
function testCryptoSuite(): Record<string, string> {
  return process.env.TEST_CRYPTO_SUITE ? { CRYPTO_SUITE: process.env.TEST_CRYPTO_SUITE } : {};
}

/**
 * With TEST_LOG_DIR (set by scripts/test.ts) every platform of this process logs everything into
 * one file there, which the run's log check searches for personal data afterwards.
 */
function testLog(): Record<string, string> {
  const dir = process.env.TEST_LOG_DIR;
  return dir ? { LOG_LEVEL: 'info', LOG_FILE: path.join(dir, `${process.pid}.log`) } : {};
}

async function freshDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (testDatabaseKind === 'pglite') return { db: await openPglite(undefined), drop: async () => {} };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE=postgres needs TEST_DATABASE_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString());
  return {
    db,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
