/**
 * A valid request per route where one is cheap to make, for the fuzz test's edit plans: a body
 * that passes every check but the one field an edit spoils reaches deeper (the service, the
 * database) than a random body ever does. A route without a seed is still fuzzed, with random
 * bodies only. Seeds run before each case, in the state of the case: fresh mobiles, SMS codes
 * and captchas, the profile as it is now.
 */
import type { ApiClient } from '../client.ts';
import { creditCode, legalRegistration, mobile, naturalRegistration, residentId } from '../fixtures.ts';
import { currentTotp, type StaffLogin } from '../staff.ts';
import type { Value } from './values.ts';

export interface FuzzAccount {
  accountId: string;
  body: Record<string, any>;
}

export interface SeedContext {
  /** The client of the case's state (anonymous, natural, legal or staff). */
  client: ApiClient;
  /** A client of no one, for development helpers (captcha answers, SMS codes). */
  helper: ApiClient;
  natural: FuzzAccount;
  legal: FuzzAccount;
  staff: StaffLogin;
}

export interface Seed {
  body?: (ctx: SeedContext) => Promise<Value> | Value;
  query?: Record<string, string>;
}

let n = 0;
const NOWHERE = '00000000-0000-4000-8000-000000000000';

async function profileView(client: ApiClient): Promise<Record<string, any>> {
  const res = await client.get('/api/me/profile');
  return res.status === 200 ? res.body : {};
}

/** The organisation's basic information as 我的信息 sends it, every required field filled in. */
async function organizationBasic(client: ApiClient): Promise<Value> {
  const basic = (await profileView(client)).organizationBasic ?? {};
  return {
    ...basic,
    nature: basic.nature || '企业',
    independent: basic.independent || 'yes',
    address: basic.address || '北京市海淀区',
    foundedOn: basic.foundedOn || '2010-01-01',
    mailingAddress: basic.mailingAddress || '北京市海淀区',
    businessTermFrom: '2010-01-01',
    businessTermTo: '2040-01-01',
    legalRepresentative: { ...basic.legalRepresentative, email: basic.legalRepresentative?.email || 'rep@example.cn' },
  };
}

function businessSystem(): Value {
  const key = `fuzz-${++n}-${Date.now().toString(36)}`;
  return {
    key,
    name: `模糊测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    requiresGrant: false,
    roles: [{ code: 'item_handler', name: '事项办理员' }],
    oidc: { clientId: `${key}-client`, redirectUris: ['http://localhost:4999/callback'], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    casServicePrefix: null,
    entryUrl: 'http://localhost:4999/login',
    mobileAllowed: false,
  };
}

const serviceItem = (): Value => ({
  code: `8${String(Date.now() % 1e5).padStart(5, '0')}${String(++n % 1000).padStart(3, '0')}000`,
  name: `模糊测试事项${n}`,
  department: '测试登记司',
  category: 'innovation_services',
  audience: 'both',
  systemKey: null,
  parentCode: null,
  guide: [{ title: '申请条件', text: '在中国境内注册的企业。' }],
  sortOrder: 1,
});

const appealPerson = () => ({ name: '测试用户', region: 'mainland', documentType: 'resident_id', documentNumber: residentId(), mobile: mobile() });
const CAS_SERVICE = 'http://localhost:4002/login';

/**
 * Values a path parameter of this name really takes (a subject, a slot, a system's key ...), so
 * that a handler gets past its first lookup now and then; other parameters get hostile values only.
 */
export const PARAM_VALUES: Record<string, string[]> = {
  subject: ['natural_person', 'organization', 'primary_agent'],
  slot: ['document_front', 'document_back', 'business_licence', 'representative_document', 'other_1'],
  systemKey: ['hgr', 'torch', 'tech-contract', 'fuzz-1'],
  code: ['000106003000', '000106003001', '999999999999'],
  // Reviews and appeals count from 1 (bigserial); everything else is a uuid.
  id: ['1', '2', NOWHERE],
  uploadId: [NOWHERE],
  organizationId: [NOWHERE],
};

export const SEEDS: Record<string, Seed> = {
  'POST /api/sms-codes': { body: () => ({ mobile: mobile(), purpose: 'register' }) },
  'GET /api/availability': { query: { field: 'loginName', value: 'someone_free' } },
  'POST /api/register/natural': {
    body: async ({ helper }) => {
      const body = naturalRegistration();
      return { ...body, smsCode: await helper.smsCode(body.mobile) };
    },
  },
  'POST /api/register/legal': {
    body: async ({ helper }) => {
      const body = legalRegistration();
      return { ...body, primaryAgent: { ...body.primaryAgent, smsCode: await helper.smsCode(body.primaryAgent.mobile) } };
    },
  },
  'POST /api/login': { body: async ({ helper, natural }) => ({ kind: 'natural', loginName: natural.body.loginName, password: 'wrong-Passw0rd!', ...(await helper.captcha()) }) },
  'POST /api/me/password': { body: () => ({ oldPassword: 'Passw0rd!', password: 'Passw0rd!2', passwordConfirm: 'Passw0rd!2' }) },
  'GET /api/me/update-records': { query: { section: 'natural_person' } },
  'PUT /api/me/profile/natural-person': { body: async ({ client }) => (await profileView(client)).naturalPerson ?? {} },
  'PUT /api/me/profile/primary-agent': { body: async ({ client }) => (await profileView(client)).primaryAgent ?? {} },
  'PUT /api/me/profile/organization-basic': { body: ({ client }) => organizationBasic(client) },
  'PUT /api/me/profile/organization-other': {
    body: () => ({ businessTerm: '长期', industry1: '科学研究', industry2: '', registrationAuthority: '海淀分局', approvedOn: '2010-01-01', foreignCapitalSource: '', incomeTaxMethod: '', enterpriseType: '' }),
  },
  'GET /api/catalogue/items': { query: { audience: 'natural', category: 'innovation_services', department: '科技部', q: '人类' } },
  'POST /api/org/authorizations/search': { body: ({ natural }) => ({ name: natural.body.name, documentNumber: natural.body.documentNumber }) },
  'GET /api/org/authorizations': { query: { name: '测试', system: 'fuzz', status: 'active' } },
  'POST /api/org/authorizations': {
    body: ({ natural }) => ({ personId: natural.accountId, systems: [{ key: 'fuzz', roles: ['item_handler'] }], maintainInfo: true, validFrom: '2026-01-01', validTo: '2027-01-01' }),
  },
  'PUT /api/org/authorizations/:id': { body: () => ({ systems: [{ key: 'fuzz', roles: ['item_handler'] }], maintainInfo: false, validFrom: '', validTo: null }) },
  'PUT /api/me/delegations/:organizationId/profile/organization-basic': { body: ({ legal }) => ({ name: legal.body.organization.name, region: 'domestic', legalPersonType: 'enterprise', foundedOn: '2010-01-01' }) },
  'PUT /api/me/delegations/:organizationId/profile/organization-other': { body: () => ({ approvedOn: '2010-01-01' }) },
  'GET /api/me/delegations/:organizationId/update-records': { query: { section: 'organization_basic' } },
  'POST /api/sso/entry/:systemKey': { body: ({ legal }) => ({ organizationId: legal.accountId }) },
  'POST /api/legacy/lookup': { body: async ({ helper }) => ({ source: 'torch-company', query: creditCode(), ...(await helper.captcha()) }) },
  'POST /api/recovery/reset/search': { body: async ({ helper, natural }) => ({ loginName: natural.body.loginName, ...(await helper.captcha()) }) },
  'POST /api/recovery/reset/code': { body: ({ natural }) => ({ ticket: 'x'.repeat(32), method: 'phone', confirm: natural.body.mobile }) },
  'POST /api/recovery/reset/complete': {
    body: ({ legal }) => ({
      ticket: 'x'.repeat(32), method: 'email', confirm: 'agent@example.cn', organizationName: legal.body.organization.name, creditCode: legal.body.organization.code,
      reason: 'forgotten', password: 'Passw0rd!3', passwordConfirm: 'Passw0rd!3', code: '123456',
    }),
  },
  'POST /api/recovery/appeals/natural': { body: () => ({ ...appealPerson(), smsCode: '123456', frontUploadId: NOWHERE, backUploadId: NOWHERE }) },
  'POST /api/recovery/appeals/legal/search': { body: async ({ helper, legal }) => ({ organizationName: legal.body.organization.name, ...(await helper.captcha()) }) },
  'POST /api/recovery/appeals/legal': {
    body: ({ legal }) => ({
      ticket: 'x'.repeat(32), legalPersonType: 'enterprise', creditCode: legal.body.organization.code, agent: appealPerson(), email: 'agent@example.cn',
      reason: 'forgotten', smsCode: '123456', frontUploadId: NOWHERE, backUploadId: NOWHERE,
    }),
  },
  'POST /api/admin/login': { body: ({ staff }) => ({ loginName: staff.loginName, password: staff.password, totp: currentTotp(staff.totpSecret) }) },
  'GET /api/admin/reviews': { query: { subject: 'natural_person', status: 'open', minAgeHours: '1', page: '1', pageSize: '20' } },
  'POST /api/admin/reviews/:id/reject': { body: () => ({ reason: '材料不清晰' }) },
  'GET /api/admin/appeals': { query: { kind: 'natural', status: 'open', minAgeHours: '1', page: '1', pageSize: '20' } },
  'POST /api/admin/appeals/:id/approve': { body: () => ({ accountId: NOWHERE }) },
  'POST /api/admin/appeals/:id/reject': { body: () => ({ reason: '材料不清晰' }) },
  'GET /api/admin/audit': { query: { action: 'staff.login', staff: 'admin', page: '1', pageSize: '20' } },
  'POST /api/admin/systems': { body: businessSystem },
  'PUT /api/admin/systems/:id': { body: businessSystem },
  'POST /api/admin/service-items': { body: serviceItem },
  'PUT /api/admin/service-items/:id': { body: serviceItem },
  'GET /api/admin/organizations': { query: { q: '测试' } },
  'POST /api/admin/review-reasons': { body: () => ({ text: '模糊测试原因', sortOrder: 1 }) },
  'PUT /api/admin/review-reasons/:id': { body: () => ({ text: '模糊测试原因', sortOrder: 1 }) },
  'GET /api/admin/accounts': { query: { q: '测试' } },
  'GET /api/admin/audit/export': { query: { action: 'staff.login', from: '2026-01-01' } },
  'GET /cas/login': { query: { service: CAS_SERVICE, renew: 'true', gateway: 'true' } },
  'GET /cas/logout': { query: { service: CAS_SERVICE } },
  ...Object.fromEntries(
    ['/cas/serviceValidate', '/cas/p3/serviceValidate', '/cas/proxyValidate', '/cas/p3/proxyValidate', '/cas/validate'].map((url) => [
      `GET ${url}`,
      { query: { service: CAS_SERVICE, ticket: 'ST-1-abcdefghijklmnop', renew: 'false', format: 'JSON', pgtUrl: 'https://localhost/pgt' } },
    ]),
  ),
};
