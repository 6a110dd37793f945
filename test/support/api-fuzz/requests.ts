/**
 * Request plans for the API fuzz test: what to put in a route's path parameters, query string
 * and body. A plan is small and printable (the counterexample fast-check shows); `buildRequest`
 * turns it into the bytes sent, with the route's seed body (a valid body, see seeds.ts) when
 * the plan edits one.
 */
import fc from 'fast-check';
import { PERSONAL_DATA_SHAPES } from '../personal-data-scan.ts';
import { INVALID_DATES, Raw, encode, fieldKey, hostileString, hostileValue, huge, raw, toJson, toText, type Value } from './values.ts';

export interface FuzzRequest {
  method: string;
  path: string;
  contentType?: string;
  body?: string | Uint8Array<ArrayBuffer>;
}

/**
 * One edit of the seed body at the `at`-th node (counted in document order, modulo their
 * number): `set` puts `value` there, `mangle` the `pick`-th near miss of what is there (an
 * invalid date for a date, the text with a NUL for a text ...), `delete` removes it, `add` puts
 * `key: value` into it, `wrap` puts it into an array or object.
 */
export interface Edit {
  op: 'set' | 'mangle' | 'delete' | 'add' | 'wrap';
  at: number;
  pick: number;
  key: string;
  value: Value;
}

export type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: Value }
  | { kind: 'edit'; edits: Edit[] }
  | { kind: 'text'; contentType: string; text: string }
  | { kind: 'bytes'; contentType: string; bytes: number[] }
  | { kind: 'oversized'; contentType: string; bytes: number };

export interface RequestPlan {
  /** One per path parameter, in order: a value (percent-encoded when sent) or raw text sent as is. */
  params: Value[];
  /** Query parameters (repeated keys allowed), raw text after the '?', or edits of the route's seed query. */
  query: [string, Value][] | Raw | { edits: { at: number; value: Value }[] };
  body: BodyPlan;
}

/** Path segments sent exactly as written: encoded dot segments, bad escapes, invalid UTF-8. */
const RAW_SEGMENTS = ['..', '.', '%2e%2e', '..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', '%00', '%ZZ', '%', '%C0%AF', '%FF%FE', '%E2%80%AE', '%F0%9F%98%80', 'a;b', 'a%2Fb', '~', '*'];

/** Values of some path parameter or other: ids of nothing, numbers, subjects, slots, keys. */
const GENERIC_SEGMENTS = [
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '1', '0', '-1', '99999999999999999999', '1.5', '1e3',
  'natural_person', 'organization', 'primary_agent', 'document_front', 'business_licence', 'other_1', 'submit', 'file',
  'demo-oidc', 'torch', 'S0001', '001', 'null', 'undefined',
];

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/vnd.api+json', 'application/json, text/plain'];
const OTHER_TYPES = ['text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'image/png', 'x/x; charset=😀', ''];

/** Texts sent as JSON that are not JSON, or are JSON a parser should think twice about. */
const NON_JSON = [
  '{', '{"a":', '[1,2', '{"loginName":"x",}', "{'a':1}", '\ufeff{}', '', ' ', 'null', '"text"', '123', 'true', 'NaN', 'undefined',
  '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"a":1,"a":2}',
  '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":01}', '{"a":.5}', '{"a":+1}', '{"a":0x10}', '{"a":Infinity}', '{"a":"\\x41"}', '{"a" 1}',
  'loginName=x&password=y', '<xml/>',
];

const INVALID_UTF8 = [[0xff, 0xfe, 0x7b, 0x7d], [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf, 0x7b, 0x7d]];

export interface PlanOptions {
  /** The route's path parameters, each with the values it really takes (none: hostile values only). */
  params: readonly (readonly string[])[];
  hasBody: boolean;
  hasSeed: boolean;
  hasQuerySeed: boolean;
}

export function requestPlan(names: readonly string[], options: PlanOptions): fc.Arbitrary<RequestPlan> {
  const value = hostileValue(names);
  const segment = (real: readonly string[]): fc.Arbitrary<Value> =>
    fc
      .oneof(
        { weight: 3, arbitrary: hostileString },
        { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map(raw) },
        { weight: 2, arbitrary: fc.constantFrom(...GENERIC_SEGMENTS) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: real.length ? 4 : 0, arbitrary: fc.constantFrom(...(real.length ? real : [''])) },
      )
      // The platform logs each request's path (not its query or body): a path parameter shaped like
      // a mobile or an ID number would be the fuzz's own, not a leak, yet trip the log check (test/logs).
      .filter((value) => !looksPersonal(segmentText(value)));
  const query = fc.oneof(
    { weight: options.hasQuerySeed ? 6 : 0, arbitrary: fc.array(fc.record({ at: fc.nat(), value }), { minLength: 1, maxLength: 2 }).map((edits) => ({ edits })) },
    { weight: 6, arbitrary: fc.array(fc.tuple(fieldKey(names), value), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom('&&&', '=', 'a', '%ZZ=%ZZ', 'a[b]=1&a[c]=2', 'a[]=1', `x=${'a'.repeat(20_000)}`, 'x=%00', 'x=%FF').map(raw) },
  );
  const edit: fc.Arbitrary<Edit> = fc.record({ op: fc.constantFrom('set', 'set', 'mangle', 'mangle', 'mangle', 'delete', 'add', 'wrap'), at: fc.nat(), pick: fc.nat(), key: fieldKey(names), value });
  const body: fc.Arbitrary<BodyPlan> = options.hasBody
    ? fc.oneof(
        { weight: options.hasSeed ? 8 : 0, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => ({ kind: 'edit' as const, edits })) },
        { weight: 4, arbitrary: fc.array(fc.tuple(fieldKey(names), value), { maxLength: 8 }).map((entries) => ({ kind: 'json' as const, value: Object.fromEntries(entries) as Value })) },
        { weight: 1, arbitrary: value.map((v) => ({ kind: 'json' as const, value: v })) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), contentType: fc.constantFrom(...JSON_TYPES), text: fc.constantFrom(...NON_JSON) }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), contentType: fc.constantFrom(...OTHER_TYPES), text: fc.constantFrom(...NON_JSON) }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), contentType: fc.constantFrom(...JSON_TYPES, ...OTHER_TYPES), bytes: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.array(fc.nat(255), { maxLength: 64 })) }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('oversized' as const), contentType: fc.constantFrom('application/json', 'application/octet-stream'), bytes: fc.constantFrom(2_500_000, 5_000_000) }) },
      )
    : fc.constant({ kind: 'none' as const });
  return fc.record({ params: fc.tuple(...options.params.map(segment)), query, body });
}

const segmentText = (value: Value) => (value instanceof Raw ? value.json : encode(toText(value)));

/** Whether the log check would take this path text for personal data; a path longer than Node's 16 kB of headers is refused unlogged. */
const looksPersonal = (text: string) => text.length <= 16_384 && Object.values(PERSONAL_DATA_SHAPES).some((shape) => shape.test(text));

/** The route's URL with each :param replaced, in order. */
export function fillPath(url: string, params: readonly Value[]): string {
  let index = 0;
  return url.replace(/:[A-Za-z]+/g, () => segmentText(params[index++] ?? ''));
}

export function queryString(query: RequestPlan['query'], seed: Record<string, string> = {}): string {
  if (query instanceof Raw) return `?${query.json}`;
  if ('edits' in query) {
    const entries: [string, Value][] = Object.entries(seed);
    for (const { at, value } of query.edits) if (entries.length) entries[at % entries.length]![1] = value;
    return queryString(entries);
  }
  if (query.length === 0) return '';
  return `?${query.map(([k, v]) => `${encode(k)}=${v instanceof Raw ? v.json : encode(toText(v))}`).join('&')}`;
}

export function buildRequest(method: string, url: string, plan: RequestPlan, seed: { body?: Value; query?: Record<string, string> } = {}): FuzzRequest {
  const path = fillPath(url, plan.params) + queryString(plan.query, seed.query);
  const body = plan.body;
  switch (body.kind) {
    case 'none':
      return { method, path };
    case 'json':
      return { method, path, contentType: 'application/json', body: toJson(body.value) };
    case 'edit':
      return { method, path, contentType: 'application/json', body: toJson(applyEdits(seed.body ?? {}, body.edits)) };
    case 'text':
      return { method, path, contentType: body.contentType, body: body.text };
    case 'bytes':
      return { method, path, contentType: body.contentType, body: Uint8Array.from(body.bytes) };
    case 'oversized':
      return { method, path, contentType: body.contentType, body: body.contentType === 'application/json' ? `{"a":"${'x'.repeat(body.bytes)}"}` : new Uint8Array(body.bytes) };
  }
}

type Node = { parent: Value[] | Record<string, Value> | undefined; key: string | number; node: Value };

/** Every node of a plain JSON tree, in document order, with where it hangs. */
function nodes(root: Value): Node[] {
  const all: Node[] = [];
  const visit = (parent: Node['parent'], key: string | number, node: Value) => {
    all.push({ parent, key, node });
    if (Array.isArray(node)) node.forEach((child, i) => visit(node, i, child));
    else if (isPlainObject(node)) for (const [k, child] of Object.entries(node)) visit(node, k, child);
  };
  visit(undefined, '', root);
  return all;
}

const isPlainObject = (value: Value): value is Record<string, Value> => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** The seed body with the edits applied (on a copy): one field replaced, removed, added or wrapped. */
export function applyEdits(seed: Value, edits: readonly Edit[]): Value {
  let root = structuredClone(seed);
  for (const edit of edits) {
    const all = nodes(root);
    const target = all[edit.at % all.length]!;
    const replace = (value: Value) => {
      if (!target.parent) root = value;
      else (target.parent as Record<string | number, Value>)[target.key] = value;
    };
    if (edit.op === 'set') replace(edit.value);
    else if (edit.op === 'mangle') {
      const misses = nearMisses(target.node);
      replace(misses[edit.pick % misses.length]!);
    } else if (edit.op === 'wrap') replace(edit.at % 2 ? [target.node] : { value: target.node });
    else if (edit.op === 'add' && isPlainObject(target.node)) Object.defineProperty(target.node, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    else if (edit.op === 'delete' && target.parent) {
      if (Array.isArray(target.parent)) target.parent.splice(target.key as number, 1);
      else delete target.parent[target.key as string];
    }
  }
  return root;
}

/** Values close to a valid one that a check should still refuse (or accept without harm). */
export function nearMisses(value: Value): Value[] {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return [...INVALID_DATES, `${value} `, `${value}\u0000`, `${value}T00:00:00Z`, '２０２６-０１-０１', '1900-01-01', '2999-12-31', '0001-01-01'];
  }
  if (typeof value === 'string') {
    return [
      `${value}\u0000`, `\u0000${value}`, `${value}\u200b`, `\u202e${value}`, `${value}\ud800`, `${value}😀`, `${value}\u0007`, ` ${value} `,
      `${value}'; DROP TABLE accounts;--`, `${value}<script>alert(1)</script>`, value.toUpperCase(), value.toLowerCase(),
      huge(value || 'a', Math.ceil(100_000 / Math.max(1, value.length))), `${value}${'a'.repeat(300)}`, '', 0, null, [value], { value },
    ];
  }
  if (typeof value === 'number') return [-1, -0, 0.5, 1e308, raw('1e309'), raw('-1e309'), 2 ** 53 + 2, String(value), null, [value]];
  if (typeof value === 'boolean') return [String(value), value ? 1 : 0, null, [value]];
  if (value === null) return ['', 0, false, {}, []];
  if (Array.isArray(value)) return [[], {}, null, '', Array.from({ length: 1_000 }, () => value[0] ?? null)];
  return [[], '', null, 0];
}
