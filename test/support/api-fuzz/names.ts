/**
 * The field names the API's request schemas really use, for the fuzz test's bodies and query
 * strings: read from every exported zod schema of src/**\/*schemas.ts, so a new field is fuzzed
 * without anyone listing it, plus the names of the few schemas kept inside route files.
 */
import { globSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Query and body fields of schemas that live in route files (not exported), and CAS parameters. */
const ROUTE_FILE_FIELDS = ['section', 'q', 'id', 'organizationId', 'service', 'ticket', 'renew', 'gateway', 'format', 'pgtUrl', 'return', 'systemKey'];

type ZodLike = { _zod: { def: Record<string, unknown> } };
const isZod = (value: unknown): value is ZodLike => typeof value === 'object' && value !== null && '_zod' in value;

/** Every object key anywhere inside a zod schema (objects, arrays, unions, pipes, defaults ...). */
export function schemaFieldNames(schema: unknown, names = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (!isZod(schema) || seen.has(schema)) return names;
  seen.add(schema);
  for (const [key, value] of Object.entries(schema._zod.def)) {
    if (key === 'shape' && value && typeof value === 'object') {
      for (const [field, child] of Object.entries(value)) {
        names.add(field);
        schemaFieldNames(child, names, seen);
      }
    } else if (Array.isArray(value)) for (const child of value) schemaFieldNames(child, names, seen);
    else schemaFieldNames(value, names, seen);
  }
  return names;
}

export async function apiFieldNames(): Promise<string[]> {
  const names = new Set<string>(ROUTE_FILE_FIELDS);
  for (const file of globSync('src/**/*schemas.ts', { cwd: ROOT })) {
    const module = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown>;
    for (const exported of Object.values(module)) schemaFieldNames(exported, names);
  }
  return [...names].sort();
}
