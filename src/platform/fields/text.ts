/**
 * Free text (addresses, titles, reasons, guide texts): any printable characters up to a
 * length. Control characters (but the line breaks of multi-line fields), format characters
 * (zero-width, bidirectional overrides, BOM) and lone surrogates are refused: they hide what
 * a reviewer reads and PostgreSQL refuses some of them outright.
 */
import { z } from 'zod';

export const TEXT_LIMITS = {
  /** One-line fields of a form (职务, 地址, 登记机关 ...). */
  line: 200,
  /** Multi-line fields (审核不通过原因, 办事指南 ...). */
  paragraph: 2000,
} as const;

const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const FORMAT = /\p{Cf}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` holds only printable characters (`multiline`: line breaks and tabs too). */
export function isPrintableText(value: string, multiline = false): boolean {
  if (LONE_SURROGATE.test(value)) return false;
  if (FORMAT.test(value)) return false;
  return !(multiline ? CONTROL_BUT_BREAKS : CONTROL).test(value);
}

/** Length as a person counts it: characters, not UTF-16 units (𠀀 is one). */
export const characterCount = (value: string) => [...value].length;

export interface TextOptions {
  max?: number;
  multiline?: boolean;
}

/** Trimmed free text, '' allowed (callers add `.min(1, 'REQUIRED_FIELD')` where it is required). */
export function freeText({ max = TEXT_LIMITS.line, multiline = false }: TextOptions = {}) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (!isPrintableText(value, multiline)) ctx.addIssue({ code: 'custom', message: 'TEXT_CONTROL_CHARS' });
      else if (characterCount(value) > max) ctx.addIssue({ code: 'custom', message: 'TEXT_TOO_LONG', params: { max } });
    });
}
