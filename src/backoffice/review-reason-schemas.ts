/**
 * Preset reasons for 审核不通过 (常用不通过原因, issue 18.3) and the reviewer's rejection that
 * picks them: shared by the server and the back-office pages.
 */
import { z } from 'zod';
import { freeText, isPrintableText } from '../platform/fields/text.ts';

export const REVIEW_REASON_LIMITS = {
  /** One preset's words. */
  textMaxLength: 100,
  /** Presets one rejection may combine. */
  maxPresets: 5,
  /** What the reviewer writes besides the presets. */
  freeTextMaxLength: 500,
  maxSortOrder: 9999,
} as const;

/** A preset as an admin adds or changes it. */
export const reviewReasonSchema = z.object({
  text: z
    .string({ error: 'REVIEW_REASON_TEXT_INVALID' })
    .trim()
    .min(1, 'REVIEW_REASON_TEXT_INVALID')
    .max(REVIEW_REASON_LIMITS.textMaxLength, 'REVIEW_REASON_TEXT_INVALID')
    .refine((value) => isPrintableText(value), 'TEXT_CONTROL_CHARS'),
  sortOrder: z
    .number({ error: 'SORT_ORDER_INVALID' })
    .int('SORT_ORDER_INVALID')
    .min(0, 'SORT_ORDER_INVALID')
    .max(REVIEW_REASON_LIMITS.maxSortOrder, 'SORT_ORDER_INVALID')
    .default(0),
});

export type ReviewReasonInput = z.infer<typeof reviewReasonSchema>;

/** 审核不通过 of a real-name review: presets (by id), free text, or both; never neither. */
export const rejectWithPresetsSchema = z
  .object({
    presets: z
      .array(z.uuid({ error: 'REVIEW_REASON_NOT_FOUND' }), { error: 'REVIEW_REASON_NOT_FOUND' })
      .max(REVIEW_REASON_LIMITS.maxPresets, 'REVIEW_REASON_TOO_MANY')
      .default([])
      .transform((ids) => [...new Set(ids)]),
    reason: freeText({ max: REVIEW_REASON_LIMITS.freeTextMaxLength, multiline: true }).default(''),
  })
  .refine((input) => input.presets.length > 0 || input.reason !== '', { message: 'REVIEW_REASON_REQUIRED', path: ['reason'] });

/** The words the user reads (and the SMS carries): the presets in the reviewer's order, then the free text. */
export const composeRejectionReason = (presetTexts: readonly string[], freeTextValue: string) => [...presetTexts, freeTextValue].filter((part) => part !== '').join('；');
