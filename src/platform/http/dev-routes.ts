import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { readOutbox } from '../sms.ts';

/**
 * Development-only tools for testers: the SMS outbox and captcha answers.
 * Never registered when NODE_ENV=production (a test proves it).
 */
export function devRoutes(platform: Platform): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { phone?: string } }>('/outbox.json', async (request) => ({
      messages: await readOutbox(platform.db, request.query.phone || undefined),
    }));

    app.get<{ Querystring: { phone?: string } }>('/outbox', async (request, reply) => {
      const messages = await readOutbox(platform.db, request.query.phone || undefined);
      const rows = messages
        .map((m) => `<tr><td>${escapeHtml(new Date(m.sent_at).toLocaleString('zh-CN'))}</td><td>${escapeHtml(m.phone)}</td><td>${escapeHtml(m.text)}</td></tr>`)
        .join('');
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>开发环境短信发件箱</title><style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .8rem}</style></head>
<body><h1>开发环境短信发件箱 (development SMS outbox)</h1>
<form><label>手机号码 <input name="phone" value="${escapeHtml(request.query.phone ?? '')}"></label> <button>筛选</button></form>
<table><thead><tr><th>发送时间</th><th>手机号码</th><th>短信内容</th></tr></thead><tbody>${rows || '<tr><td colspan="3">暂无短信</td></tr>'}</tbody></table></body></html>`);
    });

    app.get<{ Params: { id: string } }>('/captcha/:id', async (request) => {
      const answer = await platform.captcha.peek(request.params.id);
      if (!answer) throw new AppError('NOT_FOUND', 404);
      return { answer };
    });
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
