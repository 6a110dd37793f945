/**
 * Claims in the back office (issue 18.2) with two reviewers in two browsers: one opens a case
 * and holds it; the other finds it in the queue as 审核中：<name> (searched by the person's
 * name, with its type and 首次 shown), reads the same on the case and cannot decide it; the
 * holder decides. An admin releases a claim from the case's page. At desktop width and at
 * 390 px.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../support/images.ts';
import { createStaff } from '../support/staff.ts';
import { approvalConfirmation, claimBanner, expectDecided, searchQueueByName, staffLogin } from './backoffice-helpers.ts';
import { clickInDialog, browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

const MATERIALS = '/api/me/verification/natural_person/materials';
const WIDTHS = [
  { label: 'desktop', size: { width: 1280, height: 800 } },
  { label: '390 px', size: { width: 390, height: 844 } },
];

/** A name no other test uses: 领取 and four random CJK characters. */
const uniqueName = () => `领取${Array.from({ length: 4 }, () => String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x5000))).join('')}`;

async function submittedPerson() {
  const name = uniqueName();
  const me = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('cl'), name });
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
  assert.equal((await me.client.putBytes(`${MATERIALS}/document_back`, PNG_1X1, 'image/png')).status, 200);
  const submitted = await me.client.post(`${MATERIALS}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { ...me, name, reviewId: String(submitted.body.reviewId) };
}

async function reviewStatus(reviewId: string): Promise<string> {
  const [row] = await suite.platform.db.query<{ status: string }>('select status from reviews where id = $1', [reviewId]);
  return row!.status;
}

/** A staff member's browser at the given size, logged in, on the queue. */
async function loggedIn(name: string, roles: ('reviewer' | 'admin')[], size: { width: number; height: number }): Promise<Page> {
  const page = await staffLogin(suite, await createStaff(suite.platform, roles, name));
  await page.setViewportSize(size);
  await page.waitForURL('**/admin/reviews');
  return page;
}

/** From the queue row to the case's page. */
async function openFromRow(page: Page, row: ReturnType<Page['getByRole']>) {
  await row.getByRole('link', { name: '审核', exact: true }).click();
  await page.waitForURL(/\/admin\/reviews\/\d+/);
}

describe('后台管理系统: 审核领取', () => {
  for (const { label, size } of WIDTHS) {
    test(`${label}: one reviewer opens a case; the other sees 审核中：<name> in the queue and on the case and cannot decide it`, async () => {
      const person = await submittedPerson();
      const suffix = label === 'desktop' ? '甲' : '乙';
      const holder = await loggedIn(`审核员${suffix}`, ['reviewer'], size);
      const other = await loggedIn(`审核员${suffix}${suffix}`, ['reviewer'], size);

      // The queue's columns for the case: name, subject, type, first submission, waiting.
      const row = await searchQueueByName(holder, person.name);
      for (const text of ['自然人', '居民身份证', '首次', '待审核']) await row.getByText(text, { exact: true }).waitFor();
      await openFromRow(holder, row);
      await claimBanner(holder).getByText(`审核中：审核员${suffix}`, { exact: true }).waitFor();

      // The other reviewer: 审核中 in the queue, on the case, and a refused decision.
      const otherRow = await searchQueueByName(other, person.name);
      await otherRow.getByText(`审核中：审核员${suffix}`, { exact: true }).waitFor();
      await openFromRow(other, otherRow);
      const banner = claimBanner(other);
      await banner.getByText(`审核中：审核员${suffix}`, { exact: true }).waitFor();
      await banner.getByText(/前您不能作出审核决定/).waitFor();
      await other.getByRole('button', { name: '审核通过', exact: true }).click();
      await clickInDialog(await approvalConfirmation(other), '确定');
      await other.getByRole('alert').filter({ hasText: `该审核正由审核员${suffix}审核中` }).waitFor();
      assert.equal(await reviewStatus(person.reviewId), 'open', 'nothing decided');

      // The holder decides.
      await holder.getByRole('button', { name: '审核通过', exact: true }).click();
      await clickInDialog(await approvalConfirmation(holder), '确定');
      await expectDecided(holder);
      assert.equal(await reviewStatus(person.reviewId), 'approved');
      await holder.context().close();
      await other.context().close();
    });
  }

  test('390 px: an admin releases a reviewer’s claim from the case; the case is then the admin’s', async () => {
    const person = await submittedPerson();
    const holder = await loggedIn('审核员丁', ['reviewer'], WIDTHS[1]!.size);
    await openFromRow(holder, await searchQueueByName(holder, person.name));
    await claimBanner(holder).getByText('审核中：审核员丁', { exact: true }).waitFor();

    const admin = await loggedIn('管理员戊', ['admin', 'reviewer'], WIDTHS[1]!.size);
    await openFromRow(admin, await searchQueueByName(admin, person.name));
    const banner = claimBanner(admin);
    await banner.getByText('审核中：审核员丁', { exact: true }).waitFor();
    await banner.getByRole('button', { name: '释放', exact: true }).click();
    await claimBanner(admin).getByText('审核中：管理员戊', { exact: true }).waitFor();
    await claimBanner(admin).getByText(/您已领取该案件/).waitFor();
    const [entry] = await suite.platform.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'review.release' and target_id = $1`, [person.reviewId]);
    assert.equal(entry?.n, 1, 'the release is audited');
    await holder.context().close();
    await admin.context().close();
  });
});
