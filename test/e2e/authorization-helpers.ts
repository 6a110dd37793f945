/**
 * Shared steps of the authorisation (授权) browser tests: the OIDC demo system registered as
 * 人类遗传资源管理 (hgr, requiring a grant for natural persons), organisations holding it,
 * verified persons, and the pages' tabs and tables.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { DemoServer } from '../../examples/common/http.ts';
import { startOidcDemo } from '../../examples/oidc-demo/server.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../../src/demo/business-systems.ts';
import { seedCatalogue } from '../../src/demo/catalogue.ts';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { registerAndLogIn, type Body } from '../support/accounts.ts';
import type { ApiClient } from '../support/client.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import type { BrowserSuite } from './support.ts';

/** People the development registry knows: registering with these data verifies the account at once. */
export interface RegistryPerson {
  name: string;
  documentNumber: string;
  validFrom: string;
  validTo: string;
  longTerm: boolean;
}

const person = (name: string, documentNumber: string, validFrom: string, validTo: string): RegistryPerson => ({ name, documentNumber, validFrom, validTo, longTerm: !validTo });
export const WU_JIAYI = person('吴佳怡', '330106198807170040', '2014-10-11', '2034-10-11');
export const SUN_LIHUA = person('孙丽华', '420106197309302829', '2020-11-02', '');
export const ZHOU_RUN = person('周润', '32050220000229151X', '2021-05-06', '2031-05-06');
export const LIU_XIAOWEN = person('刘晓雯', '510107199502034624', '2017-07-20', '2027-07-20');

export const HGR = '人类遗传资源管理';

/**
 * The OIDC demo as 人类遗传资源管理 (key hgr, roles 事项办理员 and 单位事项管理员, natural
 * persons entering for an organisation that authorised them), then the other demo systems and
 * the catalogue. Returns the demo and the system's id.
 */
export async function startHgrDemo(suite: BrowserSuite): Promise<{ demo: DemoServer; systemId: string }> {
  const demo = await startOidcDemo({ platformUrl: suite.baseUrl, clientId: DEMO_OIDC_CLIENT.clientId, clientSecret: DEMO_OIDC_CLIENT.secret, port: 0, host: '127.0.0.1' });
  const systems = systemsStore(suite.platform.db, suite.platform.cipher);
  const created = await systems.create({
    key: 'hgr',
    name: HGR,
    department: '社会发展科技司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    requiresGrant: true,
    roles: [
      { code: 'item_handler', name: '事项办理员' },
      { code: 'item_admin', name: '单位事项管理员' },
    ],
    mobileAllowed: true,
    enabled: true,
    entryUrl: `${demo.url}/login`,
    oidc: {
      clientId: DEMO_OIDC_CLIENT.clientId,
      clientSecret: DEMO_OIDC_CLIENT.secret,
      redirectUris: [`${demo.url}/callback`],
      postLogoutRedirectUris: [`${demo.url}/`],
      backchannelLogoutUri: `${demo.url}/backchannel-logout`,
    },
    casServicePrefix: null,
  });
  await seedBusinessSystems(suite.platform);
  await seedCatalogue(suite.platform);
  return { demo, systemId: created.id };
}

export interface Organization {
  client: ApiClient;
  accountId: string;
  name: string;
  creditCode: string;
  legalRepresentativeName: string;
}

/** A registered organisation account, logged in; with `holds`, it holds those systems (as after a first entry). */
export async function organization(suite: BrowserSuite, holds: string[] = []): Promise<Organization> {
  const { client, body, accountId } = await registerAndLogIn(suite.baseUrl, 'legal', { loginName: uniqueLoginName('org') });
  const systems = systemsStore(suite.platform.db, suite.platform.cipher);
  for (const systemId of holds) await systems.recordHolding(accountId, systemId, 'first_entry');
  return { client, accountId, name: body.organization.name, creditCode: body.organization.code, legalRepresentativeName: body.legalRepresentative.name };
}

/** A natural person registered with the registry's data, logged in and verified. */
export async function verifiedPerson(suite: BrowserSuite, who: RegistryPerson, overrides: Body = {}) {
  const account = await registerAndLogIn(suite.baseUrl, 'natural', { loginName: uniqueLoginName('np'), ...who, ...overrides });
  const profile = await account.client.get('/api/me/profile');
  assert.equal(profile.body.verification?.natural_person?.status, 'registry_verified', JSON.stringify(profile.body.verification));
  return account;
}

/** Grants through the API as 授权操作 does: search, then the roles per system. */
export async function grantThroughApi(org: Organization, who: RegistryPerson, systems: { key: string; roles: string[] }[], maintainInfo = false) {
  const found = await org.client.post('/api/org/authorizations/search', { name: who.name, documentNumber: who.documentNumber });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const granted = await org.client.post('/api/org/authorizations', { personId: found.body.person.personId, systems, maintainInfo, validFrom: null, validTo: null });
  assert.equal(granted.status, 201, JSON.stringify(granted.body));
  return granted.body as { id: string };
}

/** 服务事项 → search → the item's 办理入口 (a full page load through /sso/enter). */
export async function enterFromCatalogue(page: Page, search: string, item: string) {
  await page.goto('/services');
  const box = page.getByPlaceholder('您要办理什么业务，试着检索一下');
  await box.fill(search);
  await box.press('Enter');
  await page.getByRole('article', { name: item, exact: true }).getByRole('link', { name: '办理入口' }).click();
}

/** 我的信息 → 法人(单位)授权办理情况 of a natural person, its table loaded. */
export async function openDelegations(page: Page): Promise<Locator> {
  await page.goto('/online/my-info');
  await page.getByRole('tab', { name: '法人(单位)授权办理情况' }).click();
  const section = page.locator('section[aria-label="单位授权办理情况"][aria-busy="false"]');
  await section.waitFor();
  return section;
}

/** A table row holding this text. */
export const rowWith = (scope: Page | Locator, text: string) => scope.getByRole('row').filter({ hasText: text });

/** The cells' texts of a row (once it is there), trimmed. */
export async function cellTexts(row: Locator): Promise<string[]> {
  await row.waitFor();
  return (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
}

/** 用户授权管理 of an organisation, on one of its tabs. */
export async function openAuthorizations(page: Page, tab: '授权操作' | '授权用户管理' | '授权记录') {
  await page.goto('/online/authorizations');
  await page.getByRole('tab', { name: tab }).click();
  if (tab !== '授权操作') await page.locator(`section[aria-label="${tab}"][aria-busy="false"]`).waitFor();
}
