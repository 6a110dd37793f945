import { AppError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';

export interface Limit {
  max: number;
  windowMs: number;
}

/** Counts one request against a fixed window; refuses with 429 once the window's limit is passed. */
export async function enforceLimit(kv: KeyValueStore, bucket: string, key: string, limit: Limit): Promise<void> {
  const count = await kv.increment(`rl:${bucket}:${key}`, limit.windowMs);
  if (count > limit.max) throw new AppError('RATE_LIMITED', 429);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
