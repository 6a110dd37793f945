/**
 * DATABASE_URL with several hosts and target_session_attrs=read-write (src/platform/db-hosts.ts):
 * a dead first host is passed over, and when the chosen server goes away the next one takes over
 * by itself (queries fail meanwhile, none hangs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPostgres, type Db } from '../../src/platform/db.ts';
import { eventually } from '../support/assertions.ts';
import { freePort } from '../support/node-process.ts';
import { skipWithoutPostgresServer, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

/** Its own servers (or PGlite in a temp dir), not the stage's database: run once, in the PGlite stage. */
const onceOnly = process.env.TEST_DATABASE === 'postgres' ? 'runs once, in the PGlite stage (it starts its own servers)' : false;

const hostOf = (url: string) => new URL(url).host;
const withHosts = (hosts: string[]) => `postgres://postgres@${hosts.join(',')}/identity_test?target_session_attrs=read-write`;

describe('PostgreSQL through a multi-host connection string', { skip: skipWithoutPostgresServer || onceOnly }, () => {
  let a: ThrowawayPostgres;
  let b: ThrowawayPostgres;
  const opened: Db[] = [];
  before(async () => {
    [a, b] = [startThrowawayPostgres(), startThrowawayPostgres()];
    // Each server says which it is.
    for (const [server, name] of [[a, 'a'], [b, 'b']] as const) {
      const db = await openPostgres(server.url);
      await db.exec(`create table which_server (name text); insert into which_server values ('${name}')`);
      await db.close();
    }
  });
  after(async () => {
    for (const db of opened) await db.close().catch(() => {});
    a?.remove();
    b?.remove();
  });
  const open = async (url: string) => {
    const db = await openPostgres(url);
    opened.push(db);
    return db;
  };
  const which = async (db: Db) => (await db.query<{ name: string }>('select name from which_server'))[0]?.name;

  it('uses the first host that accepts writes, passing over one that does not answer', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    assert.equal(await which(await open(withHosts([hostOf(a.url), hostOf(b.url)]))), 'a');
    assert.equal(await which(await open(withHosts([dead, hostOf(b.url)]))), 'b');
    await assert.rejects(openPostgres(withHosts([dead])), /no PostgreSQL host accepts writes \(127\.0\.0\.1:\d+: ECONNREFUSED\)/);
  });

  it('moves to the next host when the chosen one goes away, its LISTEN too', async () => {
    const db = await open(withHosts([hostOf(a.url), hostOf(b.url)]));
    assert.equal(await which(db), 'a');
    const heard: string[] = [];
    await db.listen('hosts_test', { notify: (payload) => heard.push(payload), up: () => heard.push('(up)'), down: () => heard.push('(down)') });
    await eventually(() => heard.includes('(up)'), 'listening on a');
    a.stop();
    const deadline = Date.now() + 20_000;
    let answer: string | undefined;
    while (Date.now() < deadline) {
      answer = await which(db).catch(() => undefined);
      if (answer === 'b') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(answer, 'b');
    assert.equal(await db.ping(), true);
    await eventually(() => heard.lastIndexOf('(up)') > heard.indexOf('(down)') && heard.includes('(down)'), 'told of the loss, then listening on b', { timeoutMs: 10_000 });
    await db.query(`select pg_notify('hosts_test', 'on b')`);
    await eventually(() => heard.includes('on b'), 'a notification on b heard');
  });
});
