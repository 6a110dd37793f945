/**
 * Which routes of the Fastify route table (app.routeList) the fuzz test sends hostile requests
 * to, in which states, and why the others are left out. A route outside every rule below makes
 * the fuzz test fail until someone decides: fuzz it or say why not.
 */
export interface Route {
  method: string;
  url: string;
}

export type StateName = 'anonymous' | 'natural' | 'legal' | 'staff';

export type Verdict = { fuzz: true; params: string[] } | { fuzz: false; reason: string } | { fuzz: undefined };

// /system-api/: here without a business system's token (so always refused first); src/matters/hostile-input.int.test.ts sends hostile input with one.
const FUZZED_PREFIXES = ['/api/', '/cas/', '/sso/', '/system-api/'];

/** Left out, each with its reason. */
const EXCLUSIONS: { test: (route: Route) => boolean; reason: string }[] = [
  { test: (r) => r.method === 'HEAD', reason: "Fastify's automatic twin of a GET route: the same handler, which the GET cases fuzz" },
  { test: (r) => r.url.startsWith('/dev/'), reason: 'development tools (SMS outbox, mail, captcha answers), not registered in production' },
  {
    test: (r) => r.url.startsWith('/oidc/') || r.url === '/.well-known/openid-configuration',
    reason: 'handed untouched to oidc-provider, which parses and answers its own requests (a wildcard route with no inputs of ours); src/sso/oidc tests it',
  },
  { test: (r) => r.url === '/healthz', reason: 'takes no input (a database ping)' },
  { test: (r) => r.url === '/readyz' || r.url === '/metrics', reason: 'take no input (readiness checks; on the public port /metrics is a fixed 404)' },
  {
    test: (r) => (r.method === 'GET' || r.method === 'HEAD') && (r.url === '/' || /\/[^/:*]+\.[a-z0-9]+$/i.test(r.url)),
    reason: 'a file of the built portal (dist/web) served by @fastify/static',
  },
];

export function classify(route: Route): Verdict {
  const excluded = EXCLUSIONS.find((rule) => rule.test(route));
  if (excluded) return { fuzz: false, reason: excluded.reason };
  if (FUZZED_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
    return { fuzz: true, params: [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!) };
  }
  return { fuzz: undefined };
}

/**
 * Anonymous, a natural person and a legal person for every route, so that the authorisation
 * checks do not hide the validation behind them; and a staff member with every role for the
 * back office.
 */
export function statesFor(route: Route): StateName[] {
  return route.url.startsWith('/api/admin/') ? ['anonymous', 'natural', 'legal', 'staff'] : ['anonymous', 'natural', 'legal'];
}

/** The table's routes, each once (the table lists a route again for each of its methods). */
export function distinctRoutes(routes: readonly Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
