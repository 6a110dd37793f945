/**
 * The development upstream's own pages, rendered on the server: its login (账号 / 密码) and
 * the consent it asks for (同意授权 / 拒绝授权). Chinese, real labels, one h1, usable on a phone.
 */
import type { UpstreamPerson } from './people.ts';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f2f5f9; color: #1f1f1f; }
  header { background: #8c1c13; color: #fff; padding: 12px 16px; }
  header p { margin: 0; font-size: 16px; }
  main { max-width: 520px; margin: 16px auto; padding: 0 12px; }
  .card { background: #fff; border-radius: 8px; padding: 20px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 22px; margin: 0 0 16px; }
  h2 { font-size: 18px; margin: 20px 0 8px; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input { width: 100%; padding: 10px; font-size: 16px; border: 1px solid #767676; border-radius: 4px; }
  button { width: 100%; margin-top: 16px; padding: 12px; font-size: 16px; border-radius: 4px; border: 1px solid #8c1c13; cursor: pointer; }
  .primary { background: #8c1c13; color: #fff; }
  .secondary { background: #fff; color: #8c1c13; }
  .error { color: #a8071a; background: #fff1f0; border: 1px solid #ffa39e; padding: 8px; border-radius: 4px; }
  .people { padding-left: 20px; line-height: 1.8; word-break: keep-all; overflow-wrap: anywhere; }
  .note { color: #4a4a4a; font-size: 14px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><header><p>国家政务服务平台（开发用模拟）</p></header>
<main><div class="card">${body}</div></main></body></html>`;
}

export function loginPage(options: { action: string; people: readonly UpstreamPerson[]; error?: string; loginName?: string }): string {
  const people = options.people
    .map((p) => `<li>账号 <code>${escape(p.loginName)}</code> 密码 <code>${escape(p.password)}</code>（${escape(p.name)}）</li>`)
    .join('');
  return page(
    '国家政务服务平台 用户登录',
    `<h1>国家政务服务平台 用户登录</h1>
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="${escape(options.action)}">
  <label for="username">账号</label>
  <input id="username" name="username" autocomplete="username" required value="${escape(options.loginName ?? '')}">
  <label for="password">密码</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button class="primary" type="submit">登录</button>
</form>
<h2>开发用模拟账号</h2>
<p class="note">以下人员均为虚构，取自开发用实名认证模拟数据。</p>
<ul class="people">${people}</ul>`,
  );
}

export function consentPage(options: { confirmAction: string; abortAction: string; clientName: string; personName: string }): string {
  return page(
    '授权确认 - 国家政务服务平台',
    `<h1>授权确认</h1>
<p>${escape(options.personName)}，您好。<strong>${escape(options.clientName)}</strong> 请求使用您的国家政务服务平台账号登录，并获取以下信息：</p>
<ul><li>姓名</li><li>证件类型、证件号码</li><li>实名核验等级</li></ul>
<form method="post" action="${escape(options.confirmAction)}"><button class="primary" type="submit">同意授权</button></form>
<form method="post" action="${escape(options.abortAction)}"><button class="secondary" type="submit">拒绝授权</button></form>`,
  );
}

/** An interaction that expired or belongs to another browser: back to the platform to start again. */
export function expiredPage(): string {
  return page('登录已过期 - 国家政务服务平台', '<h1>登录已过期</h1><p>本次登录请求已过期或无效，请返回科学技术部政务服务平台，重新点击“国家政务服务平台账号登录”。</p>');
}
