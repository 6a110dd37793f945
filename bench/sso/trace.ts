/**
 * Prints the SQL statements of one code flow, one refresh grant, userinfo, introspection and one CAS validation,
 * request by request (diagnostics while optimising; not part of the benchmark's figures).
 *   node bench/sso/trace.ts [--postgres-url <url>]
 */
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { startBenchServer } from './server.ts';
import { PLATFORM_PATHS, casValidation, codeFlow, introspection, refreshGrant, userinfo, type Target } from './flows.ts';

const server = await startBenchServer({ database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', databaseUrl: process.env.TEST_DATABASE_URL });
const { info } = server;
const platform: Target = { ...info.platform, ...PLATFORM_PATHS };
const { db } = server;
let tracing = false;
diagnostics.subscribe('http.server.request.start', (message) => {
  const request = (message as { request: IncomingMessage }).request;
  if (tracing && request.headers.host?.includes(new URL(info.platform.baseUrl).port)) console.log(`-- ${request.method} ${request.url?.split('?')[0]}`);
});
const query = db.query.bind(db);
db.query = (async (sql: string, params?: unknown[]) => {
  if (tracing) console.log(`   ${sql.replace(/\s+/g, ' ').slice(0, 110)}${/oidc_payloads/.test(sql) && String(params?.[0]).length < 40 ? ` [${params?.[0]}]` : ''}`);
  return query(sql, params);
}) as typeof db.query;
for (let i = 0; i < 3; i++) await codeFlow(platform, {});
tracing = true;
console.log('== code flow');
const tokens = await codeFlow(platform, {});
console.log('== refresh');
await refreshGrant(platform, tokens.refresh_token!);
console.log('== userinfo');
await userinfo(platform, tokens.access_token);
console.log('== introspection');
await introspection(platform, tokens.access_token);
console.log('== CAS');
await casValidation(platform.baseUrl, platform.cookies, info.platform.casService, {});
tracing = false;
await server.close();
