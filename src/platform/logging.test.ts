/** The log holds no personal data: errors are described, not dumped; the run's log scan sees what it must. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findPersonalData } from '../../test/support/personal-data-scan.ts';
import { createLogger, describeError, maskPathNumbers, scrub } from './logging.ts';

/** An error as PGlite throws it: the statement and its parameters ride along. */
function databaseError() {
  return Object.assign(new Error('invalid input syntax for type date: "2015-02-30"'), {
    code: '22007',
    query: 'update identities set name = $1, email = $2, address = $3 where id = $4',
    params: ['王小明', 'wang@example.cn', '北京市海淀区复兴路甲15号', '13912345678'],
  });
}

it('an error is its type, SQLSTATE and scrubbed message, never its query or parameters', () => {
  const described = describeError(databaseError());
  assert.equal(described.code, '22007');
  assert.equal(described.message, 'invalid input syntax for type date: ‹redacted›');
  const text = JSON.stringify(described);
  assert.ok(!/王小明|wang@|13912345678|update identities/.test(text), text);
});

it('scrub masks numbers, e-mail addresses, quoted values and Chinese text', () => {
  assert.equal(scrub('no SMS code for 13912345678 (wang@example.cn) "x" 张伟'), 'no SMS code for ‹redacted› (‹redacted›) ‹redacted› ‹redacted›');
});

it('numbers in a request path are masked, ids kept', () => {
  assert.equal(maskPathNumbers('/system-api/v1/organizations/913500007777777775/holding'), '/system-api/v1/organizations/‹redacted›/holding');
  assert.equal(maskPathNumbers('/api/admin/accounts/0b7e4c1a-5d2f-4e3b-9a8c-b19952850291'), '/api/admin/accounts/0b7e4c1a-5d2f-4e3b-9a8c-b19952850291');
  assert.equal(maskPathNumbers('/services/item/000106003001'), '/services/item/‹redacted›');
});

it('a log line of a request and of an error passes the run\'s personal-data scan; a leaked field is redacted', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'log-test-'));
  try {
    const file = path.join(dir, 'a.log');
    const log = createLogger({ level: 'info', file });
    log.info({ req: { id: 'r1', method: 'GET', url: '/api/org/authorizations?name=张伟&documentNumber=11010519900101123X' } }, 'incoming request');
    log.error({ err: databaseError() }, 'request failed');
    log.info({ body: { name: '张伟', mobile: '13912345678' }, person: { documentNumber: '11010519900101123X' } }, 'careless');
    log.flush();
    const text = readFileSync(file, 'utf8');
    assert.equal(text.trim().split('\n').length, 3);
    assert.match(text, /"path":"\/api\/org\/authorizations"/);
    assert.deepEqual(findPersonalData('a.log', text), []);
    // The scan itself is not blind: the same values unredacted are found.
    assert.equal(findPersonalData('b.log', '{"mobile":"13912345678","name":"张伟"}').length, 2);
    // A request id whose last group is a letter and eleven digits is no mobile.
    assert.deepEqual(findPersonalData('c.log', '{"reqId":"0b7e4c1a-5d2f-4e3b-9a8c-b19952850291"}'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
