/**
 * 通知公告 over HTTP. Operators: /api/admin/notices (registered inside the back office's
 * routes, behind its staff guard); the public: /api/notices (only what is visible now).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { RequireStaff } from '../backoffice/systems-routes.ts';
import { JSON_BODY_LIMIT } from '../platform/http/body-limits.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { HOUR, enforceLimit } from '../platform/rate-limit.ts';
import { NOTICE_ATTACHMENT_MAX_BYTES } from './attachments.ts';
import { NOTICE_LIMITS } from './rules.ts';
import { attachmentNameSchema, attachmentParams, noticeIdParams, noticeInputSchema, noticeListQuerySchema } from './schemas.ts';
import { noticesService } from './service.ts';

/** The largest notice: the body at its longest, 3 bytes of UTF-8 a character (Chinese), and the rest of the form. */
export const NOTICE_BODY_LIMIT = NOTICE_LIMITS.bodyMaxLength * 3 + JSON_BODY_LIMIT;
const ATTACH_LIMIT = { max: 120, windowMs: HOUR };

/** An attachment as a download: never rendered by the browser from our origin, never sniffed into something else. */
function sendAttachment(reply: FastifyReply, file: { fileName: string; mediaType: string; bytes: Buffer }, cache: string) {
  return reply
    .header('content-type', file.mediaType)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.bytes);
}

/**
 * As platform/http/body-limits.ts acceptRawFiles, but a body over the limit reads as this
 * limit's message (10 MB), not the 1 MB of the personal uploads.
 */
function acceptAttachments(app: FastifyInstance): void {
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) => {
    if (Number(request.headers['content-length']) > NOTICE_ATTACHMENT_MAX_BYTES) throw new AppError('NOTICE_ATTACHMENT_TOO_LARGE', 413);
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of payload.iterator({ destroyOnReturn: false })) {
      received += (chunk as Buffer).length;
      if (received > NOTICE_ATTACHMENT_MAX_BYTES) throw new AppError('NOTICE_ATTACHMENT_TOO_LARGE', 413);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, received);
  });
}

const idOf = (request: FastifyRequest) => parseInput(noticeIdParams, request.params).id;
const attachmentOf = (request: FastifyRequest) => parseInput(attachmentParams, request.params);

export function noticesAdminRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const notices = noticesService(platform);
  const operator = (request: FastifyRequest) => requireStaff(request, 'operator');

  return async (app) => {
    app.get('/notices', async (request) => {
      operator(request);
      return { items: await notices.list() };
    });
    app.get('/notices/:id', async (request) => {
      operator(request);
      return notices.detail(idOf(request));
    });
    app.post('/notices', { bodyLimit: NOTICE_BODY_LIMIT }, async (request, reply) => {
      const ctx = operator(request);
      return reply.status(201).send(await notices.create(ctx, parseInput(noticeInputSchema, request.body)));
    });
    app.put('/notices/:id', { bodyLimit: NOTICE_BODY_LIMIT }, async (request) => {
      const ctx = operator(request);
      return notices.update(ctx, idOf(request), parseInput(noticeInputSchema, request.body));
    });
    for (const event of ['publish', 'withdraw', 'pin', 'unpin'] as const) {
      app.post(`/notices/:id/${event}`, async (request) => notices.act(operator(request), idOf(request), event));
    }
    app.get('/notices/:id/attachments/:attachmentId', async (request, reply) => {
      operator(request);
      const { id, attachmentId } = attachmentOf(request);
      return sendAttachment(reply, await notices.adminFile(id, attachmentId), 'private, no-store');
    });
    app.delete('/notices/:id/attachments/:attachmentId', async (request) => {
      const ctx = operator(request);
      const { id, attachmentId } = attachmentOf(request);
      return notices.detach(ctx, id, attachmentId);
    });

    // Files arrive as the raw request body, their name in ?name=: the content decides (attachments.ts).
    await app.register(async (files) => {
      acceptAttachments(files);
      files.post('/notices/:id/attachments', { bodyLimit: NOTICE_ATTACHMENT_MAX_BYTES + 1 }, async (request, reply) => {
        const ctx = operator(request);
        const id = idOf(request);
        const { name } = parseInput(attachmentNameSchema, request.query);
        await enforceLimit(platform.kv, 'notice-attach', ctx.staff.id, ATTACH_LIMIT);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.status(201).send(await notices.attach(ctx, id, name, body));
      });
    });
  };
}

/** The portal's 通知公告: list and detail of visible notices, and their attachments. Mounted under /api. */
export function noticesPublicRoutes(platform: Platform): FastifyPluginAsync {
  const notices = noticesService(platform);
  return async (app) => {
    app.get('/notices', async (request) => {
      const { page, pageSize } = parseInput(noticeListQuerySchema, request.query);
      return notices.publicList(page, pageSize);
    });
    app.get('/notices/:id', async (request) => notices.publicDetail(idOf(request)));
    app.get('/notices/:id/attachments/:attachmentId', async (request, reply) => {
      const { id, attachmentId } = attachmentOf(request);
      // Public documents, but a withdrawn notice's files must stop being served at once.
      return sendAttachment(reply, await notices.publicFile(id, attachmentId), 'no-cache');
    });
  };
}
