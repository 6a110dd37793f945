/**
 * The API fuzz test's platform and its four callers (anonymous, a natural person, a legal
 * person, a staff member with every role), each with a valid CSRF token so that requests reach
 * the handlers; one exchange sends a request and reports what came back and which tables
 * changed; `assertOutcome` holds the three rules every answer must keep.
 */
import assert from 'node:assert/strict';
import { staffStore } from '../../../src/backoffice/staff.ts';
import { registerAccount } from '../accounts.ts';
import { ApiClient } from '../client.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';
import { createStaff, type StaffLogin } from '../staff.ts';
import { changedTables, snapshot, snapshotQuery } from './database.ts';
import type { FuzzRequest } from './requests.ts';
import type { StateName } from './routes.ts';
import type { FuzzAccount, SeedContext } from './seeds.ts';

export interface Outcome {
  status: number;
  text: string;
  /** Set when no answer came (the connection broke or the time ran out). */
  error?: string;
  changed: string[];
}

const SESSION_COOKIES: Partial<Record<StateName, string>> = { natural: 'sid', legal: 'sid', staff: 'staff_sid' };
const TIMEOUT_MS = 15_000;

export class FuzzHarness {
  private query = '';
  private readonly cookies = new Map<StateName, Map<string, string>>();

  readonly t: TestPlatform;
  readonly natural: FuzzAccount;
  readonly legal: FuzzAccount;
  readonly staff: StaffLogin & { id: string };

  private constructor(t: TestPlatform, natural: FuzzAccount, legal: FuzzAccount, staff: StaffLogin & { id: string }) {
    this.t = t;
    this.natural = natural;
    this.legal = legal;
    this.staff = staff;
  }

  static async start(): Promise<FuzzHarness> {
    const t = await startTestPlatform();
    const natural = await registerAccount(t.baseUrl, 'natural');
    const legal = await registerAccount(t.baseUrl, 'legal');
    const staff = await createStaff(t.platform, ['reviewer', 'operator', 'admin'], '模糊测试');
    const [row] = await t.platform.db.query<{ id: string }>('select id from staff where login_name = $1', [staff.loginName]);
    const harness = new FuzzHarness(t, natural, legal, { ...staff, id: row!.id });
    harness.query = await snapshotQuery(t.platform.db);
    for (const state of ['anonymous', 'natural', 'legal', 'staff'] as const) await harness.logIn(state);
    return harness;
  }

  close() {
    return this.t.close();
  }

  /** A fresh CSRF token and, but for the anonymous caller, a fresh session made straight in the store. */
  private async logIn(state: StateName) {
    const client = new ApiClient(this.t.baseUrl);
    await client.get('/api/csrf');
    const { platform } = this.t;
    if (state === 'natural' || state === 'legal') client.cookies.set('sid', await platform.sessions.create(this[state].accountId, false));
    if (state === 'staff') client.cookies.set('staff_sid', await staffStore(platform.db, platform.cipher).createSession(this.staff.id));
    this.cookies.set(state, new Map(client.cookies));
  }

  /** The state's client, with its own cookies only (a login answered during a case does not stick). */
  client(state: StateName): ApiClient {
    const client = new ApiClient(this.t.baseUrl);
    for (const [name, value] of this.cookies.get(state)!) client.cookies.set(name, value);
    return client;
  }

  seedContext(state: StateName): SeedContext {
    return { client: this.client(state), helper: this.client('anonymous'), natural: this.natural, legal: this.legal, staff: this.staff };
  }

  /**
   * Lifts the brakes a long fuzz run would otherwise hit (per-IP and per-account rate limits,
   * login locks), so that every case reaches the handler's own checks.
   */
  async liftBrakes() {
    await this.t.platform.db.query(`delete from kv where key like 'rl:%' or key like 'login%'`);
  }

  /** Sends the request as the state's caller; the tables are compared before and after. */
  async exchange(state: StateName, request: FuzzRequest): Promise<Outcome> {
    const { db } = this.t.platform;
    const before = await snapshot(db, this.query);
    const cookies = this.cookies.get(state)!;
    let outcome: Omit<Outcome, 'changed'>;
    let ended = false;
    try {
      const response = await fetch(this.t.baseUrl + request.path, {
        method: request.method,
        redirect: 'manual',
        headers: {
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': cookies.get('csrf_token') ?? '',
          // Header values are bytes: a content type with other characters goes as its UTF-8 bytes.
          ...(request.contentType === undefined ? {} : { 'content-type': Buffer.from(request.contentType).toString('latin1') }),
        },
        body: request.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      outcome = { status: response.status, text: await response.text() };
      // A logout (or anything else) that ended the state's session: make a new one for the next case.
      const name = SESSION_COOKIES[state];
      ended = response.headers.getSetCookie().some((line) => line.startsWith(`${name}=;`) || (line.startsWith(`${name}=`) && /expires=Thu, 01 Jan 1970/i.test(line)));
    } catch (error) {
      outcome = { status: 0, text: '', error: String((error as Error).cause ?? error) };
    }
    const after = await snapshot(db, this.query);
    if (ended) await this.logIn(state);
    return { ...outcome, changed: changedTables(before, after) };
  }
}

/** Frames of a stack trace, source paths, and the wording of PostgreSQL's errors or of our SQL. */
const LEAKS: [RegExp, string][] = [
  [/\n\s*at .+:\d+:\d+/, 'a stack trace'],
  [/ {4}at [\w.<>]+ \(/, 'a stack trace'],
  [/\/(src|node_modules)\/[\w@./-]+\.(ts|js|mjs)/, 'a source file path'],
  [/node:internal|file:\/\//, 'a source file path'],
  [/syntax error at or near|violates (unique|foreign key|check|not-null) constraint|duplicate key value|invalid input syntax for|out of range for type|date\/time field value|SQLSTATE|relation "\w+"|column "\w+"/i, 'database error text'],
  [/\b(select|update|delete|insert)\b[^"]{0,200}\b(from|into|set|where)\s+"?(accounts|identities|organizations|sessions|kv|staff|audit_log|uploads|reviews|appeals|verifications|business_systems|service_items|authorizations)\b/i, 'SQL text'],
];

/** Text for a failure message: a run of the same few characters as `‹unit ×count›`, then at most about `max` characters. */
function shorten(text: string, max: number): string {
  let out = '';
  let i = 0;
  while (i < text.length && out.length < max) {
    let folded = false;
    for (let unit = 1; unit <= 6 && !folded; unit++) {
      const piece = text.slice(i, i + unit);
      let count = 1;
      while (text.startsWith(piece, i + count * unit)) count++;
      if (count >= 16) {
        out += `‹${piece} ×${count}›`;
        i += count * unit;
        folded = true;
      }
    }
    if (!folded) out += text[i++];
  }
  return i < text.length ? `${out}… (${text.length} chars)` : out;
}

/** A short, printable view of a request for failure messages. */
export function describeRequest(state: StateName, request: FuzzRequest): string {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : `<${request.body.length} bytes>`;
  return `${state}: ${request.method} ${shorten(request.path, 300)}${request.contentType === undefined ? '' : ` [${request.contentType}]`}${body ? ` ${shorten(body, 800)}` : ''}`;
}

/** What is wrong with an answer: a 5xx (or none), a stack trace or SQL in the body, a write on a 4xx. */
export function violations(outcome: Outcome, options: { oversized?: boolean } = {}): string[] {
  // A body far over the limit may be refused before it is read: the connection closes under the sender.
  if (outcome.status === 0 && options.oversized && /ECONNRESET|EPIPE|other side closed|socket/i.test(outcome.error ?? '')) return [];
  const found: string[] = [];
  if (outcome.status < 200 || outcome.status >= 500) found.push(`answered ${outcome.status || 'nothing'}`);
  for (const [pattern, leak] of LEAKS) if (pattern.test(outcome.text)) found.push(`${leak} in the body`);
  if (outcome.status >= 400 && outcome.changed.length) found.push(`refused (${outcome.status}) but wrote: ${outcome.changed.join(', ')}`);
  return found;
}

/** Never a 5xx, never a stack trace or SQL in the body, nothing written when the answer is 4xx. */
export function assertOutcome(state: StateName, request: FuzzRequest, outcome: Outcome, options: { oversized?: boolean } = {}) {
  const found = violations(outcome, options);
  if (found.length) assert.fail(`${found.join('; ')}: ${describeRequest(state, request)}\n→ ${outcome.status} ${outcome.error ?? outcome.text.slice(0, 800)}`);
}
