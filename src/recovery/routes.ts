import type { FastifyPluginAsync } from 'fastify';
import { acceptRawFiles } from '../platform/http/body-limits.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MAX_UPLOAD_BYTES } from '../realname/materials.ts';
import { readUpload } from '../realname/materials-service.ts';
import { sendImage } from '../realname/routes.ts';
import { appealService } from './appeals.ts';
import { loginNameReset } from './login-name-reset.ts';
import { legalAppealSchema, legalSearchSchema, naturalAppealSchema, resetCodeSchema, resetCompleteSchema, resetSearchSchema } from './schemas.ts';

/** 密码找回, public (no session): 登录名重置密码 and the two appeals. */
export function recoveryRoutes(platform: Platform): FastifyPluginAsync {
  const reset = loginNameReset(platform);
  const appeals = appealService(platform);
  return async (app) => {
    acceptRawFiles(app);

    app.post('/reset/search', async (request) => reset.search(parseInput(resetSearchSchema, request.body), request.ip));
    app.post('/reset/code', async (request) => reset.sendCode(parseInput(resetCodeSchema, request.body), request.ip));
    app.post('/reset/complete', async (request) => reset.complete(parseInput(resetCompleteSchema, request.body)));

    // The uploading browser is recognised by its CSRF cookie (the request already proved it holds it).
    app.put('/appeal-files', { bodyLimit: MAX_UPLOAD_BYTES }, async (request) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return appeals.upload(body, request.csrfToken, request.ip);
    });
    app.get('/appeal-files/:uploadId', async (request, reply) => {
      const upload = await appeals.readOwnUpload((request.params as { uploadId: string }).uploadId, request.csrfToken);
      return sendImage(reply, await readUpload(platform, upload));
    });

    app.post('/appeals/natural', async (request, reply) => {
      const result = await appeals.submitNatural(parseInput(naturalAppealSchema, request.body), request.csrfToken, request.ip);
      return reply.status(201).send(result);
    });
    app.post('/appeals/legal/search', async (request) => appeals.searchOrganization(parseInput(legalSearchSchema, request.body), request.ip));
    app.post('/appeals/legal', async (request, reply) => {
      const result = await appeals.submitLegal(parseInput(legalAppealSchema, request.body), request.csrfToken, request.ip);
      return reply.status(201).send(result);
    });
  };
}
