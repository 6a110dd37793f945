/** The few plain HTML pages the sign-on servers (OIDC, CAS) render themselves. */

export const escapeHtml = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function htmlPage(title: string, body: string): string {
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
button{font-size:15px;padding:8px 20px;border-radius:6px;border:1px solid #1677ff;margin-right:8px;cursor:pointer}
.primary{background:#1677ff;color:#fff}.plain{background:#fff;color:#1677ff}
</style>
</head>
<body><div class="box">${body}</div></body>
</html>`;
}
