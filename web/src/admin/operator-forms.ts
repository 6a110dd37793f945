/**
 * What the operators' forms (business systems, service items) share: the request schema the
 * server enforces is run before sending, and problems (the schema's or the server's) are
 * shown beside the form field they belong to. A form's fields need not mirror the request
 * (a textarea of addresses becomes a list), so each form says where a request path is shown.
 */
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../lib/api.ts';
import { messageFor } from '../lib/forms.ts';
import type { Lang } from '../lib/i18n.tsx';

export type NamePath = (string | number)[];

/** 'roles.1.code' (server) or ['roles', 1, 'code'] (zod) as a path with numbers for list indexes. */
export function requestPath(path: string | readonly PropertyKey[]): NamePath {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  return parts.filter((part) => part !== '').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

interface Problem {
  path: NamePath;
  message: string;
}

/** Problems at their fields (one message per field, the first); returns whether any was shown. */
function showAtFields(form: FormInstance, problems: Problem[], fieldOf: (path: NamePath) => NamePath): boolean {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const problem of problems) {
    const name = fieldOf(problem.path);
    const key = JSON.stringify(name);
    if (!byField.has(key)) byField.set(key, { name, errors: [problem.message] });
  }
  const fields = [...byField.values()];
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name);
  return fields.length > 0;
}

/** The parsed request, or null when the schema's problems are now shown at their fields. */
export function checkRequest<S extends z.ZodType>(form: FormInstance, schema: S, body: unknown, lang: Lang, fieldOf: (path: NamePath) => NamePath): z.output<S> | null {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const invalid = lang === 'zh' ? '此项格式不正确' : 'This value is not valid';
  showAtFields(
    form,
    result.error.issues.map((issue) => ({ path: requestPath(issue.path), message: messageFor(issue.message, lang) ?? invalid })),
    fieldOf,
  );
  return null;
}

/**
 * A refused save: a code that belongs to one field (系统标识已被使用 ...) or the server's field
 * list beside the fields; returns the message for the page, or null when all is at fields.
 */
export function showRefusal(form: FormInstance, error: unknown, lang: Lang, fieldOf: (path: NamePath) => NamePath, fieldOfCode: Record<string, NamePath>): string | null {
  if (!(error instanceof ApiError)) return lang === 'zh' ? '系统繁忙，请稍后再试。' : 'The system is busy. Please try again later.';
  const message = lang === 'zh' ? error.message : error.messageEn;
  const target = fieldOfCode[error.code];
  if (target) return showAtFields(form, [{ path: target, message }], (path) => path) ? null : message;
  const shown = showAtFields(
    form,
    error.fields.map((f) => ({ path: requestPath(f.field), message: lang === 'zh' ? f.message : f.messageEn })),
    fieldOf,
  );
  return shown ? null : message;
}

/** One address a line, blanks dropped. */
export const linesOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
