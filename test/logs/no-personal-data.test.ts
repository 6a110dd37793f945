/**
 * The log of the whole test run (every test platform of the integration and browser stages
 * logs everything at level info into TEST_LOG_DIR) holds no personal data: no mobile, no
 * document number, no e-mail address, no name. Run by scripts/test.ts as its last stage.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findPersonalData } from '../support/personal-data-scan.ts';

const dir = process.env.TEST_LOG_DIR;

describe('the test run\'s log', () => {
  it('was written: requests, and errors the tests provoked', { skip: !dir && 'TEST_LOG_DIR is not set (scripts/test.ts sets it)' }, () => {
    const text = logFiles().map((file) => readFileSync(file, 'utf8')).join('');
    const requests = text.match(/"msg":"request completed"/g)?.length ?? 0;
    assert.ok(requests > 0, 'no request logged: is logging switched off?');
  });

  it('holds no mobile, document number, e-mail address, name or password', { skip: !dir && 'TEST_LOG_DIR is not set' }, () => {
    const findings = logFiles().flatMap((file) => findPersonalData(path.basename(file), readFileSync(file, 'utf8')));
    assert.deepEqual(findings.slice(0, 20), [], `${findings.length} log line(s) with personal data`);
  });
});

function logFiles(): string[] {
  return readdirSync(dir!).filter((name) => name.endsWith('.log')).map((name) => path.join(dir!, name));
}
