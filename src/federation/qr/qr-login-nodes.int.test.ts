/**
 * 二维码登录 on several nodes (SPEC §12.8): two platforms sharing one database and one Redis (the
 * kv of both), as behind a load balancer. Each step may reach either node: the code is created on
 * one, scanned and confirmed on the other, and of two completions racing on both nodes exactly
 * one logs in. Nothing of a request lives in a node's memory.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import type { TestPlatform } from '../../../test/support/platform.ts';
import { describeWithRedis, startRedisTestPlatform } from '../../../test/support/redis.ts';
import type { Db } from '../../platform/db.ts';
import { buildApp } from '../../platform/http/app.ts';
import { createPlatform, type Platform } from '../../platform/platform.ts';

describeWithRedis('二维码登录 across two nodes (shared database and Redis)', () => {
  let first: TestPlatform;
  let second: { platform: Platform; app: FastifyInstance; baseUrl: string };

  before(async () => {
    first = await startRedisTestPlatform();
    // The second node shares the first one's database (which only the first closes) and Redis prefix.
    const shared: Db = Object.assign(Object.create(first.platform.db) as Db, { close: async () => {} });
    const mail = { kind: 'smtp' as const, url: 'smtp://127.0.0.1:9', from: first.platform.config.mail.from };
    const platform = await createPlatform({ ...first.platform.config, mail }, shared);
    const app = await buildApp(platform);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    second = { platform, app, baseUrl: `http://127.0.0.1:${port}` };
  });

  after(async () => {
    await second?.app.close();
    await second?.platform.close();
    await first?.close();
  });

  /** The same browser (its cookies) talking to the other node. */
  function onOtherNode(client: ApiClient, baseUrl: string): ApiClient {
    const twin = new ApiClient(baseUrl);
    for (const [name, value] of client.cookies) twin.cookies.set(name, value);
    return twin;
  }

  it('created on one node, scanned and confirmed on the other, completed exactly once across both', async () => {
    assert.equal(first.platform.config.redisUrl, second.platform.config.redisUrl);
    const browser = new ApiClient(first.baseUrl);
    const created = await browser.post('/api/qr-login');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;

    const person = await registerAndLogIn(first.baseUrl, 'natural', { loginName: uniqueLoginName('qrn') });
    const phone = onOtherNode(person.client, second.baseUrl);
    assert.equal((await phone.post(`/api/qr-login/${id}/scan`)).status, 200);
    assert.equal((await onOtherNode(browser, second.baseUrl).get(`/api/qr-login/${id}`)).body.state, 'scanned');
    assert.equal((await phone.post(`/api/qr-login/${id}/confirm`)).status, 200);
    assert.equal((await browser.get(`/api/qr-login/${id}`)).body.state, 'confirmed');

    const answers = await Promise.all([browser.post(`/api/qr-login/${id}/complete`), onOtherNode(browser, second.baseUrl).post(`/api/qr-login/${id}/complete`)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409], JSON.stringify(answers.map((a) => a.body)));
    assert.equal(answers.find((a) => a.status === 409)!.body.code, 'QR_USED');
  });

  it('a second scan reaching the other node is refused there too', async () => {
    const browser = new ApiClient(second.baseUrl);
    const id = (await browser.post('/api/qr-login')).body.id as string;
    const a = await registerAndLogIn(first.baseUrl, 'natural', { loginName: uniqueLoginName('qrn') });
    const b = await registerAndLogIn(first.baseUrl, 'natural', { loginName: uniqueLoginName('qrn') });
    assert.equal((await a.client.post(`/api/qr-login/${id}/scan`)).status, 200);
    const refused = await onOtherNode(b.client, second.baseUrl).post(`/api/qr-login/${id}/scan`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'QR_ALREADY_SCANNED');
  });
});
