import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { describeIssue } from '../../../src/platform/fields/issues.ts';
import { describeCode } from '../../../src/platform/http/validate.ts';
import { ApiError } from './api.ts';
import type { Lang } from './i18n.tsx';

/** The message for an error code, from the same catalogues the server uses. */
export function messageFor(code: string, lang: Lang): string | undefined {
  return describeCode(code)?.[lang];
}

/**
 * Checks one field with the server's schema for it; the issue's code gives the message.
 * `unchanged` is the masked value shown back (13*****656): left as it is, it is not checked.
 */
export function schemaRule(schema: z.ZodType, lang: Lang, unchanged?: string): FormRule {
  return {
    validator: async (_, value: unknown) => {
      if (value === undefined || value === null || value === '' || value === unchanged) return;
      const result = schema.safeParse(value);
      if (result.success) return;
      const issue = result.error.issues[0];
      if (issue) throw new Error(describeIssue(issue, describeCode)[lang]);
    },
  };
}

/** Antd validator from a pure rule: the field shows the rule's catalogue message. */
export function ruleValidator(check: (value: string) => { ok: true } | { ok: false; code: string }, lang: Lang) {
  return async (_: unknown, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const result = check(String(value));
    if (!result.ok) throw new Error(messageFor(result.code, lang) ?? result.code);
  };
}

/**
 * After a failed submit the first field in error is scrolled to and focused, so that a screen
 * reader reads its label and, through aria-describedby, its message (WCAG 3.3.1). Set for every
 * form by the ConfigProvider in App.tsx; a Form's own `scrollToFirstError` must use it too.
 */
export const FOCUS_FIRST_ERROR = { focus: true, block: 'center' } as const;

/** Focuses the first field (in the form's order) that shows an error, e.g. after the server's answer. */
export function focusFirstError(form: FormInstance): void {
  // After antd has rendered the errors (and their aria-describedby targets).
  setTimeout(() => {
    const first = form.getFieldsError().find((field) => field.errors.length > 0);
    if (first) form.scrollToField(first.name, FOCUS_FIRST_ERROR);
  });
}

/**
 * Shows a server answer on the form: field errors beside their fields, and the general
 * message returned for the page to display. Field paths 'a.b' become antd name paths.
 */
export function applyServerError(form: FormInstance, error: unknown, lang: Lang): string {
  if (!(error instanceof ApiError)) return lang === 'zh' ? '系统繁忙，请稍后再试。' : 'The system is busy. Please try again later.';
  if (error.fields.length) {
    form.setFields(
      error.fields.map((f) => ({ name: f.field.split('.'), errors: [lang === 'zh' ? f.message : f.messageEn] })),
    );
    focusFirstError(form);
  }
  return lang === 'zh' ? error.message : error.messageEn;
}
