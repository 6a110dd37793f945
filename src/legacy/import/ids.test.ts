import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uuidv7Generator } from './ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7Generator', () => {
  it('gives version 7 UUIDs carrying the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 26, 4, 0, 0, 123);
    const id = uuidv7Generator(() => at)();
    assert.match(id, UUID_V7);
    assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), at);
  });

  it('keeps ids of the same millisecond increasing, past the counter overflowing into the next millisecond', () => {
    const at = 1_790_000_000_000;
    const next = uuidv7Generator(() => at);
    const ids = Array.from({ length: 10_000 }, next);
    for (const id of ids) assert.match(id, UUID_V7);
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`);
    assert.equal(new Set(ids).size, ids.length);
    // 4,096 counter values at most per millisecond: the last ones are stamped later than the clock.
    assert.ok(parseInt(ids.at(-1)!.replace(/-/g, '').slice(0, 12), 16) > at);
  });

  it('does not go back when the clock does', () => {
    let now = 2_000_000;
    const next = uuidv7Generator(() => now);
    const first = next();
    now -= 1000;
    assert.ok(next() > first);
  });

  it('draws random bits: two generators at the same instant differ', () => {
    const at = 1_790_000_000_000;
    assert.notEqual(uuidv7Generator(() => at)(), uuidv7Generator(() => at)());
  });
});
