/**
 * The review queue and claims (issue 18.1, 18.2) through the HTTP API: the queue's columns,
 * filters and name search; opening a review claims it (others read 审核中：<reviewer> and
 * cannot decide it); a claim expires by itself (its expiry moved in the database, no sleeping);
 * an admin releases it; two decisions at once: exactly one wins, and the same decision twice
 * is done once.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { StaffRole } from '../backoffice/staff.ts';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../../test/support/images.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { createStaff, currentTotp } from '../../test/support/staff.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'register%'`);
});

const MATERIALS = '/api/me/verification/natural_person/materials';

/** A name no other test uses: 排队 and four random CJK characters. */
const uniqueName = () => `排队${Array.from({ length: 4 }, () => String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x5000))).join('')}`;

/** A person (unknown to the registry) who uploaded both scans and submitted them. */
async function submittedPerson(name = uniqueName()) {
  const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('rq'), name });
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1, 'image/png')).status, 200);
  const submitted = await me.client.post(`${MATERIALS}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { ...me, name, reviewId: String(submitted.body.reviewId) };
}

/** A staff member called `name`, logged in. */
async function staffNamed(name: string, roles: StaffRole[] = ['reviewer']) {
  const staff = await createStaff(t.platform, roles, name);
  const client = new ApiClient(t.baseUrl);
  const res = await client.post('/api/admin/login', { loginName: staff.loginName, password: staff.password, totp: currentTotp(staff.totpSecret) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return Object.assign(client, { staff });
}

async function auditActions(reviewId: string): Promise<string[]> {
  const rows = await t.db.query<{ action: string }>(`select action from audit_log where target_type = 'review' and target_id = $1 order by id`, [reviewId]);
  return rows.map((r) => r.action);
}

/** How many texts about a review decision the phone received (development outbox). */
async function decisionTexts(phone: string): Promise<number> {
  const res = await fetch(`${t.baseUrl}/dev/outbox.json?phone=${phone}`);
  const { messages } = (await res.json()) as { messages: { text: string }[] };
  return messages.filter((m) => m.text.includes('您提交的')).length;
}

const inQueue = async (client: ApiClient, query: string) => {
  const res = await client.get(`/api/admin/reviews?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { total: number; reviews: { id: string; name: string; type: string; earlierSubmissions: number; claimedBy: string | null }[] };
};

describe('the review queue', () => {
  it('lists name, subject, type and earlier submissions; filters by them and finds a name by its start', async () => {
    const person = await submittedPerson();
    const reviewer = await staffNamed('队列审核员');
    const row = (await inQueue(reviewer, `name=${encodeURIComponent(person.name)}`)).reviews;
    assert.deepEqual(
      row.map((r) => ({ id: r.id, name: r.name, type: r.type, earlier: r.earlierSubmissions, claimedBy: r.claimedBy })),
      [{ id: person.reviewId, name: person.name, type: 'resident_id', earlier: 0, claimedBy: null }],
    );
    const ids = async (query: string) => (await inQueue(reviewer, query)).reviews.map((r) => r.id);
    assert.deepEqual(await ids(`name=${encodeURIComponent(person.name.slice(0, 4))}&subject=natural_person&type=resident_id&submissions=first`), [person.reviewId]);
    assert.deepEqual(await ids(`name=${encodeURIComponent(person.name)}&submissions=repeat`), []);
    assert.deepEqual(await ids(`name=${encodeURIComponent(person.name)}&type=enterprise`), []);
    assert.deepEqual(await ids(`name=${encodeURIComponent(person.name)}&subject=organization`), []);
    assert.deepEqual(await ids(`name=${encodeURIComponent(person.name.slice(1))}`), [], 'a name is found by its start');
    assert.deepEqual(await ids(`name=${encodeURIComponent('排队%')}&pageSize=100`).then((found) => found.includes(person.reviewId)), false, '% is a character, not a wildcard');

    // Oldest first by default, newest first on request.
    const later = await submittedPerson();
    const both = `name=${encodeURIComponent('排队')}&pageSize=100`;
    const oldest = await ids(both);
    assert.ok(oldest.indexOf(person.reviewId) < oldest.indexOf(later.reviewId));
    const newest = await ids(`${both}&order=newest`);
    assert.ok(newest.indexOf(later.reviewId) < newest.indexOf(person.reviewId));

    // Bad input is refused with a message and nothing else happens.
    for (const query of ['type=passport_of_mars', 'submissions=sometimes', 'order=random', `name=${'长'.repeat(101)}`]) {
      const res = await reviewer.get(`/api/admin/reviews?${query}`);
      assertError(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('a rejected and resubmitted case counts its earlier submission', async () => {
    const person = await submittedPerson();
    const reviewer = await staffNamed('队列审核员乙');
    assert.equal((await reviewer.post(`/api/admin/reviews/${person.reviewId}/reject`, { reason: '照片不清晰' })).status, 200);
    assert.equal((await person.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
    assert.equal((await person.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1, 'image/png')).status, 200);
    const again = await person.client.post(`${MATERIALS}/submit`);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    const rows = (await inQueue(reviewer, `name=${encodeURIComponent(person.name)}&submissions=repeat`)).reviews;
    assert.deepEqual(rows.map((r) => [r.id, r.earlierSubmissions]), [[String(again.body.reviewId), 1]]);
  });
});

describe('claims', () => {
  it('opening a case claims it: the other reviewer reads 审核中 with the name, in the queue and on the case, and cannot decide it', async () => {
    const person = await submittedPerson();
    const first = await staffNamed('审核员张');
    const second = await staffNamed('审核员李');
    const opened = await first.get(`/api/admin/reviews/${person.reviewId}`);
    assert.equal(opened.status, 200);
    assert.equal(opened.body.claim.staffName, '审核员张');
    assert.equal(opened.body.claim.mine, true);

    const seen = await second.get(`/api/admin/reviews/${person.reviewId}`);
    assert.deepEqual([seen.body.claim.staffName, seen.body.claim.mine], ['审核员张', false]);
    assert.equal((await inQueue(second, `name=${encodeURIComponent(person.name)}`)).reviews[0]?.claimedBy, '审核员张');
    const refused = await second.post(`/api/admin/reviews/${person.reviewId}/approve`);
    assertError(refused, 409, 'REVIEW_CLAIMED');
    assert.match(refused.body.message, /审核员张/);
    assertError(await second.post(`/api/admin/reviews/${person.reviewId}/reject`, { reason: '抢先驳回' }), 409, 'REVIEW_CLAIMED');
    assert.equal((await person.client.get(MATERIALS)).body.verification.status, 'under_review', 'nothing decided');

    // Opening it again extends the holder's claim without a second claim entry.
    await first.get(`/api/admin/reviews/${person.reviewId}`);
    assert.equal((await first.post(`/api/admin/reviews/${person.reviewId}/approve`)).status, 200);
    assert.deepEqual(await auditActions(person.reviewId), ['review.view', 'review.claim', 'review.view', 'review.view', 'review.approve']);
  });

  it('a claim expires by itself: once its time is past, another reviewer takes and decides the case', async () => {
    const person = await submittedPerson();
    const first = await staffNamed('审核员王');
    const second = await staffNamed('审核员赵');
    await first.get(`/api/admin/reviews/${person.reviewId}`);
    assertError(await second.post(`/api/admin/reviews/${person.reviewId}/approve`), 409, 'REVIEW_CLAIMED');

    await t.db.query(`update reviews set claimed_until = now() - interval '1 second' where id = $1`, [person.reviewId]);
    assert.equal((await inQueue(second, `name=${encodeURIComponent(person.name)}`)).reviews[0]?.claimedBy, null, 'no longer shown as claimed');
    const taken = await second.get(`/api/admin/reviews/${person.reviewId}`);
    assert.deepEqual([taken.body.claim.staffName, taken.body.claim.mine], ['审核员赵', true]);
    assertError(await first.post(`/api/admin/reviews/${person.reviewId}/approve`), 409, 'REVIEW_CLAIMED');
    assert.equal((await second.post(`/api/admin/reviews/${person.reviewId}/approve`)).status, 200);
  });

  it('an admin releases a claim (audited); a reviewer cannot; then another reviewer decides', async () => {
    const person = await submittedPerson();
    const holder = await staffNamed('审核员孙');
    const other = await staffNamed('审核员周');
    const admin = await staffNamed('管理员吴', ['admin']);
    await holder.get(`/api/admin/reviews/${person.reviewId}`);

    assertError(await other.post(`/api/admin/reviews/${person.reviewId}/release`), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await admin.post('/api/admin/reviews/999999999/release'), 404, 'NOT_FOUND');
    assertError(await admin.post('/api/admin/reviews/abc/release'), 404, 'NOT_FOUND');
    const released = await admin.post(`/api/admin/reviews/${person.reviewId}/release`);
    assert.deepEqual(released.body, { id: person.reviewId, released: true });
    assert.deepEqual((await admin.post(`/api/admin/reviews/${person.reviewId}/release`)).body, { id: person.reviewId, released: false }, 'nothing left to release');
    const [entry] = await t.db.query<{ staff_login_name: string; detail: { staffId: string } }>(
      `select staff_login_name, detail from audit_log where action = 'review.release' and target_id = $1`,
      [person.reviewId],
    );
    assert.equal(entry?.staff_login_name, admin.staff.loginName);
    assert.equal((await inQueue(other, `name=${encodeURIComponent(person.name)}`)).reviews[0]?.claimedBy, null);
    assert.equal((await other.post(`/api/admin/reviews/${person.reviewId}/approve`)).status, 200);
  });
});

describe('decisions at the same time', () => {
  it('two reviewers decide at once: exactly one wins, one decision is recorded, one SMS is sent', async () => {
    for (let round = 0; round < 3; round++) {
      const person = await submittedPerson();
      const a = await staffNamed(`并发甲${round}`);
      const b = await staffNamed(`并发乙${round}`);
      const answers = await Promise.all([a.post(`/api/admin/reviews/${person.reviewId}/approve`), b.post(`/api/admin/reviews/${person.reviewId}/reject`, { reason: '同时驳回' })]);
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], JSON.stringify(answers.map((r) => r.body)));
      assert.equal(answers.find((r) => r.status === 409)?.body.code, 'REVIEW_NOT_OPEN');
      const decisions = (await auditActions(person.reviewId)).filter((a) => a === 'review.approve' || a === 'review.reject');
      assert.equal(decisions.length, 1);
      const [row] = await t.db.query<{ status: string }>('select status from reviews where id = $1', [person.reviewId]);
      assert.equal(row?.status, decisions[0] === 'review.approve' ? 'approved' : 'rejected');
      assert.equal(await decisionTexts(person.body.mobile), 1, 'the user hears once');
    }
  });

  it('the same decision twice at once (a double click) is done once, and both get its outcome', async () => {
    const person = await submittedPerson();
    const reviewer = await staffNamed('审核员郑');
    const answers = await Promise.all([1, 2, 3].map(() => reviewer.post(`/api/admin/reviews/${person.reviewId}/approve`)));
    assert.deepEqual(answers.map((r) => [r.status, r.body.status]), [[200, 'approved'], [200, 'approved'], [200, 'approved']]);
    assert.deepEqual((await auditActions(person.reviewId)).filter((a) => a === 'review.approve'), ['review.approve']);
    assert.equal(await decisionTexts(person.body.mobile), 1);
    assertError(await reviewer.post(`/api/admin/reviews/${person.reviewId}/reject`, { reason: '改主意' }), 409, 'REVIEW_NOT_OPEN');
  });
});
