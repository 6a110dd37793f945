/**
 * Three nodes starting at the same moment against one fresh PostgreSQL database: the migrations
 * are applied once (an advisory lock, src/platform/migrations.ts), the OIDC keys created once,
 * every node starts without an error and is ready, and all three stop with exit code 0.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openPostgres } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrations.ts';
import { sharedKeys, startNodeProcess, type NodeProcess } from '../support/node-process.ts';
import { skipWithoutPostgresServer, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

/** Its own servers, not the stage's database: run once, in the PGlite stage. */
const onceOnly = process.env.TEST_DATABASE === 'postgres' ? 'runs once, in the PGlite stage (it starts its own servers)' : false;

const MIGRATIONS = readdirSync(path.resolve(import.meta.dirname, '../../migrations')).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f));

describe('three nodes starting together on a fresh database', { skip: skipWithoutPostgresServer || onceOnly }, () => {
  let server: ThrowawayPostgres;
  const nodes: NodeProcess[] = [];
  before(() => {
    server = startThrowawayPostgres();
  });
  after(() => {
    for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
    server?.remove();
  });

  it('apply every migration exactly once, create the keys once, and all serve', async () => {
    const keys = sharedKeys();
    for (const name of ['node1', 'node2', 'node3']) nodes.push(await startNodeProcess({ DATABASE_URL: server.url, NODE_NAME: name, LOG_LEVEL: 'info', ...keys }));
    await Promise.all(nodes.map((node) => node.started));
    for (const node of nodes) {
      const ready = await fetch(`${node.baseUrl}/readyz`);
      assert.equal(ready.status, 200, `${node.baseUrl}: ${await ready.text()}`);
      assert.doesNotMatch(node.output(), /"level":(50|60)|Error|error/, node.output());
    }

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const applied = (await client.query<{ name: string; n: string }>('select name, count(*) as n from schema_migrations group by name order by name')).rows;
      assert.deepEqual(
        applied.map((row) => row.name),
        [...MIGRATIONS].sort(),
      );
      assert.ok(applied.every((row) => Number(row.n) === 1));
      const current = (await client.query<{ purpose: string; alg: string; n: string }>(
        `select purpose, alg, count(*) as n from oidc_keys where retired_at is null group by purpose, alg order by purpose, alg`,
      )).rows.map((row) => `${row.purpose}/${row.alg}:${row.n}`);
      assert.deepEqual(current, ['cookie/HS256:1', 'signing/ES256:1', 'signing/RS256:1', 'signing/SM2SM3:1']);
    } finally {
      await client.end();
    }

    for (const node of nodes) node.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all(nodes.map((node) => node.exited)), [0, 0, 0]);
  });

  it('several connections migrating one fresh database at the very same moment do not collide (the bookkeeping table too)', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = `fresh_${attempt}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      const dbs = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url.href)));
      try {
        const applied = await Promise.all(dbs.map((db) => migrate(db)));
        assert.equal(applied.flat().length, MIGRATIONS.length, 'each file applied once, by one of them');
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
      }
    }
  });
});
