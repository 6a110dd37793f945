/**
 * Manual review end to end through the HTTP API: uploads checked by content and size,
 * encrypted at rest, visible to their owner only; submission -> 实名认证审核中; a reviewer
 * (logged in with TOTP) approves or rejects with a reason, the user hears by SMS; key data
 * changed during review asks for new uploads; the back office is staff-only.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn, type Body } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { JPEG_1X1, PNG_1X1, TEXT_NAMED_PNG, jpegOfSize } from '../../test/support/images.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { createStaff, currentTotp, staffClient } from '../../test/support/staff.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'register%'`);
});

const MATERIALS = '/api/me/verification/natural_person/materials';

/** A person whose document the registry does not know: 实名认证失败, waiting for uploads. */
async function failedPerson(overrides: Body = {}) {
  const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('mr'), ...overrides });
  const view = await me.client.get(MATERIALS);
  assert.equal(view.body.verification.status, 'failed');
  assert.equal(view.body.editable, true);
  return me;
}

async function uploadBoth(client: ApiClient, base = MATERIALS) {
  assert.equal((await client.putBytes(`${base}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
  assert.equal((await client.putBytes(`${base}/document_back`, PNG_1X1, 'image/png')).status, 200);
}

async function submittedPerson() {
  const me = await failedPerson();
  await uploadBoth(me.client);
  const submitted = await me.client.post(`${MATERIALS}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { ...me, reviewId: submitted.body.reviewId as string };
}

async function lastSms(phone: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/dev/outbox.json?phone=${phone}`);
  const { messages } = (await res.json()) as { messages: { text: string }[] };
  return messages[0]?.text ?? '';
}

describe('uploads for manual review', () => {
  it('a renamed png that is really a text file is refused, and nothing is stored', async () => {
    const me = await failedPerson();
    const res = await me.client.putBytes(`${MATERIALS}/document_front`, TEXT_NAMED_PNG, 'image/png');
    assertError(res, 400, 'FILE_TYPE_INVALID');
    assert.equal(res.body.message, '上传文件类型必须是jpg、png、jpeg格式');
    assert.equal((await me.client.get(MATERIALS)).body.slots[0].file, null);
  });

  it('a 1.2 MB jpg is refused; exactly 1 MB is accepted', async () => {
    const me = await failedPerson();
    const big = await me.client.putBytes(`${MATERIALS}/document_front`, jpegOfSize(1.2 * 1024 * 1024), 'image/jpeg');
    assertError(big, 413, 'FILE_TOO_LARGE');
    assert.equal(big.body.message, '上传文件大小不能超过1MB');
    assert.equal((await me.client.get(MATERIALS)).body.slots[0].file, null);
    const limit = await me.client.putBytes(`${MATERIALS}/document_front`, jpegOfSize(1024 * 1024), 'image/jpeg');
    assert.equal(limit.status, 200);
    assert.equal(limit.body.file.size, 1024 * 1024);
  });

  it('a 5 MB body is refused with the same message, and an empty one asks for a file', async () => {
    const me = await failedPerson();
    assertError(await me.client.putBytes(`${MATERIALS}/document_front`, jpegOfSize(5 * 1024 * 1024)), 413, 'FILE_TOO_LARGE');
    assertError(await me.client.putBytes(`${MATERIALS}/document_front`, Buffer.alloc(0)), 400, 'FILE_EMPTY');
  });

  it('issue 14.14: a refused replacement changes nothing on the server; the page empties the slot, and 提交 sends only the files the page shows', async () => {
    const me = await failedPerson();
    await uploadBoth(me.client);
    const shown = async () => Object.fromEntries(((await me.client.get(MATERIALS)).body.slots as { slot: string; file: { uploadId: string } | null }[]).map((s) => [s.slot, s.file?.uploadId ?? null]));
    const before = await shown();

    // Bad input changes nothing (SPEC §10): the previous front is still the slot's file.
    assertError(await me.client.putBytes(`${MATERIALS}/document_front`, TEXT_NAMED_PNG, 'image/png'), 400, 'FILE_TYPE_INVALID');
    assert.deepEqual(await shown(), before);

    // The page withdraws it (it no longer shows it): the slot is empty, 提交 finds it missing.
    const withdrawn = await me.client.request('DELETE', `${MATERIALS}/document_front`);
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    assert.deepEqual(withdrawn.body, { slot: 'document_front', file: null });
    assert.deepEqual(await shown(), { ...before, document_front: null });
    assert.equal((await me.client.getBytes(`${MATERIALS}/document_front/file`)).status, 404, 'its 预览 is gone too');
    const incomplete = await me.client.post(`${MATERIALS}/submit`, { files: await shown() });
    assertError(incomplete, 400, 'MATERIALS_INCOMPLETE');
    assert.deepEqual(incomplete.body.fields.map((f: { field: string }) => f.field), ['document_front']);

    // A page showing other files than the current ones (another tab uploaded meanwhile) submits nothing.
    const stale = await shown();
    assert.equal((await me.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
    assertError(await me.client.post(`${MATERIALS}/submit`, { files: stale }), 409, 'MATERIALS_CHANGED');
    assertError(await me.client.post(`${MATERIALS}/submit`, { files: { ...(await shown()), document_back: null } }), 409, 'MATERIALS_CHANGED');
    assert.equal((await me.client.get(MATERIALS)).body.verification.status, 'failed', 'nothing submitted');

    const current = await shown();
    const submitted = await me.client.post(`${MATERIALS}/submit`, { files: current });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const [review] = await t.db.query<{ files: { slot: string; uploadId: string }[] }>('select files from reviews where id = $1', [submitted.body.reviewId]);
    assert.deepEqual(Object.fromEntries(review!.files.map((f) => [f.slot, f.uploadId])), current, 'exactly the files shown');
    assertError(await me.client.request('DELETE', `${MATERIALS}/document_back`), 409, 'MATERIALS_LOCKED');
  });

  it('files are encrypted at rest and read back by their owner; the last upload of a slot counts', async () => {
    const me = await failedPerson();
    await me.client.putBytes(`${MATERIALS}/document_front`, PNG_1X1, 'image/png');
    await me.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/png');
    const file = await me.client.getBytes(`${MATERIALS}/document_front/file`);
    assert.equal(file.status, 200);
    assert.deepEqual(file.bytes, JPEG_1X1);
    assert.equal(file.headers.get('content-type'), 'image/jpeg');
    assert.equal(file.headers.get('cache-control'), 'private, no-store');

    const dir = t.platform.config.storage.kind === 'local' ? t.platform.config.storage.dir : '';
    const stored = await readdir(path.join(dir, 'uploads'));
    assert.ok(stored.length >= 2);
    for (const name of stored) {
      const bytes = await readFile(path.join(dir, 'uploads', name));
      assert.equal(bytes.includes(JPEG_1X1.subarray(0, 16)), false, 'a stored file must not contain the image in clear');
      assert.equal(bytes.includes(PNG_1X1.subarray(0, 16)), false);
    }
  });

  it('another account cannot read or write them, and a person cannot use an organisation subject', async () => {
    const owner = await failedPerson();
    await owner.client.putBytes(`${MATERIALS}/document_front`, PNG_1X1);
    const other = await failedPerson();
    const read = await other.client.getBytes(`${MATERIALS}/document_front/file`);
    assert.equal(read.status, 404, 'the other account sees only its own (empty) slot');
    assertError(await other.client.putBytes('/api/me/verification/organization/materials/business_licence', PNG_1X1), 404, 'NOT_FOUND');
    assertError(await new ApiClient(t.baseUrl).putBytes(`${MATERIALS}/document_front`, PNG_1X1), 401, 'NOT_LOGGED_IN');
    assertError(await owner.client.putBytes(`${MATERIALS}/passport_photo`, PNG_1X1), 404, 'NOT_FOUND');
  });

  it('submitting needs every required file; then 实名认证审核中 and the page is read-only', async () => {
    const me = await failedPerson();
    await me.client.putBytes(`${MATERIALS}/document_front`, PNG_1X1);
    const early = await me.client.post(`${MATERIALS}/submit`);
    assertError(early, 400, 'MATERIALS_INCOMPLETE');
    assert.deepEqual(early.body.fields.map((f: { field: string }) => f.field), ['document_back']);
    await me.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1);
    const submitted = await me.client.post(`${MATERIALS}/submit`);
    assert.equal(submitted.status, 200);
    assert.equal(submitted.body.verification.label, '实名认证审核中');
    const view = (await me.client.get(MATERIALS)).body;
    assert.equal(view.editable, false);
    assert.equal((await me.client.get('/api/me/profile')).body.verification.natural_person.status, 'under_review');
    assertError(await me.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1), 409, 'MATERIALS_LOCKED');
    assertError(await me.client.post(`${MATERIALS}/submit`), 409, 'MATERIALS_LOCKED');
  });

  it('an account that is not waiting for materials cannot upload (manually approved); a registry-verified one may, to apply for L4', async () => {
    const verified = await registerAndLogIn(t.baseUrl, 'natural', {
      loginName: uniqueLoginName('ok'),
      name: '陈静',
      documentNumber: '310104198508124021',
      validFrom: '2015-09-01',
      validTo: '2035-09-01',
    });
    const view = (await verified.client.get(MATERIALS)).body;
    assert.equal(view.verification.status, 'registry_verified');
    // Issue 20.4: manual review on top of the registry gives L4 (src/realname/levels.ts).
    assert.equal(view.editable, true);
    await t.db.query(`update verifications set status = 'manually_approved', method = 'manual' where account_id = $1`, [verified.accountId]);
    assert.equal((await verified.client.get(MATERIALS)).body.editable, false);
    assertError(await verified.client.putBytes(`${MATERIALS}/document_front`, PNG_1X1), 409, 'MATERIALS_LOCKED');
  });

  it('changing key data during review withdraws the review and asks for new uploads', async () => {
    const me = await submittedPerson();
    const profile = (await me.client.get('/api/me/profile')).body.naturalPerson;
    const saved = await me.client.put('/api/me/profile/natural-person', { ...profile, name: '改名者' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const view = (await me.client.get(MATERIALS)).body;
    assert.equal(view.verification.status, 'failed');
    assert.equal(view.editable, true);
    assert.deepEqual(view.slots.map((s: { file: unknown }) => s.file), [null, null], 'the files of the old data no longer count');
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.post(`/api/admin/reviews/${me.reviewId}/approve`), 409, 'REVIEW_NOT_OPEN');
    const withdrawn = (await reviewer.get(`/api/admin/reviews/${me.reviewId}`)).body;
    assert.equal(withdrawn.status, 'superseded');
    assert.equal(withdrawn.data.person.name, me.body.name, 'the reviewer sees what was submitted, not the later data');
  });
});

describe('the reviewers’ back office', () => {
  it('a reviewer approves: 科技部平台人工审核通过, SMS to the user, audited', async () => {
    const me = await submittedPerson();
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const queue = await reviewer.get('/api/admin/reviews?subject=natural_person');
    assert.equal(queue.status, 200);
    assert.ok(queue.body.reviews.some((r: { id: string }) => r.id === me.reviewId));

    const detail = await reviewer.get(`/api/admin/reviews/${me.reviewId}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.data.person.documentNumber, me.body.documentNumber);
    assert.deepEqual(detail.body.files.map((f: { slot: string }) => f.slot).sort(), ['document_back', 'document_front']);
    const front = detail.body.files.find((f: { slot: string }) => f.slot === 'document_front');
    const image = await reviewer.getBytes(`/api/admin/reviews/${me.reviewId}/files/${front.uploadId}`);
    assert.equal(image.status, 200);
    assert.deepEqual(image.bytes, JPEG_1X1);

    const approved = await reviewer.post(`/api/admin/reviews/${me.reviewId}/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const status = (await me.client.get('/api/me/profile')).body.verification.natural_person;
    assert.equal(status.status, 'manually_approved');
    assert.equal(status.label, '科技部平台人工审核通过');
    assert.match(await lastSms(me.body.mobile), /已通过人工审核/);
    assertError(await reviewer.post(`/api/admin/reviews/${me.reviewId}/reject`, { reason: '迟到的驳回' }), 409, 'REVIEW_NOT_OPEN');

    const admin = await staffClient(t.baseUrl, t.platform, ['admin']);
    const audit = await admin.get(`/api/admin/audit?staff=${reviewer.staff.loginName}`);
    assert.deepEqual(audit.body.rows.map((r: { action: string }) => r.action).reverse(), ['staff.login', 'review.view', 'review.claim', 'review.file_view', 'review.approve']);
  });

  it('a reviewer rejects with a reason: 实名认证审核失败 with the reason in 详情, SMS, and new uploads are possible', async () => {
    const me = await submittedPerson();
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.post(`/api/admin/reviews/${me.reviewId}/reject`, { reason: '  ' }), 400, 'VALIDATION_FAILED');
    const rejected = await reviewer.post(`/api/admin/reviews/${me.reviewId}/reject`, { reason: '审核信息不匹配。' });
    assert.equal(rejected.status, 200);
    const status = (await me.client.get('/api/me/profile')).body.verification.natural_person;
    assert.equal(status.label, '实名认证审核失败');
    assert.equal(status.reason.detail, '审核信息不匹配。');
    assert.match(await lastSms(me.body.mobile), /审核未通过，原因：审核信息不匹配。/);
    const view = (await me.client.get(MATERIALS)).body;
    assert.equal(view.editable, true);
    await uploadBoth(me.client);
    assert.equal((await me.client.post(`${MATERIALS}/submit`)).status, 200);
  });

  it('approval cannot make a second account verified with the same document', async () => {
    const first = await submittedPerson();
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    // A second account registered with the same (still unverified) document, waiting in the queue too.
    const second = await failedPerson({ documentNumber: first.body.documentNumber, name: first.body.name });
    await uploadBoth(second.client);
    const secondReview = (await second.client.post(`${MATERIALS}/submit`)).body.reviewId;
    assert.equal((await reviewer.post(`/api/admin/reviews/${first.reviewId}/approve`)).status, 200);
    const refused = await reviewer.post(`/api/admin/reviews/${secondReview}/approve`);
    assert.equal(refused.status, 200);
    assert.equal(refused.body.status, 'rejected');
    const status = (await second.client.get('/api/me/profile')).body.verification.natural_person;
    assert.equal(status.status, 'review_rejected');
    assert.match(status.reason.detail, /^证件号码已存在/); // FAQ 八.3
  });

  it('staff log in with password and TOTP; a wrong or reused code is refused with one message', async () => {
    const staff = await createStaff(t.platform, ['reviewer']);
    const client = new ApiClient(t.baseUrl);
    const login = (body: { loginName?: string; password?: string; totp: string }) =>
      client.post('/api/admin/login', { loginName: staff.loginName, password: staff.password, ...body });
    const wrongCode = String((Number(currentTotp(staff.totpSecret)) + 500_000) % 1_000_000).padStart(6, '0');
    assertError(await login({ totp: wrongCode }), 401, 'STAFF_LOGIN_FAILED');
    await t.db.query(`delete from kv where key like 'login%'`);
    assertError(await login({ password: 'Wrong@2026pass', totp: currentTotp(staff.totpSecret) }), 401, 'STAFF_LOGIN_FAILED');
    assertError(await login({ loginName: 'nobody_here', totp: currentTotp(staff.totpSecret) }), 401, 'STAFF_LOGIN_FAILED');
    assertError(await login({ totp: '12ab' }), 400, 'VALIDATION_FAILED');
    // Failures slow the next attempt down (as for citizens); the clean slate shows the success path.
    await t.db.query(`delete from kv where key like 'login%'`);
    const code = currentTotp(staff.totpSecret);
    assert.equal((await login({ totp: code })).status, 200);
    assert.equal((await client.get('/api/admin/me')).body.loginName, staff.loginName);
    assertError(await new ApiClient(t.baseUrl).post('/api/admin/login', { loginName: staff.loginName, password: staff.password, totp: code }), 401, 'STAFF_LOGIN_FAILED');
  });

  it('someone who is not staff gets 403 on every back-office route; a reviewer cannot browse the audit log', async () => {
    // Every registered back-office route but login and logout, with sample parameters.
    const routes = registeredBackOfficeRoutes()
      .filter((r) => !r.endsWith(' /api/admin/login') && !r.endsWith(' /api/admin/logout'))
      .map((r) => r.replace(':uploadId', '00000000-0000-0000-0000-000000000000').replace(':id', '1').split(' ') as [string, string]);
    assert.ok(routes.length >= 12, `found ${routes.length} routes`);
    assert.ok(routes.some(([m, u]) => m === 'POST' && u === '/api/admin/reviews/1/approve'));
    const citizen = await failedPerson();
    for (const [method, url] of routes) {
      for (const client of [citizen.client, new ApiClient(t.baseUrl)]) {
        const res = await client.request(method, url, method === 'POST' ? { reason: 'x' } : undefined);
        assert.equal(res.status, 403, `${method} ${url} → ${res.status}`);
        assert.equal(res.body.code, 'STAFF_ONLY');
      }
    }
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.get('/api/admin/audit'), 403, 'STAFF_ROLE_REQUIRED');
    const operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    assertError(await operator.get('/api/admin/reviews'), 403, 'STAFF_ROLE_REQUIRED');
  });

  it('a reviewer cannot read uploads outside the queue: not another slot, not after the decision', async () => {
    const me = await submittedPerson();
    const other = await failedPerson();
    const stray = await other.client.putBytes(`${MATERIALS}/document_front`, PNG_1X1);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    // Another person's upload, not submitted: not through this review, not through any.
    assertError(await reviewer.getBytes(`/api/admin/reviews/${me.reviewId}/files/${stray.body.file.uploadId}`).then(asJson), 403, 'UPLOAD_NOT_IN_QUEUE');
    const detail = await reviewer.get(`/api/admin/reviews/${me.reviewId}`);
    const uploadId = detail.body.files[0].uploadId;
    await reviewer.post(`/api/admin/reviews/${me.reviewId}/approve`);
    assertError(await reviewer.getBytes(`/api/admin/reviews/${me.reviewId}/files/${uploadId}`).then(asJson), 403, 'UPLOAD_NOT_IN_QUEUE');
  });

  it('the audit log is append-only', async () => {
    await assert.rejects(t.db.query(`update audit_log set action = 'tampered'`), /append-only/);
    await assert.rejects(t.db.query('delete from audit_log'), /append-only/);
  });
});

function asJson(res: { status: number; bytes: Buffer }) {
  return { status: res.status, body: JSON.parse(res.bytes.toString('utf8')), headers: new Headers() };
}

function registeredBackOfficeRoutes(): string[] {
  return t.app.routeList.filter((r) => r.url.startsWith('/api/admin/') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
}
