/** The demo 通知公告: a fresh start shows them on the portal (pinned first); a second start adds none. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { bodyProblems } from '../notices/rich-text.ts';
import { seedDemoNotices } from './notices.ts';

const t = testPlatformForFile();

describe('demo notices', () => {
  it('are published once, pinned first, with bodies the operators’ form would accept', async () => {
    await seedDemoNotices(t.platform);
    await seedDemoNotices(t.platform);
    const res = await new ApiClient(t.baseUrl).get('/api/notices');
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 3);
    assert.equal(res.body.items[0].pinned, true);
    for (const item of res.body.items as { id: string }[]) {
      const detail = await new ApiClient(t.baseUrl).get(`/api/notices/${item.id}`);
      assert.deepEqual(bodyProblems(detail.body.body), []);
    }
  });
});
