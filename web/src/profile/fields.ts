/**
 * Labels, required marks and checks of the 我的信息 forms, taken from the server's own
 * tables (SECTION_FIELDS) and schemas, so that the page and the server never disagree.
 */
import type { FormRule } from 'antd';
import { SECTION_FIELDS, fieldLabel, type FieldLabel, type Section } from '../../../src/accounts/profile-fields.ts';
import { messageFor } from '../lib/forms.ts';
export { schemaRule } from '../lib/forms.ts';
import type { Lang } from '../lib/i18n.tsx';
import { FIELD_OPTIONS } from './options.ts';

export type { FieldLabel, Section };

/** Labels the page prints that are not one field of SECTION_FIELDS. */
export const LABELS = {
  validity: { zh: '证件有效期', en: 'Document validity' },
  representativeValidity: { zh: '法定代表人证件有效期', en: 'Representative document validity' },
  businessTerm: { zh: '单位经营期限', en: 'Business term' },
  uniqueId: { zh: '单位唯一标识码', en: 'Unique organisation identifier' },
  longTerm: { zh: '长期有效', en: 'Long-term' },
  to: { zh: '至', en: 'to' },
} satisfies Record<string, FieldLabel>;

export const label = (section: Section, path: string): FieldLabel => fieldLabel(section, path);

export const BASIC_CAPTIONS = {
  organization: { zh: '一、法人单位基本信息', en: '1. Organisation basic information' },
  representative: { zh: '二、法定代表人信息', en: '2. Legal representative' },
} satisfies Record<string, FieldLabel>;

/** 统一社会信用代码 for domestic bodies, 单位唯一标识码 for HK/Macao/Taiwan and foreign ones. */
export const codeLabel = (region: unknown): FieldLabel => (region === 'hkmt' || region === 'foreign' ? LABELS.uniqueId : label('organization_basic', 'code'));

type Values = Record<string, unknown>;

/** Whether a field carries the * mark for the values currently in the form (rules such as "境内单位必填"). */
export function isRequired(section: Section, path: string, values: Values): boolean {
  const required = SECTION_FIELDS[section][path]?.required;
  return typeof required === 'function' ? required(values) : required === true;
}

export function requiredRule(required: boolean, lang: Lang): FormRule {
  return { required, whitespace: true, message: messageFor('REQUIRED_FIELD', lang) };
}

/** Label text and * rule of a section's fields, for the form values that decide what is required. */
export function sectionFieldRules(section: Section, watched: Values, lang: Lang) {
  return {
    text: (path: string) => label(section, path)[lang],
    required: (path: string) => requiredRule(isRequired(section, path, watched), lang),
  };
}

/** Words the server itself writes into update records: booleans as 是/否, a new password as 已修改. */
const RECORD_WORDS: Record<string, FieldLabel> = { 是: { zh: '是', en: 'Yes' }, 否: { zh: '否', en: 'No' }, 已修改: { zh: '已修改', en: 'Changed' } };

/** A stored value as the page prints it: codes and listed choices in the page's language. */
export function displayValue(section: string, path: string, value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  const option = FIELD_OPTIONS[section]?.[path]?.find((o) => o.value === text);
  if (option) return option[lang];
  return RECORD_WORDS[text]?.[lang] ?? text;
}

/** 2020-01-01 至 2040-01-01, or 至 长期有效. */
export function validityText(values: { validFrom?: string; validTo?: string; longTerm?: boolean }, lang: Lang): string {
  const end = values.longTerm ? LABELS.longTerm[lang] : (values.validTo ?? '');
  if (!values.validFrom && !end) return '';
  return `${values.validFrom ?? ''} ${LABELS.to[lang]} ${end}`.trim();
}
