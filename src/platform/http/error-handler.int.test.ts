/**
 * No input reaches a 5xx (issue 21): values the database refuses are a 400 or 409, and the one
 * 500 left, a fault of the platform, is logged by request id and route without the request's data.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient } from '../../../test/support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.ts';
import { findPersonalData } from '../../../test/support/personal-data-scan.ts';
import { databaseInputError } from './error-handler.ts';

const logDir = mkdtempSync(path.join(tmpdir(), 'error-log-'));
const logFile = path.join(logDir, 'platform.log');
let t: TestPlatform;

before(async () => {
  t = await startTestPlatform({ log: { level: 'info', file: logFile } });
});
after(async () => {
  await t.close();
  rmSync(logDir, { recursive: true, force: true });
});

it('values the database refuses read as a 400 (class 22) or 409 (class 23 unique), any other database fault not', () => {
  for (const code of ['22007', '22008', '22003', '22P02', '22021', '23502', '23514', '23503']) {
    assert.equal(databaseInputError({ code })?.status, 400, code);
  }
  assert.equal(databaseInputError({ code: '23505' })?.status, 409);
  assert.equal(databaseInputError({ code: '42P01' }), undefined);
  assert.equal(databaseInputError({ code: '08006' }), undefined);
  assert.equal(databaseInputError(new Error('plain')), undefined);
  const withColumn = databaseInputError({ code: '23502', column: 'name' });
  assert.deepEqual(withColumn?.fields.map((f) => f.field), ['name']);
});

it('a malformed id in a path is a 4xx, not a 500', async () => {
  const client = new ApiClient(t.baseUrl);
  const res = await client.get('/api/catalogue/items/%F0%9F%98%80');
  assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(res.body)}`);
});

it('a fault of the platform answers 500 with a request id, and its log line names the route but holds no request data', async () => {
  const client = new ApiClient(t.baseUrl);
  // A fault the way a bug or an outage makes one: the search's statement and its parameters ride on the database error.
  await t.platform.db.query('alter table service_items rename to service_items_gone');
  const res = await client.get(`/api/catalogue/items?q=${encodeURIComponent('王小明 13912345678')}`);
  await t.platform.db.query('alter table service_items_gone rename to service_items');
  assert.equal(res.status, 500);
  assert.equal(res.body.code, 'INTERNAL');
  assert.match(res.body.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(!JSON.stringify(res.body).includes('service_items'), 'no SQL in the answer');
  t.platform.log.flush();
  const line = readFileSync(logFile, 'utf8').split('\n').find((l) => l.includes('"request failed"'));
  assert.ok(line, 'the failure is logged');
  const entry = JSON.parse(line);
  assert.equal(entry.reqId, res.body.requestId);
  assert.equal(entry.route, '/api/catalogue/items');
  assert.equal(entry.err.code, '42P01');
  assert.deepEqual(findPersonalData('platform.log', readFileSync(logFile, 'utf8')), []);
  assert.ok(!/select .* from service_items/i.test(readFileSync(logFile, 'utf8')), 'no SQL statement in the log');
});
