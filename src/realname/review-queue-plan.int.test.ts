/**
 * The review queue at scale (issue 18.1): with 100,000 pending cases, the first page and
 * filtered pages are each one query (the page and its capped count together) that reads the
 * reviews table through an index, never a Seq Scan (EXPLAIN (FORMAT JSON)).
 *
 * Runs on both stages: PGlite is PostgreSQL's own planner and gives the same plans (seeding
 * takes about 10 s there). This file has a database of its own, so the seeded rows meet no
 * other test.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Db } from '../platform/db.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { QUEUE_COUNT_CAP, queueQuery, reviewQueueStore, type QueueFilter } from './review-queue-store.ts';

const t = testPlatformForFile();
const CASES = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

async function planOf(filter: QueueFilter): Promise<PlanNode[]> {
  const { sql, params } = queueQuery(filter);
  const [row] = await t.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${sql}`, params);
  return nodesOf(row!['QUERY PLAN'][0].Plan);
}

/** A Db that counts the statements sent through it. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  return { db: { ...db, query: (sql, params) => (n++, db.query(sql, params)) } as Db, count: () => n };
}

describe('the review queue with 100,000 pending cases', () => {
  before(async () => {
    // Accounts and one open review each: a third per subject, names and types varied, waiting from minutes to months.
    await t.db.query(
      `with a as (
         insert into accounts (kind, login_name, login_name_key, password_hash)
         select 'natural', 'plan_' || i, 'plan_' || i, 'x' from generate_series(1, $1::int) i
         returning id, substr(login_name, 6)::int as i)
       insert into reviews (kind, account_id, subject, generation, status, files, submitted_at, subject_name, subject_type, earlier_submissions)
       select 'realname', a.id, (array['natural_person', 'organization', 'primary_agent'])[1 + i % 3], 1, 'open', '[]',
         now() - i * interval '1 minute', chr(19968 + i % 20000) || '某' || i,
         case when i % 3 = 1 then (array['enterprise', 'public_institution'])[1 + i % 2] else (array['resident_id', 'passport'])[1 + i % 2] end,
         i % 4
       from a`,
      [CASES],
    );
    // One statement each: VACUUM refuses to run inside a transaction block.
    await t.db.exec('vacuum analyze reviews');
    await t.db.exec('vacuum analyze accounts');
  });

  const pages: [string, QueueFilter][] = [
    ['the first page (oldest first)', { status: 'open', limit: 20, offset: 0 }],
    ['one subject', { status: 'open', subject: 'organization', limit: 20, offset: 0 }],
    ['one document type, newest first', { status: 'open', type: 'passport', order: 'newest', limit: 20, offset: 0 }],
    ['earlier submissions, waiting over a day, page 5', { status: 'open', submissions: 'repeat', minAgeHours: 24, limit: 20, offset: 80 }],
    ['a name by its start', { status: 'open', name: '丁某', limit: 20, offset: 0 }],
  ];

  for (const [what, filter] of pages) {
    it(`${what}: one query, the reviews table read through an index`, async () => {
      const nodes = await planOf(filter);
      const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'reviews');
      assert.deepEqual(seqScans, [], JSON.stringify(nodes.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']])));
      const indexes = nodes.filter((n) => /Index/.test(n['Node Type']) && n['Index Name']?.startsWith('reviews_'));
      assert.ok(indexes.length > 0, 'an index of reviews is used');

      const counted = counting(t.db);
      const page = await reviewQueueStore(counted.db).queue(filter);
      assert.equal(counted.count(), 1, 'the page and its count in one statement');
      assert.equal(page.rows.length, filter.name ? 5 : 20, 'five names start with 丁某 (i = 1, 20001, ...)');
      if (!filter.name) assert.deepEqual([page.total, page.capped], [QUEUE_COUNT_CAP, true], 'counted up to the cap');
    });
  }

  it('the first page is the longest waiting', async () => {
    const page = await reviewQueueStore(t.db).queue({ status: 'open', limit: 3, offset: 0 });
    assert.deepEqual(page.rows.map((r) => r.login_name), [`plan_${CASES}`, `plan_${CASES - 1}`, `plan_${CASES - 2}`]);
  });
});
