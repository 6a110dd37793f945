import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../lib/api.ts';
import { applyServerError, messageFor } from '../lib/forms.ts';
import type { Lang } from '../lib/i18n.tsx';

type NamePath = (string | number)[];

/**
 * Runs the request schema the server enforces over the form's values, after the field
 * rules passed: a cross-field rule the form missed is shown at its field instead of
 * costing a round trip. Returns the parsed body, or null when the form shows errors.
 */
export function checkWithSchema<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown, lang: Lang): z.output<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    name: issue.path as NamePath,
    errors: [messageFor(issue.message, lang) ?? (lang === 'zh' ? '此项格式不正确' : 'This value is not valid')],
  }));
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name);
  return null;
}

/**
 * Shows a refused submit: errors that belong to one field (登录名已被注册, 手机验证码错误 ...)
 * beside that field, field lists from validation beside theirs. Returns the message
 * for the page, or null when everything is shown at the fields.
 */
export function showSubmitError(form: FormInstance, error: unknown, lang: Lang, fieldOfCode: Record<string, NamePath>): string | null {
  const target = error instanceof ApiError ? fieldOfCode[error.code] : undefined;
  if (error instanceof ApiError && target) {
    form.setFields([{ name: target, errors: [lang === 'zh' ? error.message : error.messageEn] }]);
    form.scrollToField(target);
    return null;
  }
  const message = applyServerError(form, error, lang);
  const first = error instanceof ApiError ? error.fields[0] : undefined;
  if (first) form.scrollToField(first.field.split('.'));
  return message;
}

/** `?next=` only ever leads to a page of this site. */
export function safeNext(next: string | null, fallback = '/online/my-info'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
