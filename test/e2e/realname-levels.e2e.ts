/**
 * Real-name assurance levels at 办理入口 in a real browser (issue 20.4): a registry-verified
 * person (L3) entering a system that requires L4 gets the entry dialog naming both levels and
 * telling them to apply for manual review in 我的信息, whose 确定 goes there; an OIDC sign-in
 * refused for its acr_values links to the same page, which then explains that level. At a
 * phone's width and a desktop's.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { systemsStore, type NewBusinessSystem } from '../../src/sso/systems-store.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { checkPage } from './page-checks.ts';
import { browserSuiteForFile, clickInDialog } from './support.ts';

const suite = browserSuiteForFile();

beforeEach(async () => {
  await suite.platform.db.query(`delete from kv where key like 'rl:%' or key like 'sms%' or key like 'register%'`);
});

// People the development registry knows (国家平台实名认证通过: L3); a document registers once per platform.
const PEOPLE = {
  phone: { name: '刘晓雯', documentNumber: '510107199502034624', validFrom: '2017-07-20', validTo: '2027-07-20', longTerm: false },
  desktop: { name: '周润', documentNumber: '32050220000229151X', validFrom: '2021-05-06', validTo: '2031-05-06', longTerm: false },
};
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 768 },
] as const;

const DIALOG = '该业务系统要求实名认证级别不低于“L4 科技部平台人工审核通过”，您当前的实名认证级别为“L3 国家平台实名认证通过”，暂不能进入。请点击确定前往个人信息页面。';
const GUIDANCE = /需要通过人工审核的实名认证：请前往我的信息上传签字后的证件正反面扫描件，申请人工审核/;

async function system(key: string, overrides: Partial<NewBusinessSystem> = {}) {
  return systemsStore(suite.platform.db, suite.platform.cipher).create({
    key,
    name: `高级别业务系统${key}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: null,
    casServicePrefix: 'http://127.0.0.1:9/cas/',
    entryUrl: 'http://127.0.0.1:9/cas/login',
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
}

describe('办理入口 below the required real-name level', () => {
  for (const size of SIZES) {
    test(`an L3 person entering an L4 system is told how to reach L4, and 确定 goes to 我的信息 (${size.name})`, async () => {
      const stamp = Date.now().toString(36);
      const strict = await system(`level-l4-${size.name}-${stamp}`, { minimumLevel: 'l4' });
      const open = await system(`level-any-${size.name}-${stamp}`, { casServicePrefix: `http://127.0.0.1:9/${size.name}/` });
      const me = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('lvl'), ...PEOPLE[size.name] });
      const page = await suite.newPage({ session: me.client, viewport: { width: size.width, height: size.height } });

      await page.goto(`/sso/enter/${strict.key}`);
      await page.waitForURL(new RegExp(`/services/entry/${strict.key}$`));
      const dialog = page.getByRole('dialog');
      await dialog.getByText(DIALOG, { exact: true }).waitFor();
      await dialog.getByText(GUIDANCE).waitFor();
      await checkPage(page, `entry-level-refused-${size.name}`);
      await clickInDialog(dialog, '确定');
      await page.waitForURL(/\/online\/my-info$/);

      // The page an OIDC refusal for acr_values links to explains that level, though the system itself requires none.
      await page.goto(`/services/entry/${open.key}?acr_values=${encodeURIComponent('urn:most:realname:l4')}`);
      await page.getByRole('dialog').getByText(DIALOG, { exact: true }).waitFor();
      assert.equal(await page.getByRole('dialog').getByText(GUIDANCE).count(), 1);
      await page.context().close();
    });
  }
});
