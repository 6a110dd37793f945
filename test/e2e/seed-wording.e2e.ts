/**
 * Issue 14, in the browser: words and links the seeds have that the pages lacked.
 * - 10: technology-contract manual 1. (用户信息): 为避免影响实名认证，请务必准确填写本人的证件信息，填写后请仔细核对！
 * - 9: foreigner manual 4.2.3: 如存在特殊情况请点击“此处”上传其他材料, with 此处 a link to the upload.
 * - 6: foreigner quick start 1. 登录流程变更: the work-permit notice with all its steps.
 * Each at desktop width and at phone width (390 px).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { openUploadPage } from './materials-helpers.ts';
import { openMyInfo } from './my-info-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const suite = browserSuiteForFile();

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const ACCURACY = '为避免影响实名认证，请务必准确填写本人的证件信息，填写后请仔细核对！';

describe('registration warns to enter the document exactly (technology-contract manual, 1.)', () => {
  for (const size of WIDTHS) {
    test(`自然人注册 and 单位用户注册 show the warning (${size.name})`, async () => {
      const page = await suite.newPage();
      await page.setViewportSize(size);
      for (const path of ['/register/natural', '/register/legal']) {
        await page.goto(path);
        await page.getByRole('alert').filter({ hasText: ACCURACY }).waitFor();
        assert.equal(await page.getByRole('alert').filter({ hasText: ACCURACY }).isVisible(), true, path);
      }
      await page.context().close();
    });
  }
});

describe('上传法人信息: 如存在特殊情况请点击“此处”上传其他材料 (foreigner manual 4.2.3)', () => {
  for (const size of WIDTHS) {
    test(`此处 is a link that opens the file chooser of 其他材料1 (${size.name})`, async () => {
      const { client } = await registerAndLogIn(suite.baseUrl, 'legal', {
        loginName: uniqueLoginName('here'),
        organization: { name: `香港此处测试有限公司${Date.now()}`, region: 'hkmt', code: `HK-${Date.now()}` },
      });
      const page = await openMyInfo(suite, client);
      await page.setViewportSize(size);
      await openUploadPage(page, '上传法人信息', '法人信息上传');
      await page.getByText('如存在特殊情况请点击“', { exact: false }).waitFor();
      const here = page.getByRole('link', { name: '此处', exact: true });
      const chooser = page.waitForEvent('filechooser');
      await here.click();
      const opened = await chooser;
      assert.equal(await opened.element().getAttribute('aria-label'), '上传其他材料1');
      await page.context().close();
    });
  }
});

describe('外国人来华工作许可 → 事项说明 (foreigner quick start 1. 登录流程变更)', () => {
  let seeded: Promise<void> | undefined;
  for (const size of WIDTHS) {
    test(`the notice names WP_ and the later steps (${size.name})`, async () => {
      seeded ??= seedBusinessSystems(suite.platform).then(() => seedCatalogue(suite.platform));
      await seeded;
      const page = await suite.newPage();
      await page.setViewportSize(size);
      await page.goto(`/services/item/000106004000?section=${encodeURIComponent('事项说明')}`);
      await page.getByText('其次再尝试选择自然人登录，仍然无法登录，请选择找回密码', { exact: false }).first().waitFor();
      assert.equal(await page.getByText('“WP_”（WP_+原账户）', { exact: false }).count() > 0, true);
      await page.context().close();
    });
  }
});
