/**
 * Hostile values for the API fuzz test (src/platform/api-fuzz.int.test.ts), as fast-check
 * arbitraries. A value is a JSON tree that may hold three markers the fuzz serialises itself:
 * `huge` (a 100 kB string), `raw` (JSON text JSON.stringify cannot write, e.g. 1e309) and
 * `obj` (an object with keys a JS object literal mangles, e.g. __proto__). Each marker prints
 * as the call that builds it, so a counterexample stays short and can be pasted back as a case.
 */
import fc from 'fast-check';

export class Huge {
  readonly unit: string;
  readonly times: number;
  constructor(unit: string, times: number) {
    this.unit = unit;
    this.times = times;
  }
  get value(): string {
    return this.unit.repeat(this.times);
  }
  [fc.toStringMethod]() {
    return `huge(${JSON.stringify(this.unit)}, ${this.times})`;
  }
}

export class Raw {
  readonly json: string;
  constructor(json: string) {
    this.json = json;
  }
  [fc.toStringMethod]() {
    return `raw(${JSON.stringify(this.json.length > 80 ? `${this.json.slice(0, 80)}…` : this.json)})`;
  }
}

export class Obj {
  readonly entries: readonly (readonly [string, Value])[];
  constructor(entries: readonly (readonly [string, Value])[]) {
    this.entries = entries;
  }
  [fc.toStringMethod]() {
    return `obj(${fc.stringify(this.entries)})`;
  }
}

export type Value = null | boolean | number | string | Huge | Raw | Obj | Value[] | { [key: string]: Value };

export const huge = (unit: string, times: number) => new Huge(unit, times);
export const raw = (json: string) => new Raw(json);
export const obj = (entries: readonly (readonly [string, Value])[]) => new Obj(entries);
/** `depth` arrays or objects inside each other, as JSON text (no recursion to build or print it). */
export const deep = (open: '[' | '{"a":', depth: number) => new Raw(open.repeat(depth) + (open === '[' ? ']' : '1}').repeat(depth));

/** JSON text of a value; markers expand here. */
export function toJson(value: Value): string {
  if (value instanceof Huge) return JSON.stringify(value.value);
  if (value instanceof Raw) return value.json;
  if (value instanceof Obj) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') return toJson(new Obj(Object.entries(value)));
  return JSON.stringify(value) ?? 'null';
}

/** The text a value stands for in a query string or path (objects and arrays as their JSON). */
export function toText(value: Value): string {
  if (typeof value === 'string') return value;
  if (value instanceof Huge) return value.value;
  return toJson(value);
}

/** Percent-encodes text as UTF-8; a lone surrogate becomes U+FFFD instead of making encodeURIComponent throw. */
export const encode = (text: string) => encodeURIComponent(Buffer.from(text).toString());

export const INVALID_DATES = ['2015-02-30', '2026-13-01', '0000-00-00', '99999-01-01', '2014-13-40', '2026-02-29', '1900-02-29', '2026-00-10', '2026-1-1', '-2026-01-01', '2026-01-01T25:00:00Z', '294277-01-01'];

export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\t\r\n', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor',
  // SQL and markup
  "'; DROP TABLE accounts;--", "' OR '1'='1", '1 UNION SELECT NULL--', "\\'; --", '%', '_', '\\', '$1', '"',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', 'javascript:alert(1)',
  // dates and numbers as text
  ...INVALID_DATES, '0001-01-01', '9999-12-31', '1e309', '-1e309', '-0', 'NaN', 'Infinity', '-1', '0', '9007199254740993', '1.5', '0x10', '١٢٣',
  // Unicode: emoji, control, zero-width, bidi, lone surrogates, odd forms
  '😀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '\u0000', 'a\u0000b', '\u0007', '\u001b[31mred', '\u007f', '\u0085', '\u200b', '\u200d', '\ufeff', '\u202e', 'abc\u202edcba',
  '\u2028', '\ud800', '\udfff', 'a\ud83db', '\uffff', '\u00ad', 'Ａｄｍｉｎ', 'İ', 'ß', 'e\u0301', '\u3000',
  // paths and encodings
  '../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '%2e%2e%2f', 'a/b', '?x=1', '#frag', 'http://evil.example/', '//evil.example',
  // plausible Chinese values
  '张三', '北京示例科技有限公司', '中华人民共和国',
];

/** Values a form would send, so that a body gets past its first checks now and then. */
export const PLAUSIBLE_VALUES: readonly Value[] = [
  'natural', 'legal', 'mainland', 'domestic', 'resident_id', 'enterprise', 'register', 'phone', 'email', 'open', 'natural_person',
  'organization', 'primary_agent', 'document_front', 'Passw0rd!', '13900000000', '110101199001011237', '91110108MA01234567',
  '2020-01-01', '2040-01-01', '', 'user_fuzz', 'a@example.cn', '100000', '123456', 'http://localhost:4001/cb',
  '00000000-0000-4000-8000-000000000000', true, false, 0, 1, 20, [], {},
];

const HUGE: readonly Huge[] = [huge('a', 100_000), huge('字', 100_000), huge('😀', 50_000), huge('\u0000', 100_000), huge('\u200b', 100_000), huge('9', 100_000)];

const hostileChar = fc.constantFrom('\u0000', '\u0007', '\u200b', '\u200d', '\ufeff', '\u202e', '\ud800', '😀', "'", '"', '<', '\\', '%', '\n');

/** A string: a hostile constant, any code points, huge, or a plausible value with a hostile character in it. */
export const hostileString: fc.Arbitrary<string | Huge> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...PLAUSIBLE_VALUES.filter((v): v is string => typeof v === 'string')), hostileChar, fc.nat(40))
      .map(([text, char, at]) => text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1))),
  },
);

/** Numbers JSON can carry, and some it cannot (written raw). */
export const hostileNumber: fc.Arbitrary<number | Raw> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, 99999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(raw('1e309'), raw('-1e309'), raw('-0'), raw('1e-400'), raw('123456789012345678901234567890'), raw('0.1e1'), raw('1E+2')),
);

export const fieldKey = (names: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', '\u0000', 'a.b', '$where', '😀', 'x'.repeat(1000)) },
  );

/** Any value: hostile strings and numbers, wrong types, and small arrays and objects of them. */
export function hostileValue(names: readonly string[]): fc.Arbitrary<Value> {
  const { value } = fc.letrec<{ value: Value }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      { weight: 6, arbitrary: hostileString },
      { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_VALUES) },
      { weight: 2, arbitrary: hostileNumber },
      { weight: 1, arbitrary: fc.constantFrom<Value>(true, false, null) },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(fc.tuple(fieldKey(names), tie('value')), { maxLength: 4 }).map(obj) },
      { weight: 1, arbitrary: fc.constantFrom(deep('[', 1_000), deep('{"a":', 1_000), deep('[', 100_000)) },
    ),
  }));
  return value;
}
