/**
 * 我的信息 of a natural person in a real browser: masked data, 修改个人信息 and its checks,
 * 信息更新记录, 修改密码, and the English page. Users are registered and logged in through
 * the API; the browser gets their session cookies.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskDocumentNumber, maskPhone } from '../../src/accounts/rules.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { ApiClient } from '../support/client.ts';
import { SAVED, acknowledgeSave, choose, openMyInfo, saveDialog, viewValue } from './my-info-helpers.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

const registeredPerson = async () => {
  const { client, body } = await registerAndLogIn(suite.baseUrl, 'natural');
  return { client, registration: body };
};

describe('我的信息 (natural person)', () => {
  test('shows masked data; 修改个人信息 saves, and 信息更新记录 lists old and new values', async () => {
    const { client, registration } = await registeredPerson();
    const page = await openMyInfo(suite, client);
    await page.getByRole('link', { name: '我的信息' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '我的评价', exact: true }).getAttribute('href'), '/online/reviews');
    await page.getByRole('tab', { name: '自然人用户信息' }).waitFor();
    await page.getByText('自然人用户信息管理').waitFor();
    assert.equal(await viewValue(page, '手机').innerText(), maskPhone(registration.mobile));
    assert.equal(await viewValue(page, '证件号码').innerText(), maskDocumentNumber(registration.documentNumber));
    assert.equal(await viewValue(page, '类型').innerText(), '中华人民共和国大陆地区');

    await page.getByRole('button', { name: '修改个人信息', exact: true }).click();
    await page.getByText('带*号的为必填项，且所填写内容必须真实有效。').waitFor();
    assert.equal(await page.getByLabel('登录名', { exact: true }).inputValue(), registration.loginName);
    assert.equal(await page.getByLabel('手机', { exact: true }).inputValue(), maskPhone(registration.mobile));
    await choose(page, '性别', '男');
    await choose(page, '民族', '汉族');
    await page.getByLabel('电子邮箱', { exact: true }).fill('zhang.san@example.cn');
    await page.getByLabel('详细地址', { exact: true }).fill('北京市海淀区复兴路15号');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await acknowledgeSave(page, SAVED.naturalPerson);
    await page.getByRole('button', { name: '修改个人信息', exact: true }).waitFor();
    assert.equal(await viewValue(page, '性别').innerText(), '男');
    assert.equal(await viewValue(page, '民族').innerText(), '汉族');
    assert.equal(await viewValue(page, '电子邮箱').innerText(), 'zhang.san@example.cn');
    assert.equal(await viewValue(page, '详细地址').innerText(), '北京市海淀区复兴路15号');
    assert.equal(await viewValue(page, '手机').innerText(), maskPhone(registration.mobile), 'the masked mobile sent back keeps the stored one');

    await page.getByRole('button', { name: '信息更新记录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '信息更新记录' });
    for (const header of ['更新时间', '操作人', '字段', '原值', '新值']) await dialog.getByRole('columnheader', { name: header }).waitFor();
    const row = (field: string) => dialog.getByRole('row').filter({ has: page.getByRole('cell', { name: field, exact: true }) });
    assert.match(await row('性别').innerText(), new RegExp(`${registration.loginName}\\s+性别\\s+男`));
    assert.match(await row('电子邮箱').innerText(), /zhang\.san@example\.cn/);
    assert.match(await row('详细地址').innerText(), /北京市海淀区复兴路15号/);
    assert.match(await row('民族').innerText(), /汉族/);
    assert.equal(await dialog.getByRole('cell', { name: '手机', exact: true }).count(), 0, 'an untouched masked mobile is no change');
    await page.context().close();
  });

  test('a bad e-mail and an emptied 姓名 show their errors and save nothing', async () => {
    const { client, registration } = await registeredPerson();
    const page = await openMyInfo(suite, client);
    await page.getByRole('button', { name: '修改个人信息', exact: true }).click();
    await page.getByLabel('电子邮箱', { exact: true }).fill('zhang.san@');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('电子邮箱格式不正确。').waitFor();

    await page.getByLabel('电子邮箱', { exact: true }).fill('');
    await page.getByLabel('姓名', { exact: true }).fill('');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('此项为必填项').waitFor();
    assert.equal(await page.getByText(SAVED.naturalPerson).count(), 0);

    await page.reload();
    assert.equal(await viewValue(page, '姓名').innerText(), registration.name);
    assert.equal(await viewValue(page, '电子邮箱').innerText(), '');
    const records = await client.get('/api/me/update-records?section=natural_person');
    assert.deepEqual(records.body.records, []);
    await page.context().close();
  });

  test('修改密码: a wrong 原密码 is refused, a correct change works at the next login', async () => {
    const { client, registration } = await registeredPerson();
    const page = await openMyInfo(suite, client);
    await page.getByRole('button', { name: '修改个人信息', exact: true }).click();
    await page.getByRole('button', { name: '修改密码', exact: true }).click();
    await page.getByLabel('原密码', { exact: true }).fill('Wrong-Passw0rd');
    await page.getByLabel('新密码', { exact: true }).fill('N3w-Passw0rd!x');
    await page.getByRole('status', { name: '密码强度' }).getByText('强', { exact: true }).waitFor();
    await page.getByLabel('确认新密码', { exact: true }).fill('N3w-Passw0rd!x');
    await page.getByRole('button', { name: '确认修改', exact: true }).click();
    await page.getByText('原密码错误').waitFor();

    await page.getByLabel('原密码', { exact: true }).fill(registration.password);
    await page.getByLabel('确认新密码', { exact: true }).press('Enter');
    await page.getByText('密码修改成功').waitFor();
    await page.getByRole('button', { name: '修改密码', exact: true }).waitFor();
    assert.equal(await page.getByText(SAVED.naturalPerson).count(), 0, 'Enter in the password fields does not save the profile');

    const fresh = new ApiClient(suite.baseUrl);
    assert.notEqual((await fresh.login('natural', registration.loginName, registration.password)).status, 200);
    assert.equal((await fresh.login('natural', registration.loginName, 'N3w-Passw0rd!x')).status, 200);
    await page.context().close();
  });

  test('works in English', async () => {
    const { client, registration } = await registeredPerson();
    const page = await openMyInfo(suite, client, 'en');
    await page.getByRole('tab', { name: 'Personal information' }).waitFor();
    assert.equal(await viewValue(page, 'Identity type').innerText(), "Mainland of the People's Republic of China");
    await page.getByRole('button', { name: 'Edit personal information' }).click();
    await page.getByText('Fields marked * are required').waitFor();
    await choose(page, 'Gender', 'Female');
    await page.getByLabel('E-mail', { exact: true }).fill('not-an-address');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Invalid e-mail address.').waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill('li.si@example.org');
    await page.getByRole('button', { name: 'Save' }).click();
    await clickInDialog(await saveDialog(page, 'Your personal information has been saved.'), 'OK');
    assert.equal(await viewValue(page, 'Gender').innerText(), 'Female');
    assert.equal(await viewValue(page, 'Mobile').innerText(), maskPhone(registration.mobile));
    await page.context().close();
  });

  test('on a phone (390 × 844): one h1 and its title, tabs without a button, values on one line, labels above the fields', async () => {
    const { client, registration } = await registeredPerson();
    const page = await suite.newPage({ session: client, viewport: { width: 390, height: 844 } });
    await page.goto('/online/my-info');
    await page.getByRole('tab', { name: '自然人用户信息' }).waitFor();
    assert.deepEqual(await page.getByRole('heading', { level: 1 }).allInnerTexts(), ['我的信息']);
    assert.equal(await page.title(), '我的信息 - 科学技术部政务服务平台');
    // Both tabs on the screen, and nothing but tabs in the tablist (antd's overflow "more" button was axe's critical finding).
    await page.getByRole('tab', { name: '法人(单位)授权办理情况' }).waitFor();
    assert.equal(await page.getByRole('tablist').getByRole('button').count(), 0);
    for (const name of ['自然人用户信息', '法人(单位)授权办理情况']) {
      const box = (await page.getByRole('tab', { name }).boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 390, `tab ${name} within the screen: ${JSON.stringify(box)}`);
    }
    // A value cell wide enough for its words: the login name on one line, not one character per line.
    const loginName = viewValue(page, '登录名');
    assert.equal(await loginName.innerText(), registration.loginName);
    const cell = (await loginName.boundingBox())!;
    assert.ok(cell.width > 4 * 14, `登录名's value is ${cell.width}px wide`);
    assert.ok(cell.height < 3 * 22, `登录名's value is ${cell.height}px high`);
    await checkPage(page, 'my-info-natural-phone');

    await page.getByRole('button', { name: '信息更新记录', exact: true }).click();
    const records = page.getByRole('dialog', { name: '信息更新记录' });
    await records.getByText('暂无更新记录').waitFor();
    assert.equal(await records.locator('.ant-table').count(), 0, 'a list, not a table, on a phone');
    await records.locator('.ant-list').waitFor();
    await page.keyboard.press('Escape');
    await records.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '修改个人信息', exact: true }).click();
    const email = page.getByLabel('电子邮箱', { exact: true });
    const label = (await page.locator('label[for$="_email"]').boundingBox())!;
    const input = (await email.boundingBox())!;
    assert.ok(label.y + label.height <= input.y + 1, `电子邮箱's label above its field: ${JSON.stringify({ label, input })}`);
    assert.ok(input.width > 250, `the field takes the width of the screen: ${input.width}px`);
    await checkPage(page, 'my-info-natural-edit-phone');
    await page.context().close();
  });
});
