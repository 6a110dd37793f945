/**
 * Demo business systems (业务系统) of the issue and the FAQ, created once by key and left alone
 * afterwards. 人类遗传资源管理 is the OIDC client of the demo relying party (examples/oidc-demo,
 * port 4001 unless OIDC_DEMO_PORT), 全国技术合同管理与服务系统 the CAS service of
 * examples/cas-demo (port 4002 unless CAS_DEMO_PORT): both are registered where they listen.
 */
import type { Platform } from '../platform/platform.ts';
import { systemsChanged } from '../sso/oidc/provider.ts';
import { systemsStore, type BusinessSystem, type EntryRequirement, type NewBusinessSystem, type SystemRole } from '../sso/systems-store.ts';

export const DEMO_OIDC_CLIENT = {
  clientId: 'hgr-demo',
  secret: 'HgrDemo@2026-oidc-client-secret',
  baseUrl: 'http://localhost:4001',
};

/** Where the two demo business systems are reached (base URLs, no trailing slash). */
export interface DemoSystemUrls {
  oidc: string;
  cas: string;
}

/** Their default ports (examples/start.ts); OIDC_DEMO_PORT / CAS_DEMO_PORT move them. */
export const DEFAULT_DEMO_URLS: DemoSystemUrls = { oidc: DEMO_OIDC_CLIENT.baseUrl, cas: 'http://localhost:4002' };

/** The sign-on addresses of the OIDC demo under its base URL. */
const oidcDemoClient = (baseUrl: string) => ({
  clientId: DEMO_OIDC_CLIENT.clientId,
  clientSecret: DEMO_OIDC_CLIENT.secret,
  redirectUris: [`${baseUrl}/callback`],
  postLogoutRedirectUris: [`${baseUrl}/`],
  backchannelLogoutUri: `${baseUrl}/backchannel-logout`,
});

const ROLES: SystemRole[] = [
  { code: 'item_handler', name: '事项办理员' },
  { code: 'item_admin', name: '单位事项管理员' },
];

// 法人单位基本信息 and 其他信息 complete, primary agent verified (FAQ 三).
const TORCH: EntryRequirement[] = ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified'];
const TORCH_CENTRE = '科技部火炬高技术产业开发中心';

const base = {
  requiresVerification: true,
  requirements: [],
  requiresApproval: false,
  roles: ROLES,
  oidc: null,
  casServicePrefix: null,
  // No demo system behind it yet: 办理入口 says the system has no online entry.
  entryUrl: null,
  mobileAllowed: false,
  enabled: true,
} satisfies Partial<NewBusinessSystem>;

const demoSystems = (urls: DemoSystemUrls): NewBusinessSystem[] => [
  {
    ...base,
    key: 'hgr',
    name: '人类遗传资源管理',
    department: '社会发展科技司',
    audience: 'both',
    // Natural persons work in it for an organisation that authorised them (FAQ 二.1, 二.2).
    requiresGrant: true,
    mobileAllowed: true,
    // The demo relying party starts its OIDC sign-in here.
    entryUrl: `${urls.oidc}/login`,
    oidc: oidcDemoClient(urls.oidc),
  },
  // Employers hold the system only once it has approved them (外专系统: 归口单位审核).
  { ...base, key: 'foreign-work-permit', name: '外国人来华工作许可', department: '引进国外智力管理司', audience: 'both', requiresApproval: true, requiresGrant: true },
  // FAQ 五.1(2): the organisation registers there and waits for 归口单位审核 before it can authorise persons.
  { ...base, key: 'foreign-expert-projects', name: '外国专家项目管理信息系统', department: '引进国外智力管理司', audience: 'both', requiresApproval: true, requiresGrant: true },
  // Organisations, or their authorised administrators (FAQ 三.1.4: 正常实名即可办理高企和中小业务).
  { ...base, key: 'tech-sme', name: '科技型中小企业评价', department: TORCH_CENTRE, audience: 'both', requirements: TORCH, requiresGrant: true },
  { ...base, key: 'high-tech-enterprise', name: '高新技术企业认定', department: TORCH_CENTRE, audience: 'both', requirements: TORCH, requiresGrant: true },
  { ...base, key: 'torch', name: '火炬中心业务办理平台', department: TORCH_CENTRE, audience: 'both', requirements: TORCH, requiresGrant: true },
  { ...base, key: 'tech-contract', name: '全国技术合同管理与服务系统', department: TORCH_CENTRE, audience: 'both', casServicePrefix: `${urls.cas}/`, entryUrl: `${urls.cas}/login` },
];

/**
 * Moves a demo system registered at other addresses (the demos started on other ports than
 * last time) to these: its 办理入口, OIDC redirect, post-logout and back-channel URIs, CAS
 * service prefix. The rest, client id and secret included, stays. Whether it moved.
 */
async function followDemo(platform: Platform, existing: BusinessSystem, urls: DemoSystemUrls): Promise<boolean> {
  type SignOn = Pick<BusinessSystem, 'entryUrl' | 'casServicePrefix' | 'oidc'>;
  let wanted: SignOn;
  if (existing.key === 'hgr' && existing.oidc) {
    const { redirectUris, postLogoutRedirectUris, backchannelLogoutUri } = oidcDemoClient(urls.oidc);
    wanted = { entryUrl: `${urls.oidc}/login`, casServicePrefix: existing.casServicePrefix, oidc: { ...existing.oidc, redirectUris, postLogoutRedirectUris, backchannelLogoutUri } };
  } else if (existing.key === 'tech-contract') {
    wanted = { entryUrl: `${urls.cas}/login`, casServicePrefix: `${urls.cas}/`, oidc: existing.oidc };
  } else return false;
  const signOn = (system: SignOn) => JSON.stringify([system.entryUrl, system.casServicePrefix, system.oidc]);
  if (signOn(wanted) === signOn(existing)) return false;
  const { id, enabled: _enabled, ...rest } = existing;
  await systemsStore(platform.db, platform.cipher).update(id, { ...rest, ...wanted });
  return true;
}

/**
 * Creates the demo systems that do not exist yet; returns the lines to print. `demoUrls` are
 * where the demo systems run (src/main.ts passes those it started): the demo systems are
 * registered there, and moved there when registered elsewhere. Without it (tests), new ones
 * get the default ports and existing ones are left alone.
 */
export async function seedBusinessSystems(platform: Platform, demoUrls?: DemoSystemUrls): Promise<string[]> {
  const systems = systemsStore(platform.db, platform.cipher);
  let moved = false;
  for (const system of demoSystems(demoUrls ?? DEFAULT_DEMO_URLS)) {
    const existing = await systems.findByKey(system.key);
    if (!existing) await systems.create(system);
    else if (demoUrls) moved = (await followDemo(platform, existing, demoUrls)) || moved;
    // Databases seeded before 办理入口 existed (migrations/010) get the demo entry URL once.
    else if (existing.entryUrl === null && system.entryUrl) await systems.setEntryUrl(existing.id, system.entryUrl);
  }
  if (moved) systemsChanged(platform);
  const hgr = await systems.findByKey('hgr');
  if (!hgr?.oidc) return [];
  return [
    `  OIDC 演示客户端 (${hgr.name})  client_id ${hgr.oidc.clientId}  client_secret ${hgr.oidc.clientSecret}  回调 ${hgr.oidc.redirectUris.join(', ')}`,
    `  OIDC 发现地址  ${platform.config.baseUrl}/.well-known/openid-configuration`,
  ];
}
