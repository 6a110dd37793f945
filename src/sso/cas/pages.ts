/** The two pages the CAS server shows the browser itself (Chinese first, English second). */

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f0f2f5;margin:0;padding:48px 16px}
.box{max-width:420px;margin:0 auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 1px 4px rgba(0,0,0,.1)}
h1{font-size:20px;color:#1f3a60}p{color:#555;line-height:1.6}
</style>
</head>
<body><div class="box">${body}</div></body>
</html>`;
}

/** /cas/login for a service no business system registered: refused, and never redirected to. */
export const UNREGISTERED_SERVICE_PAGE = page(
  '未注册的业务系统 Unregistered service',
  `<h1>未注册的业务系统，无法登录</h1>
<p>该业务系统尚未在统一身份认证平台注册，请联系业务系统管理员。</p>
<p lang="en">This service is not registered with the unified sign-on platform, so you cannot sign in to it.</p>
<p><a href="/">返回首页 Home</a></p>`,
);

export const LOGGED_OUT_PAGE = page(
  '已退出 Logged out',
  `<h1>您已安全退出</h1>
<p>通过统一身份认证登录的业务系统已一并退出。</p>
<p lang="en">You have logged out, and out of the business systems you entered through single sign-on.</p>
<p><a href="/">返回首页 Home</a></p>`,
);
