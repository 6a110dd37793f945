/**
 * Legacy export files, row by row: the header check and the per-source row
 * validator that turns a CSV record into a typed LegacyRow, or into precise
 * Chinese errors carrying the line number (第12行：…). Fields are trimmed
 * except the salt, which is kept byte for byte.
 */
import {
  DOCUMENT_TYPES,
  checkCreditCode,
  checkDocumentNumber,
  checkLoginName,
  checkMobile,
  normalizeCreditCode,
  normalizeDocumentNumber,
  type DocumentType,
  type RuleResult,
} from '../accounts/rules.ts';
import { CsvError, readCsv, type CsvOptions, type CsvRecord } from './csv.ts';
import { legacyMessage } from './messages.ts';
import { checkLegacyHash, isHashScheme, type HashScheme, type LegacyHash } from './password-schemes.ts';
import {
  COLUMN_LABELS,
  LEGACY_SOURCE_CONFIG,
  maxLegacyLoginNameLength,
  type LegacyColumn,
  type LegacySource,
} from './sources.ts';

/** One legacy account, validated and normalised. Absent optional fields are ''. */
export interface LegacyRow {
  source: LegacySource;
  /** Line of the file the row starts on. */
  line: number;
  /** The legacy login name: the credit code (torch-company), the mobile (torch-personal), else login_name. */
  loginName: string;
  password: LegacyHash;
  organizationName: string;
  /** Upper case; '' when the source or the row has none. */
  creditCode: string;
  /** The person (personal sources) or the organisation's contact. */
  name: string;
  /** The reserved mobile (personal sources) or the contact's mobile. */
  mobile: string;
  documentType: DocumentType | '';
  /** Upper case. */
  documentNumber: string;
}

export interface LegacyRowError {
  code: string;
  column?: LegacyColumn;
  /** Chinese, with the line: 第12行：字段“统一社会信用代码”（credit_code）：… */
  message: string;
  en: string;
}

export type LegacyRowResult = { ok: true; line: number; row: LegacyRow } | { ok: false; line: number; errors: LegacyRowError[] };

/** A file that cannot be imported at all (bad header, not UTF-8, runaway quote). */
export class LegacyFileError extends Error {
  readonly code: string;
  readonly line: number;
  readonly en: string;
  constructor(code: string, line: number, params: Record<string, string | number> = {}) {
    super(`第${line}行：${legacyMessage(code, params)}`);
    this.name = 'LegacyFileError';
    this.code = code;
    this.line = line;
    this.en = `Line ${line}: ${legacyMessage(code, params, 'en')}`;
  }
}

export interface LegacyHeader {
  source: LegacySource;
  /** Column name -> position in the record. */
  index: Partial<Record<LegacyColumn, number>>;
  width: number;
}

export interface RowOptions {
  /** Schemes accepted for this import (default: the source's configured schemes). */
  schemes?: readonly HashScheme[];
  /** For the resident ID birth-date check (tests). */
  now?: Date;
}

/** Longest text field accepted (names, organisation names). */
export const TEXT_FIELD_MAX = 200;

/** Checks the header line: every documented column, in any order, nothing unknown, nothing twice. */
export function parseLegacyHeader(source: LegacySource, record: CsvRecord): LegacyHeader {
  const columns = LEGACY_SOURCE_CONFIG[source].columns;
  const index: Partial<Record<LegacyColumn, number>> = {};
  record.fields.forEach((raw, position) => {
    const name = raw.trim().toLowerCase();
    const spec = columns.find((c) => c.name === name);
    if (!spec) throw new LegacyFileError('CSV_HEADER_UNKNOWN', record.line, { column: raw.trim() });
    if (index[spec.name] !== undefined) throw new LegacyFileError('CSV_HEADER_DUPLICATE', record.line, { column: spec.name });
    index[spec.name] = position;
  });
  const missing = columns.find((c) => index[c.name] === undefined);
  if (missing) throw new LegacyFileError('CSV_HEADER_MISSING', record.line, { column: missing.name, label: COLUMN_LABELS[missing.name].zh });
  return { source, index, width: record.fields.length };
}

function documentTypeOf(value: string): DocumentType | undefined {
  return DOCUMENT_TYPES.find((d) => d.value === value || d.zh === value)?.value;
}

/** Validates one record of a file whose header was `header`. */
export function validateLegacyRow(header: LegacyHeader, record: CsvRecord, options: RowOptions = {}): LegacyRowResult {
  const { source } = header;
  const config = LEGACY_SOURCE_CONFIG[source];
  const line = record.line;
  const errors: LegacyRowError[] = [];
  const fail = (code: string, column?: LegacyColumn, params: Record<string, string | number> = {}) => {
    const where = column ? `字段“${COLUMN_LABELS[column].zh}”（${column}）：` : '';
    const whereEn = column ? `${COLUMN_LABELS[column].en} (${column}): ` : '';
    errors.push({ code, column, message: `第${line}行：${where}${legacyMessage(code, params)}`, en: `Line ${line}: ${whereEn}${legacyMessage(code, params, 'en')}` });
  };
  const rule = (column: LegacyColumn, result: RuleResult) => {
    if (!result.ok) fail(result.code, column);
  };

  if (record.problem) fail(record.problem);
  if (record.fields.length !== header.width) {
    fail('FIELD_COUNT', undefined, { actual: record.fields.length, expected: header.width });
    return { ok: false, line, errors };
  }
  const raw = (column: LegacyColumn): string => {
    const position = header.index[column];
    return position === undefined ? '' : record.fields[position]!;
  };
  const value: Partial<Record<LegacyColumn, string>> = {};
  for (const { name, required } of config.columns) {
    const text = name === 'salt' ? raw(name) : raw(name).trim();
    value[name] = text;
    if (required && text === '') fail('FIELD_REQUIRED', name);
    else if (text.length > TEXT_FIELD_MAX) fail('FIELD_TOO_LONG', name, { max: TEXT_FIELD_MAX });
  }
  const get = (column: LegacyColumn) => value[column] ?? '';

  const creditCode = normalizeCreditCode(get('credit_code'));
  if (creditCode) rule('credit_code', checkCreditCode(creditCode));
  for (const column of ['mobile', 'contact_mobile'] as const) if (get(column)) rule(column, checkMobile(get(column)));

  const loginName = config.loginNameColumn === 'credit_code' ? creditCode : get(config.loginNameColumn);
  if (config.loginNameColumn === 'login_name' && loginName) {
    const check = checkLoginName(loginName);
    if (!check.ok) rule('login_name', check);
    else if (loginName.length > maxLegacyLoginNameLength(source)) {
      fail('LOGIN_NAME_NO_ROOM_FOR_PREFIX', 'login_name', { max: maxLegacyLoginNameLength(source), prefix: config.prefix });
    }
  }

  let documentType: DocumentType | '' = '';
  const documentNumber = normalizeDocumentNumber(get('document_number'));
  if (get('document_type') || get('document_number')) {
    const type = documentTypeOf(get('document_type'));
    if (!get('document_type') || !documentNumber) fail('DOCUMENT_INCOMPLETE', get('document_type') ? 'document_number' : 'document_type');
    else if (!type) fail('DOCUMENT_TYPE_UNKNOWN', 'document_type', { value: get('document_type') });
    else {
      documentType = type;
      rule('document_number', checkDocumentNumber(type, documentNumber, options.now));
    }
  }

  const password = passwordOf(get('hash_scheme'), get('salt'), get('password_hash'), options.schemes ?? config.schemes, config.defaultScheme, fail);

  if (errors.length > 0 || !password) return { ok: false, line, errors };
  return {
    ok: true,
    line,
    row: {
      source,
      line,
      loginName,
      password,
      organizationName: get('organization_name'),
      creditCode,
      name: config.subject === 'person' ? get('name') : get('contact_name'),
      mobile: config.subject === 'person' ? get('mobile') : get('contact_mobile'),
      documentType,
      documentNumber,
    },
  };
}

function passwordOf(
  schemeText: string,
  salt: string,
  hash: string,
  allowed: readonly HashScheme[],
  defaultScheme: HashScheme,
  fail: (code: string, column?: LegacyColumn, params?: Record<string, string | number>) => void,
): LegacyHash | null {
  const scheme = schemeText === '' ? defaultScheme : schemeText.toLowerCase();
  if (!isHashScheme(scheme)) {
    fail('HASH_SCHEME_UNKNOWN', 'hash_scheme', { value: schemeText });
    return null;
  }
  if (!allowed.includes(scheme)) {
    fail('HASH_SCHEME_NOT_ALLOWED', 'hash_scheme', { value: scheme, allowed: allowed.join('、') });
    return null;
  }
  if (hash === '') return null; // already reported as FIELD_REQUIRED
  const value: LegacyHash = { scheme, salt, hash: scheme === 'bcrypt' ? hash : hash.toLowerCase() };
  const problem = checkLegacyHash(value);
  if (problem) {
    fail(problem, problem === 'HASH_FORMAT' ? 'password_hash' : 'salt', { scheme });
    return null;
  }
  return value;
}

/**
 * Reads a legacy export file of `source` (a byte stream such as
 * `fs.createReadStream(path)`): the header first, then one result per record,
 * valid or not, in file order. Header problems and unreadable files throw a
 * LegacyFileError; everything else is a per-row result, so one bad row never
 * stops the rest.
 */
export async function* readLegacyFile(
  source: LegacySource,
  input: AsyncIterable<Uint8Array | string>,
  options: RowOptions & CsvOptions = {},
): AsyncGenerator<LegacyRowResult> {
  let header: LegacyHeader | undefined;
  try {
    for await (const record of readCsv(input, options)) {
      if (!header) header = parseLegacyHeader(source, record);
      else yield validateLegacyRow(header, record, options);
    }
  } catch (error) {
    if (error instanceof CsvError) throw new LegacyFileError(error.code, error.line);
    throw error;
  }
  if (!header) throw new LegacyFileError('CSV_EMPTY_FILE', 1);
}
