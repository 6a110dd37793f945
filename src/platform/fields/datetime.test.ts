/** China times of forms (datetime.ts): parsed to the instant they name, refused when not real. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaDateTime, formatChinaDateTime, optionalChinaDateTime, parseChinaDateTime } from './datetime.ts';

describe('China date-times', () => {
  it('reads both separators as UTC+8 and writes them back', () => {
    assert.equal(parseChinaDateTime('2026-03-01 08:30')?.toISOString(), '2026-03-01T00:30:00.000Z');
    assert.equal(parseChinaDateTime('2026-03-01T00:00')?.toISOString(), '2026-02-28T16:00:00.000Z');
    assert.equal(formatChinaDateTime(new Date('2026-02-28T16:00:00Z')), '2026-03-01 00:00');
  });

  it('refuses what is not a real time', () => {
    for (const bad of ['', '2026-02-30 10:00', '2026-03-01 24:00', '2026-03-01 10:60', '2026-3-1 10:00', '2026-03-01', '2026-03-01 10:00:00', '明天']) {
      assert.equal(parseChinaDateTime(bad), undefined, bad);
      assert.equal(chinaDateTime.safeParse(bad).success, false, bad);
    }
    assert.equal(chinaDateTime.safeParse('1999-12-31 10:00').error?.issues[0]?.message, 'DATE_TOO_EARLY');
    assert.equal(chinaDateTime.safeParse('2200-01-01 10:00').error?.issues[0]?.message, 'DATE_TOO_LATE');
  });

  it('takes empty, null and absent as no time', () => {
    for (const none of ['', null, undefined]) assert.equal(optionalChinaDateTime.parse(none), null);
    assert.equal(optionalChinaDateTime.safeParse('2026-02-30 10:00').success, false);
  });
});
