/**
 * 我的信息 of a legal person in a real browser: 法人单位基本信息 (the incomplete notice, the
 * form, a name another organisation holds), 法人单位其他信息 and 主代办人信息 with its records.
 * Organisations are registered and logged in through the API; the browser gets the cookies.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { maskPhone } from '../../src/accounts/rules.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { SAVED, acknowledgeSave, choose, openMyInfo, viewValue } from './my-info-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const INCOMPLETE = '用户信息不全，请及时补充！';

const suite = browserSuiteForFile();

const registeredOrganization = async () => {
  const { client, body } = await registerAndLogIn(suite.baseUrl, 'legal');
  return { client, registration: body };
};

async function fillDate(page: Page, label: string, date: string) {
  await page.getByLabel(label, { exact: true }).fill(date);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name });
const panel = (page: Page) => page.getByRole('tabpanel');

describe('我的信息 (legal person)', () => {
  test('法人单位基本信息: the incomplete notice goes once the required information is saved', async () => {
    const { client, registration } = await registeredOrganization();
    const page = await openMyInfo(suite, client);
    assert.equal(await tab(page, '法人单位基本信息').getAttribute('aria-selected'), 'true');
    await panel(page).getByText('系统已确认的法人信息').waitFor();
    await panel(page).getByText(INCOMPLETE).waitFor();
    assert.equal(await viewValue(page, '统一社会信用代码').innerText(), registration.organization.code);
    assert.equal(await viewValue(page, '法定代表人移动电话').innerText(), maskPhone(registration.legalRepresentative.mobile));

    await page.getByRole('button', { name: '修改法人信息', exact: true }).click();
    await page.getByText('带*号的为必填项，且所填写内容必须真实有效。').waitFor();
    assert.equal(await page.getByLabel('单位名称', { exact: true }).inputValue(), registration.organization.name);
    // The code's label and the region's fields follow 法人所在地区类型.
    await page.getByRole('radiogroup', { name: '法人所在地区类型' }).getByText('境外单位').click();
    await page.getByLabel('单位唯一标识码', { exact: true }).waitFor();
    await page.getByLabel('所属国家', { exact: true }).waitFor();
    await page.getByRole('radiogroup', { name: '法人所在地区类型' }).getByText('境内单位').click();
    await page.getByLabel('统一社会信用代码', { exact: true }).waitFor();

    await choose(page, '单位性质', '私营企业');
    await page.getByRole('radiogroup', { name: '是否独立法人' }).getByText('是', { exact: true }).click();
    await page.getByLabel('单位地址', { exact: true }).fill('北京市海淀区中关村大街1号');
    await fillDate(page, '单位成立日期', '2014-10-15');
    await page.getByLabel('邮政编码', { exact: true }).fill('1000');
    await page.getByLabel('通信地址', { exact: true }).fill('北京市海淀区中关村大街1号');
    await page.getByLabel('法定代表人电子邮箱', { exact: true }).fill('legal.rep@example.cn');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('邮政编码应为6位数字。').waitFor();
    await page.getByLabel('邮政编码', { exact: true }).fill('100080');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await acknowledgeSave(page, SAVED.organizationBasic);
    await page.getByRole('button', { name: '修改法人信息', exact: true }).waitFor();
    assert.equal(await panel(page).getByText(INCOMPLETE).count(), 0);
    assert.equal(await viewValue(page, '单位性质').innerText(), '私营企业');
    assert.equal(await viewValue(page, '是否独立法人').innerText(), '是');
    assert.equal(await viewValue(page, '单位成立日期').innerText(), '2014-10-15');
    assert.equal(await viewValue(page, '法定代表人电子邮箱').innerText(), 'legal.rep@example.cn');
    assert.equal(await viewValue(page, '法定代表人移动电话').innerText(), maskPhone(registration.legalRepresentative.mobile));
    const profile = await client.get('/api/me/profile');
    assert.deepEqual(profile.body.missing.organization_basic, []);
    await page.context().close();
  });

  test('法人单位其他信息 is saved and shown', async () => {
    const { client } = await registeredOrganization();
    const page = await openMyInfo(suite, client);
    await tab(page, '法人单位其他信息').click();
    await panel(page).getByText('系统已确认的法人其他信息').waitFor();
    await page.getByRole('button', { name: '修改信息', exact: true }).click();
    await page.getByText('高企/科技型中小企业请完善以下内容').first().waitFor();
    await page.getByLabel('单位经营期限', { exact: true }).fill('长期');
    await page.getByLabel('所属行业1', { exact: true }).fill('软件和信息技术服务业');
    await page.getByLabel('所属行业2', { exact: true }).fill('软件开发');
    await page.getByLabel('工商登记机关', { exact: true }).fill('北京市海淀区市场监督管理局');
    await fillDate(page, '核准日期', '2020-05-06');
    await page.getByLabel('外资来源地', { exact: true }).fill('无');
    await choose(page, '所得税征收方式', '查账征收');
    await choose(page, '企业类型', '有限责任公司');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('保存成功').waitFor();
    await page.getByRole('button', { name: '修改信息', exact: true }).waitFor();
    assert.equal(await viewValue(page, '所属行业1').innerText(), '软件和信息技术服务业');
    assert.equal(await viewValue(page, '核准日期').innerText(), '2020-05-06');
    assert.equal(await viewValue(page, '所得税征收方式').innerText(), '查账征收');
    assert.equal(await viewValue(page, '企业类型').innerText(), '有限责任公司');
    await page.context().close();
  });

  test('主代办人信息 is edited and 信息更新记录 shows the change', async () => {
    const { client, registration } = await registeredOrganization();
    const page = await openMyInfo(suite, client);
    await tab(page, '主代办人信息').click();
    await panel(page).getByText('系统已确认的主代办人信息').waitFor();
    assert.equal(await viewValue(page, '移动电话').innerText(), maskPhone(registration.primaryAgent.mobile));
    await page.getByRole('button', { name: '修改主代办人信息', exact: true }).click();
    assert.equal(await page.getByLabel('登录名', { exact: true }).inputValue(), registration.loginName);
    await page.getByRole('button', { name: '修改密码', exact: true }).click();
    await page.getByLabel('原密码', { exact: true }).waitFor();
    await page.getByRole('button', { name: '取消密码修改', exact: true }).click();
    assert.equal(await page.getByLabel('原密码', { exact: true }).count(), 0);

    await page.getByLabel('移动电话', { exact: true }).fill('1380013800');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('手机号码格式不正确，请填写有效的大陆手机号码（11位）。').waitFor();
    await page.getByLabel('移动电话', { exact: true }).fill('13800138000');
    await page.getByLabel('电话', { exact: true }).fill('010-88659000');
    await page.getByLabel('电子邮箱', { exact: true }).fill('agent@example.cn');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await acknowledgeSave(page, SAVED.primaryAgent);
    assert.equal(await viewValue(page, '移动电话').innerText(), '13*****000');
    assert.equal(await viewValue(page, '电话').innerText(), '010-88659000');

    await page.getByRole('button', { name: '信息更新记录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '信息更新记录' });
    const row = (field: string) => dialog.getByRole('row').filter({ has: page.getByRole('cell', { name: field, exact: true }) });
    assert.match(await row('电话').innerText(), /010-88659000/);
    assert.match(await row('电子邮箱').innerText(), /agent@example\.cn/);
    assert.match(await row('移动电话').innerText(), new RegExp(`${maskPhone(registration.primaryAgent.mobile).replace(/\*/g, '\\*')}\\s+13\\*{5}000`));
    await page.context().close();
  });

  test('the 单位名称 of another organisation is refused and nothing changes', async () => {
    const other = await registeredOrganization();
    const { client, registration } = await registeredOrganization();
    const page = await openMyInfo(suite, client);
    await page.getByRole('button', { name: '修改法人信息', exact: true }).click();
    await page.getByLabel('单位名称', { exact: true }).fill(other.registration.organization.name);
    await choose(page, '单位性质', '私营企业');
    await page.getByRole('radiogroup', { name: '是否独立法人' }).getByText('否', { exact: true }).click();
    await page.getByLabel('单位地址', { exact: true }).fill('上海市浦东新区世纪大道100号');
    await fillDate(page, '单位成立日期', '2010-01-01');
    await page.getByLabel('通信地址', { exact: true }).fill('上海市浦东新区世纪大道100号');
    await page.getByLabel('法定代表人电子邮箱', { exact: true }).fill('rep@example.cn');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(/^单位名称已存在/).waitFor();
    assert.equal(await page.getByText(SAVED.organizationBasic).count(), 0);

    await page.reload();
    assert.equal(await viewValue(page, '单位名称').innerText(), registration.organization.name);
    assert.equal(await viewValue(page, '单位地址').innerText(), '');
    await panel(page).getByText(INCOMPLETE).waitFor();
    const records = await client.get('/api/me/update-records?section=organization_basic');
    assert.deepEqual(records.body.records, []);
    await page.context().close();
  });
});
