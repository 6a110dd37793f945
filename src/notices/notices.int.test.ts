/**
 * 通知公告 through the API: only operators write; every field is checked (bad dates, unsafe
 * bodies) and a refused save changes nothing; publish / withdraw / pin follow the state rules;
 * the public sees only published, current notices (drafts, withdrawn, future and expired ones
 * are 404, attachments too); attachments are checked by content and size; every write is audited.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient, type ApiResponse } from '../../test/support/client.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';
import { formatChinaDateTime } from '../platform/fields/datetime.ts';
import { NOTICE_ATTACHMENT_MAX_BYTES } from './attachments.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%'`);
});

const DAY = 24 * 60 * 60 * 1000;
const at = (offsetMs: number) => formatChinaDateTime(new Date(Date.now() + offsetMs));

let count = 0;
function notice(overrides: Record<string, unknown> = {}) {
  count += 1;
  return {
    title: `关于平台维护的通知${count}-${process.pid}`,
    body: '## 维护时间\n\n平台将于**周六**进行维护。\n\n- 登录暂停\n- 办理入口暂停\n\n详见[说明](https://www.most.gov.cn/)。',
    publishAt: at(-DAY),
    expiresAt: '',
    pinned: false,
    ...overrides,
  };
}

const operator = () => staffClient(t.baseUrl, t.platform, ['operator']);
const publicClient = () => new ApiClient(t.baseUrl);

type Notice = { id: string; title: string; state: string; status: string; pinned: boolean; attachments: { id: string }[] };

async function create(ops: ApiClient, body: Record<string, unknown> = notice()): Promise<Notice> {
  const res = await ops.post('/api/admin/notices', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as Notice;
}

async function published(ops: ApiClient, body: Record<string, unknown> = notice()): Promise<Notice> {
  const created = await create(ops, body);
  const res = await ops.post(`/api/admin/notices/${created.id}/publish`, {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Notice;
}

/** POSTs a file as the raw body, its name in the query (as the back office's upload button). */
async function upload(ops: ApiClient, id: string, name: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<ApiResponse> {
  await ops.get('/api/csrf');
  const response = await fetch(`${t.baseUrl}/api/admin/notices/${id}/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      cookie: [...ops.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': ops.cookies.get('csrf_token') ?? '',
    },
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% 通知附件\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml'), Buffer.alloc(100)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('payload.exe'), Buffer.alloc(100)]);

const auditActions = async (id: string) =>
  (await t.db.query<{ action: string; staff_login_name: string }>('select action, staff_login_name from audit_log where target_type = $1 and target_id = $2 order by id', ['notice', id])).map(
    (r) => r.action,
  );
const noticeCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from notices'))[0]!.n;

describe('who may write notices', () => {
  it('refuses citizens, anonymous callers and staff without the operator role', async () => {
    const anonymous = publicClient();
    assertError(await anonymous.get('/api/admin/notices'), 403, 'STAFF_ONLY');
    assertError(await anonymous.post('/api/admin/notices', notice()), 403, 'STAFF_ONLY');

    const citizen = (await registerAndLogIn(t.baseUrl, 'natural')).client;
    assertError(await citizen.post('/api/admin/notices', notice()), 403, 'STAFF_ONLY');

    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assertError(await reviewer.get('/api/admin/notices'), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await reviewer.post('/api/admin/notices', notice()), 403, 'STAFF_ROLE_REQUIRED');

    const ops = await operator();
    const draft = await create(ops);
    assertError(await reviewer.post(`/api/admin/notices/${draft.id}/publish`, {}), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await upload(reviewer, draft.id, 'a.pdf', PDF), 403, 'STAFF_ROLE_REQUIRED');
    assertError(await citizen.put(`/api/admin/notices/${draft.id}`, notice()), 403, 'STAFF_ONLY');
    assert.equal((await ops.get(`/api/admin/notices/${draft.id}`)).body.state, 'draft');
  });
});

describe('validation of every field', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['empty title', { title: '   ' }, 'title', 'NOTICE_TITLE_REQUIRED'],
    ['title too long', { title: '通'.repeat(101) }, 'title', 'TEXT_TOO_LONG'],
    ['title with control characters', { title: '通知\u0000' }, 'title', 'TEXT_CONTROL_CHARS'],
    ['missing title', { title: undefined }, 'title', 'REQUIRED_FIELD'],
    ['empty body', { body: '' }, 'body', 'NOTICE_BODY_REQUIRED'],
    ['body too long', { body: '字'.repeat(10_001) }, 'body', 'TEXT_TOO_LONG'],
    ['script in the body', { body: '你好<script>alert(1)</script>' }, 'body', 'NOTICE_BODY_HTML'],
    ['event handler in the body', { body: '<img src=x onerror=alert(1)>' }, 'body', 'NOTICE_BODY_HTML'],
    ['javascript: link', { body: '[点此](javascript:alert(1))' }, 'body', 'NOTICE_BODY_LINK_INVALID'],
    ['data: link', { body: '[点此](data:text/html;base64,PHNjcmlwdD4=)' }, 'body', 'NOTICE_BODY_LINK_INVALID'],
    ['relative link', { body: '[点此](/admin)' }, 'body', 'NOTICE_BODY_LINK_INVALID'],
    ['publish time not a time', { publishAt: '明天' }, 'publishAt', 'DATETIME_INVALID'],
    ['publish time on a day that does not exist', { publishAt: '2026-02-30 10:00' }, 'publishAt', 'DATETIME_INVALID'],
    ['publish time at 24:00', { publishAt: '2026-03-01 24:00' }, 'publishAt', 'DATETIME_INVALID'],
    ['publish time missing', { publishAt: undefined }, 'publishAt', 'DATETIME_INVALID'],
    ['publish time a number', { publishAt: 1700000000 }, 'publishAt', 'DATETIME_INVALID'],
    ['publish time too early', { publishAt: '1999-12-31 23:00' }, 'publishAt', 'DATE_TOO_EARLY'],
    ['expiry time too late', { expiresAt: '2200-01-01 00:00' }, 'expiresAt', 'DATE_TOO_LATE'],
    ['expiry time not a time', { expiresAt: '2026-13-01 00:00' }, 'expiresAt', 'DATETIME_INVALID'],
    ['expiry before publish', { publishAt: '2026-03-02 10:00', expiresAt: '2026-03-01 10:00' }, 'expiresAt', 'NOTICE_EXPIRY_BEFORE_PUBLISH'],
    ['expiry equal to publish', { publishAt: '2026-03-02 10:00', expiresAt: '2026-03-02 10:00' }, 'expiresAt', 'NOTICE_EXPIRY_BEFORE_PUBLISH'],
    ['pinned not a boolean', { pinned: 'yes' }, 'pinned', 'NOTICE_PINNED_INVALID'],
  ];

  for (const [name, overrides, field, code] of cases) {
    it(`refuses ${name} with its message and stores nothing`, async () => {
      const ops = await operator();
      const before = await noticeCount();
      const res = await ops.post('/api/admin/notices', notice(overrides));
      assertFieldError(res, field, code);
      assert.ok(res.body.fields.every((f: { message: string }) => /[\u4e00-\u9fff]/.test(f.message)), 'every message is Chinese');
      assert.equal(await noticeCount(), before);
    });
  }

  it('refuses a bad edit and keeps the notice as it was', async () => {
    const ops = await operator();
    const draft = await create(ops);
    assertFieldError(await ops.put(`/api/admin/notices/${draft.id}`, notice({ title: draft.title, body: '<b>粗体</b>' })), 'body', 'NOTICE_BODY_HTML');
    assert.equal((await ops.get(`/api/admin/notices/${draft.id}`)).body.body, notice().body);
    assert.deepEqual(await auditActions(draft.id), ['notice.create']);
  });

  it('answers 400 or 404 for malformed or unknown ids, and for bad paging', async () => {
    const ops = await operator();
    assert.equal((await ops.get('/api/admin/notices/not-a-uuid')).status, 400);
    assertError(await ops.get('/api/admin/notices/00000000-0000-4000-8000-000000000000'), 404, 'NOTICE_NOT_FOUND');
    assertError(await ops.post('/api/admin/notices/00000000-0000-4000-8000-000000000000/publish', {}), 404, 'NOTICE_NOT_FOUND');
    assertFieldError(await publicClient().get('/api/notices?page=0'), 'page', 'NOTICE_PAGE_INVALID');
    assertFieldError(await publicClient().get('/api/notices?pageSize=1000'), 'pageSize', 'NOTICE_PAGE_INVALID');
    assertFieldError(await publicClient().get('/api/notices?page=abc'), 'page', 'NOTICE_PAGE_INVALID');
  });
});

describe('state rules', () => {
  it('publishes a draft once, withdraws it, publishes it again; audits each step', async () => {
    const ops = await operator();
    const draft = await create(ops);
    assert.equal(draft.status, 'draft');
    assertError(await ops.post(`/api/admin/notices/${draft.id}/withdraw`, {}), 409, 'NOTICE_NOT_PUBLISHED');
    const live = (await ops.post(`/api/admin/notices/${draft.id}/publish`, {})).body as Notice;
    assert.equal(live.status, 'published');
    assertError(await ops.post(`/api/admin/notices/${draft.id}/publish`, {}), 409, 'NOTICE_ALREADY_PUBLISHED');
    const withdrawn = (await ops.post(`/api/admin/notices/${draft.id}/withdraw`, {})).body as Notice;
    assert.equal(withdrawn.status, 'withdrawn');
    assertError(await ops.post(`/api/admin/notices/${draft.id}/pin`, {}), 409, 'NOTICE_WITHDRAWN_PIN');
    assertError(await ops.put(`/api/admin/notices/${draft.id}`, notice({ pinned: true })), 409, 'NOTICE_WITHDRAWN_PIN');
    assert.equal(((await ops.post(`/api/admin/notices/${draft.id}/publish`, {})).body as Notice).status, 'published');
    assert.deepEqual(await auditActions(draft.id), ['notice.create', 'notice.publish', 'notice.withdraw', 'notice.publish']);
    const rows = await t.db.query<{ staff_login_name: string }>('select staff_login_name from audit_log where target_id = $1', [draft.id]);
    assert.ok(rows.every((r) => r.staff_login_name === ops.staff.loginName));
  });

  it('refuses to publish a notice whose expiry has passed, and shows it as 已过期 once past', async () => {
    const ops = await operator();
    const stale = await create(ops, notice({ publishAt: at(-3 * DAY), expiresAt: at(-DAY) }));
    assertError(await ops.post(`/api/admin/notices/${stale.id}/publish`, {}), 409, 'NOTICE_EXPIRY_PASSED');
    assert.equal((await ops.get(`/api/admin/notices/${stale.id}`)).body.state, 'draft');
    const live = await published(ops, notice({ publishAt: at(-3 * DAY), expiresAt: at(DAY) }));
    await t.db.query(`update notices set expires_at = now() - interval '1 minute' where id = $1`, [live.id]);
    const listed = ((await ops.get('/api/admin/notices')).body.items as Notice[]).find((n) => n.id === live.id);
    assert.equal(listed?.status, 'expired');
  });

  it('pins and unpins, edits keep the state, all audited', async () => {
    const ops = await operator();
    const live = await published(ops);
    assert.equal(((await ops.post(`/api/admin/notices/${live.id}/pin`, {})).body as Notice).pinned, true);
    assert.equal(((await ops.post(`/api/admin/notices/${live.id}/unpin`, {})).body as Notice).pinned, false);
    const edited = await ops.put(`/api/admin/notices/${live.id}`, notice({ title: '修改后的标题' }));
    assert.equal(edited.status, 200);
    assert.equal(edited.body.title, '修改后的标题');
    assert.equal(edited.body.state, 'published');
    assert.deepEqual(await auditActions(live.id), ['notice.create', 'notice.publish', 'notice.pin', 'notice.unpin', 'notice.update']);
    const update = await t.db.query<{ detail: { changed: string } }>(`select detail from audit_log where target_id = $1 and action = 'notice.update'`, [live.id]);
    assert.equal(update[0]?.detail.changed, 'title');
  });
});

describe('what the public sees', () => {
  it('lists only published, current notices: pinned first, then newest first; drafts, withdrawn, future and expired are 404', async () => {
    const ops = await operator();
    const older = await published(ops, notice({ publishAt: at(-5 * DAY) }));
    const newer = await published(ops, notice({ publishAt: at(-DAY) }));
    const pinned = await published(ops, notice({ publishAt: at(-10 * DAY), pinned: true }));
    const draft = await create(ops);
    const withdrawn = await published(ops);
    await ops.post(`/api/admin/notices/${withdrawn.id}/withdraw`, {});
    const future = await published(ops, notice({ publishAt: at(DAY) }));
    const expired = await published(ops, notice({ publishAt: at(-3 * DAY), expiresAt: at(DAY) }));
    await t.db.query(`update notices set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);

    const anonymous = publicClient();
    const list = await anonymous.get('/api/notices?pageSize=50');
    assert.equal(list.status, 200);
    const ids = (list.body.items as { id: string }[]).map((n) => n.id);
    for (const hidden of [draft, withdrawn, future, expired]) {
      assert.ok(!ids.includes(hidden.id), `${hidden.title} is not listed`);
      assertError(await anonymous.get(`/api/notices/${hidden.id}`), 404, 'NOTICE_NOT_FOUND');
    }
    assert.equal(ids[0], pinned.id, 'pinned first');
    assert.ok(ids.indexOf(newer.id) < ids.indexOf(older.id), 'newest first');
    assert.equal(list.body.total, ids.length);

    const detail = await anonymous.get(`/api/notices/${newer.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.body, notice().body);
    assert.equal(detail.body.state, undefined, 'the public sees no back-office state');

    const firstPage = await anonymous.get('/api/notices?page=1&pageSize=1');
    const secondPage = await anonymous.get('/api/notices?page=2&pageSize=1');
    assert.equal(firstPage.body.items.length, 1);
    assert.notEqual(firstPage.body.items[0].id, secondPage.body.items[0].id);
  });
});

describe('attachments', () => {
  it('stores a PDF and an office document, serves them while the notice is public, and not after it is withdrawn', async () => {
    const ops = await operator();
    const draft = await create(ops);
    const pdf = await upload(ops, draft.id, '维护说明.pdf', PDF, 'application/pdf');
    assert.equal(pdf.status, 201, JSON.stringify(pdf.body));
    assert.equal(pdf.body.mediaType, 'application/pdf');
    const docx = await upload(ops, draft.id, '申请表.docx', DOCX);
    assert.equal(docx.status, 201, JSON.stringify(docx.body));
    const path = `/api/notices/${draft.id}/attachments/${pdf.body.id}`;

    const anonymous = publicClient();
    assertError(await anonymous.get(path), 404, 'NOTICE_NOT_FOUND');
    // The back office previews a draft's files; nobody else may.
    const preview = await ops.getBytes(`/api/admin/notices/${draft.id}/attachments/${pdf.body.id}`);
    assert.equal(preview.status, 200);
    assert.ok(preview.bytes.equals(PDF));
    assert.equal((await anonymous.getBytes(`/api/admin/notices/${draft.id}/attachments/${pdf.body.id}`)).status, 403);
    await ops.post(`/api/admin/notices/${draft.id}/publish`, {});
    const detail = await anonymous.get(`/api/notices/${draft.id}`);
    assert.deepEqual(
      detail.body.attachments.map((a: { fileName: string }) => a.fileName),
      ['维护说明.pdf', '申请表.docx'],
    );
    const file = await anonymous.getBytes(path);
    assert.equal(file.status, 200);
    assert.ok(file.bytes.equals(PDF));
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename\*=UTF-8''/);

    await ops.post(`/api/admin/notices/${draft.id}/withdraw`, {});
    assert.equal((await anonymous.getBytes(path)).status, 404);
    assert.deepEqual((await auditActions(draft.id)).slice(0, 3), ['notice.create', 'notice.attach', 'notice.attach']);

    const removed = await ops.delete(`/api/admin/notices/${draft.id}/attachments/${docx.body.id}`);
    assert.equal(removed.status, 200);
    assert.equal((await ops.get(`/api/admin/notices/${draft.id}`)).body.attachments.length, 1);
    assert.equal((await auditActions(draft.id)).at(-1), 'notice.detach');
  });

  it('refuses a file of the wrong type whatever its name or declared type, an empty or too large one, and a bad name; nothing is stored', async () => {
    const ops = await operator();
    const draft = await create(ops);
    assertError(await upload(ops, draft.id, 'evil.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf'), 400, 'NOTICE_ATTACHMENT_TYPE_INVALID');
    assertError(await upload(ops, draft.id, 'image.png', PDF), 400, 'NOTICE_ATTACHMENT_TYPE_INVALID');
    assertError(await upload(ops, draft.id, 'payload.docx', ZIP), 400, 'NOTICE_ATTACHMENT_TYPE_INVALID');
    assertError(await upload(ops, draft.id, 'script.exe', PNG), 400, 'NOTICE_ATTACHMENT_TYPE_INVALID');
    assertError(await upload(ops, draft.id, 'empty.pdf', Buffer.alloc(0)), 400, 'FILE_EMPTY');
    const big = Buffer.concat([PDF, Buffer.alloc(NOTICE_ATTACHMENT_MAX_BYTES)]);
    assertError(await upload(ops, draft.id, 'big.pdf', big), 413, 'NOTICE_ATTACHMENT_TOO_LARGE');
    assertFieldError(await upload(ops, draft.id, '../etc/passwd.pdf', PDF), 'name', 'NOTICE_ATTACHMENT_NAME_INVALID');
    assertFieldError(await upload(ops, draft.id, 'noextension', PDF), 'name', 'NOTICE_ATTACHMENT_NAME_INVALID');
    assertError(await upload(ops, '00000000-0000-4000-8000-000000000000', 'a.pdf', PDF), 404, 'NOTICE_NOT_FOUND');
    assert.equal((await ops.get(`/api/admin/notices/${draft.id}`)).body.attachments.length, 0);
    assert.deepEqual(await auditActions(draft.id), ['notice.create']);
  });
});
