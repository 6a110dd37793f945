import { Form, type FormInstance } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../lib/api.ts';
import { applyServerError, messageFor } from '../lib/forms.ts';
import { useI18n, type Lang } from '../lib/i18n.tsx';

type NamePath = (string | number)[];

/**
 * The submit of an account form (registration, forced password change): the schema check
 * below, then `send`; a refusal is shown as showSubmitError says. The form's error is
 * cleared by the next submit or, through clearError, by the next edit.
 */
export function useCheckedSubmit<S extends z.ZodType>(schema: S, fieldOfCode: Record<string, NamePath>, send: (input: z.output<S>) => Promise<void>) {
  const { lang } = useI18n();
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Record<string, unknown>) => {
    setError(null);
    const input = checkWithSchema(form, schema, values, lang);
    if (!input) return;
    setSubmitting(true);
    try {
      await send(input);
    } catch (caught) {
      setError(showSubmitError(form, caught, lang, fieldOfCode));
    } finally {
      setSubmitting(false);
    }
  };

  return { form, submitting, error, clearError: () => setError(null), submit };
}

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
