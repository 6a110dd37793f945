import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostTargets } from './db-hosts.ts';

describe('multi-host PostgreSQL connection strings', () => {
  it('an ordinary connection string is left to the driver', () => {
    assert.equal(hostTargets('postgres://u:p@db.example.cn:5432/identity'), undefined);
    assert.equal(hostTargets('postgres://u@db/identity?sslmode=require'), undefined);
  });

  it('several hosts become one connection string each, in order; target_session_attrs is taken out, other parameters kept', () => {
    assert.deepEqual(hostTargets('postgres://u:p%40ss@pg1:5432,pg2:5433/identity?sslmode=require&target_session_attrs=read-write'), {
      urls: ['postgres://u:p%40ss@pg1:5432/identity?sslmode=require', 'postgres://u:p%40ss@pg2:5433/identity?sslmode=require'],
      readWrite: true,
    });
    // Without target_session_attrs the platform still wants a host that accepts writes (libpq's default would be any).
    assert.deepEqual(hostTargets('postgresql://pg1,pg2/identity'), { urls: ['postgresql://pg1/identity', 'postgresql://pg2/identity'], readWrite: true });
    assert.equal(hostTargets('postgres://pg1,pg2/identity?target_session_attrs=any')?.readWrite, false);
    assert.deepEqual(hostTargets('postgres://pg1/identity?target_session_attrs=read-write')?.urls, ['postgres://pg1/identity']);
  });

  it('refuses what it cannot honour instead of guessing', () => {
    assert.throws(() => hostTargets('postgres://pg1,pg2/identity?target_session_attrs=standby'), /target_session_attrs=standby/);
    assert.throws(() => hostTargets('postgres://pg1,,pg2/identity'), /empty/);
  });
});
