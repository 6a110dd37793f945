import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CREDIT_CODE_CHARSET,
  DOCUMENT_NUMBER_FORMAT_HINTS,
  DOCUMENT_TYPES,
  IDENTITY_REGIONS,
  LEGAL_PERSON_TYPES,
  LEGAL_REGIONS,
  LIMITS,
  PASSWORD_STRENGTH_LABELS,
  RULE_MESSAGES,
  checkCreditCode,
  checkDocumentNumber,
  checkDocumentTypeForRegion,
  checkEmail,
  checkLoginName,
  checkMobile,
  checkOrganizationCode,
  checkOrganizationUniqueId,
  checkPassword,
  checkPostcode,
  checkResidentIdNumber,
  chinaDateString,
  creditCodeCheckChar,
  documentKey,
  documentTypesForRegion,
  documentVerification,
  isDocumentTypeAllowed,
  loginNameKey,
  maskDocumentNumber,
  maskPersonName,
  maskPhone,
  normalizeCreditCode,
  normalizeDocumentNumber,
  organizationCodeRequirement,
  organizationVerification,
  parseResidentIdNumber,
  passwordClasses,
  passwordStrength,
  requiresValidityStart,
  residentIdCheckChar,
  ruleMessage,
  type DocumentType,
  type IdentityRegion,
  type LegalPersonType,
  type LegalRegion,
  type PasswordStrength,
  type RuleResult,
} from './rules.ts';

/** Fixed clock: 2024-06-15 08:00 in China (00:00 UTC). */
const NOW = new Date('2024-06-15T00:00:00Z');

/** Every failure code seen in the tests; checked against RULE_MESSAGES at the end. */
const seenCodes = new Set<string>();

/** Asserts a RuleResult: `null` means ok, a string is the expected failure code. */
function expectResult(actual: RuleResult, expected: string | null, label: string): void {
  if (!actual.ok) seenCodes.add(actual.code);
  if (expected === null) assert.deepEqual(actual, { ok: true }, label);
  else assert.deepEqual(actual, { ok: false, code: expected }, label);
}

/** Builds a valid-check-digit resident ID number from its first 17 digits. */
function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

/** Replaces the last character with a different valid check character. */
function wrongCheck(valid: string, checkChars: string): string {
  const last = valid[valid.length - 1]!.toUpperCase();
  const other = [...checkChars].find((c) => c !== last)!;
  return valid.slice(0, -1) + other;
}

// ---------------------------------------------------------------------------

describe('LIMITS', () => {
  it('has the documented values', () => {
    assert.equal(LIMITS.passwordMinLength, 8);
    assert.equal(LIMITS.passwordMaxLength, 64);
    assert.equal(LIMITS.passwordMinClasses, 3);
    assert.equal(LIMITS.passwordStrongMinLength, 12);
    assert.equal(LIMITS.loginNameMaxLength, 50);
    assert.equal(LIMITS.creditCodeLength, 18);
    assert.equal(LIMITS.residentIdLength, 18);
  });
});

describe('checkLoginName', () => {
  const cases: [string, string, string | null][] = [
    ['seed example', 'Gzc_Zrr1996', null],
    ['seed legal example', 'Gzc_Fr1996', null],
    ['digits only (legacy style)', '11111111111111111111', null],
    ['single letter', 'a', null],
    ['single underscore', '_', null],
    ['all classes', 'Abc_123_xyz', null],
    ['legacy prefix', 'HJ_user01', null],
    ['exactly 50', 'a'.repeat(50), null],
    ['empty', '', 'LOGIN_NAME_EMPTY'],
    ['51 chars', 'a'.repeat(51), 'LOGIN_NAME_TOO_LONG'],
    ['200 chars', 'Ab_1'.repeat(50), 'LOGIN_NAME_TOO_LONG'],
    ['Chinese characters', '张三', 'LOGIN_NAME_INVALID_CHARS'],
    ['mixed Chinese', 'zhang三', 'LOGIN_NAME_INVALID_CHARS'],
    ['inner space', 'zhang san', 'LOGIN_NAME_INVALID_CHARS'],
    ['leading space (not trimmed)', ' zhangsan', 'LOGIN_NAME_INVALID_CHARS'],
    ['trailing space (not trimmed)', 'zhangsan ', 'LOGIN_NAME_INVALID_CHARS'],
    ['only a space', ' ', 'LOGIN_NAME_INVALID_CHARS'],
    ['hyphen', 'zhang-san', 'LOGIN_NAME_INVALID_CHARS'],
    ['dot', 'zhang.san', 'LOGIN_NAME_INVALID_CHARS'],
    ['at sign', 'zs@qq.com', 'LOGIN_NAME_INVALID_CHARS'],
    ['full-width letters', 'ａｂｃ', 'LOGIN_NAME_INVALID_CHARS'],
    ['full-width underscore', 'a＿b', 'LOGIN_NAME_INVALID_CHARS'],
    ['accented letter', 'josé', 'LOGIN_NAME_INVALID_CHARS'],
    ['tab', 'a\tb', 'LOGIN_NAME_INVALID_CHARS'],
    ['newline at end', 'abc\n', 'LOGIN_NAME_INVALID_CHARS'],
  ];
  for (const [label, name, expected] of cases) {
    it(`${label}: ${JSON.stringify(name.length > 20 ? name.slice(0, 20) + '…' : name)}`, () => {
      expectResult(checkLoginName(name), expected, label);
    });
  }
});

describe('loginNameKey', () => {
  const cases: [string, string][] = [
    ['Gzc_Zrr1996', 'gzc_zrr1996'],
    ['GZC_ZRR1996', 'gzc_zrr1996'],
    ['gzc_zrr1996', 'gzc_zrr1996'],
    ['ABC_123', 'abc_123'],
  ];
  for (const [name, key] of cases) {
    it(`${name} -> ${key}`, () => assert.equal(loginNameKey(name), key));
  }
  it('names differing only in case share a key', () => {
    assert.equal(loginNameKey('ZhangSan'), loginNameKey('zhangsan'));
    assert.notEqual(loginNameKey('zhangsan1'), loginNameKey('zhangsan2'));
  });
});

describe('passwordClasses', () => {
  const cases: [string, { upper: boolean; lower: boolean; digit: boolean; special: boolean }][] = [
    ['', { upper: false, lower: false, digit: false, special: false }],
    ['ABC', { upper: true, lower: false, digit: false, special: false }],
    ['abc', { upper: false, lower: true, digit: false, special: false }],
    ['123', { upper: false, lower: false, digit: true, special: false }],
    ['!@#', { upper: false, lower: false, digit: false, special: true }],
    ['Aa1!', { upper: true, lower: true, digit: true, special: true }],
    ['密码 ', { upper: false, lower: false, digit: false, special: false }],
  ];
  for (const [pw, expected] of cases) {
    it(JSON.stringify(pw), () => assert.deepEqual(passwordClasses(pw), expected));
  }
  it('every printable ASCII non-alphanumeric character counts as special', () => {
    const specials = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    assert.equal(specials.length, 32);
    for (const ch of specials) assert.equal(passwordClasses(ch).special, true, ch);
  });
});

describe('checkPassword and passwordStrength: all 16 class subsets at length >= 8', () => {
  // [classes present, password (length 10 unless noted), expected code, expected strength]
  const cases: [string, string, string | null, PasswordStrength][] = [
    ['none (Chinese only)', '密码密码密码密码密码', 'PASSWORD_INVALID_CHARS', 'weak'],
    ['upper', 'ABCDEFGHIJ', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['lower', 'abcdefghij', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['digit', '1234567890', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['special', '!@#$%^&*()', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['upper+lower', 'ABCDEfghij', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['upper+digit', 'ABCDE12345', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['upper+special', 'ABCDE!@#$%', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['lower+digit', 'abcde12345', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['lower+special', 'abcde!@#$%', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['digit+special', '12345!@#$%', 'PASSWORD_TOO_FEW_CLASSES', 'weak'],
    ['upper+lower+digit', 'ABCabc1234', null, 'medium'],
    ['upper+lower+special', 'ABCabc!@#$', null, 'medium'],
    ['upper+digit+special', 'ABC123!@#$', null, 'medium'],
    ['lower+digit+special', 'abc123!@#$', null, 'medium'],
    ['all four (length 10)', 'ABab12!@#$', null, 'medium'],
  ];
  for (const [label, pw, expected, strength] of cases) {
    it(`${label}: ${pw}`, () => {
      assert.ok(pw.length >= 8);
      expectResult(checkPassword(pw), expected, label);
      assert.equal(passwordStrength(pw), strength);
    });
  }
});

describe('checkPassword: length and characters', () => {
  const cases: [string, string, string | null][] = [
    ['empty', '', 'PASSWORD_TOO_SHORT'],
    ['1 char', 'A', 'PASSWORD_TOO_SHORT'],
    ['7 chars, 4 classes', 'Ab1!Ab1', 'PASSWORD_TOO_SHORT'],
    ['7 chars, 3 classes', 'Abc1234', 'PASSWORD_TOO_SHORT'],
    ['exactly 8, 3 classes', 'Abcd1234', null],
    ['exactly 8, 4 classes', 'Ab1!Ab1!', null],
    ['exactly 64', 'Aa1!'.repeat(16), null],
    ['65 chars', 'Aa1!'.repeat(16) + 'A', 'PASSWORD_TOO_LONG'],
    ['inner space', 'Abcd 1234', 'PASSWORD_INVALID_CHARS'],
    ['leading space', ' Abcd1234', 'PASSWORD_INVALID_CHARS'],
    ['tab', 'Abcd\t1234', 'PASSWORD_INVALID_CHARS'],
    ['newline', 'Abcd1234\n', 'PASSWORD_INVALID_CHARS'],
    ['NUL', 'Abcd\u00001234', 'PASSWORD_INVALID_CHARS'],
    ['DEL', 'Abcd\u007f1234', 'PASSWORD_INVALID_CHARS'],
    ['Chinese + valid classes', 'Abcd1234密', 'PASSWORD_INVALID_CHARS'],
    ['full-width exclamation', 'Abcd1234！', 'PASSWORD_INVALID_CHARS'],
    ['short with invalid char', 'Ab 1', 'PASSWORD_INVALID_CHARS'],
    ['emoji', 'Abcd1234😀', 'PASSWORD_INVALID_CHARS'],
  ];
  for (const [label, pw, expected] of cases) {
    it(label, () => expectResult(checkPassword(pw), expected, label));
  }
});

describe('passwordStrength', () => {
  const cases: [string, string, PasswordStrength][] = [
    ['empty', '', 'weak'],
    ['short with 4 classes', 'Ab1!', 'weak'],
    ['long but 2 classes', 'abcdefghijklmnop1234', 'weak'],
    ['3 classes, 8 chars', 'Abcd1234', 'medium'],
    ['3 classes, 30 chars', 'Abcdefghij1234567890abcdefghij', 'medium'],
    ['4 classes, 11 chars', 'Abcdef123!@', 'medium'],
    ['4 classes, 12 chars', 'Abcdef123!@#', 'strong'],
    ['4 classes, 20 chars', 'Tr0ub4dor&3-Horse!99', 'strong'],
    ['4 classes, 65 chars (too long)', 'Aa1!'.repeat(16) + 'x', 'weak'],
    ['4 classes, 12 chars with a space', 'Abcdef 123!@', 'weak'],
  ];
  for (const [label, pw, strength] of cases) {
    it(`${label} -> ${strength}`, () => assert.equal(passwordStrength(pw), strength));
  }
  it('labels are 弱 / 中 / 强', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(PASSWORD_STRENGTH_LABELS).map(([k, v]) => [k, v.zh])),
      { weak: '弱', medium: '中', strong: '强' },
    );
    for (const v of Object.values(PASSWORD_STRENGTH_LABELS)) assert.ok(v.en.length > 0);
  });
});

describe('checkMobile', () => {
  const cases: [string, string | null][] = [
    ['13812345656', null],
    ['13000000000', null],
    ['15912345678', null],
    ['16612345678', null],
    ['17712345678', null],
    ['18812345063', null],
    ['19912345678', null],
    ['', 'MOBILE_INVALID'],
    ['1381234565', 'MOBILE_INVALID'], // 10 digits
    ['138123456567', 'MOBILE_INVALID'], // 12 digits
    ['12812345656', 'MOBILE_INVALID'], // second digit 2
    ['11812345656', 'MOBILE_INVALID'], // second digit 1
    ['10812345656', 'MOBILE_INVALID'], // second digit 0
    ['23812345656', 'MOBILE_INVALID'], // does not start with 1
    ['+8613812345656', 'MOBILE_INVALID'],
    ['138-1234-5656', 'MOBILE_INVALID'],
    ['138 1234 5656', 'MOBILE_INVALID'],
    [' 13812345656', 'MOBILE_INVALID'],
    ['1381234565a', 'MOBILE_INVALID'],
    ['１３８１２３４５６５６', 'MOBILE_INVALID'], // full-width digits
    ['85291234567', 'MOBILE_INVALID'], // Hong Kong
  ];
  for (const [mobile, expected] of cases) {
    it(JSON.stringify(mobile), () => expectResult(checkMobile(mobile), expected, mobile));
  }
});

describe('residentIdCheckChar', () => {
  const cases: [string, string][] = [
    ['11010519491231002', 'X'], // GB 11643-1999 example
    ['44052418800101001', '4'], // GB 11643-1999 example
    ['00000000000000000', '1'], // sum 0 -> '1'
  ];
  for (const [first17, check] of cases) {
    it(`${first17} -> ${check}`, () => assert.equal(residentIdCheckChar(first17), check));
  }
  it('covers every check character 0-9 and X', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) seen.add(residentIdCheckChar('11010119900101' + String(seq).padStart(3, '0')));
    assert.deepEqual([...seen].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });
  it('rejects input that is not 17 digits', () => {
    assert.throws(() => residentIdCheckChar('1101051949123100'));
    assert.throws(() => residentIdCheckChar('1101051949123100X'));
  });
});

describe('checkResidentIdNumber', () => {
  const valid = [
    '11010519491231002X', // public GB 11643 example, born 1949-12-31
    residentId('11010119900307447'), // Beijing, 1990-03-07
    residentId('31011520000229123'), // Shanghai, leap day 2000
    residentId('44030619850615002'), // Shenzhen
    residentId('65010219190101001'), // Xinjiang, old person
    residentId('13070219900101031'), // Hebei, spec masking example prefix
    residentId('81000019900101001'), // HK resident permit area code
    residentId('11010519000101001'), // 1900-01-01: earliest allowed
    residentId('11010520240615001'), // born "today" (NOW)
  ];
  for (const id of valid) {
    it(`valid: ${id}`, () => expectResult(checkResidentIdNumber(id, NOW), null, id));
  }

  it('finds an ID whose check character is X and accepts lowercase x', () => {
    assert.equal('11010519491231002X'.at(-1), 'X');
    expectResult(checkResidentIdNumber('11010519491231002x', NOW), null, 'lowercase x');
    // a generated one as well
    let withX = '';
    for (let seq = 0; seq < 1000 && !withX; seq++) {
      const id = residentId('32010219800101' + String(seq).padStart(3, '0'));
      if (id.endsWith('X')) withX = id;
    }
    assert.ok(withX);
    expectResult(checkResidentIdNumber(withX, NOW), null, withX);
    expectResult(checkResidentIdNumber(withX.slice(0, 17) + 'x', NOW), null, withX + ' lowercase');
  });

  const invalid: [string, string, string][] = [
    ['wrong check digit (public example)', '110105194912310021', 'ID_NUMBER_CHECK_DIGIT'],
    ['wrong check digit X instead of digit', '11010119900307447X', 'ID_NUMBER_CHECK_DIGIT'],
    ['wrong check digit (generated)', wrongCheck(residentId('44030619850615002'), '0123456789X'), 'ID_NUMBER_CHECK_DIGIT'],
    ['swapped digits', '11010519491321002X', 'ID_NUMBER_BIRTH_DATE'], // month 13
    ['swapped sequence digits', '11010519491231020X', 'ID_NUMBER_CHECK_DIGIT'],
    ['Feb 30', residentId('11010520000230001'), 'ID_NUMBER_BIRTH_DATE'],
    ['Feb 29 in a non-leap year', residentId('11010520230229001'), 'ID_NUMBER_BIRTH_DATE'],
    ['Feb 29 1900 (not a leap year)', residentId('11010519000229001'), 'ID_NUMBER_BIRTH_DATE'],
    ['Apr 31', residentId('11010519900431001'), 'ID_NUMBER_BIRTH_DATE'],
    ['month 00', residentId('11010519900001001'), 'ID_NUMBER_BIRTH_DATE'],
    ['month 13', residentId('11010519901301001'), 'ID_NUMBER_BIRTH_DATE'],
    ['day 00', residentId('11010519900100001'), 'ID_NUMBER_BIRTH_DATE'],
    ['day 32', residentId('11010519900132001'), 'ID_NUMBER_BIRTH_DATE'],
    ['tomorrow (future)', residentId('11010520240616001'), 'ID_NUMBER_BIRTH_DATE'],
    ['far future', residentId('11010520990101001'), 'ID_NUMBER_BIRTH_DATE'],
    ['before 1900', residentId('11010518991231001'), 'ID_NUMBER_BIRTH_DATE'],
    ['GB 11643 example born 1880', '440524188001010014', 'ID_NUMBER_BIRTH_DATE'],
    ['empty', '', 'ID_NUMBER_FORMAT'],
    ['17 chars', '11010519491231002', 'ID_NUMBER_FORMAT'],
    ['19 chars', '11010519491231002X1', 'ID_NUMBER_FORMAT'],
    ['old 15-digit number', '110105491231002', 'ID_NUMBER_FORMAT'],
    ['X in the middle', '1101051949123X002X', 'ID_NUMBER_FORMAT'],
    ['letter check other than X', '11010519491231002Y', 'ID_NUMBER_FORMAT'],
    ['leading zero area code', residentId('01010519491231002'), 'ID_NUMBER_FORMAT'],
    ['area code starting with 9', residentId('91010519491231002'), 'ID_NUMBER_FORMAT'],
    ['leading space', ' 11010519491231002X', 'ID_NUMBER_FORMAT'],
    ['trailing space', '11010519491231002X ', 'ID_NUMBER_FORMAT'],
    ['inner space', '110105 19491231002X', 'ID_NUMBER_FORMAT'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ', 'ID_NUMBER_FORMAT'],
  ];
  for (const [label, id, code] of invalid) {
    it(`${label}: ${id}`, () => expectResult(checkResidentIdNumber(id, NOW), code, label));
  }

  it('judges "future" by the date in China (UTC+8)', () => {
    const bornJune16 = residentId('11010520240616001');
    // 2024-06-15 15:59 UTC = 23:59 in Beijing, still June 15 there
    expectResult(checkResidentIdNumber(bornJune16, new Date('2024-06-15T15:59:00Z')), 'ID_NUMBER_BIRTH_DATE', 'June 15 in China');
    // 2024-06-15 16:00 UTC = 2024-06-16 00:00 in Beijing
    expectResult(checkResidentIdNumber(bornJune16, new Date('2024-06-15T16:00:00Z')), null, 'June 16 in China');
  });

  it('defaults "now" to the current clock', () => {
    expectResult(checkResidentIdNumber('11010519491231002X'), null, 'default now');
    expectResult(checkResidentIdNumber(residentId('11010521990101001')), 'ID_NUMBER_BIRTH_DATE', 'year 2199');
  });
});

describe('chinaDateString', () => {
  const cases: [string, string][] = [
    ['2024-06-15T00:00:00Z', '20240615'],
    ['2024-06-15T15:59:59Z', '20240615'],
    ['2024-06-15T16:00:00Z', '20240616'],
    ['2023-12-31T16:00:00Z', '20240101'],
  ];
  for (const [iso, expected] of cases) {
    it(`${iso} -> ${expected}`, () => assert.equal(chinaDateString(new Date(iso)), expected));
  }
});

describe('parseResidentIdNumber', () => {
  const cases: [string, { birthDate: string; gender: 'male' | 'female' } | null][] = [
    ['11010519491231002X', { birthDate: '1949-12-31', gender: 'female' }], // 17th digit 2
    [residentId('11010119900307447'), { birthDate: '1990-03-07', gender: 'male' }], // 17th digit 7
    [residentId('31011520000229120'), { birthDate: '2000-02-29', gender: 'female' }], // 17th digit 0
    ['110105194912310021', null],
    ['', null],
  ];
  for (const [id, expected] of cases) {
    it(JSON.stringify(id), () => assert.deepEqual(parseResidentIdNumber(id, NOW), expected));
  }
});

// ---------------------------------------------------------------------------

describe('identity regions and document types', () => {
  it('regions have the seed names, in order', () => {
    assert.deepEqual(
      IDENTITY_REGIONS.map((r) => [r.value, r.zh]),
      [
        ['mainland', '中华人民共和国大陆地区'],
        ['hkmt', '中华人民共和国港、澳、台地区'],
        ['other', '其他'],
      ],
    );
    for (const r of IDENTITY_REGIONS) assert.ok(r.en.length > 0);
  });

  it('document types have the seed names, regions and verification paths', () => {
    assert.deepEqual(
      DOCUMENT_TYPES.map((d) => [d.value, d.zh, d.region, d.verification]),
      [
        ['resident_id', '居民身份证', 'mainland', 'automatic'],
        ['foreign_permanent_residence', '外国人永久居留证', 'mainland', 'manual'],
        ['hk_macau_pass', '往来港澳通行证', 'hkmt', 'automatic'],
        ['taiwan_pass', '往来台湾通行证', 'hkmt', 'automatic'],
        ['hk_macau_resident_permit', '港澳居民往来内地通行证', 'hkmt', 'automatic'],
        ['taiwan_resident_permit', '台湾居民来往大陆通行证', 'hkmt', 'automatic'],
        ['foreign_passport', '境外护照', 'other', 'manual'],
      ],
    );
    for (const d of DOCUMENT_TYPES) {
      assert.ok(d.en.length > 0);
      assert.equal(documentVerification(d.value), d.verification);
      assert.ok(DOCUMENT_NUMBER_FORMAT_HINTS[d.value].zh.length > 0);
      assert.ok(DOCUMENT_NUMBER_FORMAT_HINTS[d.value].en.length > 0);
    }
  });

  const forRegion: [IdentityRegion, DocumentType[]][] = [
    ['mainland', ['resident_id', 'foreign_permanent_residence']],
    ['hkmt', ['hk_macau_pass', 'taiwan_pass', 'hk_macau_resident_permit', 'taiwan_resident_permit']],
    ['other', ['foreign_passport']],
  ];
  for (const [region, types] of forRegion) {
    it(`documentTypesForRegion(${region})`, () => assert.deepEqual(documentTypesForRegion(region), types));
  }

  // Full 3 x 7 matrix, written out explicitly.
  const matrix: [IdentityRegion, DocumentType, boolean][] = [
    ['mainland', 'resident_id', true],
    ['mainland', 'foreign_permanent_residence', true],
    ['mainland', 'hk_macau_pass', false],
    ['mainland', 'taiwan_pass', false],
    ['mainland', 'hk_macau_resident_permit', false],
    ['mainland', 'taiwan_resident_permit', false],
    ['mainland', 'foreign_passport', false],
    ['hkmt', 'resident_id', false],
    ['hkmt', 'foreign_permanent_residence', false],
    ['hkmt', 'hk_macau_pass', true],
    ['hkmt', 'taiwan_pass', true],
    ['hkmt', 'hk_macau_resident_permit', true],
    ['hkmt', 'taiwan_resident_permit', true],
    ['hkmt', 'foreign_passport', false],
    ['other', 'resident_id', false],
    ['other', 'foreign_permanent_residence', false],
    ['other', 'hk_macau_pass', false],
    ['other', 'taiwan_pass', false],
    ['other', 'hk_macau_resident_permit', false],
    ['other', 'taiwan_resident_permit', false],
    ['other', 'foreign_passport', true],
  ];
  for (const [region, type, allowed] of matrix) {
    it(`${region} + ${type}: ${allowed ? 'allowed' : 'not allowed'}`, () => {
      assert.equal(isDocumentTypeAllowed(region, type), allowed);
      expectResult(checkDocumentTypeForRegion(region, type), allowed ? null : 'DOCUMENT_TYPE_NOT_ALLOWED', `${region}/${type}`);
    });
  }

  const validity: [DocumentType, boolean][] = [
    ['resident_id', true],
    ['foreign_permanent_residence', false],
    ['hk_macau_pass', false],
    ['taiwan_pass', false],
    ['hk_macau_resident_permit', false],
    ['taiwan_resident_permit', false],
    ['foreign_passport', false],
  ];
  for (const [type, required] of validity) {
    it(`requiresValidityStart(${type}) = ${required}`, () => assert.equal(requiresValidityStart(type), required));
  }
});

describe('checkDocumentNumber', () => {
  const newPr = (first17: string) => first17 + residentIdCheckChar(first17);
  const prValid = newPr('91184019800101001'); // 9 + province 11 + USA 840 + 1980-01-01 + 001
  const cases: [DocumentType, string, string | null][] = [
    // resident_id dispatches to checkResidentIdNumber
    ['resident_id', '11010519491231002X', null],
    ['resident_id', '11010519491231002x', null],
    ['resident_id', '110105194912310021', 'ID_NUMBER_CHECK_DIGIT'],
    ['resident_id', residentId('11010520000230001'), 'ID_NUMBER_BIRTH_DATE'],
    ['resident_id', 'C12345678', 'ID_NUMBER_FORMAT'],

    // foreign_permanent_residence: old 15-char and new 18-char formats
    ['foreign_permanent_residence', 'USA110112250001', null],
    ['foreign_permanent_residence', 'can310080010001', null],
    ['foreign_permanent_residence', prValid, null],
    ['foreign_permanent_residence', prValid.slice(0, 17) + prValid[17]!.toLowerCase(), null],
    ['foreign_permanent_residence', wrongCheck(prValid, '0123456789X'), 'DOCUMENT_NUMBER_CHECK_DIGIT'],
    ['foreign_permanent_residence', newPr('91184019800230001'), 'DOCUMENT_NUMBER_BIRTH_DATE'],
    ['foreign_permanent_residence', newPr('91184020990101001'), 'DOCUMENT_NUMBER_BIRTH_DATE'],
    ['foreign_permanent_residence', 'US1101122500012', 'DOCUMENT_NUMBER_FORMAT'], // 2 letters
    ['foreign_permanent_residence', 'USA11011225000', 'DOCUMENT_NUMBER_FORMAT'], // 11 digits
    ['foreign_permanent_residence', 'USA1101122500011', 'DOCUMENT_NUMBER_FORMAT'], // 13 digits
    ['foreign_permanent_residence', '11010519491231002X', 'DOCUMENT_NUMBER_FORMAT'], // resident ID, not 9
    ['foreign_permanent_residence', '9118401980010100', 'DOCUMENT_NUMBER_FORMAT'], // 16 chars
    ['foreign_permanent_residence', '', 'DOCUMENT_NUMBER_FORMAT'],

    // hk_macau_pass: C + 8 digits, or C + letter + 7 digits
    ['hk_macau_pass', 'C12345678', null],
    ['hk_macau_pass', 'CA1234567', null],
    ['hk_macau_pass', 'c12345678', null],
    ['hk_macau_pass', 'H12345678', 'DOCUMENT_NUMBER_FORMAT'], // that is a 回乡证
    ['hk_macau_pass', 'C1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_pass', 'C123456789', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_pass', 'CAB123456', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_pass', 'L12345678', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_pass', '12345678', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_pass', 'C 12345678', 'DOCUMENT_NUMBER_FORMAT'],

    // taiwan_pass: L + 8 digits
    ['taiwan_pass', 'L12345678', null],
    ['taiwan_pass', 'l12345678', null],
    ['taiwan_pass', 'L1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_pass', 'L123456789', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_pass', 'C12345678', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_pass', 'LA1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_pass', 'T12345678', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_pass', '12345678', 'DOCUMENT_NUMBER_FORMAT'],

    // hk_macau_resident_permit: H/M + 8 digits (+ 2)
    ['hk_macau_resident_permit', 'H12345678', null],
    ['hk_macau_resident_permit', 'M12345678', null],
    ['hk_macau_resident_permit', 'H1234567801', null],
    ['hk_macau_resident_permit', 'm12345678', null],
    ['hk_macau_resident_permit', 'C12345678', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_resident_permit', 'H1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_resident_permit', 'H123456789', 'DOCUMENT_NUMBER_FORMAT'], // 9 digits
    ['hk_macau_resident_permit', 'H123456780123', 'DOCUMENT_NUMBER_FORMAT'],
    ['hk_macau_resident_permit', 'H12345678(01)', 'DOCUMENT_NUMBER_FORMAT'],

    // taiwan_resident_permit: 8 or 10 digits
    ['taiwan_resident_permit', '12345678', null],
    ['taiwan_resident_permit', '1234567890', null],
    ['taiwan_resident_permit', '1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_resident_permit', '123456789', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_resident_permit', '12345678901', 'DOCUMENT_NUMBER_FORMAT'],
    ['taiwan_resident_permit', 'T12345678', 'DOCUMENT_NUMBER_FORMAT'],

    // foreign_passport: 5-20 letters/digits
    ['foreign_passport', 'E12345678', null],
    ['foreign_passport', '123456789', null],
    ['foreign_passport', 'ab123', null],
    ['foreign_passport', 'A'.repeat(20), null],
    ['foreign_passport', 'A1234', null],
    ['foreign_passport', 'A123', 'DOCUMENT_NUMBER_FORMAT'],
    ['foreign_passport', 'A'.repeat(21), 'DOCUMENT_NUMBER_FORMAT'],
    ['foreign_passport', 'E-1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['foreign_passport', 'E 1234567', 'DOCUMENT_NUMBER_FORMAT'],
    ['foreign_passport', '护照12345', 'DOCUMENT_NUMBER_FORMAT'],
    ['foreign_passport', '', 'DOCUMENT_NUMBER_FORMAT'],
  ];
  for (const [type, value, expected] of cases) {
    it(`${type} ${JSON.stringify(value)} -> ${expected ?? 'ok'}`, () =>
      expectResult(checkDocumentNumber(type, value, NOW), expected, `${type} ${value}`));
  }

  it('every document type has at least one good and one bad example above', () => {
    for (const d of DOCUMENT_TYPES) {
      assert.ok(cases.some(([t, , e]) => t === d.value && e === null), `${d.value} good`);
      assert.ok(cases.some(([t, , e]) => t === d.value && e !== null), `${d.value} bad`);
    }
  });
});

describe('normalizeDocumentNumber and documentKey', () => {
  const cases: [string, string][] = [
    ['11010519491231002x', '11010519491231002X'],
    [' c12345678 ', 'C12345678'],
    ['E12345678', 'E12345678'],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.equal(normalizeDocumentNumber(input), expected));
  }
  it('documentKey is case-insensitive and includes the type', () => {
    assert.equal(documentKey('resident_id', '11010519491231002x'), documentKey('resident_id', '11010519491231002X'));
    assert.notEqual(documentKey('hk_macau_pass', 'C12345678'), documentKey('foreign_passport', 'C12345678'));
  });
});

// ---------------------------------------------------------------------------

describe('creditCodeCheckChar', () => {
  const cases: [string, string][] = [
    ['91350100M000100Y4', '3'],
    ['91110108MA01ET88X', 'L'],
    ['00000000000000000', '0'], // sum 0 -> 31 -> 0
    ['10000000000000000', 'Y'], // sum 1 -> 30 -> 'Y'
  ];
  for (const [first17, check] of cases) {
    it(`${first17} -> ${check}`, () => assert.equal(creditCodeCheckChar(first17), check));
  }
  it('rejects wrong length and characters outside the charset', () => {
    assert.throws(() => creditCodeCheckChar('91350100M000100Y'));
    assert.throws(() => creditCodeCheckChar('91350100M000100I4'));
  });
  it('charset has 31 characters without I, O, Z, S, V', () => {
    assert.equal(CREDIT_CODE_CHARSET.length, 31);
    for (const ch of 'IOZSV') assert.ok(!CREDIT_CODE_CHARSET.includes(ch), ch);
  });
});

describe('checkCreditCode', () => {
  const build = (first17: string) => first17 + creditCodeCheckChar(first17);
  const cases: [string, string, string | null][] = [
    ['public example', '91350100M000100Y43', null],
    ['public example (MA series)', '91110108MA01ET88XL', null],
    ['generated, social organisation', build('51110000500000001'), null],
    ['generated, public institution', build('12100000400000001'), null],
    ['generated, letters in org code', build('92440300MA5DABCDE'), null],
    ['wrong check char', '91350100M000100Y44', 'CREDIT_CODE_CHECK_DIGIT'],
    ['wrong check char (letter)', '91110108MA01ET88XK', 'CREDIT_CODE_CHECK_DIGIT'],
    ['transposed characters', '91350100M001000Y43', 'CREDIT_CODE_CHECK_DIGIT'],
    ['lowercase (not normalised)', '91110108ma01et88xl', 'CREDIT_CODE_FORMAT'],
    ['forbidden I', '91350100I000100Y43', 'CREDIT_CODE_FORMAT'],
    ['forbidden O', '91350100O000100Y43', 'CREDIT_CODE_FORMAT'],
    ['forbidden Z', '91350100Z000100Y43', 'CREDIT_CODE_FORMAT'],
    ['forbidden S', '91350100S000100Y43', 'CREDIT_CODE_FORMAT'],
    ['forbidden V', '91350100V000100Y43', 'CREDIT_CODE_FORMAT'],
    ['forbidden letter as check char', '91350100M000100Y4I', 'CREDIT_CODE_FORMAT'],
    ['letter in area code (pos 3-8)', '913501A0M000100Y43', 'CREDIT_CODE_FORMAT'],
    ['17 chars', '91350100M000100Y4', 'CREDIT_CODE_FORMAT'],
    ['19 chars', '91350100M000100Y433', 'CREDIT_CODE_FORMAT'],
    ['15-char business licence number', '110108012345678', 'CREDIT_CODE_FORMAT'],
    ['empty', '', 'CREDIT_CODE_FORMAT'],
    ['leading space', ' 91350100M000100Y43', 'CREDIT_CODE_FORMAT'],
    ['hyphen', '91350100-M000100Y4', 'CREDIT_CODE_FORMAT'],
  ];
  for (const [label, code, expected] of cases) {
    it(`${label}: ${code}`, () => expectResult(checkCreditCode(code), expected, label));
  }
  it('normalizeCreditCode makes user input acceptable', () => {
    assert.equal(normalizeCreditCode(' 91110108ma01et88xl '), '91110108MA01ET88XL');
    expectResult(checkCreditCode(normalizeCreditCode(' 91110108ma01et88xl ')), null, 'normalised');
  });
  it('every single-character change of a valid code is detected', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const ch of CREDIT_CODE_CHARSET) {
        if (ch === code[i]) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        const r = checkCreditCode(changed);
        assert.equal(r.ok, false, changed);
      }
    }
  });
});

// ---------------------------------------------------------------------------

describe('maskPhone', () => {
  const cases: [string, string][] = [
    ['13812345656', '13*****656'], // spec example
    ['18812345063', '18*****063'], // seed example
    ['01012345678', '01*****678'],
    ['123456', '12*****456'],
    ['12345', '1***5'],
    ['12', '**'],
    ['', ''],
  ];
  for (const [phone, masked] of cases) {
    it(`${JSON.stringify(phone)} -> ${masked}`, () => assert.equal(maskPhone(phone), masked));
  }
});

describe('maskPersonName (issue 14.15: the current primary agent beside an appeal)', () => {
  const cases: [string, string][] = [
    ['王五', '王*'],
    ['欧阳修', '欧**'],
    ['John Smith', 'J*** *****'],
    ['阿依古丽·买买提', '阿*******'],
    ['王', '*'],
    ['', ''],
  ];
  for (const [name, masked] of cases) {
    it(`${JSON.stringify(name)} -> ${masked}`, () => assert.equal(maskPersonName(name), masked));
  }
});

describe('maskDocumentNumber', () => {
  const cases: [string, string][] = [
    ['13070219900101031x', '1307********031x'], // spec / seed example
    ['11010519491231002X', '1101********002X'],
    ['A123456789012345', 'A123********2345'], // 16 chars: long form
    ['USA110112250001', 'U*************1'], // 15 chars: short form
    ['C12345678', 'C*******8'], // 9 chars: short form
    ['1234567890', '1********0'],
    ['E1234567', 'E******7'], // <= 8 chars
    ['A1234', 'A***4'],
    ['abc', 'a*c'],
    ['ab', '**'],
    ['a', '*'],
    ['', ''],
  ];
  for (const [num, masked] of cases) {
    it(`${JSON.stringify(num)} -> ${masked}`, () => assert.equal(maskDocumentNumber(num), masked));
  }
  it('never shows more than half of a short number', () => {
    for (const num of ['C12345678', 'H1234567801', 'L12345678', '12345678', 'E12345678901234']) {
      const shown = [...maskDocumentNumber(num)].filter((c) => c !== '*').length;
      assert.ok(shown * 2 <= num.length, `${num}: ${maskDocumentNumber(num)}`);
    }
  });
});

// ---------------------------------------------------------------------------

describe('checkEmail', () => {
  const cases: [string, string | null][] = [
    ['513770791@qq.com', null], // seed example
    ['zhang.san@most.gov.cn', null],
    ['a+tag@example.org', null],
    ['USER_1@Sub-Domain.Example.COM', null],
    ['', 'EMAIL_INVALID'],
    ['plainaddress', 'EMAIL_INVALID'],
    ['@qq.com', 'EMAIL_INVALID'],
    ['user@', 'EMAIL_INVALID'],
    ['user@localhost', 'EMAIL_INVALID'],
    ['user@qq', 'EMAIL_INVALID'],
    ['user@qq..com', 'EMAIL_INVALID'],
    ['user@-qq.com', 'EMAIL_INVALID'],
    ['user@qq.com.', 'EMAIL_INVALID'],
    ['user@qq.123', 'EMAIL_INVALID'],
    ['.user@qq.com', 'EMAIL_INVALID'],
    ['user.@qq.com', 'EMAIL_INVALID'],
    ['us..er@qq.com', 'EMAIL_INVALID'],
    ['us er@qq.com', 'EMAIL_INVALID'],
    ['user@q q.com', 'EMAIL_INVALID'],
    ['user@@qq.com', 'EMAIL_INVALID'],
    ['张三@qq.com', 'EMAIL_INVALID'],
    [' user@qq.com', 'EMAIL_INVALID'],
    ['a'.repeat(65) + '@qq.com', 'EMAIL_INVALID'],
    ['a@' + 'b'.repeat(250) + '.com', 'EMAIL_INVALID'],
  ];
  for (const [email, expected] of cases) {
    it(JSON.stringify(email.length > 40 ? email.slice(0, 40) + '…' : email), () =>
      expectResult(checkEmail(email), expected, email));
  }
});

describe('checkPostcode', () => {
  const cases: [string, string | null][] = [
    ['100862', null],
    ['518000', null],
    ['000000', null],
    ['', 'POSTCODE_INVALID'],
    ['10086', 'POSTCODE_INVALID'],
    ['1008620', 'POSTCODE_INVALID'],
    ['10086a', 'POSTCODE_INVALID'],
    [' 100862', 'POSTCODE_INVALID'],
    ['１００８６２', 'POSTCODE_INVALID'],
  ];
  for (const [code, expected] of cases) {
    it(JSON.stringify(code), () => expectResult(checkPostcode(code), expected, code));
  }
});

// ---------------------------------------------------------------------------

describe('legal regions and legal person types', () => {
  it('have the seed names', () => {
    assert.deepEqual(
      LEGAL_REGIONS.map((r) => [r.value, r.zh]),
      [
        ['domestic', '境内单位'],
        ['hkmt', '港澳台地区单位'],
        ['foreign', '境外单位'],
      ],
    );
    assert.deepEqual(
      LEGAL_PERSON_TYPES.map((t) => [t.value, t.zh]),
      [
        ['enterprise', '企业法人'],
        ['social_organization', '社会组织法人'],
        ['public_institution', '事业单位法人'],
        ['other', '其他'],
      ],
    );
    for (const x of [...LEGAL_REGIONS, ...LEGAL_PERSON_TYPES]) assert.ok(x.en.length > 0);
  });

  // Full 3 x 4 matrix: [region, type, verification, code requirement]
  const matrix: [LegalRegion, LegalPersonType, 'automatic' | 'manual', 'credit_code' | 'unique_id' | 'optional'][] = [
    ['domestic', 'enterprise', 'automatic', 'credit_code'],
    ['domestic', 'social_organization', 'automatic', 'credit_code'],
    ['domestic', 'public_institution', 'automatic', 'credit_code'],
    ['domestic', 'other', 'manual', 'optional'],
    ['hkmt', 'enterprise', 'manual', 'unique_id'],
    ['hkmt', 'social_organization', 'manual', 'unique_id'],
    ['hkmt', 'public_institution', 'manual', 'unique_id'],
    ['hkmt', 'other', 'manual', 'unique_id'],
    ['foreign', 'enterprise', 'manual', 'unique_id'],
    ['foreign', 'social_organization', 'manual', 'unique_id'],
    ['foreign', 'public_institution', 'manual', 'unique_id'],
    ['foreign', 'other', 'manual', 'unique_id'],
  ];
  for (const [region, type, verification, requirement] of matrix) {
    it(`${region} + ${type}: ${verification}, ${requirement}`, () => {
      assert.equal(organizationVerification(region, type), verification);
      assert.equal(organizationCodeRequirement(region, type), requirement);
    });
  }
});

describe('checkOrganizationUniqueId', () => {
  const cases: [string, string | null][] = [
    ['HK-12345678', null],
    ['CR1234567', null],
    ['a', null],
    ['A'.repeat(50), null],
    ['', 'ORG_UNIQUE_ID_REQUIRED'],
    ['A'.repeat(51), 'ORG_UNIQUE_ID_INVALID'],
    ['HK 123', 'ORG_UNIQUE_ID_INVALID'],
    ['HK_123', 'ORG_UNIQUE_ID_INVALID'],
    ['公司123', 'ORG_UNIQUE_ID_INVALID'],
  ];
  for (const [value, expected] of cases) {
    it(JSON.stringify(value.length > 20 ? value.slice(0, 20) + '…' : value), () =>
      expectResult(checkOrganizationUniqueId(value), expected, value));
  }
});

describe('checkOrganizationCode', () => {
  const cases: [LegalRegion, LegalPersonType, string, string | null][] = [
    ['domestic', 'enterprise', '91350100M000100Y43', null],
    ['domestic', 'enterprise', '', 'CREDIT_CODE_REQUIRED'],
    ['domestic', 'social_organization', '91350100M000100Y44', 'CREDIT_CODE_CHECK_DIGIT'],
    ['domestic', 'public_institution', 'HK-12345678', 'CREDIT_CODE_FORMAT'],
    ['domestic', 'other', '', null],
    ['domestic', 'other', '91110108MA01ET88XL', null],
    ['domestic', 'other', '91110108MA01ET88XK', 'CREDIT_CODE_CHECK_DIGIT'],
    ['domestic', 'other', 'abc', 'CREDIT_CODE_FORMAT'],
    ['hkmt', 'enterprise', 'HK-12345678', null],
    ['hkmt', 'other', '', 'ORG_UNIQUE_ID_REQUIRED'],
    ['foreign', 'enterprise', 'US-EIN-123456789', null],
    ['foreign', 'public_institution', 'bad id!', 'ORG_UNIQUE_ID_INVALID'],
    ['foreign', 'other', '', 'ORG_UNIQUE_ID_REQUIRED'],
  ];
  for (const [region, type, code, expected] of cases) {
    it(`${region} + ${type} + ${JSON.stringify(code)} -> ${expected ?? 'ok'}`, () =>
      expectResult(checkOrganizationCode(region, type, code), expected, `${region}/${type}/${code}`));
  }
});

// ---------------------------------------------------------------------------

describe('RULE_MESSAGES', () => {
  const allCodes = [
    'LOGIN_NAME_EMPTY',
    'LOGIN_NAME_INVALID_CHARS',
    'LOGIN_NAME_TOO_LONG',
    'PASSWORD_TOO_SHORT',
    'PASSWORD_TOO_FEW_CLASSES',
    'PASSWORD_TOO_LONG',
    'PASSWORD_INVALID_CHARS',
    'MOBILE_INVALID',
    'ID_NUMBER_FORMAT',
    'ID_NUMBER_BIRTH_DATE',
    'ID_NUMBER_CHECK_DIGIT',
    'DOCUMENT_TYPE_NOT_ALLOWED',
    'DOCUMENT_NUMBER_FORMAT',
    'DOCUMENT_NUMBER_BIRTH_DATE',
    'DOCUMENT_NUMBER_CHECK_DIGIT',
    'CREDIT_CODE_REQUIRED',
    'CREDIT_CODE_FORMAT',
    'CREDIT_CODE_CHECK_DIGIT',
    'ORG_UNIQUE_ID_REQUIRED',
    'ORG_UNIQUE_ID_INVALID',
    'EMAIL_INVALID',
    'POSTCODE_INVALID',
  ];

  it('has exactly the documented codes, each with Chinese and English text', () => {
    assert.deepEqual(Object.keys(RULE_MESSAGES).sort(), [...allCodes].sort());
    for (const [code, m] of Object.entries(RULE_MESSAGES)) {
      assert.match(code, /^[A-Z][A-Z0-9_]*$/);
      assert.ok(m.zh.length > 0 && /[\u4e00-\u9fff]/.test(m.zh), `${code} zh`);
      assert.ok(m.en.length > 0 && !/[\u4e00-\u9fff]/.test(m.en), `${code} en`);
    }
  });

  it('uses the seed wording for login name and password rules', () => {
    assert.equal(RULE_MESSAGES.LOGIN_NAME_INVALID_CHARS?.zh, '登录名只能包含数字、字母、下划线三种格式。');
    const policy = '密码至少包含以下4种类型的3种：大写字母、小写字母、数字、特殊符号，且长度不小于8位。';
    assert.equal(RULE_MESSAGES.PASSWORD_TOO_FEW_CLASSES?.zh, policy);
    assert.equal(RULE_MESSAGES.PASSWORD_TOO_SHORT?.zh, policy);
  });

  it('ruleMessage looks up by language and falls back for unknown codes', () => {
    assert.equal(ruleMessage('MOBILE_INVALID', 'zh'), RULE_MESSAGES.MOBILE_INVALID?.zh);
    assert.equal(ruleMessage('MOBILE_INVALID', 'en'), RULE_MESSAGES.MOBILE_INVALID?.en);
    assert.equal(ruleMessage('MOBILE_INVALID'), RULE_MESSAGES.MOBILE_INVALID?.zh);
    assert.ok(ruleMessage('NO_SUCH_CODE', 'zh').length > 0);
    assert.ok(ruleMessage('NO_SUCH_CODE', 'en').length > 0);
  });

  // Runs last (tests in a file run in order): every code the rules produced
  // in this file has a message, and every documented code was produced.
  it('covers every code produced by the tests above, and vice versa', () => {
    assert.ok(seenCodes.size > 0);
    assert.deepEqual([...seenCodes].filter((c) => !(c in RULE_MESSAGES)), []);
    assert.deepEqual(allCodes.filter((c) => !seenCodes.has(c)), []);
  });
});
