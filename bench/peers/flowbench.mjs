// One client for both providers (from ../shared/peers/flowbench.mjs, adapted for bench/peers/run.ts):
// complete OIDC authorization-code flows (+ PKCE S256) of already signed-in users, following every
// redirect inside the provider with a cookie jar until the redirect_uri carries a code, then the
// token exchange (client_secret_basic); or CAS login -> ticket -> serviceValidate. node:http with
// keep-alive, CONC concurrent workers, each with its own signed-in session. Loopback only; bounded.
// Both targets run the same code; only the URLs, the credentials and the sign-in step differ.
//
// node flowbench.mjs TARGET CONC SECONDS
//   TARGET = llng      LemonLDAP::NG from llng-setup.sh (user dwho, client rp-client, CAS service rp)
//          = platform  env BASE, REDIRECT (the hgr-demo client's callback), SERVICE (the CAS demo's prefix);
//                      demo_person / Demo@2026pass
// MODE (env):
//   oidc (default)  code flows for SECONDS; prints RESULT (flows/s, p50/p99 ms per flow, requests per flow, bad)
//   cas             CAS flows for SECONDS; prints RESULT
//   mint            authorize only, for SECONDS: writes the codes to OUT.<worker 1..CONC> (one a line,
//                   worker i's file for wrk thread i) and prints RESULT (codes/s) and VERIFIER <pkce verifier>
//   tokens          one code flow per worker: prints ACCESS_TOKEN <one access token> and writes each
//                   worker's refresh token (if any) to OUT, one a line
import http from 'node:http';
import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';

const [target, concArg, secsArg] = process.argv.slice(2);
if (target !== 'llng' && target !== 'platform') {
  console.error('usage: node flowbench.mjs llng|platform CONC SECONDS');
  process.exit(2);
}
const CONC = Number(concArg ?? 8), SECS = Number(secsArg ?? 10);
const MODE = process.env.MODE ?? 'oidc';
const agent = new http.Agent({ keepAlive: true, maxSockets: CONC * 2 });
const LLNG = process.env.LLNG_BASE ?? 'http://auth.example.test:19080';
const LLNG_RP = process.env.LLNG_RP ?? 'http://rp.example.test:19180';
const T = target === 'llng'
  ? { base: LLNG, authPath: '/oauth2/authorize', tokenPath: '/oauth2/token', clientId: 'rp-client', secret: 'rp-secret',
      redirect: `${LLNG_RP}/oidc/redirect_uri`, scope: 'openid profile email', service: `${LLNG_RP}/cas/` }
  : { base: process.env.BASE ?? 'http://localhost:3000', authPath: '/oidc/auth', tokenPath: '/oidc/token', clientId: 'hgr-demo', secret: 'HgrDemo@2026-oidc-client-secret',
      redirect: process.env.REDIRECT ?? 'http://localhost:4001/callback', scope: 'openid profile', service: process.env.SERVICE ?? 'http://localhost:4002/' };
const verifier = crypto.randomBytes(32).toString('base64url');
const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
const basic = 'Basic ' + Buffer.from(`${encodeURIComponent(T.clientId)}:${encodeURIComponent(T.secret)}`).toString('base64');

function request(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search, method, agent,
      headers: { host: u.host, ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      let data = ''; res.setEncoding('utf8'); res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${u.pathname}`)));
    req.on('error', reject); if (body) req.write(body); req.end();
  });
}
class Jar {
  m = new Map();
  take(res) { for (const c of res.headers['set-cookie'] ?? []) { const [kv] = c.split(';'); const i = kv.indexOf('='); const k = kv.slice(0, i), v = kv.slice(i + 1);
    if (!v || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.m.delete(k); else this.m.set(k, v); } }
  header() { return [...this.m].map(([k, v]) => `${k}=${v}`).join('; '); }
}

/** The only step that differs between the targets: a password sign-in into the provider's own session. */
async function signIn(jar, n) {
  if (target === 'llng') {
    const form = await request('GET', T.base + '/'); jar.take(form);
    const token = form.body.match(/name="token" value="([^"]+)"/)?.[1];
    const r = await request('POST', T.base + '/', { headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() }, body: `user=dwho&password=dwho&token=${token}` });
    jar.take(r); if (!jar.m.has('lemonldap')) throw new Error('LL::NG login failed');
    return;
  }
  // A client address of its own per worker (the server trusts the proxy's X-Forwarded-For): the captcha's rate limit is per address.
  const ip = `10.99.${(process.pid >> 8) & 255}.${(process.pid + n) & 255}`;
  const csrf = await request('GET', T.base + '/api/csrf', { headers: { 'x-forwarded-for': ip } }); jar.take(csrf);
  const cap = JSON.parse((await request('GET', T.base + '/api/captcha', { headers: { cookie: jar.header(), 'x-forwarded-for': ip } })).body);
  const id = cap.id ?? cap.captchaId;
  const ans = JSON.parse((await request('GET', `${T.base}/dev/captcha/${id}`)).body).answer;
  const r = await request('POST', T.base + '/api/login', { headers: { 'content-type': 'application/json', cookie: jar.header(), 'x-csrf-token': jar.m.get('csrf_token'), 'x-forwarded-for': ip, origin: T.base },
    body: JSON.stringify({ kind: 'natural', loginName: 'demo_person', password: 'Demo@2026pass', captchaId: id, captcha: ans }) });
  jar.take(r); if (r.status !== 200) throw new Error(`platform login failed: ${r.status} ${r.body.slice(0, 200)}`);
}

// CAS: /cas/login with the SSO cookie -> service?ticket=ST-... -> serviceValidate (CAS 2.0 answer).
async function casFlow(jar) {
  let url = `${T.base}/cas/login?service=${encodeURIComponent(T.service)}`, requests = 0;
  for (let hop = 0; hop < 8; hop++) {
    const r = await request('GET', url, { headers: { cookie: jar.header() } }); requests++; jar.take(r);
    const loc = r.headers.location;
    if (!loc) return { ok: false, requests, why: `status ${r.status} at ${url}` };
    const next = new URL(loc, url).toString();
    if (next.startsWith(T.service)) {
      const ticket = new URL(next).searchParams.get('ticket'); if (!ticket) return { ok: false, requests, why: 'no ticket: ' + next };
      const v = await request('GET', `${T.base}/cas/serviceValidate?service=${encodeURIComponent(T.service)}&ticket=${encodeURIComponent(ticket)}`); requests++;
      return { ok: v.status === 200 && v.body.includes('authenticationSuccess'), requests, why: `validate ${v.status} ${v.body.slice(0, 160)}` };
    }
    url = next;
  }
  return { ok: false, requests, why: 'too many redirects' };
}

/** Authorize, following the provider's redirects with the jar, up to the code at the redirect URI. */
async function authorize(jar) {
  let url = `${T.base}${T.authPath}?response_type=code&client_id=${encodeURIComponent(T.clientId)}&redirect_uri=${encodeURIComponent(T.redirect)}` +
    `&scope=${encodeURIComponent(T.scope)}&state=s1&nonce=n1&code_challenge=${challenge}&code_challenge_method=S256`;
  let requests = 0;
  for (let hop = 0; hop < 8; hop++) {
    const r = await request('GET', url, { headers: { cookie: jar.header() } }); requests++; jar.take(r);
    const loc = r.headers.location;
    if (!loc || r.status < 300 || r.status > 399) return { requests, why: `status ${r.status} at ${url}` };
    const next = new URL(loc, url).toString();
    if (next.startsWith(T.redirect)) {
      const code = new URL(next).searchParams.get('code');
      return code ? { requests, code } : { requests, why: 'no code: ' + next };
    }
    url = next;
  }
  return { requests, why: 'too many redirects' };
}

async function flow(jar) {
  if (MODE === 'cas') return casFlow(jar);
  const a = await authorize(jar);
  if (!a.code) return { ok: false, requests: a.requests, why: a.why };
  const t = await request('POST', T.base + T.tokenPath, { headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: `grant_type=authorization_code&code=${encodeURIComponent(a.code)}&redirect_uri=${encodeURIComponent(T.redirect)}&code_verifier=${verifier}` });
  const ok = t.status === 200 && t.body.includes('"access_token"');
  return { ok, requests: a.requests + 1, why: `token ${t.status} ${t.body.slice(0, 120)}`, tokens: ok ? JSON.parse(t.body) : undefined };
}

const jars = Array.from({ length: CONC }, () => new Jar());
await Promise.all(jars.map((j, i) => signIn(j, i)));
const probe = await flow(jars[0]);
if (!probe.ok) { console.error('first flow failed:', probe.why); process.exit(1); }

if (MODE === 'tokens') {
  const refresh = [];
  for (const j of jars) {
    const r = await flow(j);
    if (!r.ok) { console.error('flow failed:', r.why); process.exit(1); }
    if (r.tokens.refresh_token) refresh.push(r.tokens.refresh_token);
  }
  console.log('ACCESS_TOKEN', probe.tokens.access_token);
  if (process.env.OUT) writeFileSync(process.env.OUT, refresh.map((t) => t + '\n').join(''));
  agent.destroy();
  process.exit(0);
}

for (const j of jars) await flow(j); // warm-up
const lat = []; let bad = 0, reqs = 0; const end = Date.now() + SECS * 1000; const t0 = performance.now();
const codes = jars.map(() => []);
await Promise.all(jars.map(async (j, i) => {
  while (Date.now() < end) {
    const s = performance.now();
    let r;
    if (MODE === 'mint') {
      const a = await authorize(j);
      r = { ok: !!a.code, requests: a.requests, why: a.why };
      if (a.code) codes[i].push(a.code);
    } else r = await flow(j);
    reqs += r.requests;
    if (r.ok) lat.push(performance.now() - s); else { bad++; if (bad < 3) console.error('bad flow:', r.why); }
  }
}));
const secs = (performance.now() - t0) / 1000; lat.sort((a, b) => a - b);
const pct = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(lat.length * p / 100))] : 0).toFixed(2);
if (MODE === 'mint') {
  if (!process.env.OUT) { console.error('MODE=mint needs OUT'); process.exit(2); }
  codes.forEach((list, i) => writeFileSync(`${process.env.OUT}.${i + 1}`, list.map((c) => c + '\n').join('')));
  console.log('VERIFIER', verifier);
}
console.log(`RESULT mode=${MODE} target=${target} conc=${CONC} ok=${lat.length} bad=${bad} secs=${secs.toFixed(2)} rps=${(lat.length / secs).toFixed(1)} p50_ms=${pct(50)} p99_ms=${pct(99)} requests_per_flow=${(reqs / Math.max(1, lat.length + bad)).toFixed(2)}`);
agent.destroy();
