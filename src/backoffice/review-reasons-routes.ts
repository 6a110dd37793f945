/**
 * /api/admin/review-reasons: the presets of 审核不通过 (issue 18.3). Reviewers (who pick them)
 * and admins (who keep them) read the list; only admins add, change or delete.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { reviewReasonSchema } from './review-reason-schemas.ts';
import { reviewReasons } from './review-reasons.ts';
import type { RequireStaff } from './systems-routes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function reviewReasonsRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const reasons = reviewReasons(platform);
  const admin = (request: FastifyRequest) => requireStaff(request, 'admin');
  /** Reviewers pick presets, admins keep them: either may read. */
  const reader = (request: FastifyRequest) => (request.staff?.roles.includes('admin') ? admin(request) : requireStaff(request, 'reviewer'));
  const id = (request: FastifyRequest) => {
    const value = (request.params as { id?: string }).id ?? '';
    if (!UUID.test(value)) throw new AppError('REVIEW_REASON_NOT_FOUND', 404);
    return value;
  };

  return async (app) => {
    app.get('/review-reasons', async (request) => {
      reader(request);
      return { reasons: await reasons.list() };
    });

    app.post('/review-reasons', async (request, reply) => {
      const ctx = admin(request);
      return reply.status(201).send(await reasons.create(ctx, parseInput(reviewReasonSchema, request.body)));
    });

    app.put('/review-reasons/:id', async (request) => {
      const ctx = admin(request);
      return reasons.update(ctx, id(request), parseInput(reviewReasonSchema, request.body));
    });

    app.delete('/review-reasons/:id', async (request) => {
      const ctx = admin(request);
      return reasons.remove(ctx, id(request));
    });
  };
}
