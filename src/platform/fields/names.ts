/**
 * Names of people and organisations. A name is what is printed on a document or in a
 * business register: the rules refuse what never is (digits in a person's name, emoji,
 * markup, SQL) with a message saying what a name may hold.
 */
import { z } from 'zod';
import { characterCount, isPrintableText } from './text.ts';

export type NameRegion = 'mainland' | 'hkmt' | 'other';

export const NAME_LIMITS = {
  /** Per identity region: mainland ID cards hold the longest transliterated minority names in
   *  well under 30 characters; passports print up to about 90. */
  person: { mainland: 30, hkmt: 50, other: 100 } satisfies Record<NameRegion, number>,
  organization: 100,
} as const;

const PERSON_MAX = Math.max(...Object.values(NAME_LIMITS.person));

/** The middle dots people type for 间隔号 (・ • ‧ ⋅): all stored as U+00B7 ·. */
const DOT_VARIANTS = /[\u30FB\u2022\u2027\u22C5\uFF65]/g;
const PERSON_CHARS = /^[\p{L}\p{M}·' \-\u2019]*$/u;
/** Letters (with their combining marks) joined by single separators: ·, a space, a hyphen or an apostrophe. */
const PERSON_SHAPE = /^[\p{L}\p{M}]+(?:[·' \-\u2019][\p{L}\p{M}]+)*$/u;
const SPACE_BETWEEN_HAN = /\p{Script=Han} \p{Script=Han}/u;

export function normalizePersonName(value: string): string {
  return value.trim().replace(DOT_VARIANTS, '·');
}

/** The code of the first rule a (normalised) person's name breaks, or undefined. */
export function personNameProblem(name: string): string | undefined {
  if (!isPrintableText(name) || !PERSON_CHARS.test(name)) return 'PERSON_NAME_CHARS';
  if (name.includes('  ') || SPACE_BETWEEN_HAN.test(name)) return 'PERSON_NAME_SPACE';
  if (!PERSON_SHAPE.test(name)) return 'PERSON_NAME_CHARS';
  return undefined;
}

/** The length rule of a person's name for the identity region of their document. */
export function personNameLengthIssue(name: string, region: NameRegion): { code: string; params: { max: number } } | undefined {
  const max = NAME_LIMITS.person[region];
  return characterCount(name) > max ? { code: 'PERSON_NAME_TOO_LONG', params: { max } } : undefined;
}

/**
 * 姓名: '' passes (callers add `.min(1, 'REQUIRED_FIELD')`); the limit here is the widest
 * region's, and `checkIdentity` applies the limit of the region chosen.
 */
export const personName = z
  .string({ error: (issue) => (issue.input === undefined ? 'REQUIRED_FIELD' : 'PERSON_NAME_CHARS') })
  .transform(normalizePersonName)
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = personNameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (characterCount(value) > PERSON_MAX) ctx.addIssue({ code: 'custom', message: 'PERSON_NAME_TOO_LONG', params: { max: PERSON_MAX } });
  });

const ORGANIZATION_CHARS = /^[\p{L}\p{M}\p{Nd}（）()·.,，&＆'’\-—、 ]*$/u;
const HAS_LETTER = /\p{L}/u;

export function normalizeOrganizationName(value: string): string {
  return value.trim().replace(/\s+/g, ' ').replace(DOT_VARIANTS, '·');
}

/** The code of the first rule a (normalised) organisation name breaks, or undefined. */
export function organizationNameProblem(name: string): { code: string; params?: { max: number } } | undefined {
  if (!isPrintableText(name) || !ORGANIZATION_CHARS.test(name) || !HAS_LETTER.test(name)) return { code: 'ORGANIZATION_NAME_CHARS' };
  if (characterCount(name) > NAME_LIMITS.organization) return { code: 'ORGANIZATION_NAME_TOO_LONG', params: { max: NAME_LIMITS.organization } };
  return undefined;
}

/** 单位名称 as registered: '' passes (callers add `.min(1, 'REQUIRED_FIELD')`). */
export const organizationName = z
  .string({ error: (issue) => (issue.input === undefined ? 'REQUIRED_FIELD' : 'ORGANIZATION_NAME_CHARS') })
  .transform(normalizeOrganizationName)
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = organizationNameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.code, params: problem.params });
  });
