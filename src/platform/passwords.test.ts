import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

const PASSWORD = '旧库的密码Old-1';
// Written by the `argon2` package (the binding used before @node-rs/argon2): stored hashes must keep working.
const FROM_OLD_BINDING = '$argon2id$v=19$m=19456,p=1,t=2$+Qq7cM+xzKfI9rS79uYEUA$+WsFRoXcR/kw5WwlUVshg2F0xqUz14Wp7+FLGlneGeQ';
const ARGON2I = '$argon2i$v=19$m=19456,p=1,t=2$C2inMKQUbRyS7N4iCa67pg$p+/+z0TSDFerxElGjUXJ1TvLLzOHbygFuKiIkZQcLtU';
const LESS_MEMORY = '$argon2id$v=19$m=8192,p=1,t=2$UkiY1JlHGJoCRRNkiugZCg$DFX5dcgnt0jXYJCd4EcGCOQYF1tlTw2Rp0bflnlQhz8';

describe('passwords', () => {
  test('a hash written by the previous binding verifies, and needs no rehash', async () => {
    assert.equal(await verifyPassword(FROM_OLD_BINDING, PASSWORD), true);
    assert.equal(await verifyPassword(FROM_OLD_BINDING, `${PASSWORD}x`), false);
    assert.equal(needsRehash(FROM_OLD_BINDING), false);
  });

  test('a new hash is argon2id with today’s parameters and verifies only its password', async () => {
    const stored = await hashPassword(PASSWORD);
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(stored, PASSWORD), true);
    assert.equal(await verifyPassword(stored, 'another'), false);
    assert.equal(needsRehash(stored), false);
  });

  test('another variant or other parameters verify but ask for a rehash', async () => {
    assert.equal(await verifyPassword(ARGON2I, PASSWORD), true);
    assert.equal(needsRehash(ARGON2I), true);
    assert.equal(await verifyPassword(LESS_MEMORY, PASSWORD), true);
    assert.equal(needsRehash(LESS_MEMORY), true);
  });

  test('an unreadable hash verifies nothing and is replaced at the next good login', async () => {
    assert.equal(await verifyPassword('not a hash', PASSWORD), false);
    assert.equal(await verifyPassword('', ''), false);
    assert.equal(needsRehash('not a hash'), true);
  });
});
