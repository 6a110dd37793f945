/**
 * Account rules: pure, dependency-free validation functions and data tables.
 *
 * This module is shared by the server and the browser bundle, so it must not
 * import anything (no `node:` modules, no npm packages).
 *
 * Every check returns a {@link RuleResult}; failures carry a stable
 * SCREAMING_SNAKE error code whose Chinese/English message is in
 * {@link RULE_MESSAGES}. Checks validate the value exactly as given: they do
 * not trim. Callers that want to be lenient about surrounding blanks or
 * letter case call the `normalize*` helpers first.
 *
 * Sources: SPEC.md §2 and §11; seeds `tech-contract-natural-person-registration.md`
 * (2.1, account rules 3 and 5), `torch-migration-and-login-guide.md` and
 * `foreigner-work-system-login-quickstart.md` (4.1.3, 4.2.2).
 */

export type RuleResult = { ok: true } | { ok: false; code: string };

const OK: RuleResult = Object.freeze({ ok: true });

function fail(code: string): RuleResult {
  return { ok: false, code };
}

/** Named limits used by the rules below. */
export const LIMITS = {
  loginNameMaxLength: 50,
  passwordMinLength: 8,
  passwordMaxLength: 64,
  /** Of the four classes upper / lower / digit / special. */
  passwordMinClasses: 3,
  /** A password is 强 when it has all four classes and at least this length. */
  passwordStrongMinLength: 12,
  mobileLength: 11,
  residentIdLength: 18,
  /** Earliest accepted birth date in a resident ID number (YYYYMMDD). */
  residentIdMinBirthDate: '19000101',
  creditCodeLength: 18,
  orgUniqueIdMaxLength: 50,
  passportMinLength: 5,
  passportMaxLength: 20,
  emailMaxLength: 254,
  emailLocalPartMaxLength: 64,
  postcodeLength: 6,
  /** Document numbers at least this long are masked as first 4 + ******** + last 4. */
  maskDocumentLongMinLength: 16,
} as const;

// ---------------------------------------------------------------------------
// Natural person: identity region and document types
// ---------------------------------------------------------------------------

export type IdentityRegion = 'mainland' | 'hkmt' | 'other';

export const IDENTITY_REGIONS: readonly { value: IdentityRegion; zh: string; en: string }[] = [
  { value: 'mainland', zh: '中华人民共和国大陆地区', en: "Mainland of the People's Republic of China" },
  { value: 'hkmt', zh: '中华人民共和国港、澳、台地区', en: "Hong Kong, Macao or Taiwan, People's Republic of China" },
  { value: 'other', zh: '其他', en: 'Other' },
];

export type DocumentType =
  | 'resident_id'
  | 'foreign_permanent_residence'
  | 'hk_macau_pass'
  | 'taiwan_pass'
  | 'hk_macau_resident_permit'
  | 'taiwan_resident_permit'
  | 'foreign_passport';

/**
 * Document types, the identity region each belongs to and how it is verified
 * (seed: tech-contract guide 2.1; foreigner quickstart 4.1.3; SPEC §2.2):
 * `automatic` = checked against the national registry, `manual` = upload of
 * signed scans and review by staff (直接审核认证).
 */
export const DOCUMENT_TYPES: readonly {
  value: DocumentType;
  zh: string;
  en: string;
  region: IdentityRegion;
  verification: 'automatic' | 'manual';
}[] = [
  { value: 'resident_id', zh: '居民身份证', en: 'Resident Identity Card', region: 'mainland', verification: 'automatic' },
  {
    value: 'foreign_permanent_residence',
    zh: '外国人永久居留证',
    en: 'Foreign Permanent Resident ID Card',
    region: 'mainland',
    verification: 'manual',
  },
  {
    value: 'hk_macau_pass',
    zh: '往来港澳通行证',
    en: 'Exit-Entry Permit for Travelling to and from Hong Kong and Macao',
    region: 'hkmt',
    verification: 'automatic',
  },
  {
    value: 'taiwan_pass',
    zh: '往来台湾通行证',
    en: 'Exit-Entry Permit for Travelling to and from Taiwan',
    region: 'hkmt',
    verification: 'automatic',
  },
  {
    value: 'hk_macau_resident_permit',
    zh: '港澳居民往来内地通行证',
    en: 'Mainland Travel Permit for Hong Kong and Macao Residents',
    region: 'hkmt',
    verification: 'automatic',
  },
  {
    value: 'taiwan_resident_permit',
    zh: '台湾居民来往大陆通行证',
    en: 'Mainland Travel Permit for Taiwan Residents',
    region: 'hkmt',
    verification: 'automatic',
  },
  { value: 'foreign_passport', zh: '境外护照', en: 'Foreign passport', region: 'other', verification: 'manual' },
];

function documentTypeEntry(type: DocumentType) {
  const entry = DOCUMENT_TYPES.find((d) => d.value === type);
  if (!entry) throw new Error(`unknown document type: ${String(type)}`);
  return entry;
}

export function isIdentityRegion(value: unknown): value is IdentityRegion {
  return IDENTITY_REGIONS.some((r) => r.value === value);
}

export function isDocumentType(value: unknown): value is DocumentType {
  return DOCUMENT_TYPES.some((d) => d.value === value);
}

/** Document types selectable for an identity region, in display order. */
export function documentTypesForRegion(region: IdentityRegion): DocumentType[] {
  return DOCUMENT_TYPES.filter((d) => d.region === region).map((d) => d.value);
}

export function isDocumentTypeAllowed(region: IdentityRegion, type: DocumentType): boolean {
  return DOCUMENT_TYPES.some((d) => d.value === type && d.region === region);
}

/** RuleResult form of {@link isDocumentTypeAllowed}. */
export function checkDocumentTypeForRegion(region: IdentityRegion, type: DocumentType): RuleResult {
  return isDocumentTypeAllowed(region, type) ? OK : fail('DOCUMENT_TYPE_NOT_ALLOWED');
}

/** Verification path of a document type: national registry or manual review. */
export function documentVerification(type: DocumentType): 'automatic' | 'manual' {
  return documentTypeEntry(type).verification;
}

/**
 * Only the resident ID card requires the validity start date (身份证有效期起始日期);
 * its end date is required unless 长期有效 (SPEC §2.2, §11.1).
 */
export function requiresValidityStart(type: DocumentType): boolean {
  return type === 'resident_id';
}

// ---------------------------------------------------------------------------
// Login name
// ---------------------------------------------------------------------------

const LOGIN_NAME_RE = /^[A-Za-z0-9_]+$/;

/**
 * 登录名只能包含数字、字母、下划线三种格式 — ASCII letters, digits and
 * underscore only, 1..50 characters. Nothing is trimmed: a space is an invalid
 * character.
 */
export function checkLoginName(name: string): RuleResult {
  if (name.length === 0) return fail('LOGIN_NAME_EMPTY');
  if (!LOGIN_NAME_RE.test(name)) return fail('LOGIN_NAME_INVALID_CHARS');
  if (name.length > LIMITS.loginNameMaxLength) return fail('LOGIN_NAME_TOO_LONG');
  return OK;
}

/** Case-insensitive uniqueness key of a login name (SPEC §2.1). */
export function loginNameKey(name: string): string {
  return name.toLowerCase();
}

// ---------------------------------------------------------------------------
// Password
// ---------------------------------------------------------------------------

/** Printable ASCII except space: the only characters a password may contain. */
const PASSWORD_CHARS_RE = /^[\x21-\x7e]*$/;

export function passwordClasses(password: string): { upper: boolean; lower: boolean; digit: boolean; special: boolean } {
  return {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    digit: /[0-9]/.test(password),
    // any other printable ASCII character (0x21-0x7E excluding letters and digits)
    special: /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(password),
  };
}

function passwordClassCount(password: string): number {
  const c = passwordClasses(password);
  return Number(c.upper) + Number(c.lower) + Number(c.digit) + Number(c.special);
}

/**
 * 密码至少包含以下4种类型的3种：大写字母、小写字母、数字、特殊符号，且长度不小于8位。
 * Additionally at most 64 characters and only printable ASCII without spaces
 * (no whitespace, control characters, Chinese or full-width characters).
 * Checked in this order: invalid characters, too short, too long, too few classes.
 */
export function checkPassword(password: string): RuleResult {
  if (!PASSWORD_CHARS_RE.test(password)) return fail('PASSWORD_INVALID_CHARS');
  if (password.length < LIMITS.passwordMinLength) return fail('PASSWORD_TOO_SHORT');
  if (password.length > LIMITS.passwordMaxLength) return fail('PASSWORD_TOO_LONG');
  if (passwordClassCount(password) < LIMITS.passwordMinClasses) return fail('PASSWORD_TOO_FEW_CLASSES');
  return OK;
}

export type PasswordStrength = 'weak' | 'medium' | 'strong';

export const PASSWORD_STRENGTH_LABELS: Record<PasswordStrength, { zh: string; en: string }> = {
  weak: { zh: '弱', en: 'Weak' },
  medium: { zh: '中', en: 'Medium' },
  strong: { zh: '强', en: 'Strong' },
};

/**
 * Strength meter (密码强度 弱/中/强):
 * - weak (弱): the password fails {@link checkPassword} (it cannot be saved);
 * - medium (中): it passes the policy (>= 8 chars, >= 3 of 4 classes);
 * - strong (强): it passes the policy, has all 4 classes and is >= 12 chars long.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (!checkPassword(password).ok) return 'weak';
  if (passwordClassCount(password) === 4 && password.length >= LIMITS.passwordStrongMinLength) return 'strong';
  return 'medium';
}

// ---------------------------------------------------------------------------
// Contact data
// ---------------------------------------------------------------------------

/** Mainland mobile number: 11 digits, 1 then 3-9 (请务必填写有效的大陆手机号码). */
export function checkMobile(mobile: string): RuleResult {
  return /^1[3-9]\d{9}$/.test(mobile) ? OK : fail('MOBILE_INVALID');
}

const EMAIL_LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const EMAIL_DOMAIN_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Pragmatic e-mail check: ASCII dot-atom local part (no leading, trailing or
 * double dots, <= 64 chars) @ a DNS host name with at least two labels and an
 * alphabetic-first top-level label; total <= 254 chars. No quoted local parts,
 * IP literals or internationalised addresses.
 */
export function checkEmail(email: string): RuleResult {
  if (email.length > LIMITS.emailMaxLength) return fail('EMAIL_INVALID');
  const at = email.lastIndexOf('@');
  if (at <= 0) return fail('EMAIL_INVALID');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > LIMITS.emailLocalPartMaxLength) return fail('EMAIL_INVALID');
  if (!EMAIL_LOCAL_RE.test(local) || !EMAIL_DOMAIN_RE.test(domain)) return fail('EMAIL_INVALID');
  return OK;
}

/** 邮政编码: 6 digits. */
export function checkPostcode(code: string): RuleResult {
  return /^\d{6}$/.test(code) ? OK : fail('POSTCODE_INVALID');
}

// ---------------------------------------------------------------------------
// Resident ID number (GB 11643-1999)
// ---------------------------------------------------------------------------

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK_CHARS = '10X98765432';

/**
 * ISO 7064 MOD 11-2 check character of GB 11643-1999 for the first 17 digits:
 * sum(d_i * (2^(17-i) mod 11)) mod 11 indexes "10X98765432". Returns 'X' for 10.
 * Throws if the input is not exactly 17 digits.
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckChar: expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK_CHARS[sum % 11]!;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** True if `yyyymmdd` (8 digits) is a real calendar date. */
function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const max = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
  return d <= max;
}

/**
 * Today's date as YYYYMMDD in China Standard Time (UTC+8, no daylight saving),
 * independent of the server's time zone.
 */
export function chinaDateString(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  const m = String(t.getUTCMonth() + 1).padStart(2, '0');
  const d = String(t.getUTCDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

/** Birth date valid: calendar date, >= 1900-01-01, not after today (China time). */
function isPlausibleBirthDate(yyyymmdd: string, now: Date): boolean {
  return isCalendarDate(yyyymmdd) && yyyymmdd >= LIMITS.residentIdMinBirthDate && yyyymmdd <= chinaDateString(now);
}

/**
 * Second-generation resident ID number, GB 11643-1999 (公民身份号码):
 * 6-digit address code (GB/T 2260, first digit 1-8 as all province-level codes),
 * 8-digit birth date YYYYMMDD, 3-digit sequence, check character 0-9 or X
 * (lowercase x accepted). The 15-digit first-generation numbers are not accepted
 * (those cards are no longer valid).
 *
 * Codes: ID_NUMBER_FORMAT (shape), ID_NUMBER_BIRTH_DATE (not a calendar date,
 * before 1900-01-01 or in the future, China time), ID_NUMBER_CHECK_DIGIT.
 * `now` is injectable for tests.
 */
export function checkResidentIdNumber(id: string, now: Date = new Date()): RuleResult {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id)) return fail('ID_NUMBER_FORMAT');
  if (!isPlausibleBirthDate(id.slice(6, 14), now)) return fail('ID_NUMBER_BIRTH_DATE');
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]!.toUpperCase()) return fail('ID_NUMBER_CHECK_DIGIT');
  return OK;
}

/**
 * Birth date (YYYY-MM-DD) and gender (17th digit odd = male) read from a resident
 * ID number, or null if the number does not pass {@link checkResidentIdNumber}.
 * Useful to pre-fill 出生日期 / 性别.
 */
export function parseResidentIdNumber(
  id: string,
  now: Date = new Date(),
): { birthDate: string; gender: 'male' | 'female' } | null {
  if (!checkResidentIdNumber(id, now).ok) return null;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

// ---------------------------------------------------------------------------
// Other document numbers
// ---------------------------------------------------------------------------

/**
 * Human-readable description of each document number format, for form hints
 * and for the DOCUMENT_NUMBER_FORMAT message of a given type.
 */
export const DOCUMENT_NUMBER_FORMAT_HINTS: Record<DocumentType, { zh: string; en: string }> = {
  resident_id: {
    zh: '居民身份证号码为18位，最后一位可以是数字或X。',
    en: 'A resident ID number has 18 characters; the last may be a digit or X.',
  },
  foreign_permanent_residence: {
    zh: '外国人永久居留证号码为15位（3位字母加12位数字）或以9开头的18位号码。',
    en: 'A foreign permanent resident ID number has 15 characters (3 letters and 12 digits) or 18 characters starting with 9.',
  },
  hk_macau_pass: {
    zh: '往来港澳通行证号码为C加8位数字，或C加1位字母和7位数字。',
    en: 'An exit-entry permit for Hong Kong and Macao is C followed by 8 digits, or C, a letter and 7 digits.',
  },
  taiwan_pass: {
    zh: '往来台湾通行证号码为L加8位数字。',
    en: 'An exit-entry permit for Taiwan is L followed by 8 digits.',
  },
  hk_macau_resident_permit: {
    zh: '港澳居民往来内地通行证号码为H或M加8位数字（旧版可另加2位换证次数）。',
    en: 'A mainland travel permit for Hong Kong and Macao residents is H or M followed by 8 digits (old cards: plus 2 digits).',
  },
  taiwan_resident_permit: {
    zh: '台湾居民来往大陆通行证号码为8位数字（旧版为10位数字）。',
    en: 'A mainland travel permit for Taiwan residents has 8 digits (old cards: 10 digits).',
  },
  foreign_passport: {
    zh: '境外护照号码为5至20位字母或数字。',
    en: 'A foreign passport number has 5 to 20 letters or digits.',
  },
};

/**
 * Checks a document number against the published format of its type. Letters
 * are accepted in either case (call {@link normalizeDocumentNumber} before
 * storing). Nothing is trimmed.
 *
 * Codes: resident_id gives the ID_NUMBER_* codes of {@link checkResidentIdNumber};
 * every other type gives DOCUMENT_NUMBER_FORMAT, plus DOCUMENT_NUMBER_BIRTH_DATE /
 * DOCUMENT_NUMBER_CHECK_DIGIT for the 18-character permanent residence number.
 */
export function checkDocumentNumber(type: DocumentType, value: string, now: Date = new Date()): RuleResult {
  switch (type) {
    case 'resident_id':
      // GB 11643-1999, see checkResidentIdNumber.
      return checkResidentIdNumber(value, now);

    case 'foreign_permanent_residence': {
      // 外国人永久居留身份证.
      // 2004 card (15 chars): 3-letter ISO 3166-1 alpha-3 nationality code +
      // 2-digit issuing-province code + 6-digit birth date YYMMDD + 4 digits
      // (sequence and check), e.g. USA110112250001 — checked as 3 letters + 12 digits.
      if (/^[A-Za-z]{3}\d{12}$/.test(value)) return OK;
      // 2023 card (18 chars), numbered like GB 11643: '9' + 2-digit province code
      // + 3-digit ISO 3166-1 numeric nationality code + birth date YYYYMMDD +
      // 3-digit sequence + ISO 7064 MOD 11-2 check character (0-9 or X).
      if (/^9\d{16}[\dXx]$/.test(value)) {
        if (!isPlausibleBirthDate(value.slice(6, 14), now)) return fail('DOCUMENT_NUMBER_BIRTH_DATE');
        if (residentIdCheckChar(value.slice(0, 17)) !== value[17]!.toUpperCase()) return fail('DOCUMENT_NUMBER_CHECK_DIGIT');
        return OK;
      }
      return fail('DOCUMENT_NUMBER_FORMAT');
    }

    case 'hk_macau_pass':
      // 往来港澳通行证 (card version since 2014): 'C' + 8 digits; after the
      // C-series ran out, 'C' + 1 letter + 7 digits (e.g. CA1234567).
      // 'H'/'M' prefixes belong to the 港澳居民往来内地通行证 and are rejected here.
      return /^[Cc](?:\d{8}|[A-Za-z]\d{7})$/.test(value) ? OK : fail('DOCUMENT_NUMBER_FORMAT');

    case 'taiwan_pass':
      // 往来台湾通行证 (card version since 2017): 'L' + 8 digits.
      return /^[Ll]\d{8}$/.test(value) ? OK : fail('DOCUMENT_NUMBER_FORMAT');

    case 'hk_macau_resident_permit':
      // 港澳居民往来内地通行证 (回乡证): 'H' (Hong Kong) or 'M' (Macao) + 8 digits;
      // the 1999 card additionally printed a 2-digit issue count.
      return /^[HhMm]\d{8}(?:\d{2})?$/.test(value) ? OK : fail('DOCUMENT_NUMBER_FORMAT');

    case 'taiwan_resident_permit':
      // 台湾居民来往大陆通行证 (台胞证): 8 digits (card version since 2015);
      // the old booklet used 10 digits.
      return /^\d{8}(?:\d{2})?$/.test(value) ? OK : fail('DOCUMENT_NUMBER_FORMAT');

    case 'foreign_passport':
      // ICAO 9303 machine-readable passports: document number of up to 9
      // characters, more in some national schemes; accepted as 5-20 letters/digits.
      return new RegExp(`^[A-Za-z0-9]{${LIMITS.passportMinLength},${LIMITS.passportMaxLength}}$`).test(value)
        ? OK
        : fail('DOCUMENT_NUMBER_FORMAT');

    default: {
      const unknownType: never = type;
      throw new Error(`unknown document type: ${String(unknownType)}`);
    }
  }
}

/** Trims and upper-cases a document number (lowercase x → X, c12345678 → C12345678). */
export function normalizeDocumentNumber(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * Uniqueness key of an identity document (type + number), case-insensitive:
 * one document can back the verified status of only one account (SPEC §3).
 */
export function documentKey(type: DocumentType, value: string): string {
  return `${type}:${normalizeDocumentNumber(value)}`;
}

// ---------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------

/** The 31 characters of GB 32100-2015 (no I, O, Z, S, V); index = character value. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * Check character (position 18) of a unified social credit code:
 * C18 = 31 - (sum(value(c_i) * w_i) mod 31), where 31 maps to 0, w_i = 3^(i-1) mod 31.
 * Throws if the input is not 17 characters from {@link CREDIT_CODE_CHARSET}.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('creditCodeCheckChar: expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`creditCodeCheckChar: invalid character ${JSON.stringify(first17[i])}`);
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * 统一社会信用代码, GB 32100-2015: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY":
 * 1 registration-authority code, 2 organisation category, 3-8 administrative
 * division code (6 digits), 9-17 organisation code (GB 11714), 18 check character.
 *
 * Positions 1, 2 and 9-17 are only checked against the charset (not against the
 * currently allocated authority/category codes, so that newly allocated codes
 * keep working). Input must be upper case: lowercase letters are a
 * CREDIT_CODE_FORMAT error; forms may call {@link normalizeCreditCode} first.
 */
export function checkCreditCode(code: string): RuleResult {
  if (!CREDIT_CODE_RE.test(code)) return fail('CREDIT_CODE_FORMAT');
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return fail('CREDIT_CODE_CHECK_DIGIT');
  return OK;
}

/** Trims and upper-cases a credit code entered by a user. */
export function normalizeCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

// ---------------------------------------------------------------------------
// Masking (SPEC §2.1, §11.11)
// ---------------------------------------------------------------------------

function maskShort(value: string): string {
  if (value.length <= 2) return '*'.repeat(value.length);
  return value[0] + '*'.repeat(value.length - 2) + value[value.length - 1];
}

/**
 * Phone numbers: first 2 + '*****' + last 3 ('13812345656' → '13*****656').
 * Values shorter than 6 characters keep only the first and last character
 * (1 or 2 characters are fully starred).
 */
export function maskPhone(phone: string): string {
  if (phone.length < 6) return maskShort(phone);
  return phone.slice(0, 2) + '*****' + phone.slice(-3);
}

/**
 * Person names, where a name is shown to someone who needs to recognise, not read, it (the back
 * office beside an appeal): the first character, then one '*' per further character, spaces kept
 * ('王五' → '王*', 'John Smith' → 'J*** *****'). One character is fully starred.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + chars.slice(1).map((c) => (c === ' ' ? ' ' : '*')).join('');
}

/** E-mail addresses: the local part like a short value, the domain kept ('zhangsan@example.cn' → 'z******n@example.cn'). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskShort(email);
  return maskShort(email.slice(0, at)) + email.slice(at);
}

/**
 * Document numbers: first 4 + '********' + last 4
 * ('13070219900101031x' → '1307********031x') for values of 16 or more
 * characters (18-character resident ID and permanent residence numbers, long
 * passport numbers), so that at most half of the number is shown. Shorter
 * values (passes, permits, most passports, the 15-character old permanent
 * residence number) keep only the first and last character with one '*' per
 * hidden character ('C12345678' → 'C*******8'), because 4 + 4 visible
 * characters would reveal nearly all of a 9-character number. 1 or 2
 * characters are fully starred.
 */
export function maskDocumentNumber(num: string): string {
  if (num.length < LIMITS.maskDocumentLongMinLength) return maskShort(num);
  return num.slice(0, 4) + '********' + num.slice(-4);
}

// ---------------------------------------------------------------------------
// Legal person (法人)
// ---------------------------------------------------------------------------

export type LegalRegion = 'domestic' | 'hkmt' | 'foreign';

export const LEGAL_REGIONS: readonly { value: LegalRegion; zh: string; en: string }[] = [
  { value: 'domestic', zh: '境内单位', en: 'Domestic organisation' },
  { value: 'hkmt', zh: '港澳台地区单位', en: 'Hong Kong, Macao or Taiwan organisation' },
  { value: 'foreign', zh: '境外单位', en: 'Foreign organisation' },
];

export type LegalPersonType = 'enterprise' | 'social_organization' | 'public_institution' | 'other';

export const LEGAL_PERSON_TYPES: readonly { value: LegalPersonType; zh: string; en: string }[] = [
  { value: 'enterprise', zh: '企业法人', en: 'Enterprise legal person' },
  { value: 'social_organization', zh: '社会组织法人', en: 'Social organisation legal person' },
  { value: 'public_institution', zh: '事业单位法人', en: 'Public institution legal person' },
  { value: 'other', zh: '其他', en: 'Other' },
];

export function isLegalRegion(value: unknown): value is LegalRegion {
  return LEGAL_REGIONS.some((r) => r.value === value);
}

export function isLegalPersonType(value: unknown): value is LegalPersonType {
  return LEGAL_PERSON_TYPES.some((t) => t.value === value);
}

/**
 * Foreigner quickstart 4.2.2 / SPEC §2.3: domestic enterprises, social
 * organisations and public institutions are verified against the national
 * registry; domestic "other", and every HK/Macao/Taiwan or foreign body, by
 * manual review.
 */
export function organizationVerification(region: LegalRegion, type: LegalPersonType): 'automatic' | 'manual' {
  return region === 'domestic' && type !== 'other' ? 'automatic' : 'manual';
}

/**
 * Which organisation code is required (foreigner quickstart 4.2.x field table):
 * - domestic and type is not 其他: 统一社会信用代码 required, GB 32100 format → 'credit_code';
 * - HK/Macao/Taiwan or foreign: 单位唯一标识码 required → 'unique_id';
 * - domestic 其他: no requirement ("其余情况不做限制"), but a credit code, if
 *   given, must be valid → 'optional' (SPEC §11.10).
 */
export function organizationCodeRequirement(
  region: LegalRegion,
  type: LegalPersonType | '',
): 'credit_code' | 'unique_id' | 'optional' {
  if (region !== 'domestic') return 'unique_id';
  return type === 'other' ? 'optional' : 'credit_code';
}

/** 单位唯一标识码 of a HK/Macao/Taiwan or foreign body: 1..50 ASCII letters, digits or '-'. */
export function checkOrganizationUniqueId(value: string): RuleResult {
  if (value.length === 0) return fail('ORG_UNIQUE_ID_REQUIRED');
  if (value.length > LIMITS.orgUniqueIdMaxLength || !/^[A-Za-z0-9-]+$/.test(value)) return fail('ORG_UNIQUE_ID_INVALID');
  return OK;
}

/**
 * Checks the organisation code field according to
 * {@link organizationCodeRequirement}. An empty string means "not given".
 */
export function checkOrganizationCode(region: LegalRegion, type: LegalPersonType | '', code: string): RuleResult {
  switch (organizationCodeRequirement(region, type)) {
    case 'credit_code':
      return code.length === 0 ? fail('CREDIT_CODE_REQUIRED') : checkCreditCode(code);
    case 'unique_id':
      return checkOrganizationUniqueId(code);
    case 'optional':
      return code.length === 0 ? OK : checkCreditCode(code);
  }
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

const PASSWORD_POLICY_ZH = '密码至少包含以下4种类型的3种：大写字母、小写字母、数字、特殊符号，且长度不小于8位。';
const PASSWORD_POLICY_EN =
  'The password must contain at least 3 of these 4 kinds of characters: upper-case letters, lower-case letters, digits, special symbols, and be at least 8 characters long.';

/** Chinese (seed wording where the seeds have one) and English message for every error code above. */
export const RULE_MESSAGES: Record<string, { zh: string; en: string }> = {
  LOGIN_NAME_EMPTY: { zh: '请输入登录名。', en: 'Please enter a login name.' },
  LOGIN_NAME_INVALID_CHARS: {
    zh: '登录名只能包含数字、字母、下划线三种格式。',
    en: 'The login name may only contain digits, letters and underscores.',
  },
  LOGIN_NAME_TOO_LONG: {
    zh: `登录名长度不能超过${LIMITS.loginNameMaxLength}位。`,
    en: `The login name must not be longer than ${LIMITS.loginNameMaxLength} characters.`,
  },
  PASSWORD_TOO_SHORT: { zh: PASSWORD_POLICY_ZH, en: PASSWORD_POLICY_EN },
  PASSWORD_TOO_FEW_CLASSES: { zh: PASSWORD_POLICY_ZH, en: PASSWORD_POLICY_EN },
  PASSWORD_TOO_LONG: {
    zh: `密码长度不能超过${LIMITS.passwordMaxLength}位。`,
    en: `The password must not be longer than ${LIMITS.passwordMaxLength} characters.`,
  },
  PASSWORD_INVALID_CHARS: {
    zh: '密码只能包含大写字母、小写字母、数字和英文特殊符号，不能包含空格、汉字或全角字符。',
    en: 'The password may only contain letters, digits and ASCII special symbols; no spaces, Chinese or full-width characters.',
  },
  MOBILE_INVALID: {
    zh: '手机号码格式不正确，请填写有效的大陆手机号码（11位）。',
    en: 'Invalid mobile number: please enter a valid 11-digit mainland China mobile number.',
  },
  ID_NUMBER_FORMAT: {
    zh: '身份证号码格式不正确，应为18位，最后一位可以是数字或X。',
    en: 'Invalid resident ID number: it must have 18 characters, the last a digit or X.',
  },
  ID_NUMBER_BIRTH_DATE: {
    zh: '身份证号码中的出生日期无效。',
    en: 'The birth date in the resident ID number is not valid.',
  },
  ID_NUMBER_CHECK_DIGIT: {
    zh: '身份证号码校验位错误，请检查输入的身份证号码。',
    en: 'The check digit of the resident ID number is wrong; please check the number.',
  },
  DOCUMENT_TYPE_NOT_ALLOWED: {
    zh: '所选证件类型与身份类型不符。',
    en: 'This document type cannot be used with the selected identity type.',
  },
  DOCUMENT_NUMBER_FORMAT: {
    zh: '证件号码格式不正确，请检查输入的证件号码。',
    en: 'Invalid document number format; please check the number.',
  },
  DOCUMENT_NUMBER_BIRTH_DATE: {
    zh: '证件号码中的出生日期无效。',
    en: 'The birth date in the document number is not valid.',
  },
  DOCUMENT_NUMBER_CHECK_DIGIT: {
    zh: '证件号码校验位错误，请检查输入的证件号码。',
    en: 'The check digit of the document number is wrong; please check the number.',
  },
  CREDIT_CODE_REQUIRED: {
    zh: '境内单位（法人类型不是“其他”）必须填写统一社会信用代码。',
    en: 'A domestic organisation (other than type "Other") must enter its unified social credit code.',
  },
  CREDIT_CODE_FORMAT: {
    zh: '统一社会信用代码格式不正确，应为18位数字或大写字母（不使用I、O、Z、S、V）。',
    en: 'Invalid unified social credit code: it must have 18 digits or capital letters (I, O, Z, S and V are not used).',
  },
  CREDIT_CODE_CHECK_DIGIT: {
    zh: '统一社会信用代码校验位错误，请检查输入的统一社会信用代码。',
    en: 'The check character of the unified social credit code is wrong; please check the code.',
  },
  ORG_UNIQUE_ID_REQUIRED: {
    zh: '港澳台地区单位、境外单位必须填写单位唯一标识码。',
    en: 'Hong Kong, Macao, Taiwan and foreign organisations must enter a unique organisation identifier.',
  },
  ORG_UNIQUE_ID_INVALID: {
    zh: `单位唯一标识码只能包含字母、数字和“-”，长度不超过${LIMITS.orgUniqueIdMaxLength}位。`,
    en: `The unique organisation identifier may only contain letters, digits and "-", at most ${LIMITS.orgUniqueIdMaxLength} characters.`,
  },
  EMAIL_INVALID: {
    zh: '电子邮箱格式不正确。',
    en: 'Invalid e-mail address.',
  },
  POSTCODE_INVALID: {
    zh: '邮政编码应为6位数字。',
    en: 'The postcode must be 6 digits.',
  },
};

/** Message for a failed RuleResult code, falling back to a generic message. */
export function ruleMessage(code: string, lang: 'zh' | 'en' = 'zh'): string {
  const m = RULE_MESSAGES[code];
  if (m) return m[lang];
  return lang === 'zh' ? '输入内容不正确。' : 'The value is not valid.';
}
