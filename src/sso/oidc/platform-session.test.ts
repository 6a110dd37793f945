import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { platformSid } from './platform-session.ts';

describe('platformSid', () => {
  it('is the same for one platform session and differs between sessions', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    assert.equal(platformSid(a), platformSid(a));
    assert.notEqual(platformSid(a), platformSid(b));
  });

  it('does not reveal the session hash it comes from', () => {
    const idHash = '0123456789abcdef'.repeat(4);
    const sid = platformSid(idHash);
    assert.match(sid, /^[A-Za-z0-9_-]{32}$/);
    assert.ok(!idHash.includes(sid) && !sid.includes(idHash.slice(0, 8)));
  });
});
