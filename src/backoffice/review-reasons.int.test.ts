/**
 * The review page's server side (issue 18.3): 常用不通过原因 kept by admins (reviewers only read
 * them; bad input is refused and changes nothing; every change audited), a rejection that picks
 * presets (the user reads their words, the SMS carries them), and the history of a case: the
 * earlier submissions of the same account and subject with decision, reason, reviewer and times.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../../test/support/images.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';

const t = testPlatformForFile();
const MATERIALS = '/api/me/verification/natural_person/materials';
const REASONS = '/api/admin/review-reasons';

interface Reason {
  id: string;
  text: string;
  sortOrder: number;
}

async function submitted(me: { client: ApiClient }): Promise<string> {
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1, 'image/png')).status, 200);
  const res = await me.client.post(`${MATERIALS}/submit`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return String(res.body.reviewId);
}

const listed = async (client: ApiClient): Promise<Reason[]> => (await client.get(REASONS)).body.reasons;
const countReasons = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from review_reasons'))[0]!.n;

async function lastSms(phone: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/dev/outbox.json?phone=${phone}`);
  return ((await res.json()) as { messages: { text: string }[] }).messages[0]?.text ?? '';
}

describe('常用不通过原因 (preset reasons)', () => {
  it('are seeded with the common reasons; reviewers read them, only admins change them', async () => {
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const texts = (await listed(reviewer)).map((r) => r.text);
    for (const expected of ['证件信息与填写信息不一致', '未签字或未加盖公章', '证件已过期', '上传材料不全']) assert.ok(texts.includes(expected), expected);
    assert.ok(texts.some((text) => text.startsWith('证件照片不清晰')));

    const [first] = await listed(reviewer);
    const before = await countReasons();
    assertError(await reviewer.post(REASONS, { text: '审核员自拟' }), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await reviewer.put(`${REASONS}/${first!.id}`, { text: '改掉' }), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await reviewer.request('DELETE', `${REASONS}/${first!.id}`), 403, 'STAFF_ROLE_REQUIRED');
    const operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    assertError(await operator.get(REASONS), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await new ApiClient(t.baseUrl).get(REASONS), 403, 'STAFF_ONLY');
    assert.equal(await countReasons(), before, 'nothing changed');
    assert.equal((await listed(reviewer)).find((r) => r.id === first!.id)?.text, first!.text);
  });

  it('an admin adds, changes and deletes one, each audited; bad input is refused with its rule and changes nothing', async () => {
    const admin = await staffClient(t.baseUrl, t.platform, ['admin']);
    const created = await admin.post(REASONS, { text: '  证件正反面上传颠倒  ', sortOrder: 5 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.text, '证件正反面上传颠倒');
    const id = created.body.id as string;
    assert.equal((await listed(admin)).find((r) => r.id === id)?.sortOrder, 5);

    const before = await countReasons();
    const fieldCodes = (res: { body: { fields: { field: string; code: string }[] } }) => res.body.fields.map((f) => `${f.field}:${f.code}`);
    const empty = await admin.post(REASONS, { text: '   ' });
    assertError(empty, 400, 'VALIDATION_FAILED');
    assert.deepEqual(fieldCodes(empty), ['text:REVIEW_REASON_TEXT_INVALID']);
    assert.deepEqual(fieldCodes(await admin.post(REASONS, { text: '长'.repeat(101) })), ['text:REVIEW_REASON_TEXT_INVALID']);
    assert.deepEqual(fieldCodes(await admin.post(REASONS, { text: '隐藏\u200b字符' })), ['text:TEXT_CONTROL_CHARS']);
    assert.deepEqual(fieldCodes(await admin.post(REASONS, { text: '排序错误', sortOrder: -1 })), ['sortOrder:SORT_ORDER_INVALID']);
    assertError(await admin.post(REASONS, { text: '证件正反面上传颠倒' }), 409, 'REVIEW_REASON_DUPLICATE');
    assertError(await admin.put(`${REASONS}/${id}`, { text: '证件已过期' }), 409, 'REVIEW_REASON_DUPLICATE');
    assertError(await admin.put(`${REASONS}/00000000-0000-4000-8000-000000000000`, { text: '不存在' }), 404, 'REVIEW_REASON_NOT_FOUND');
    assertError(await admin.put(`${REASONS}/abc`, { text: '不存在' }), 404, 'REVIEW_REASON_NOT_FOUND');
    assert.equal(await countReasons(), before);
    assert.equal((await listed(admin)).find((r) => r.id === id)?.text, '证件正反面上传颠倒', 'unchanged by the refused change');

    const changed = await admin.put(`${REASONS}/${id}`, { text: '证件正反面上传颠倒，请按提示重新上传', sortOrder: 7 });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await listed(admin)).find((r) => r.id === id)?.text, '证件正反面上传颠倒，请按提示重新上传');
    assert.equal((await admin.request('DELETE', `${REASONS}/${id}`)).status, 200);
    assert.equal((await listed(admin)).some((r) => r.id === id), false);
    assertError(await admin.request('DELETE', `${REASONS}/${id}`), 404, 'REVIEW_REASON_NOT_FOUND');

    const audit = await admin.get(`/api/admin/audit?staff=${admin.staff.loginName}`);
    const actions = audit.body.rows.map((r: { action: string; targetId: string }) => `${r.action} ${r.targetId ?? ''}`.trim()).reverse();
    assert.deepEqual(actions.filter((a: string) => a.startsWith('review_reason')), [`review_reason.create ${id}`, `review_reason.update ${id}`, `review_reason.delete ${id}`]);
  });
});

describe('审核不通过 with presets, and the case history', () => {
  it('a reviewer rejects with a preset and free text; the person resubmits; the new review lists the earlier rejection, its reason and reviewer', async () => {
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('rh') });
    const firstId = await submitted(me);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    await t.db.query(`update staff set name = '审核员丙' where login_name = $1`, [reviewer.staff.loginName]);
    const preset = (await listed(reviewer)).find((r) => r.text === '证件信息与填写信息不一致')!;

    assert.deepEqual((await reviewer.get(`/api/admin/reviews/${firstId}`)).body.history, [], 'a first submission has no history');

    // Bad input changes nothing: an unknown preset, too many, neither preset nor text.
    assertError(await reviewer.post(`/api/admin/reviews/${firstId}/reject`, { presets: ['00000000-0000-4000-8000-000000000000'] }), 400, 'REVIEW_REASON_NOT_FOUND');
    assertError(await reviewer.post(`/api/admin/reviews/${firstId}/reject`, { presets: ['x'] }), 400, 'VALIDATION_FAILED');
    const six = (await listed(reviewer)).slice(0, 6).map((r) => r.id);
    assert.equal(six.length, 6);
    assertError(await reviewer.post(`/api/admin/reviews/${firstId}/reject`, { presets: six }), 400, 'VALIDATION_FAILED');
    assertError(await reviewer.post(`/api/admin/reviews/${firstId}/reject`, { presets: [], reason: ' ' }), 400, 'VALIDATION_FAILED');
    assert.equal((await reviewer.get(`/api/admin/reviews/${firstId}`)).body.status, 'open');

    const rejected = await reviewer.post(`/api/admin/reviews/${firstId}/reject`, { presets: [preset.id], reason: '姓名与证件不符' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    const expected = '证件信息与填写信息不一致；姓名与证件不符';
    const status = (await me.client.get('/api/me/profile')).body.verification.natural_person;
    assert.equal(status.label, '实名认证审核失败');
    assert.equal(status.reason.detail, expected);
    assert.match(await lastSms(me.body.mobile), new RegExp(`原因：${expected}`));

    // A preset alone is a reason too.
    const other = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('rp') });
    const otherId = await submitted(other);
    assert.equal((await reviewer.post(`/api/admin/reviews/${otherId}/reject`, { presets: [preset.id] })).status, 200);
    assert.equal((await other.client.get('/api/me/profile')).body.verification.natural_person.reason.detail, '证件信息与填写信息不一致');

    const secondId = await submitted(me);
    const detail = (await reviewer.get(`/api/admin/reviews/${secondId}`)).body;
    assert.equal(detail.status, 'open');
    assert.equal(detail.history.length, 1);
    const [earlier] = detail.history;
    assert.equal(earlier.id, firstId);
    assert.equal(earlier.status, 'rejected');
    assert.equal(earlier.reason, expected);
    assert.equal(earlier.reviewerName, '审核员丙');
    assert.ok(earlier.submittedAt && earlier.decidedAt && new Date(earlier.decidedAt) >= new Date(earlier.submittedAt));
    // Only this account's and this subject's earlier submissions; the earlier one does not list the later.
    assert.deepEqual((await reviewer.get(`/api/admin/reviews/${firstId}`)).body.history, []);
    assert.deepEqual((await reviewer.get(`/api/admin/reviews/${otherId}`)).body.history, []);
  });
});
