import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { acceptRawFiles } from '../platform/http/body-limits.ts';
import { requireSession } from '../platform/http/session-plugin.ts';
import type { Platform } from '../platform/platform.ts';
import { HOUR, enforceLimit } from '../platform/rate-limit.ts';
import { parseInput } from '../platform/http/validate.ts';
import { MAX_UPLOAD_BYTES, materialsSubmitSchema } from './materials.ts';
import { materialsService } from './materials-service.ts';
import type { VerificationSubject } from './rules.ts';
import { subjectsOf } from './service.ts';

const UPLOAD_LIMIT = { max: 60, windowMs: HOUR };

/** The signed-in account and one of its own subjects (a person cannot address an organisation's, and back). */
function ownSubject(request: FastifyRequest): { accountId: string; subject: VerificationSubject } {
  const session = requireSession(request);
  const subject = (request.params as { subject: string }).subject as VerificationSubject;
  if (!subjectsOf(session.kind).includes(subject)) throw new AppError('NOT_FOUND', 404);
  return { accountId: session.accountId, subject };
}

/** Sends a decrypted upload: never cached, never sniffed into something else by the browser. */
export function sendImage(reply: FastifyReply, file: { mediaType: string; bytes: Buffer }) {
  return reply
    .header('content-type', file.mediaType)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .send(file.bytes);
}

/** 上传自然人信息 / 上传法人信息 / 上传主代办人信息 (the owner's side). */
export function realnameRoutes(platform: Platform): FastifyPluginAsync {
  const materials = materialsService(platform);
  return async (app) => {
    // Files arrive as the raw request body: the content decides (materials.ts sniffImageType).
    acceptRawFiles(app);

    app.get('/me/verification/:subject/materials', async (request) => {
      const { accountId, subject } = ownSubject(request);
      return materials.view(accountId, subject);
    });

    app.put('/me/verification/:subject/materials/:slot', { bodyLimit: MAX_UPLOAD_BYTES }, async (request) => {
      const { accountId, subject } = ownSubject(request);
      await enforceLimit(platform.kv, 'upload', accountId, UPLOAD_LIMIT);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return materials.upload(accountId, subject, (request.params as { slot: string }).slot, body);
    });

    app.delete('/me/verification/:subject/materials/:slot', async (request) => {
      const { accountId, subject } = ownSubject(request);
      return materials.withdraw(accountId, subject, (request.params as { slot: string }).slot);
    });

    app.get('/me/verification/:subject/materials/:slot/file', async (request, reply) => {
      const { accountId, subject } = ownSubject(request);
      return sendImage(reply, await materials.read(accountId, subject, (request.params as { slot: string }).slot));
    });

    app.post('/me/verification/:subject/materials/submit', async (request) => {
      const { accountId, subject } = ownSubject(request);
      return materials.submit(accountId, subject, parseInput(materialsSubmitSchema, request.body).files);
    });
  };
}
