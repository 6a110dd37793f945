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
    /**
     * Refuses a locked or too-early attempt. Answers whether earlier failures are on
     * record, so a success that follows clean attempts need not clear anything.
     */
    async assertAllowed(name: string, ip: string): Promise<{ hasFailures: boolean }> {
      const k = keys(name, ip);
      // One round trip for all four; ttl is 0 for an absent or expired key.
      const [nameLock = 0, ipLock = 0, wait = 0, failures = 0] = await kv.ttlMany([k.nameLock, k.ipLock, k.wait, k.nameFailures]);
      if (nameLock > 0 || ipLock > 0) {
        throw new AppError('LOGIN_LOCKED', 429, { minutes: Math.max(1, Math.ceil(Math.max(nameLock, ipLock) / 60_000)) });
      }
      if (wait > 0) throw new AppError('LOGIN_SLOW_DOWN', 429, { seconds: Math.ceil(wait / 1000) });
      return { hasFailures: failures > 0 };
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
      await kv.deleteMany([`loginfail:name:${name}`, `loginwait:name:${name}`]);
    },

    /** For staff: the lock on a login name, if any, and how long it still holds. */
    async lockState(name: string): Promise<{ locked: boolean; remainingMs: number; failures: number }> {
      const remainingMs = await kv.ttl(`loginlock:name:${name}`);
      return { locked: remainingMs > 0, remainingMs, failures: Number((await kv.get(`loginfail:name:${name}`)) ?? 0) };
    },

    async unlock(name: string): Promise<void> {
      await kv.deleteMany([`loginlock:name:${name}`, `loginfail:name:${name}`, `loginwait:name:${name}`]);
    },
  };
}
