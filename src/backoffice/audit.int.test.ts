/**
 * 审计日志 (/api/admin/audit and /audit/export): filters by staff member, subject account,
 * action and days; the CSV export holds the same rows, cannot run as spreadsheet formulas,
 * is audited itself, and only admins get either. The log stays append-only.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerAccount } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import type { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';
import { todayInChina } from '../platform/fields/dates.ts';
import { csvCell, recordAudit } from './audit.ts';

const t = testPlatformForFile();

interface Row {
  staffLoginName: string;
  action: string;
  targetId: string | null;
}

/** Parses our CSV (every cell quoted, "" for a quote, CRLF between rows). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')));
}

describe('/api/admin/audit', () => {
  let admin: ApiClient & { staff: { loginName: string } };
  let operator: ApiClient & { staff: { loginName: string } };
  let accountId: string;
  let loginName: string;

  const list = async (query: string) => {
    const res = await admin.get(`/api/admin/audit?pageSize=100&${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { rows: Row[]; total: number };
  };

  before(async () => {
    admin = await staffClient(t.baseUrl, t.platform, ['admin']);
    operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    loginName = uniqueLoginName('Audited');
    accountId = (await registerAccount(t.baseUrl, 'natural', { loginName })).accountId;
    assert.equal((await operator.get(`/api/admin/accounts/${accountId}`)).status, 200);
    assert.equal((await operator.post(`/api/admin/accounts/${accountId}/unlock`)).status, 200);
    // A row whose every text would be a formula in a spreadsheet.
    await recordAudit(t.db, { staff: { id: null, loginName: '=HYPERLINK("http://evil","x")' }, action: '+cmd', target: { type: 'account', id: '-2+3' }, ip: '@SUM(1)' });
  });

  it('filters by staff member (any case), action and subject account (login name or id)', async () => {
    const byStaff = await list(`staff=${operator.staff.loginName.toUpperCase()}`);
    assert.ok(byStaff.total >= 3 && byStaff.rows.every((r) => r.staffLoginName === operator.staff.loginName));

    const byAction = await list('action=account.unlock');
    assert.deepEqual(byAction.rows.map((r) => [r.staffLoginName, r.targetId]), [[operator.staff.loginName, accountId]]);

    for (const account of [loginName.toLowerCase(), accountId]) {
      const byAccount = await list(`account=${encodeURIComponent(account)}`);
      assert.deepEqual(byAccount.rows.map((r) => r.action).sort(), ['account.unlock', 'account.view'], account);
    }
    assert.equal((await list(`account=${uniqueLoginName('nobody')}`)).total, 0);
    assert.equal((await list(`staff=${operator.staff.loginName}&action=staff.login`)).total, 1, 'filters combine');
  });

  it('filters by days in China time: today holds the rows, tomorrow and yesterday-only none', async () => {
    const today = todayInChina();
    const tomorrow = todayInChina(new Date(Date.now() + 24 * 3600_000));
    const yesterday = todayInChina(new Date(Date.now() - 24 * 3600_000));
    assert.ok((await list(`from=${today}&to=${today}&action=account.unlock`)).total === 1);
    assert.equal((await list(`from=${tomorrow}`)).total, 0);
    assert.equal((await list(`to=${yesterday}`)).total, 0);
  });

  it('a date that is no day, or an end before the start, is 400 on that field', async () => {
    assertFieldError(await admin.get('/api/admin/audit?from=2026-02-30'), 'from', 'DATE_INVALID');
    assertFieldError(await admin.get('/api/admin/audit?to=yesterday'), 'to', 'DATE_INVALID');
    assertFieldError(await admin.get('/api/admin/audit?from=2026-03-02&to=2026-03-01'), 'to', 'DATE_END_BEFORE_START');
    assertFieldError(await admin.get('/api/admin/audit/export?from=2026-03-02&to=2026-03-01'), 'to', 'DATE_END_BEFORE_START');
    for (const field of ['account', 'action', 'staff']) assert.ok((await admin.get(`/api/admin/audit/export?${field}=a%00b`)).status < 500, field);
  });

  it('exports the filtered rows as CSV, formulas defused, and the export is audited', async () => {
    const res = await admin.get(`/api/admin/audit/export?account=${accountId}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
    const rows = parseCsv(res.body as string);
    assert.deepEqual(rows[0], ['编号', '时间', '工作人员', '操作', '对象类型', '对象', '详情', 'IP']);
    assert.deepEqual(rows.slice(1).map((r) => r[3]).sort(), ['account.unlock', 'account.view']);

    const hostile = parseCsv((await admin.get('/api/admin/audit/export?action=%2Bcmd')).body as string)[1]!;
    assert.equal(hostile[2], `'=HYPERLINK("http://evil","x")`);
    assert.equal(hostile[3], "'+cmd");
    assert.equal(hostile[5], "'-2+3");
    assert.equal(hostile[7], "'@SUM(1)");

    const exports = await list('action=audit.export');
    assert.equal(exports.total, 2);
    assert.equal(exports.rows[0]!.staffLoginName, admin.staff.loginName);
  });

  it('csvCell prefixes every formula lead (= + - @ tab CR) and quotes quotes', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${lead}1`), `"'${lead}1"`);
    assert.equal(csvCell('a"b'), '"a""b"');
    assert.equal(csvCell('审核员'), '"审核员"');
  });

  it('only admins read or export the log (an operator gets 403 and no export is recorded)', async () => {
    const before = (await list('action=audit.export')).total;
    assertError(await operator.get('/api/admin/audit'), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await operator.get('/api/admin/audit/export'), 403, 'STAFF_ROLE_REQUIRED');
    assert.equal((await list('action=audit.export')).total, before);
  });

  it('the log is append-only: the database refuses updates and deletes', async () => {
    await assert.rejects(t.db.query(`update audit_log set action = 'x'`));
    await assert.rejects(t.db.query(`delete from audit_log`));
  });
});
