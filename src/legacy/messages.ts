/**
 * Messages of the legacy import: what is wrong with a file or a row, Chinese
 * first, English second, with {placeholders}. Field-format codes shared with
 * registration (CREDIT_CODE_CHECK_DIGIT, ID_NUMBER_CHECK_DIGIT, MOBILE_INVALID,
 * LOGIN_NAME_INVALID_CHARS …) take their wording from RULE_MESSAGES.
 */
import { RULE_MESSAGES } from '../accounts/rules.ts';

export const LEGACY_MESSAGES: Record<string, { zh: string; en: string }> = {
  // Files
  CSV_EMPTY_FILE: { zh: '文件为空，缺少表头。', en: 'The file is empty: the header line is missing.' },
  CSV_HEADER_MISSING: { zh: '表头缺少列“{label}”（{column}）。', en: 'The header lacks the column "{column}" ({label}).' },
  CSV_HEADER_UNKNOWN: { zh: '表头含有未知列“{column}”。', en: 'The header has an unknown column "{column}".' },
  CSV_HEADER_DUPLICATE: { zh: '表头列“{column}”重复。', en: 'The header repeats the column "{column}".' },
  CSV_NOT_UTF8: { zh: '文件不是UTF-8编码，无法继续读取。', en: 'The file is not UTF-8 encoded and cannot be read on.' },
  CSV_RECORD_TOO_LONG: {
    zh: '记录过长，可能有未闭合的引号，无法继续读取。',
    en: 'The record is too long (probably a quote that is never closed); the file cannot be read on.',
  },
  CSV_TOO_MANY_FIELDS: { zh: '记录的字段过多，无法继续读取。', en: 'The record has too many fields; the file cannot be read on.' },

  // Rows: CSV format
  CSV_STRAY_QUOTE: { zh: '未加引号的字段中出现双引号。', en: 'A double quote appears inside an unquoted field.' },
  CSV_TEXT_AFTER_QUOTE: { zh: '引号字段结束后出现多余字符。', en: 'Text follows the closing quote of a field.' },
  CSV_UNTERMINATED_QUOTE: { zh: '引号未闭合。', en: 'A quote is never closed.' },
  FIELD_COUNT: { zh: '字段数为{actual}，应为{expected}。', en: 'The row has {actual} fields instead of {expected}.' },

  // Rows: fields
  FIELD_REQUIRED: { zh: '缺少必填字段。', en: 'This required field is empty.' },
  FIELD_TOO_LONG: { zh: '长度不能超过{max}个字符。', en: 'It must not be longer than {max} characters.' },
  LOGIN_NAME_NO_ROOM_FOR_PREFIX: {
    zh: '登录名长度不能超过{max}位（迁移时可能需要加前缀{prefix}）。',
    en: 'The login name must not be longer than {max} characters (the migration may need to add the prefix {prefix}).',
  },
  HASH_SCHEME_UNKNOWN: { zh: '未知的哈希方案“{value}”。', en: 'Unknown hash scheme "{value}".' },
  HASH_SCHEME_NOT_ALLOWED: {
    zh: '哈希方案“{value}”未配置给该来源，可用的方案：{allowed}。',
    en: 'The hash scheme "{value}" is not configured for this source; configured: {allowed}.',
  },
  HASH_FORMAT: { zh: '密码哈希的格式与哈希方案“{scheme}”不符。', en: 'The password hash does not have the format of the scheme "{scheme}".' },
  SALT_REQUIRED: { zh: '哈希方案“{scheme}”需要盐值。', en: 'The hash scheme "{scheme}" needs a salt.' },
  SALT_NOT_USED: { zh: '哈希方案“{scheme}”不使用盐值，盐值应为空。', en: 'The hash scheme "{scheme}" uses no salt; the salt must be empty.' },
  DOCUMENT_TYPE_UNKNOWN: { zh: '未知的证件类型“{value}”。', en: 'Unknown document type "{value}".' },
  DOCUMENT_INCOMPLETE: { zh: '证件类型和证件号码须同时填写。', en: 'Document type and document number go together.' },

  // Import
  DUPLICATE_ROW: { zh: '与第{line}行的原登录名相同，已跳过。', en: 'Same legacy login name as line {line}; skipped.' },
  GRANT_SYSTEM_MISSING: {
    zh: '业务系统（{key}）未登记，无法为迁移账号授权，请先在后台登记该业务系统。',
    en: 'The business system ({key}) is not registered, so migrated accounts cannot be authorised in it. Register it in the back office first.',
  },
  GRANT_ROLE_MISSING: {
    zh: '业务系统“{system}”未定义角色“{role}”（单位事项管理员），无法为迁移账号授权。',
    en: 'The business system "{system}" defines no role "{role}" (unit administrator), so migrated accounts cannot be authorised in it.',
  },
};

/** The message of a code with its placeholders filled; RULE_MESSAGES codes too. */
export function legacyMessage(code: string, params: Record<string, string | number> = {}, lang: 'zh' | 'en' = 'zh'): string {
  const template = LEGACY_MESSAGES[code]?.[lang] ?? RULE_MESSAGES[code]?.[lang] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
