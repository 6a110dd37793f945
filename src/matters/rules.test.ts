import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REFERENCE_PATTERN, commentRequired, gradeCounts, isFinished, reportChange } from './rules.ts';

describe('matter rules', () => {
  it('only 已办结 and 不予受理 end an item', () => {
    assert.equal(isFinished('已提交'), false);
    assert.equal(isFinished('受理中'), false);
    assert.equal(isFinished('已办结'), true);
    assert.equal(isFinished('不予受理'), true);
  });

  it('a comment is required for 不满意 and 非常不满意 only', () => {
    assert.deepEqual(
      (['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const).map(commentRequired),
      [false, false, false, true, true],
    );
  });

  it('tells a repeat from a change of state or of details', () => {
    const stored = { state: '受理中' as const, title: 'a', link: 'https://x.cn/1' };
    assert.equal(reportChange(stored, { ...stored }), 'none');
    assert.equal(reportChange(stored, { ...stored, state: '已办结' }), 'state');
    assert.equal(reportChange(stored, { ...stored, title: 'b' }), 'details');
  });

  it('counts every grade, 0 for none', () => {
    assert.deepEqual(gradeCounts([{ grade: '满意', count: 2 }]), { 非常满意: 0, 满意: 2, 基本满意: 0, 不满意: 0, 非常不满意: 0 });
  });

  it('references are short URL-safe keys', () => {
    for (const ok of ['HGR-2026-0001', 'a', 'x.y:z_1']) assert.ok(REFERENCE_PATTERN.test(ok), ok);
    for (const bad of ['', '-a', 'a b', 'a/b', 'x'.repeat(65), '办件1']) assert.ok(!REFERENCE_PATTERN.test(bad), bad);
  });
});
