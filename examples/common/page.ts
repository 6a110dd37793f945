/**
 * The pages of the demo systems: who signed in, as the platform described them (the same
 * facts arrive as OIDC claims or CAS attributes), with the platform's codes in Chinese.
 */

/** The user as a business system sees them, whichever protocol brought the facts. */
export interface ShownUser {
  accountId: string;
  loginName: string;
  name: string;
  accountType: string;
  verified: boolean;
  verificationStatus: string;
  verificationMethod: string | null;
  documentType: string | null;
  documentNumberMasked: string | null;
  mobile: string | null;
  organization: { name: string; creditCode: string; type: string; region: string } | null;
  /** The organisation the person acts for here (授权) and the names of the roles held there. */
  actsFor: { organizationName: string; creditCode: string; roles: string[] } | null;
}

// The platform's codes and its words for them (实名认证状态 as shown in 我的信息).
const ACCOUNT_TYPES: Record<string, string> = { natural: '自然人', legal: '法人（单位用户）' };
const VERIFICATION_STATUSES: Record<string, string> = {
  incomplete: '用户信息不全，请及时补充！',
  registry_verified: '国家平台实名认证通过',
  failed: '实名认证失败',
  under_review: '实名认证审核中',
  manually_approved: '科技部平台人工审核通过',
  review_rejected: '实名认证审核失败',
  pending: '实名认证核验中，请稍后查看',
};
const VERIFICATION_METHODS: Record<string, string> = { registry: '国家平台核验', manual: '人工审核' };
const DOCUMENT_TYPES: Record<string, string> = {
  resident_id: '居民身份证',
  foreign_permanent_residence: '外国人永久居留证',
  hk_macau_pass: '往来港澳通行证',
  taiwan_pass: '往来台湾通行证',
  hk_macau_resident_permit: '港澳居民往来内地通行证',
  taiwan_resident_permit: '台湾居民来往大陆通行证',
  foreign_passport: '境外护照',
};
const ORGANIZATION_TYPES: Record<string, string> = {
  enterprise: '企业法人',
  social_organization: '社会组织法人',
  public_institution: '事业单位法人',
  other: '其他',
};
const REGIONS: Record<string, string> = { domestic: '境内单位', hkmt: '港澳台地区单位', foreign: '境外单位' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A label with its code beside it, so the page also documents the codes. */
const coded = (labels: Record<string, string>, code: string | null) =>
  code ? `${escapeHtml(labels[code] ?? code)} <code>${escapeHtml(code)}</code>` : '—';
const text = (value: string | null) => (value ? escapeHtml(value) : '—');

function layout(title: string, protocol: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:"PingFang SC","Microsoft YaHei",sans-serif;max-width:760px;margin:40px auto;color:#1f2937;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}.sub{color:#6b7280;margin-top:0}
table{border-collapse:collapse;width:100%;margin:16px 0}th,td{border:1px solid #e5e7eb;padding:8px 10px;text-align:left;vertical-align:top}
th{background:#f9fafb;width:140px;font-weight:500}code{color:#6b7280;font-size:12px}
.button{display:inline-block;background:#1677ff;color:#fff;border:0;border-radius:6px;padding:8px 20px;font-size:15px;cursor:pointer;text-decoration:none}
.error{color:#b91c1c}pre{background:#f9fafb;padding:12px;overflow:auto;font-size:12px}
</style></head>
<body><h1>${escapeHtml(title)}</h1><p class="sub">演示业务系统 · 通过统一身份认证平台登录（${escapeHtml(protocol)}）</p>
${body}
</body></html>`;
}

/** Signed in: the user's facts, a 退出 button, and what the platform sent, raw. */
export function signedInPage(title: string, protocol: string, user: ShownUser, raw: unknown): string {
  const organization = user.organization
    ? `${escapeHtml(user.organization.name)}<br>统一社会信用代码 ${escapeHtml(user.organization.creditCode)}<br>${coded(ORGANIZATION_TYPES, user.organization.type)} · ${coded(REGIONS, user.organization.region)}`
    : '—';
  const o = user.actsFor;
  const actsFor = o
    ? `${escapeHtml(o.organizationName)}（${escapeHtml(o.creditCode)}）${o.roles.length ? '：' + escapeHtml(o.roles.join('、')) : ''}`
    : '—';
  const rows: [string, string][] = [
    ['姓名', text(user.name)],
    ['登录名', text(user.loginName)],
    ['账号类型', coded(ACCOUNT_TYPES, user.accountType)],
    ['实名认证状态', `${coded(VERIFICATION_STATUSES, user.verificationStatus)}${user.verified ? '' : ' <span class="error">（未通过实名认证）</span>'}`],
    ['认证方式', coded(VERIFICATION_METHODS, user.verificationMethod)],
    ['证件', user.documentType ? `${coded(DOCUMENT_TYPES, user.documentType)} ${text(user.documentNumberMasked)}` : '—'],
    ['手机', text(user.mobile)],
    ['单位', organization],
    ['代表单位', actsFor],
    ['平台账号标识', `<code>${escapeHtml(user.accountId)}</code>`],
  ];
  return layout(
    title,
    protocol,
    `<p>欢迎，${escapeHtml(user.name || user.loginName)}。以下是统一身份认证平台提供的用户信息：</p>
<table>${rows.map(([label, value]) => `<tr><th>${label}</th><td>${value}</td></tr>`).join('\n')}</table>
<form method="post" action="/logout"><button class="button" type="submit">退出</button></form>
<details><summary>平台返回的原始数据</summary><pre>${escapeHtml(JSON.stringify(raw, null, 2))}</pre></details>`,
  );
}

/** Not signed in (never, or the platform ended the session). */
export function signedOutPage(title: string, protocol: string): string {
  return layout(title, protocol, `<p id="signed-out">您尚未登录本系统。</p><p><a class="button" href="/login">通过统一身份认证平台登录</a></p>`);
}

/** A sign-in that failed: what the platform or the protocol said. */
export function errorPage(title: string, protocol: string, code: string, detail: string): string {
  return layout(title, protocol, `<p class="error">登录失败：${escapeHtml(detail)} <code>${escapeHtml(code)}</code></p><p><a class="button" href="/login">重新登录</a></p>`);
}
