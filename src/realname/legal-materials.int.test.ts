/**
 * 上传法人信息 and 上传主代办人信息 (/api/me/verification/organization|primary_agent/materials):
 * each legal account reaches only its own uploads, only the slots of the subject, and only the
 * subjects of its kind of account; a reviewer reaches only the files of the review opened.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../../test/support/images.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'register%' or key like 'sms%'`);
});

const ORG = '/api/me/verification/organization/materials';
const AGENT = '/api/me/verification/primary_agent/materials';
const PERSON = '/api/me/verification/natural_person/materials';

/** A legal account whose organisation and primary agent the registry does not know: both wait for uploads. */
async function failedOrganization() {
  const org = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('lm') });
  for (const base of [ORG, AGENT]) {
    const view = await org.client.get(base);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.editable, true, base);
  }
  return org;
}

const uploadCount = async (accountId: string) => (await t.db.query<{ n: number }>('select count(*)::int as n from uploads where account_id = $1', [accountId]))[0]!.n;
const fileOf = (view: { slots: { slot: string; file: unknown }[] }, slot: string) => view.slots.find((s) => s.slot === slot)?.file;

describe('organisation and primary-agent materials', () => {
  it('another legal account sees, reads and submits only its own: empty slots, 404 on the file, incomplete', async () => {
    const owner = await failedOrganization();
    assert.equal((await owner.client.putBytes(`${ORG}/business_licence`, JPEG_1X1, 'image/jpeg')).status, 200);
    assert.equal((await owner.client.putBytes(`${ORG}/representative_document`, PNG_1X1, 'image/png')).status, 200);
    assert.equal((await owner.client.putBytes(`${AGENT}/document_front`, PNG_1X1, 'image/png')).status, 200);
    const own = await owner.client.getBytes(`${ORG}/business_licence/file`);
    assert.equal(own.status, 200);
    assert.deepEqual(own.bytes, JPEG_1X1);

    const other = await failedOrganization();
    for (const [base, slot] of [[ORG, 'business_licence'], [ORG, 'representative_document'], [AGENT, 'document_front']] as const) {
      assert.equal(fileOf((await other.client.get(base)).body, slot), null, `${base} ${slot} is empty for the other account`);
      const read = await other.client.getBytes(`${base}/${slot}/file`);
      assert.equal(read.status, 404, `${base}/${slot}/file`);
      assert.equal(read.bytes.includes(JPEG_1X1.subarray(0, 16)) || read.bytes.includes(PNG_1X1.subarray(0, 16)), false, 'no image bytes');
    }
    const early = await other.client.post(`${ORG}/submit`);
    assertError(early, 400, 'MATERIALS_INCOMPLETE');
    assert.deepEqual(early.body.fields.map((f: { field: string }) => f.field), ['business_licence', 'representative_document']);
    // The owner's files stay the owner's.
    assert.deepEqual((await owner.client.getBytes(`${ORG}/business_licence/file`)).bytes, JPEG_1X1);
  });

  it('a slot of another subject, or no slot at all, is 404 and stores nothing', async () => {
    const org = await failedOrganization();
    const stored = await uploadCount(org.accountId);
    for (const path of [`${ORG}/document_front`, `${ORG}/other_4`, `${AGENT}/business_licence`, `${AGENT}/representative_document`, `${ORG}/__proto__`, `${AGENT}/constructor`]) {
      assertError(await org.client.putBytes(path, PNG_1X1, 'image/png'), 404, 'NOT_FOUND');
      const read = await org.client.getBytes(`${path}/file`);
      assert.equal(read.status, 404, `${path}/file`);
    }
    assert.equal(await uploadCount(org.accountId), stored);
    // An upload to the primary agent's document_front is not the organisation's, nor the other way round.
    assert.equal((await org.client.putBytes(`${AGENT}/document_front`, PNG_1X1, 'image/png')).status, 200);
    assert.equal((await org.client.getBytes(`${AGENT}/document_front/file`)).status, 200);
    assert.equal(fileOf((await org.client.get(ORG)).body, 'document_front'), undefined);
    assert.equal((await org.client.getBytes(`${ORG}/other_1/file`)).status, 404);
  });

  it('the wrong kind of account: a person cannot reach the legal subjects, an organisation not the natural one (404), nobody logged in is 401', async () => {
    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('np') });
    const org = await failedOrganization();
    const refusals: [ApiClient, string][] = [
      [person.client, ORG],
      [person.client, AGENT],
      [org.client, PERSON],
      [org.client, '/api/me/verification/legal_representative/materials'],
      [org.client, '/api/me/verification/unknown/materials'],
    ];
    for (const [client, base] of refusals) {
      assertError(await client.get(base), 404, 'NOT_FOUND');
      assertError(await client.putBytes(`${base}/document_front`, PNG_1X1, 'image/png'), 404, 'NOT_FOUND');
      assertError(await client.putBytes(`${base}/business_licence`, PNG_1X1, 'image/png'), 404, 'NOT_FOUND');
      assert.equal((await client.getBytes(`${base}/document_front/file`)).status, 404);
      assertError(await client.post(`${base}/submit`), 404, 'NOT_FOUND');
    }
    assert.equal(await uploadCount(person.accountId), 0);
    assert.equal(await uploadCount(org.accountId), 0);
    const anonymous = new ApiClient(t.baseUrl);
    assertError(await anonymous.get(ORG), 401, 'NOT_LOGGED_IN');
    assertError(await anonymous.putBytes(`${AGENT}/document_front`, PNG_1X1, 'image/png'), 401, 'NOT_LOGGED_IN');
    assertError(await anonymous.post(`${ORG}/submit`), 401, 'NOT_LOGGED_IN');
  });

  it("a reviewer reaches only the files of the review opened: not the primary agent's, not another account's", async () => {
    const org = await failedOrganization();
    await org.client.putBytes(`${ORG}/business_licence`, JPEG_1X1, 'image/jpeg');
    await org.client.putBytes(`${ORG}/representative_document`, PNG_1X1, 'image/png');
    const agentUpload = await org.client.putBytes(`${AGENT}/document_front`, PNG_1X1, 'image/png');
    const submitted = await org.client.post(`${ORG}/submit`);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const other = await failedOrganization();
    const stray = await other.client.putBytes(`${ORG}/business_licence`, JPEG_1X1, 'image/jpeg');

    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    const detail = await reviewer.get(`/api/admin/reviews/${submitted.body.reviewId}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.deepEqual(detail.body.files.map((f: { slot: string }) => f.slot).sort(), ['business_licence', 'representative_document']);
    const inReview = await reviewer.getBytes(`/api/admin/reviews/${submitted.body.reviewId}/files/${detail.body.files[0].uploadId}`);
    assert.equal(inReview.status, 200);
    for (const uploadId of [agentUpload.body.file.uploadId, stray.body.file.uploadId]) {
      const res = await reviewer.getBytes(`/api/admin/reviews/${submitted.body.reviewId}/files/${uploadId}`);
      assert.equal(res.status, 403);
      assert.equal(JSON.parse(res.bytes.toString('utf8')).code, 'UPLOAD_NOT_IN_QUEUE');
    }
  });
});
