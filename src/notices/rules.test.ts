/** The life of a notice: statuses, visibility and the operators' actions (rules.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPublic, statusOf, transition, type NoticeTimes } from './rules.ts';

const now = new Date('2026-03-01T04:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const notice = (over: Partial<NoticeTimes> = {}): NoticeTimes => ({ state: 'published', pinned: false, publishAt: hours(-1), expiresAt: null, ...over });

describe('notice rules', () => {
  it('derives 已过期 from the expiry time of a published notice only', () => {
    assert.equal(statusOf(notice({ expiresAt: hours(-0.5) }), now), 'expired');
    assert.equal(statusOf(notice({ expiresAt: now }), now), 'expired');
    assert.equal(statusOf(notice({ expiresAt: hours(1) }), now), 'published');
    assert.equal(statusOf(notice({ state: 'draft', expiresAt: hours(-0.5) }), now), 'draft');
    assert.equal(statusOf(notice({ state: 'withdrawn' }), now), 'withdrawn');
  });

  it('shows the public only published notices between their publish and expiry times', () => {
    assert.equal(isPublic(notice(), now), true);
    assert.equal(isPublic(notice({ publishAt: now }), now), true);
    assert.equal(isPublic(notice({ publishAt: hours(1) }), now), false);
    assert.equal(isPublic(notice({ expiresAt: now }), now), false);
    assert.equal(isPublic(notice({ state: 'draft' }), now), false);
    assert.equal(isPublic(notice({ state: 'withdrawn' }), now), false);
  });

  it('allows and refuses the operators’ actions by state', () => {
    assert.deepEqual(transition(notice({ state: 'draft' }), 'publish', now), { ok: true, state: 'published', pinned: false });
    assert.deepEqual(transition(notice({ state: 'withdrawn', pinned: true }), 'publish', now), { ok: true, state: 'published', pinned: true });
    assert.deepEqual(transition(notice(), 'publish', now), { ok: false, code: 'NOTICE_ALREADY_PUBLISHED' });
    assert.deepEqual(transition(notice({ state: 'draft', expiresAt: hours(-1) }), 'publish', now), { ok: false, code: 'NOTICE_EXPIRY_PASSED' });
    assert.deepEqual(transition(notice(), 'withdraw', now), { ok: true, state: 'withdrawn', pinned: false });
    assert.deepEqual(transition(notice({ state: 'draft' }), 'withdraw', now), { ok: false, code: 'NOTICE_NOT_PUBLISHED' });
    assert.deepEqual(transition(notice({ state: 'withdrawn' }), 'withdraw', now), { ok: false, code: 'NOTICE_NOT_PUBLISHED' });
    assert.deepEqual(transition(notice({ state: 'draft' }), 'pin', now), { ok: true, state: 'draft', pinned: true });
    assert.deepEqual(transition(notice({ state: 'withdrawn' }), 'pin', now), { ok: false, code: 'NOTICE_WITHDRAWN_PIN' });
    assert.deepEqual(transition(notice({ state: 'withdrawn', pinned: true }), 'unpin', now), { ok: true, state: 'withdrawn', pinned: false });
  });
});
