/** Assertions on the platform's refusals: tests check the stable code, never the wording. */
import assert from 'node:assert/strict';
import type { ApiResponse } from './client.ts';

/** The answer is this status with this error code. */
export function assertError(res: ApiResponse, status: number, code: string) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.code, code);
}

/** The error carries its catalogue message in both languages. */
export function assertBilingualMessage(res: ApiResponse) {
  assert.equal(typeof res.body.message, 'string');
  assert.equal(typeof res.body.messageEn, 'string');
}

/** Among the fields a VALIDATION_FAILED answer lists is this one with this code. */
export function assertFieldIssue(res: ApiResponse, field: string, code: string) {
  const fields = (res.body.fields ?? []).map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
  assert.ok(fields.includes(`${field}:${code}`), `expected ${field}:${code}, got ${fields.join(', ')}`);
}

/** A 400 VALIDATION_FAILED that names this field with this code. */
export function assertFieldError(res: ApiResponse, field: string, code: string) {
  assertError(res, 400, 'VALIDATION_FAILED');
  assertFieldIssue(res, field, code);
}

/** Polls until check() holds (a reconnecting driver, a notification a moment after its commit), failing after timeoutMs. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, { timeoutMs = 3000, everyMs = 20 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
