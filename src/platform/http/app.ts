import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { accountRoutes } from '../../accounts/routes.ts';
import { realnameRoutes } from '../../realname/routes.ts';
import { backofficeRoutes } from '../../backoffice/routes.ts';
import { recoveryRoutes } from '../../recovery/routes.ts';
import { registerOidc } from '../../sso/oidc/routes.ts';
import { casRoutes } from '../../sso/cas/routes.ts';
import { entryRoutes } from '../../sso/entry/routes.ts';
import { grantRoutes } from '../../grants/routes.ts';
import { catalogueRoutes } from '../../catalogue/routes.ts';
import { legacyRoutes } from '../../legacy/routes.ts';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { registerCsrf } from './csrf.ts';
import { devRoutes } from './dev-routes.ts';
import { registerSessions } from './session-plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: config.production ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send(error.toJSON());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      // Only file uploads are big enough to pass the body limits.
      const code = status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status === 413 ? 'FILE_TOO_LARGE' : 'VALIDATION_FAILED';
      return reply.status(status).send(new AppError(code, status).toJSON());
    }
    request.log.error(error);
    if (!config.production) console.error(error);
    return reply.status(500).send(new AppError('INTERNAL', 500).toJSON());
  });

  // Every route, so tests can prove a rule (e.g. staff-only) holds for all of them.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });

  await app.register(fastifyCookie);
  registerCsrf(app, { secure: config.cookieSecure, allowedOrigin: new URL(config.baseUrl).origin });
  registerSessions(app, platform);

  app.get('/healthz', async (_request, reply) => {
    const up = await platform.db.ping();
    return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'database unreachable' });
  });
  app.get('/api/csrf', async (request) => ({ token: request.csrfToken }));

  await app.register(accountRoutes(platform), { prefix: '/api' });
  await app.register(realnameRoutes(platform), { prefix: '/api' });
  await app.register(recoveryRoutes(platform), { prefix: '/api/recovery' });
  await app.register(backofficeRoutes(platform), { prefix: '/api/admin' });
  await app.register(catalogueRoutes(platform), { prefix: '/api' });
  await app.register(grantRoutes(platform), { prefix: '/api' });
  await app.register(legacyRoutes(platform), { prefix: '/api/legacy' });
  await registerOidc(app, platform);
  await app.register(casRoutes(platform), { prefix: '/cas' });
  await app.register(entryRoutes(platform));
  if (!config.production) await app.register(devRoutes(platform), { prefix: '/dev' });

  await serveWeb(app, config.webDistDir);
  return app;
}

/** The portal is a single-page app: unknown non-API paths get index.html. */
async function serveWeb(app: FastifyInstance, dist: string) {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    app.setNotFoundHandler((request, reply) => reply.status(404).send(new AppError('NOT_FOUND', 404).toJSON()));
    return;
  }
  await app.register(fastifyStatic, { root: dist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/dev/')) {
      return reply.status(404).send(new AppError('NOT_FOUND', 404).toJSON());
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
