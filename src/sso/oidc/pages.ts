/** The few pages oidc-provider renders itself, in the platform's words (Chinese first, English second). */
import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, htmlPage } from '../html-page.ts';


/** RP-initiated logout asks before ending the single sign-on session (a third party cannot log the user out). */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const system = ctx.oidc.client?.clientName;
  ctx.type = 'html';
  ctx.body = htmlPage(
    '退出登录 Log out',
    `<h1>退出统一身份认证平台？</h1>
<p>${system ? `您正在从“${escapeHtml(system)}”退出。` : ''}退出后，通过统一身份认证登录的各业务系统也将一并退出。</p>
<p lang="en">Log out of the unified sign-on? Business systems you entered through it are logged out too.</p>
${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出登录 Log out</button>`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = htmlPage('已退出 Logged out', '<h1>您已安全退出</h1><p lang="en">You have logged out.</p><p><a href="/">返回首页 Home</a></p>');
}

/** Errors the provider shows the browser (an unknown client, a redirect URI not registered, ...). */
export async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = 'html';
  ctx.body = htmlPage(
    '登录请求无效 Invalid sign-in request',
    `<h1>登录请求无效</h1><p>业务系统发来的登录请求无法处理，请返回业务系统重试或联系系统管理员。</p>
<p lang="en">The business system's sign-in request cannot be processed.</p>
${Object.entries(out)
  .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</p>`)
  .join('')}`,
  );
}
