/**
 * Operators register service items (服务事项) through /api/admin/service-items: a created item
 * (and its sub-items) appears in the public catalogue at once, a disabled one disappears,
 * changes show at once; bad input is refused with its message and changes nothing; only
 * operators may do it, and each change leaves an audit row.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';
import { registerTestSystem } from '../../test/support/systems.ts';
import { MESSAGES } from '../platform/messages.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%' or key like 'login%'`);
});

let count = 0;
/** A fresh 事项编码 (top-level items end in 000, sub-items change the last three digits). */
const freshCode = () => `9${String(Date.now() % 1e5).padStart(5, '0')}${String(++count).padStart(3, '0')}000`;

function item(overrides: Record<string, unknown> = {}) {
  return {
    code: freshCode(),
    name: `运维登记事项${count}`,
    department: '测试登记司',
    category: 'innovation_services',
    audience: 'legal',
    systemKey: null,
    parentCode: null,
    guide: [
      { title: '申请条件', text: '在中国境内注册的企业。' },
      { title: '办理流程', text: '在线填报，提交审核。' },
    ],
    sortOrder: 500,
    ...overrides,
  };
}

const operator = () => staffClient(t.baseUrl, t.platform, ['operator']);
const publicClient = () => new ApiClient(t.baseUrl);

async function create(ops: ApiClient, body: Record<string, unknown>) {
  const res = await ops.post('/api/admin/service-items', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; code: string; enabled: boolean; system: { key: string } | null; parent: { code: string } | null };
}

/** The public catalogue's top-level items of a category (as the portal browses them). */
async function catalogue(category = 'innovation_services') {
  const res = await publicClient().get(`/api/catalogue/items?category=${category}`);
  assert.equal(res.status, 200);
  return res.body.items as { code: string; name: string; system: { key: string } | null; subItems: { code: string }[]; sections: string[] }[];
}

const actions = async (id: string) => (await t.db.query<{ action: string; detail: Record<string, unknown> }>('select action, detail from audit_log where target_id = $1 order by id', [id])).map((r) => r.action);

let systemCount = 0;
async function system() {
  const n = ++systemCount;
  return registerTestSystem(t.platform, {
    key: `items-sys-${n}-${Date.now().toString(36)}`,
    name: `事项测试系统${n}`,
    department: '测试登记司',
    casServicePrefix: `http://localhost:${4500 + n}/`,
    entryUrl: `http://localhost:${4500 + n}/login`,
  });
}

describe('service items registered by an operator', () => {
  it('a created item and its sub-item appear in the catalogue at once, with its system and guide', async () => {
    const ops = await operator();
    const sys = await system();
    const body = item({ systemKey: sys.key });
    const created = await create(ops, body);
    assert.equal(created.enabled, true);
    assert.equal(created.system?.key, sys.key);

    const sub = await create(ops, item({ code: `${body.code.slice(0, 9)}001`, name: '子项测试', parentCode: body.code, guide: [] }));
    assert.equal(sub.parent?.code, body.code);

    const listed = (await catalogue()).find((i) => i.code === body.code);
    assert.ok(listed, 'listed under its category');
    assert.equal(listed.name, body.name);
    assert.equal(listed.system?.key, sys.key);
    assert.deepEqual(listed.sections, ['申请条件', '办理流程']);
    assert.deepEqual(listed.subItems.map((s) => s.code), [sub.code]);
    assert.ok(!(await catalogue()).some((i) => i.code === sub.code), 'a sub-item is not a top-level item');

    const detail = await publicClient().get(`/api/catalogue/items/${body.code}`);
    assert.equal(detail.body.guide[0].text, '在中国境内注册的企业。');
    assert.equal((await publicClient().get(`/api/catalogue/items/${sub.code}`)).body.parent.code, body.code);

    const admin = await ops.get('/api/admin/service-items');
    assert.ok(admin.body.items.some((i: { code: string }) => i.code === sub.code));
    assert.deepEqual(await actions(created.id), ['item.create']);
  });

  it('a disabled item disappears from the catalogue but stays in the back office; enabled again it returns', async () => {
    const ops = await operator();
    const body = item();
    const created = await create(ops, body);
    const off = await ops.post(`/api/admin/service-items/${created.id}/disable`);
    assert.equal(off.status, 200);
    assert.equal(off.body.enabled, false);
    assert.ok(!(await catalogue()).some((i) => i.code === body.code));
    assertError(await publicClient().get(`/api/catalogue/items/${body.code}`), 404, 'SERVICE_ITEM_NOT_FOUND');
    const admin = await ops.get('/api/admin/service-items');
    assert.equal(admin.body.items.find((i: { code: string }) => i.code === body.code).enabled, false);

    await ops.post(`/api/admin/service-items/${created.id}/enable`);
    assert.ok((await catalogue()).some((i) => i.code === body.code));
    assert.deepEqual(await actions(created.id), ['item.create', 'item.disable', 'item.enable']);
  });

  it('a change shows at once: name, category, guide, system', async () => {
    const ops = await operator();
    const sys = await system();
    const body = item();
    const created = await create(ops, body);
    const changed = { ...body, name: '改名后的事项', category: 'other', systemKey: sys.key, guide: [{ title: '联系方式', text: '010-88659000' }] };
    const res = await ops.put(`/api/admin/service-items/${created.id}`, changed);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(!(await catalogue()).some((i) => i.code === body.code), 'no longer under 科技创新与服务');
    const listed = (await catalogue('other')).find((i) => i.code === body.code);
    assert.equal(listed?.name, '改名后的事项');
    assert.equal(listed?.system?.key, sys.key);
    assert.deepEqual(listed?.sections, ['联系方式']);
    const detail = (await ops.get(`/api/admin/service-items/${created.id}`)).body;
    assert.equal(detail.system.key, sys.key);
    assert.deepEqual(detail.guide, changed.guide);

    const rows = await t.db.query<{ action: string; detail: { changed?: string } }>('select action, detail from audit_log where target_id = $1 order by id', [created.id]);
    assert.deepEqual(rows.map((r) => r.action), ['item.create', 'item.update']);
    assert.equal(rows[1]?.detail.changed, 'name, category, systemKey, guide');
  });
});

describe('bad input is refused with its message and changes nothing', () => {
  it('each bad field of a new item', async () => {
    const ops = await operator();
    const parent = item();
    await create(ops, parent);
    const sub = item({ code: `${parent.code.slice(0, 9)}001`, parentCode: parent.code });
    await create(ops, sub);
    const before = await t.db.query('select count(*)::int as n from service_items');
    const auditBefore = await t.db.query(`select count(*)::int as n from audit_log where action like 'item.%'`);

    const good = item();
    const post = (body: Record<string, unknown>) => ops.post('/api/admin/service-items', body);
    assertError(await post({ ...good, code: parent.code }), 409, 'ITEM_CODE_TAKEN');
    assertError(await post({ ...good, systemKey: 'no-such-system' }), 400, 'ITEM_SYSTEM_NOT_FOUND');
    assertError(await post({ ...good, parentCode: '999999999999' }), 400, 'ITEM_PARENT_NOT_FOUND');
    assertError(await post({ ...good, parentCode: sub.code }), 400, 'ITEM_PARENT_NOT_TOP');
    for (const code of ['12345', '00010600300A', ' ', undefined]) assertFieldError(await post({ ...good, code }), 'code', 'ITEM_CODE_INVALID');
    assertFieldError(await post({ ...good, name: '' }), 'name', 'ITEM_NAME_INVALID');
    assertFieldError(await post({ ...good, name: '名'.repeat(101) }), 'name', 'ITEM_NAME_INVALID');
    assertFieldError(await post({ ...good, department: '' }), 'department', 'ITEM_DEPARTMENT_INVALID');
    assertFieldError(await post({ ...good, category: '行政许可' }), 'category', 'CATALOGUE_CATEGORY_INVALID');
    assertFieldError(await post({ ...good, audience: 'everyone' }), 'audience', 'ITEM_AUDIENCE_INVALID');
    assertFieldError(await post({ ...good, parentCode: good.code }), 'parentCode', 'ITEM_PARENT_SELF');
    assertFieldError(await post({ ...good, guide: [{ title: '申请条件', text: 'a' }, { title: '申请条件', text: 'b' }] }), 'guide.1.title', 'GUIDE_TITLE_DUPLICATE');
    assertFieldError(await post({ ...good, guide: [{ title: '', text: 'a' }] }), 'guide.0.title', 'GUIDE_TITLE_INVALID');
    assertFieldError(await post({ ...good, guide: [{ title: '办理流程', text: '  ' }] }), 'guide.0.text', 'GUIDE_TEXT_INVALID');
    assertFieldError(await post({ ...good, guide: Array.from({ length: 21 }, (_, i) => ({ title: `栏目${i}`, text: 'x' })) }), 'guide', 'GUIDE_TOO_MANY_SECTIONS');
    for (const sortOrder of [-1, 1.5, 10000, '1']) assertFieldError(await post({ ...good, sortOrder }), 'sortOrder', 'SORT_ORDER_INVALID');

    const res = await post({ ...good, name: '' });
    assert.equal(res.body.fields[0].message, MESSAGES.ITEM_NAME_INVALID.zh);

    assert.deepEqual(await t.db.query('select count(*)::int as n from service_items'), before);
    assert.deepEqual(await t.db.query(`select count(*)::int as n from audit_log where action like 'item.%'`), auditBefore);
    await create(ops, good);
  });

  it('a refused change leaves the item as it was: a parent cannot become a sub-item, no code taken twice', async () => {
    const ops = await operator();
    const parent = item();
    const parentCreated = await create(ops, parent);
    await create(ops, item({ code: `${parent.code.slice(0, 9)}001`, parentCode: parent.code }));
    const other = item();
    const otherCreated = await create(ops, other);
    const before = (await ops.get(`/api/admin/service-items/${parentCreated.id}`)).body;

    assertError(await ops.put(`/api/admin/service-items/${parentCreated.id}`, { ...parent, name: '新名称', parentCode: other.code }), 400, 'ITEM_HAS_SUB_ITEMS');
    assertError(await ops.put(`/api/admin/service-items/${parentCreated.id}`, { ...parent, name: '新名称', code: other.code }), 409, 'ITEM_CODE_TAKEN');
    assertError(await ops.put(`/api/admin/service-items/${otherCreated.id}`, { ...other, code: freshCode(), parentCode: other.code }), 400, 'ITEM_PARENT_SELF');
    assertFieldError(await ops.put(`/api/admin/service-items/${parentCreated.id}`, { ...parent, name: '新名称', category: 'x' }), 'category', 'CATALOGUE_CATEGORY_INVALID');
    assert.deepEqual((await ops.get(`/api/admin/service-items/${parentCreated.id}`)).body, before);
    assert.deepEqual(await actions(parentCreated.id), ['item.create']);
    assertError(await ops.get('/api/admin/service-items/00000000-0000-4000-8000-000000000000'), 404, 'ITEM_NOT_FOUND');
    assertError(await ops.post('/api/admin/service-items/nonsense/disable'), 404, 'ITEM_NOT_FOUND');
  });
});

describe('only operators', () => {
  it('a reviewer gets STAFF_ROLE_REQUIRED and a citizen STAFF_ONLY on every service-item route; nothing changes', async () => {
    const ops = await operator();
    const body = item();
    const created = await create(ops, body);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer', 'admin']);
    const citizen = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('items') });
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/service-items'],
      ['GET', `/api/admin/service-items/${created.id}`],
      ['POST', '/api/admin/service-items', item()],
      ['PUT', `/api/admin/service-items/${created.id}`, { ...body, name: '不应改名' }],
      ['POST', `/api/admin/service-items/${created.id}/disable`],
      ['POST', `/api/admin/service-items/${created.id}/enable`],
    ];
    for (const [method, url, payload] of routes) {
      assertError(await reviewer.request(method, url, payload), 403, 'STAFF_ROLE_REQUIRED');
      assertError(await citizen.client.request(method, url, payload), 403, 'STAFF_ONLY');
    }
    assert.equal((await catalogue()).find((i) => i.code === body.code)?.name, body.name);
    assert.deepEqual(await actions(created.id), ['item.create']);
  });
});
