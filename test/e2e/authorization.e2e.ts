/**
 * 授权 in a real browser (issue 6): an organisation grants 事项办理员 in 人类遗传资源管理 through
 * 授权操作; the person sees the unit in 法人(单位)授权办理情况 and enters the OIDC demo
 * system for it through 办理入口; after 撤销授权 the entry is refused with 没有权限办理该事项.
 * Also: a 单位事项管理员 with 维护法人(单位)信息 edits the unit's 其他信息 (recorded under the
 * person's name); a person acting for two units chooses one at entry; the operator's 停用 in
 * 单位管理 shows as 停用 to the person, and 启用 restores it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../examples/common/http.ts';
import { maskDocumentNumber } from '../../src/accounts/rules.ts';
import { requestHolding } from '../../src/sso/approvals/service.ts';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { createStaff } from '../support/staff.ts';
import { fillDate } from './account-helpers.ts';
import {
  HGR,
  LIU_XIAOWEN,
  SUN_LIHUA,
  WU_JIAYI,
  ZHOU_RUN,
  cellTexts,
  enterFromCatalogue,
  grantThroughApi,
  openAuthorizations,
  openDelegations,
  organization,
  rowWith,
  startHgrDemo,
  verifiedPerson,
} from './authorization-helpers.ts';
import { eventually, sideMenu, staffLogin } from './backoffice-helpers.ts';
import { choose, viewValue } from './my-info-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, clickInDialog, dialogSettled } from './support.ts';

const suite = browserSuiteForFile();

const NO_PERMISSION = /^没有权限办理该事项/;
let demo: DemoServer;
let hgrId: string;

const hgrGroup = (page: Page) => page.getByRole('group', { name: HGR });

/** The demo system's page once signed in: the 代表单位 row says for whom and with which roles. */
async function demoActsFor(page: Page): Promise<string> {
  await page.waitForURL(`${demo.url}/`);
  await page.getByText(/^欢迎，/).waitFor();
  return page.locator('xpath=//th[normalize-space(.)="代表单位"]/following-sibling::td[1]').innerText();
}

describe('授权 (authorisation) in the browser', () => {
  before(async () => {
    ({ demo, systemId: hgrId } = await startHgrDemo(suite));
  });
  after(async () => {
    await demo?.close();
  });
  beforeEach(async () => {
    await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
  });

  test('an organisation grants 事项办理员; the person sees the unit and enters 人类遗传资源管理 for it; after 撤销授权 the entry is refused', async () => {
    const org = await organization(suite, [hgrId]);
    const person = await verifiedPerson(suite, WU_JIAYI);
    const masked = maskDocumentNumber(WU_JIAYI.documentNumber);

    // 在线办事 → 用户授权管理 → 授权操作
    const admin = await suite.newPage({ session: org.client });
    await admin.goto('/online/my-info');
    await admin.getByRole('navigation', { name: '在线办事' }).getByRole('link', { name: '用户授权管理' }).click();
    await admin.waitForURL(/\/online\/authorizations/);
    assert.equal(await admin.getByRole('tab', { name: '授权操作' }).getAttribute('aria-selected'), 'true');

    // The login name is not the real name: not found, with FAQ 10.3's explanation.
    await admin.getByLabel('姓名', { exact: true }).fill(person.body.loginName);
    await admin.getByLabel('证件号码', { exact: true }).fill(WU_JIAYI.documentNumber);
    await admin.getByRole('button', { name: '查询', exact: true }).click();
    await admin.getByRole('alert').filter({ hasText: '而不是登录名' }).waitFor();
    assert.equal(await hgrGroup(admin).count(), 0, 'no role form without a person');

    await admin.getByLabel('姓名', { exact: true }).fill(WU_JIAYI.name);
    await admin.getByRole('button', { name: '查询', exact: true }).click();
    const found = admin.getByRole('region', { name: '授权用户', exact: true });
    await found.getByText(masked, { exact: true }).waitFor();
    assert.equal(await found.getByText(WU_JIAYI.documentNumber).count(), 0, 'the document number only masked');

    // Nothing ticked: refused, nothing granted.
    await admin.getByRole('button', { name: '确定授权', exact: true }).click();
    await admin.getByText('请至少勾选一个授权角色').waitFor();
    assert.deepEqual((await org.client.get('/api/org/authorizations')).body.authorizations, []);

    await hgrGroup(admin).getByLabel('事项办理员', { exact: true }).check();
    await admin.getByRole('button', { name: '确定授权', exact: true }).click();
    await admin.getByText(`已授权给 ${WU_JIAYI.name}。`).waitFor();

    await admin.getByRole('tab', { name: '授权用户管理' }).click();
    const granted = rowWith(admin.locator('section[aria-label="授权用户管理"][aria-busy="false"]'), WU_JIAYI.name);
    const cells = await cellTexts(granted);
    assert.deepEqual(cells.slice(0, 5), [WU_JIAYI.name, masked, `${HGR}：事项办理员`, '否', '长期有效']);
    assert.match(cells[5]!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(cells[6], '正常');

    // The person: 我的信息 → 法人(单位)授权办理情况.
    const page = await suite.newPage({ session: person.client });
    const delegations = await openDelegations(page);
    await delegations.getByRole('heading', { name: '单位授权办理情况' }).waitFor();
    await delegations.getByText('可以点击“授权单位名称”蓝色字体').waitFor();
    await delegations.getByText('若授权单位已被停用，则授权单位相关操作也将被停用。').waitFor();
    const headers = (await delegations.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    assert.deepEqual(headers, ['序号', '授权单位名称', '授权法人姓名', '授权时间', '授权信息', '授权单位状态']);
    const unit = rowWith(delegations, org.name);
    const unitCells = await cellTexts(unit);
    assert.deepEqual([unitCells[0], unitCells[1], unitCells[2], unitCells[4], unitCells[5]], ['1', org.name, org.legalRepresentativeName, '查看', '正常']);
    assert.equal(await unit.getByRole('link', { name: org.name }).count(), 0, 'no link without 维护法人(单位)信息');
    await unit.getByRole('button', { name: /查看/ }).click();
    const details = page.getByRole('dialog', { name: '授权信息' });
    await rowWith(details, HGR).getByText('事项办理员').waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // 服务事项 → 人类遗传资源管理 → 办理入口: the demo system says for whom and as what.
    await enterFromCatalogue(page, '遗传', HGR);
    assert.equal(await demoActsFor(page), `${org.name}（${org.creditCode}）：事项办理员`);

    // 授权用户管理 → 撤销授权, confirmed.
    await granted.getByRole('button', { name: '撤销授权', exact: true }).click();
    const confirm = admin.getByRole('dialog').filter({ hasText: '确定撤销' });
    await clickInDialog(confirm, '确定');
    await admin.getByText('已撤销授权').waitFor();
    await eventually(async () => assert.equal(await rowWith(admin, WU_JIAYI.name).count(), 0));

    // 授权记录: the grant and the revocation, newest first, by the organisation's account.
    await admin.getByRole('tab', { name: '授权记录' }).click();
    const records = admin.locator('section[aria-label="授权记录"][aria-busy="false"]');
    await records.waitFor();
    const [revoked, grantedRecord] = await Promise.all([cellTexts(records.getByRole('row').nth(1)), cellTexts(records.getByRole('row').nth(2))]);
    assert.equal(revoked[1], '撤销授权');
    assert.equal(grantedRecord[1], '授权');
    assert.equal(revoked[2], WU_JIAYI.name);
    assert.match(grantedRecord[4]!, new RegExp(`${HGR}：事项办理员`));

    // The next entry is refused with the seed's message.
    await enterFromCatalogue(page, '遗传', HGR);
    await page.waitForURL(/\/services\/entry\/hgr$/);
    await page.getByRole('dialog').getByText(NO_PERMISSION).waitFor();
    await page.goto('/online/my-info');
    await page.getByRole('tab', { name: '法人(单位)授权办理情况' }).click();
    await page.getByText('暂无单位授权').waitFor();
    await admin.context().close();
    await page.context().close();
  });

  test('a 单位事项管理员 with 维护法人(单位)信息 edits the unit’s 其他信息 through the unit name; the record names the person', async () => {
    const org = await organization(suite, [hgrId]);
    const person = await verifiedPerson(suite, SUN_LIHUA);

    const admin = await suite.newPage({ session: org.client });
    await openAuthorizations(admin, '授权操作');
    await admin.getByLabel('姓名', { exact: true }).fill(SUN_LIHUA.name);
    await admin.getByLabel('证件号码', { exact: true }).fill(SUN_LIHUA.documentNumber);
    await admin.getByRole('button', { name: '查询', exact: true }).click();
    await hgrGroup(admin).waitFor();
    // 维护信息 with 事项办理员 only: refused.
    await hgrGroup(admin).getByLabel('事项办理员', { exact: true }).check();
    await admin.getByLabel('维护法人(单位)信息', { exact: true }).check();
    await admin.getByRole('button', { name: '确定授权', exact: true }).click();
    await admin.getByText('维护法人(单位)信息权限需同时授予单位事项管理员角色').first().waitFor();
    assert.deepEqual((await org.client.get('/api/org/authorizations')).body.authorizations, []);

    await hgrGroup(admin).getByLabel('事项办理员', { exact: true }).uncheck();
    await hgrGroup(admin).getByLabel('单位事项管理员', { exact: true }).check();
    await fillDate(admin.getByLabel('授权有效期终止日期', { exact: true }), '2099-12-31');
    await admin.getByRole('button', { name: '确定授权', exact: true }).click();
    await admin.getByText(`已授权给 ${SUN_LIHUA.name}。`).waitFor();
    const [saved] = (await org.client.get('/api/org/authorizations')).body.authorizations;
    assert.equal(saved.maintainInfo, true);
    assert.equal(saved.validTo, '2099-12-31');

    // The person follows the unit's name to its information and edits 授权法人(单位)其他信息.
    const page = await suite.newPage({ session: person.client });
    const delegations = await openDelegations(page);
    await rowWith(delegations, org.name).getByRole('link', { name: org.name }).click();
    await page.waitForURL(new RegExp(`/online/delegations/${org.accountId}$`));
    await page.getByRole('tab', { name: '授权法人(单位)基本信息' }).waitFor();
    assert.equal(await viewValue(page, '单位名称').innerText(), org.name);
    assert.equal(await page.getByRole('button', { name: '上传法人信息' }).count(), 0, 'uploads stay with the organisation');
    await page.getByRole('tab', { name: '授权法人(单位)其他信息' }).click();
    await page.getByRole('button', { name: '修改信息', exact: true }).click();
    await page.getByLabel('单位经营期限', { exact: true }).fill('长期');
    await page.getByLabel('所属行业1', { exact: true }).fill('医药制造业');
    await page.getByLabel('所属行业2', { exact: true }).fill('生物药品制造');
    await page.getByLabel('工商登记机关', { exact: true }).fill('北京市海淀区市场监督管理局');
    await fillDate(page.getByLabel('核准日期', { exact: true }), '2021-03-04');
    await page.getByLabel('外资来源地', { exact: true }).fill('无');
    await choose(page, '所得税征收方式', '查账征收');
    await choose(page, '企业类型', '有限责任公司');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('保存成功').waitFor();
    assert.equal(await viewValue(page, '所属行业1').innerText(), '医药制造业');

    // The organisation sees the change in its own 信息更新记录, under the person's name.
    const own = await org.client.get('/api/me/profile');
    assert.equal(own.body.organizationOther.industry1, '医药制造业');
    await admin.goto('/online/my-info?tab=organization_other');
    await admin.getByRole('button', { name: '信息更新记录', exact: true }).click();
    const recordsDialog = admin.getByRole('dialog', { name: '信息更新记录' });
    const industry = rowWith(recordsDialog, '所属行业1');
    await industry.waitFor();
    assert.match(await industry.innerText(), new RegExp(`${SUN_LIHUA.name}[\\s\\S]*医药制造业`));

    // 授权用户管理 → 修改: a period ending before it starts is refused; adding 事项办理员 is saved and recorded.
    await openAuthorizations(admin, '授权用户管理');
    await rowWith(admin, SUN_LIHUA.name).getByRole('button', { name: '修改', exact: true }).click();
    const change = admin.getByRole('dialog', { name: `修改授权：${SUN_LIHUA.name}` });
    await dialogSettled(change);
    assert.equal(await change.getByRole('group', { name: HGR }).getByLabel('单位事项管理员', { exact: true }).isChecked(), true);
    assert.equal(await change.getByLabel('维护法人(单位)信息', { exact: true }).isChecked(), true);
    await change.getByRole('group', { name: HGR }).getByLabel('事项办理员', { exact: true }).check();
    await fillDate(change.getByLabel('授权有效期起始日期', { exact: true }), '2100-01-01');
    await clickInDialog(change, '确定');
    await change.getByText('授权有效期的终止日期不能早于起始日期。').waitFor();
    assert.deepEqual((await org.client.get('/api/org/authorizations')).body.authorizations[0].systems[0].roles.map((r: { code: string }) => r.code), ['item_admin']);
    await fillDate(change.getByLabel('授权有效期起始日期', { exact: true }), '2020-01-01');
    await clickInDialog(change, '确定');
    await admin.getByText('修改授权成功').waitFor();
    await change.waitFor({ state: 'hidden' });
    const [changed] = (await org.client.get('/api/org/authorizations')).body.authorizations;
    assert.deepEqual(changed.systems[0].roles.map((r: { code: string }) => r.code).sort(), ['item_admin', 'item_handler']);
    assert.deepEqual([changed.validFrom, changed.validTo], ['2020-01-01', '2099-12-31']);
    // The list reloads after the dialog closes: wait for the row to show the new role.
    await eventually(async () => assert.match(await rowWith(admin, SUN_LIHUA.name).innerText(), /事项办理员/));
    await admin.getByRole('tab', { name: '授权记录' }).click();
    const latest = admin.locator('section[aria-label="授权记录"][aria-busy="false"]').getByRole('row').nth(1);
    assert.equal((await cellTexts(latest))[1], '修改授权');
    await admin.context().close();
    await page.context().close();
  });

  test('a person authorised by two units chooses one at 办理入口 and the demo system receives only that one', async () => {
    const first = await organization(suite, [hgrId]);
    const second = await organization(suite, [hgrId]);
    const person = await verifiedPerson(suite, LIU_XIAOWEN);
    await grantThroughApi(first, LIU_XIAOWEN, [{ key: 'hgr', roles: ['item_handler'] }]);
    await grantThroughApi(second, LIU_XIAOWEN, [{ key: 'hgr', roles: ['item_admin'] }]);

    const page = await suite.newPage({ session: person.client });
    await enterFromCatalogue(page, '遗传', HGR);
    await page.getByText('请选择办理单位').waitFor();
    const choices = page.getByRole('radiogroup', { name: '办理单位' });
    await choices.getByRole('radio', { name: `${first.name}（事项办理员）`, exact: true }).waitFor();
    await choices.getByRole('radio', { name: `${second.name}（单位事项管理员）`, exact: true }).check();
    await page.getByRole('button', { name: '确定', exact: true }).click();
    assert.equal(await demoActsFor(page), `${second.name}（${second.creditCode}）：单位事项管理员`);
    await page.context().close();
  });

  test('the operator disables the unit in 单位管理: the person sees 停用 and cannot enter; 启用 restores it', async () => {
    const org = await organization(suite, [hgrId]);
    const person = await verifiedPerson(suite, ZHOU_RUN);
    await grantThroughApi(org, ZHOU_RUN, [{ key: 'hgr', roles: ['item_admin'] }], true);
    const idle = await organization(suite);

    // An organisation holding no system is told how to get one (FAQ 10.4).
    const idlePage = await suite.newPage({ session: idle.client });
    await idlePage.goto('/online/authorizations');
    await idlePage.getByText('进入一次才能获取权限').waitFor();
    await idlePage.context().close();

    const operator = await staffLogin(suite, await createStaff(suite.platform, ['operator'], '运维'));
    await sideMenu(operator).getByRole('link', { name: '单位管理' }).click();
    await operator.getByLabel('单位名称或统一社会信用代码', { exact: true }).fill(org.creditCode);
    await operator.getByRole('button', { name: '查询', exact: true }).click();
    const list = operator.locator('section[aria-label="单位列表"][aria-busy="false"]');
    await eventually(async () => assert.deepEqual((await cellTexts(rowWith(list, org.creditCode))).slice(0, 4), [org.name, org.creditCode, (await org.client.get('/api/me')).body.loginName, '正常']));
    // 取消 in the confirmation changes nothing.
    await rowWith(list, org.creditCode).getByRole('button', { name: '停用', exact: true }).click();
    await clickInDialog(operator.getByRole('dialog'), '取消');
    assert.equal((await person.client.get('/api/me/delegations')).body.delegations[0].status, 'normal');

    await rowWith(list, org.creditCode).getByRole('button', { name: '停用', exact: true }).click();
    await clickInDialog(operator.getByRole('dialog'), '确定');
    await rowWith(list, org.creditCode).getByRole('button', { name: '启用', exact: true }).waitFor();

    const page = await suite.newPage({ session: person.client });
    const delegations = await openDelegations(page);
    const unit = rowWith(delegations, org.name);
    assert.equal((await cellTexts(unit))[5], '停用');
    assert.equal(await unit.getByRole('link', { name: org.name }).count(), 0, 'a suspended unit is not maintained');
    await enterFromCatalogue(page, '遗传', HGR);
    await page.waitForURL(/\/services\/entry\/hgr$/);
    await page.getByRole('dialog').getByText(/授权单位已被停用/).waitFor();

    await rowWith(list, org.creditCode).getByRole('button', { name: '启用', exact: true }).click();
    await clickInDialog(operator.getByRole('dialog'), '确定');
    await rowWith(list, org.creditCode).getByRole('button', { name: '停用', exact: true }).waitFor();
    const again = await openDelegations(page);
    assert.equal((await cellTexts(rowWith(again, org.name)))[5], '正常');
    await rowWith(again, org.name).getByRole('link', { name: org.name }).waitFor();
    await operator.context().close();
    await page.context().close();
  });

  test('on a phone (390 × 844) the authorisation lists are lists, not tables, and the pages fit the screen', async () => {
    const CHEN_JING = { name: '陈静', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01', longTerm: false };
    const org = await organization(suite, [hgrId]);
    const person = await verifiedPerson(suite, CHEN_JING);
    await grantThroughApi(org, CHEN_JING, [{ key: 'hgr', roles: ['item_handler'] }]);
    const PHONE = { width: 390, height: 844 };

    const admin = await suite.newPage({ session: org.client, viewport: PHONE });
    await admin.goto('/online/authorizations?tab=users');
    const users = admin.locator('section[aria-label="授权用户管理"][aria-busy="false"]');
    await users.getByText(maskDocumentNumber(CHEN_JING.documentNumber)).waitFor();
    // One card per authorisation (a one-column Descriptions), not antd's wide Table.
    assert.equal(await users.locator('.ant-table').count(), 0);
    await users.getByRole('listitem').filter({ hasText: CHEN_JING.name }).getByRole('button', { name: '撤销授权' }).waitFor();
    assert.deepEqual(await admin.getByRole('heading', { level: 1 }).allInnerTexts(), ['用户授权管理']);
    await checkPage(admin, 'authorizations-users-phone');

    const page = await suite.newPage({ session: person.client, viewport: PHONE });
    const delegations = await openDelegations(page);
    await delegations.getByText(org.name).waitFor();
    assert.equal(await delegations.locator('.ant-table').count(), 0);
    await delegations.getByRole('listitem').filter({ hasText: org.name }).getByText('授权单位状态').waitFor();
    await delegations.getByRole('button', { name: `查看 ${org.name} 的授权信息` }).click();
    const dialog = page.getByRole('dialog', { name: '授权信息' });
    await dialog.getByText(`${HGR}`).first().waitFor();
    assert.equal(await dialog.locator('.ant-table').count(), 0);
    await checkPage(page, 'delegations-phone');
    await admin.context().close();
    await page.context().close();
  });

  test('an organisation that entered a system approving organisations reads 待业务系统审核 in 授权操作, until the operator approves in 单位管理 → 系统审核; 撤销 takes it back', async () => {
    const key = `approving-${Date.now()}`;
    const name = '外国专家项目管理信息系统（测试）';
    const system = await systemsStore(suite.platform.db, suite.platform.cipher).create({
      key,
      name,
      department: '引进国外智力管理司',
      audience: 'both',
      requiresVerification: false,
      requirements: [],
      requiresApproval: true,
      roles: [{ code: 'clerk', name: '事项办理员' }],
      oidc: null,
      casServicePrefix: null,
      mobileAllowed: false,
      enabled: true,
    });
    const org = await organization(suite);
    await requestHolding(suite.platform.db, org.accountId, system.id);
    const page = await suite.newPage({ session: org.client });
    await page.goto('/online/authorizations');
    await page.getByText(`待业务系统审核：${name}`).waitFor();
    await page.context().close();

    // The operator approves in 单位管理 → 系统审核 (the system itself could, through the system API).
    const operator = await staffLogin(suite, await createStaff(suite.platform, ['operator'], '运维'));
    await sideMenu(operator).getByRole('link', { name: '单位管理' }).click();
    await operator.getByLabel('单位名称或统一社会信用代码', { exact: true }).fill(org.creditCode);
    await operator.getByRole('button', { name: '查询', exact: true }).click();
    const list = operator.locator('section[aria-label="单位列表"][aria-busy="false"]');
    await rowWith(list, org.creditCode).getByRole('button', { name: '系统审核', exact: true }).click();
    const dialog = operator.getByRole('dialog', { name: `系统审核：${org.name}` });
    await dialogSettled(dialog);
    const item = dialog.getByRole('listitem').filter({ hasText: name });
    await item.getByText('待业务系统审核', { exact: true }).waitFor();
    await item.getByRole('button', { name: '审核通过', exact: true }).click();
    // A pending holding shows both buttons: approved is when 审核通过 is gone and its tag shows.
    await item.getByRole('button', { name: '审核通过', exact: true }).waitFor({ state: 'detached' });
    await item.locator('.ant-tag', { hasText: '审核通过' }).waitFor();
    assert.equal(await item.getByRole('button', { name: '撤销', exact: true }).count(), 1, 'approved: only 撤销 is left');
    assert.equal((await suite.platform.db.query('select 1 from organization_systems where account_id = $1 and system_id = $2', [org.accountId, system.id])).length, 1);

    const after = await suite.newPage({ session: org.client });
    await after.goto('/online/authorizations');
    await after.getByRole('textbox', { name: '证件号码' }).waitFor();
    assert.equal(await after.getByText('待业务系统审核：').count(), 0);
    await after.context().close();

    // 撤销 takes the holding back: the organisation no longer holds the system.
    await item.getByRole('button', { name: '撤销', exact: true }).click();
    await item.getByText('未进入', { exact: true }).waitFor();
    assert.equal((await suite.platform.db.query('select 1 from organization_systems where account_id = $1 and system_id = $2', [org.accountId, system.id])).length, 0);
    await operator.context().close();
  });
});
