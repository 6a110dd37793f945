import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
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
import { mattersRoutes } from '../../matters/routes.ts';
import { mattersSystemRoutes } from '../../matters/system-routes.ts';
import { approvalsSystemRoutes } from '../../sso/approvals/system-routes.ts';
import { SYSTEM_API_PREFIX } from '../../sso/system-api/authenticate.ts';
import { noticesPublicRoutes } from '../../notices/routes.ts';
import { nationalRoutes } from '../../federation/national/routes.ts';
import { QR_LOGIN_PREFIX, qrLoginRoutes } from '../../federation/qr/routes.ts';
import { AppError } from '../errors.ts';
import { requestIds } from '../logging.ts';
import { instrumentHttp } from '../../ops/metrics/http.ts';
import type { Platform } from '../platform.ts';
import { JSON_BODY_LIMIT } from './body-limits.ts';
import { registerCsrf } from './csrf.ts';
import { devRoutes } from './dev-routes.ts';
import { handleError } from './error-handler.ts';
import { registerReadiness } from '../../ops/readiness.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerSessions } from './session-plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    genReqId: requestIds(config.trustProxy),
    trustProxy: config.trustProxy,
    bodyLimit: JSON_BODY_LIMIT,
  });

  app.setErrorHandler(handleError);
  // Which request and which node answered (the load balancer's log and the user's report find the node's log lines).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-node', config.nodeName);
  });
  instrumentHttp(app, platform);
  registerSecurityHeaders(app, { baseUrl: config.baseUrl });

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
  registerReadiness(app, platform);
  app.get('/api/csrf', async (request) => ({ token: request.csrfToken }));

  await app.register(accountRoutes(platform), { prefix: '/api' });
  await app.register(realnameRoutes(platform), { prefix: '/api' });
  await app.register(recoveryRoutes(platform), { prefix: '/api/recovery' });
  await app.register(backofficeRoutes(platform), { prefix: '/api/admin' });
  await app.register(catalogueRoutes(platform), { prefix: '/api' });
  await app.register(noticesPublicRoutes(platform), { prefix: '/api' });
  await app.register(qrLoginRoutes(platform), { prefix: QR_LOGIN_PREFIX });
  await app.register(grantRoutes(platform), { prefix: '/api' });
  await app.register(legacyRoutes(platform), { prefix: '/api/legacy' });
  await app.register(mattersRoutes(platform), { prefix: '/api' });
  await app.register(nationalRoutes(platform));
  // Business systems with their own token (client credentials), outside /api's browser CSRF check.
  await app.register(mattersSystemRoutes(platform), { prefix: SYSTEM_API_PREFIX });
  await app.register(approvalsSystemRoutes(platform), { prefix: SYSTEM_API_PREFIX });
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
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/dev/') || request.url.startsWith(`${SYSTEM_API_PREFIX}/`)) {
      return reply.status(404).send(new AppError('NOT_FOUND', 404).toJSON());
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
