/**
 * The system API with a valid business-system token and hostile input (the whole-API fuzz test
 * has no system token): wrong types, nesting, control characters, huge and odd strings in every
 * field and in the path. Never a 5xx, always the catalogue's error shape, nothing stored.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAccount } from '../../test/support/accounts.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../demo/business-systems.ts';
import { seedCatalogue } from '../demo/catalogue.ts';
import { systemApiClient, type SystemApiClient } from '../sso/system-api/client.ts';

const t = testPlatformForFile();
let hgr: SystemApiClient;
let applicantId: string;

let seeded: Promise<void> | undefined;
beforeEach(async () => {
  seeded ??= (async () => {
    await seedBusinessSystems(t.platform);
    await seedCatalogue(t.platform);
    hgr = systemApiClient(t.baseUrl, DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
    applicantId = (await registerAccount(t.baseUrl, 'natural')).accountId;
  })();
  await seeded;
});

const HOSTILE: unknown[] = [
  null, 0, -1, 1e308, true, [], {}, [1, 2], { $gt: '' }, '', ' ', '\u0000', 'a\u0000b', '\u202e', '\ud800', "'; drop table matters; --",
  '%', '_', '\\', '<script>alert(1)</script>', 'x'.repeat(10_000), '00000000-0000-0000-0000-000000000000', '1'.repeat(12), '9'.repeat(13),
  'javascript:alert(1)', 'http://', 'https://a.cn/' + 'p'.repeat(600), '2026-13-01', '0000-01-01', '已办结 ',
];
const PATHS = ['a', 'x'.repeat(65), '%00', '..', '.%2e', '%E5%8A%9E', 'a%2Fb', '-', '_'];

const matter = () => ({ itemCode: '000106003000', applicantId, organizationCreditCode: '', state: '已提交', title: '标题', link: 'https://hgr.example.cn/1' });
const result = () => ({ itemCode: '000106003000', title: '标题', publishedOn: '2026-01-01', summary: '内容', link: '' });

async function expectRefusedCleanly(answer: { status: number; body: any }, what: string) {
  assert.ok(answer.status >= 400 && answer.status < 500, `${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  assert.equal(typeof answer.body?.code, 'string', what);
  assert.equal(typeof answer.body?.message, 'string', what);
}

describe('system API, hostile input with a valid token', () => {
  it('every field of a report and of a result, and the body as a whole', async () => {
    for (const [path, base] of [['/matters/HOSTILE-1', matter], ['/results/HOSTILE-1', result]] as const) {
      for (const field of Object.keys(base())) {
        for (const value of HOSTILE) {
          const body = { ...base(), [field]: value };
          const answer = await hgr.call('PUT', path, body);
          if (answer.status < 300) continue; // a value that happens to be valid (e.g. '' for an optional link)
          await expectRefusedCleanly(answer, `${path} ${field}=${JSON.stringify(value).slice(0, 40)}`);
        }
      }
      for (const body of HOSTILE) await expectRefusedCleanly(await hgr.call('PUT', path, body), `${path} body ${JSON.stringify(body).slice(0, 40)}`);
    }
    await t.db.query(`delete from public_results where reference = 'HOSTILE-1'`);
    await t.db.query(`delete from matters where reference = 'HOSTILE-1'`);
  });

  it('hostile references in the path', async () => {
    for (const reference of PATHS) {
      for (const [method, path, body] of [['PUT', 'matters', matter()], ['PUT', 'results', result()], ['DELETE', 'results', undefined]] as const) {
        const answer = await hgr.call(method, `/${path}/${reference}`, body);
        assert.ok(answer.status < 500, `${method} ${path}/${reference}: ${answer.status}`);
        if (answer.status >= 400) await expectRefusedCleanly(answer, `${method} ${path}/${reference}`);
      }
    }
    const stored = await t.db.query(`select reference from matters union all select reference from public_results`);
    assert.ok(stored.every((row) => /^[A-Za-z0-9][A-Za-z0-9\-_.:]{0,63}$/.test((row as { reference: string }).reference)), JSON.stringify(stored));
  });
});
