import { AppError } from '../platform/errors.ts';
import type { KeyValueStore } from '../platform/kv.ts';

export interface LockoutPolicy {
  accountThreshold: number;
  ipThreshold: number;
  lockMinutes: number;
}

const MAX_DELAY_SECONDS = 30;

/** Seconds a login name must wait after its n-th consecutive failure: none, then 1, 2, 4 ... up to 30. */
export function delayAfterFailures(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(2 ** (failures - 2), MAX_DELAY_SECONDS);
}

/**
 * Brute-force protection keyed by the login name as typed (existing or not, so the
 * answer never tells whether an account exists) and by client IP: a growing wait
 * between attempts, then a temporary lock that expires by itself.
 */
export function loginGuard(kv: KeyValueStore, policy: LockoutPolicy) {
  const lockMs = policy.lockMinutes * 60_000;
  const keys = (name: string, ip: string) => ({
    nameFailures: `loginfail:name:${name}`,
    ipFailures: `loginfail:ip:${ip}`,
    nameLock: `loginlock:name:${name}`,
    ipLock: `loginlock:ip:${ip}`,
    wait: `loginwait:name:${name}`,
  });

  return {
    async assertAllowed(name: string, ip: string): Promise<void> {
      const k = keys(name, ip);
      if ((await kv.get(k.nameLock)) || (await kv.get(k.ipLock))) {
        const ms = Math.max(await kv.ttl(k.nameLock), await kv.ttl(k.ipLock));
        throw new AppError('LOGIN_LOCKED', 429, { minutes: Math.max(1, Math.ceil(ms / 60_000)) });
      }
      const wait = await kv.ttl(k.wait);
      if (wait > 0) throw new AppError('LOGIN_SLOW_DOWN', 429, { seconds: Math.ceil(wait / 1000) });
    },

    /** Records a failure; throws the lock message when this failure reaches a threshold. */
    async recordFailure(name: string, ip: string): Promise<void> {
      const k = keys(name, ip);
      const nameFailures = await kv.increment(k.nameFailures, lockMs);
      const ipFailures = await kv.increment(k.ipFailures, lockMs);
      const lockName = nameFailures >= policy.accountThreshold;
      const lockIp = ipFailures >= policy.ipThreshold;
      if (lockName) await kv.set(k.nameLock, '1', lockMs);
      if (lockIp) await kv.set(k.ipLock, '1', lockMs);
      if (lockName || lockIp) throw new AppError('LOGIN_LOCKED', 429, { minutes: policy.lockMinutes });
      const delay = delayAfterFailures(nameFailures);
      if (delay > 0) await kv.set(k.wait, '1', delay * 1000);
    },

    async recordSuccess(name: string): Promise<void> {
      await kv.delete(`loginfail:name:${name}`);
      await kv.delete(`loginwait:name:${name}`);
    },

    /** For staff: the lock on a login name, if any, and how long it still holds. */
    async lockState(name: string): Promise<{ locked: boolean; remainingMs: number; failures: number }> {
      const remainingMs = await kv.ttl(`loginlock:name:${name}`);
      return { locked: remainingMs > 0, remainingMs, failures: Number((await kv.get(`loginfail:name:${name}`)) ?? 0) };
    },

    async unlock(name: string): Promise<void> {
      for (const key of [`loginlock:name:${name}`, `loginfail:name:${name}`, `loginwait:name:${name}`]) await kv.delete(key);
    },
  };
}
