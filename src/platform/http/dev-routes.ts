import type { FastifyPluginAsync } from 'fastify';
import { readMail } from '../dev-smtp.ts';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { readOutbox } from '../sms.ts';

/**
 * Development-only tools for testers: the SMS outbox, the mail received by the development
 * SMTP server, and captcha answers. Registered only with NODE_ENV=development (main-startup.int.test.ts proves it).
 */
export function devRoutes(platform: Platform): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { phone?: string } }>('/outbox.json', async (request) => ({
      messages: await readOutbox(platform.db, request.query.phone || undefined),
    }));

    app.get<{ Querystring: { phone?: string } }>('/outbox', async (request, reply) => {
      const messages = await readOutbox(platform.db, request.query.phone || undefined);
      return reply.type('text/html; charset=utf-8').send(
        devPage({
          title: '开发环境短信发件箱',
          heading: '开发环境短信发件箱 (development SMS outbox)',
          link: { href: 'mail', label: '邮件收件箱' },
          filter: { label: '手机号码', name: 'phone', value: request.query.phone ?? '' },
          columns: ['发送时间', '手机号码', '短信内容'],
          rows: messages.map((m) => [time(m.sent_at), m.phone, m.text]),
          empty: '暂无短信',
        }),
      );
    });

    app.get<{ Querystring: { to?: string } }>('/mail.json', async (request) => ({
      messages: await readMail(platform.db, request.query.to || undefined),
    }));

    app.get<{ Querystring: { to?: string } }>('/mail', async (request, reply) => {
      const messages = await readMail(platform.db, request.query.to || undefined);
      return reply.type('text/html; charset=utf-8').send(
        devPage({
          title: '开发环境邮件收件箱',
          heading: '开发环境邮件收件箱 (development mail)',
          link: { href: 'outbox', label: '短信发件箱' },
          filter: { label: '收件人邮箱', name: 'to', value: request.query.to ?? '' },
          columns: ['接收时间', '收件人', '发件人', '主题', '正文'],
          rows: messages.map((m) => [time(m.receivedAt), m.to, m.from, m.subject, m.text]),
          empty: '暂无邮件',
        }),
      );
    });

    app.get<{ Params: { id: string } }>('/captcha/:id', async (request) => {
      const answer = await platform.captcha.peek(request.params.id);
      if (!answer) throw new AppError('NOT_FOUND', 404);
      return { answer };
    });
  };
}

interface DevPage {
  title: string;
  heading: string;
  /** The other development page (relative, so it follows the /dev prefix). */
  link: { href: string; label: string };
  filter: { label: string; name: string; value: string };
  columns: string[];
  rows: string[][];
  empty: string;
}

/** A table of messages with a filter by address; every value is escaped. */
function devPage(page: DevPage): string {
  const head = page.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = page.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  const { filter, link } = page;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>${escapeHtml(page.title)}</title><style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .8rem;white-space:pre-wrap}</style></head>
<body><h1>${escapeHtml(page.heading)}</h1>
<nav><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></nav>
<form><label>${escapeHtml(filter.label)} <input name="${escapeHtml(filter.name)}" value="${escapeHtml(filter.value)}"></label> <button>筛选</button></form>
<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${page.columns.length}">${escapeHtml(page.empty)}</td></tr>`}</tbody></table></body></html>`;
}

const time = (value: Date | string) => new Date(value).toLocaleString('zh-CN');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
