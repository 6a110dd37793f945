/**
 * The platform of one integration test file, kept apart from platform.ts because it
 * registers node:test hooks (the benchmark imports platform.ts outside the test runner).
 */
import { after, before } from 'node:test';
import type { Config } from '../../src/platform/config.ts';
import type { Db } from '../../src/platform/db.ts';
import { startTestPlatform, type TestPlatform } from './platform.ts';

export interface FileTestPlatform extends TestPlatform {
  /** The platform's database. */
  db: Db;
}

/**
 * Starts a platform before the file's first test and closes it after its last. The object
 * returned is filled in by the `before` hook: read it inside tests and hooks only.
 */
export function testPlatformForFile(overrides: Partial<Config> = {}): FileTestPlatform {
  const handle = {} as FileTestPlatform;
  before(async () => {
    const started = await startTestPlatform(overrides);
    Object.assign(handle, started, { db: started.platform.db });
  });
  after(async () => {
    await handle.close?.();
  });
  return handle;
}
