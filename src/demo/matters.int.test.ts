/**
 * The demo seed's 我的事项 and 结果公示: reported by the demo system through the system API, so
 * the demo person sees applications in several states (the demo company the one done for it),
 * and /results lists the published results; seeding again adds nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiClient } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { DEMO, seedDemoData } from './seed.ts';

const t = testPlatformForFile();

describe('demo matters', () => {
  it('the demo person sees items in different states; the results page lists the demo results; seeding twice adds nothing', async () => {
    const lines = await seedDemoData(t.platform);
    assert.ok(lines.some((line) => line.includes('我的事项演示') && !line.includes('失败')), lines.join('\n'));
    await seedDemoData(t.platform);

    const person = new ApiClient(t.baseUrl);
    assert.equal((await person.login('natural', DEMO.naturalPerson.loginName, DEMO.naturalPerson.password)).status, 200);
    const matters = (await person.get('/api/me/matters')).body.matters as { state: string; history: unknown[] }[];
    assert.equal(matters.length, 5);
    assert.deepEqual([...new Set(matters.map((m) => m.state))].sort(), ['不予受理', '受理中', '已办结', '已提交']);
    assert.equal(matters.find((m) => m.state === '已办结')?.history.length, 3);

    const company = new ApiClient(t.baseUrl);
    assert.equal((await company.login('legal', DEMO.legalPerson.loginName, DEMO.legalPerson.password)).status, 200);
    assert.equal((await company.get('/api/me/matters')).body.matters.length, 1);

    const results = (await new ApiClient(t.baseUrl).get('/api/results')).body;
    assert.equal(results.total, 3);
    assert.match(results.rows[0].title, /2026年第三批/);
  });
});
