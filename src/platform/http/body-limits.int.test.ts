/**
 * Request body limits per route: JSON routes take JSON_BODY_LIMIT (the largest business system
 * fits), service items their guide texts, uploads exactly the 1 MB file limit. A body over its
 * limit answers 413 with its message (请求内容过大 for JSON, 上传文件大小不能超过1MB for a file),
 * declared or chunked alike, and changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertError } from '../../../test/support/assertions.ts';
import { ApiClient, type ApiResponse } from '../../../test/support/client.ts';
import { naturalRegistration, uniqueLoginName } from '../../../test/support/fixtures.ts';
import { jpegOfSize } from '../../../test/support/images.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { staffClient } from '../../../test/support/staff.ts';
import { SERVICE_ITEM_BODY_LIMIT } from '../../backoffice/service-items-routes.ts';
import { SYSTEM_LIMITS } from '../../backoffice/system-rules.ts';
import { MAX_UPLOAD_BYTES } from '../../realname/materials.ts';
import { JSON_BODY_LIMIT } from './body-limits.ts';

const t = testPlatformForFile();

/** Sends these bytes as a chunked body (no Content-Length), as a streaming client would. */
async function sendChunked(client: ApiClient, method: string, path: string, bytes: Uint8Array, contentType: string) {
  if (!client.cookies.has('csrf_token')) await client.get('/api/csrf');
  const chunk = 64 * 1024;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.subarray(at, at + chunk));
      controller.close();
    },
  });
  const response = await fetch(client.baseUrl + path, {
    method,
    headers: { 'content-type': contentType, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': client.cookies.get('csrf_token')! },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const countRows = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params))[0]!.n);

function assertTooLarge(res: ApiResponse) {
  assertError(res, 413, 'REQUEST_TOO_LARGE');
  assert.equal(res.body.message, '请求内容过大，请精简后重试。');
}

describe('JSON bodies', () => {
  it('a registration over 64 KiB is refused (413 请求内容过大) and creates nothing; the same one without the padding registers', async () => {
    const client = new ApiClient(t.baseUrl);
    const body = { ...naturalRegistration({ loginName: uniqueLoginName('big') }) } as Record<string, any>;
    body.smsCode = await client.smsCode(body.mobile);
    const padded = { ...body, padding: 'x'.repeat(JSON_BODY_LIMIT) };
    assertTooLarge(await client.post('/api/register/natural', padded));
    assertTooLarge(await sendChunked(client, 'POST', '/api/register/natural', Buffer.from(JSON.stringify(padded)), 'application/json'));
    assert.equal(await countRows('select count(*) as n from accounts where login_name = $1', [body.loginName]), 0);
    const registered = await client.post('/api/register/natural', body);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
  });

  it('a body just under the limit is read (answered by validation, not 413)', async () => {
    const client = new ApiClient(t.baseUrl);
    const res = await client.post('/api/legacy/lookup', { padding: 'x'.repeat(JSON_BODY_LIMIT - 100) });
    assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 200));
  });

  it('the largest business system an operator can register fits the JSON limit', async () => {
    const ops = await staffClient(t.baseUrl, t.platform, ['operator']);
    const host = `http://localhost:4700`;
    // Every URL at its 500-character limit, in Chinese (3 bytes each in UTF-8).
    const url = (name: string) => `${host}/${name}/${'业'.repeat(SYSTEM_LIMITS.urlMaxLength - host.length - name.length - 3)}/`;
    const system = {
      key: `big-${Date.now().toString(36)}`,
      name: '大'.repeat(SYSTEM_LIMITS.nameMaxLength),
      department: '司'.repeat(SYSTEM_LIMITS.departmentMaxLength),
      audience: 'both',
      requiresVerification: false,
      requirements: [],
      requiresApproval: false,
      roles: Array.from({ length: SYSTEM_LIMITS.maxRoles }, (_, i) => ({ code: `role_${i}_${'r'.repeat(30)}`, name: '角'.repeat(SYSTEM_LIMITS.roleNameMaxLength) })),
      oidc: {
        clientId: `big-${Date.now().toString(36)}-${'c'.repeat(40)}`,
        redirectUris: Array.from({ length: SYSTEM_LIMITS.maxUrls }, (_, i) => url(`cb${i}`)),
        postLogoutRedirectUris: Array.from({ length: SYSTEM_LIMITS.maxUrls }, (_, i) => url(`out${i}`)),
        backchannelLogoutUri: url('bc'),
      },
      casServicePrefix: url('cas'),
      entryUrl: url('entry'),
      mobileAllowed: false,
    };
    const bytes = Buffer.byteLength(JSON.stringify(system));
    assert.ok(bytes > JSON_BODY_LIMIT / 2 && bytes < JSON_BODY_LIMIT, `${bytes} bytes`);
    const res = await ops.post('/api/admin/systems', system);
    assert.equal(res.status, 201, JSON.stringify(res.body).slice(0, 500));
  });
});

describe('service items (guide texts)', () => {
  const item = (code: string, textLength: number) => ({
    code,
    name: '事'.repeat(SYSTEM_LIMITS.itemNameMaxLength),
    department: '测试登记司',
    category: 'innovation_services',
    audience: 'legal',
    systemKey: null,
    parentCode: null,
    guide: Array.from({ length: SYSTEM_LIMITS.maxGuideSections }, (_, i) => ({ title: `${i}`.padEnd(SYSTEM_LIMITS.guideTitleMaxLength, '栏'), text: '指'.repeat(textLength) })),
    sortOrder: 1,
  });
  let count = 0;
  const freshCode = () => `8${String(Date.now() % 1e6).padStart(6, '0')}${String(++count).padStart(2, '0')}000`;

  it('the largest item (every guide section full, in Chinese) is accepted; a bigger body is refused and creates nothing', async () => {
    const ops = await staffClient(t.baseUrl, t.platform, ['operator']);
    const largest = item(freshCode(), SYSTEM_LIMITS.guideTextMaxLength);
    assert.ok(Buffer.byteLength(JSON.stringify(largest)) > JSON_BODY_LIMIT, 'more than the JSON limit');
    const created = await ops.post('/api/admin/service-items', largest);
    assert.equal(created.status, 201, JSON.stringify(created.body).slice(0, 300));

    const tooBig = { ...item(freshCode(), SYSTEM_LIMITS.guideTextMaxLength), padding: 'x'.repeat(SERVICE_ITEM_BODY_LIMIT) };
    assertTooLarge(await ops.post('/api/admin/service-items', tooBig));
    assertTooLarge(await ops.put(`/api/admin/service-items/${created.body.id}`, { ...largest, name: '改名', padding: 'x'.repeat(SERVICE_ITEM_BODY_LIMIT) }));
    assert.equal(await countRows('select count(*) as n from service_items where code = $1', [tooBig.code]), 0);
    const unchanged = await ops.get(`/api/admin/service-items/${created.body.id}`);
    assert.equal(unchanged.body.name, largest.name);
  });
});

describe('uploads', () => {
  const uploads = () => countRows(`select count(*) as n from uploads where slot = 'appeal'`);

  it('an appeal file of exactly 1 MB is accepted; one byte more, or a chunked 2 MB body, is refused (413 上传文件大小不能超过1MB) and stores nothing', async () => {
    const client = new ApiClient(t.baseUrl);
    const before = await uploads();
    const over = await client.putBytes('/api/recovery/appeal-files', jpegOfSize(MAX_UPLOAD_BYTES + 1), 'image/jpeg');
    assertError(over, 413, 'FILE_TOO_LARGE');
    assert.equal(over.body.message, '上传文件大小不能超过1MB');
    assertError(await sendChunked(client, 'PUT', '/api/recovery/appeal-files', jpegOfSize(2 * MAX_UPLOAD_BYTES), 'image/jpeg'), 413, 'FILE_TOO_LARGE');
    assert.equal(await uploads(), before);

    const exact = await client.putBytes('/api/recovery/appeal-files', jpegOfSize(MAX_UPLOAD_BYTES), 'image/jpeg');
    assert.equal(exact.status, 200, JSON.stringify(exact.body));
    assert.equal(exact.body.size, MAX_UPLOAD_BYTES);
    assert.equal(await uploads(), before + 1);
  });

  it('other routes in the upload scope keep the JSON limit for any body', async () => {
    const client = new ApiClient(t.baseUrl);
    const res = await sendChunked(client, 'POST', '/api/recovery/reset/search', jpegOfSize(JSON_BODY_LIMIT + 1), 'application/octet-stream');
    assert.equal(res.status, 413);
  });
});
