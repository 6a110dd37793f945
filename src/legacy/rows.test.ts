import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { csvLine } from './csv.ts';
import { legacyHash } from './password-schemes.ts';
import { LegacyFileError, parseLegacyHeader, readLegacyFile, validateLegacyRow, type LegacyRowResult } from './rows.ts';
import { headerOf, type LegacyColumn, type LegacySource } from './sources.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const CODE = '91110108MA01ET88XL';
const ID = '110105199003071239';
const MD5_SUFFIX = legacyHash('md5-salt-suffix', 'salt1', 'Torch@2015');

const VALID: Record<LegacySource, Partial<Record<LegacyColumn, string>>> = {
  'torch-company': { credit_code: CODE, password_hash: MD5_SUFFIX, hash_scheme: 'md5-salt-suffix', salt: 'salt1', organization_name: '北京示例科技有限公司', contact_name: '张三', contact_mobile: '13812345678' },
  'torch-personal': { mobile: '18711111111', password_hash: MD5_SUFFIX, hash_scheme: '', salt: 'salt1', name: '李四', document_type: '居民身份证', document_number: ID },
  'foreign-work': { login_name: 'bjhx2015', password_hash: legacyHash('sha1', '', 'x'), hash_scheme: 'sha1', salt: '', organization_name: 'Huaxin Technology (Beijing) Co., Ltd.', credit_code: '', contact_name: '', contact_mobile: '' },
  'foreign-expert': { login_name: 'expert_01', password_hash: legacyHash('sm3', '', 'x'), hash_scheme: 'SM3', salt: '', name: 'Anna Schmidt', mobile: '', document_type: 'foreign_passport', document_number: 'c1234567' },
};

/** A whole file: header and the given rows (fields by column, in header order). */
function file(source: LegacySource, rows: Partial<Record<LegacyColumn, string>>[]): string {
  const header = headerOf(source);
  return csvLine(header) + rows.map((r) => csvLine(header.map((c) => r[c] ?? ''))).join('');
}

async function read(source: LegacySource, text: string, options = {}): Promise<LegacyRowResult[]> {
  const out: LegacyRowResult[] = [];
  for await (const result of readLegacyFile(source, Readable.from([Buffer.from(text)]), { now: NOW, ...options })) out.push(result);
  return out;
}

async function one(source: LegacySource, change: Partial<Record<LegacyColumn, string>>, options = {}) {
  const [result] = await read(source, file(source, [{ ...VALID[source], ...change }]), options);
  return result!;
}

async function errorsOf(source: LegacySource, change: Partial<Record<LegacyColumn, string>>, options = {}) {
  const result = await one(source, change, options);
  assert.equal(result.ok, false, 'expected the row to be refused');
  return result.ok ? [] : result.errors;
}

describe('headers', () => {
  const header = (source: LegacySource, fields: string[]) => () => parseLegacyHeader(source, { line: 1, fields });
  const fileError = (code: string, message: RegExp) => (e: unknown) => e instanceof LegacyFileError && e.code === code && e.line === 1 && message.test(e.message);

  it('accepts the documented columns in any order and any case', () => {
    const h = parseLegacyHeader('torch-company', { line: 1, fields: [...headerOf('torch-company')].reverse().map((c) => ` ${c.toUpperCase()} `) });
    assert.equal(h.index.credit_code, 6);
    assert.equal(h.width, 7);
  });

  it('names a missing, unknown or repeated column', () => {
    assert.throws(header('torch-company', headerOf('torch-company').filter((c) => c !== 'organization_name')), fileError('CSV_HEADER_MISSING', /第1行：表头缺少列“单位名称”（organization_name）/));
    assert.throws(header('torch-company', [...headerOf('torch-company'), 'remark']), fileError('CSV_HEADER_UNKNOWN', /未知列“remark”/));
    assert.throws(header('torch-company', [...headerOf('torch-company'), 'salt']), fileError('CSV_HEADER_DUPLICATE', /列“salt”重复/));
    assert.throws(header('torch-personal', headerOf('torch-company')), fileError('CSV_HEADER_UNKNOWN', /credit_code/), 'another source’s header');
  });

  it('an empty file has no header', async () => {
    await assert.rejects(read('torch-company', ''), (e: unknown) => e instanceof LegacyFileError && e.code === 'CSV_EMPTY_FILE' && e.message === '第1行：文件为空，缺少表头。');
    await assert.rejects(read('torch-company', '\uFEFF\r\n\r\n'), (e: unknown) => e instanceof LegacyFileError && e.code === 'CSV_EMPTY_FILE');
  });
});

describe('valid rows', () => {
  it('torch-company: the credit code is the login name, the contact goes with it', async () => {
    const result = await one('torch-company', { credit_code: ` ${CODE.toLowerCase()} ` });
    assert.ok(result.ok);
    assert.deepEqual(result.row, {
      source: 'torch-company',
      line: 2,
      loginName: CODE,
      password: { scheme: 'md5-salt-suffix', salt: 'salt1', hash: MD5_SUFFIX },
      organizationName: '北京示例科技有限公司',
      creditCode: CODE,
      name: '张三',
      mobile: '13812345678',
      documentType: '',
      documentNumber: '',
    });
  });

  it('torch-personal: the mobile is the login name; an empty scheme is the source’s default; document labels in Chinese', async () => {
    const result = await one('torch-personal', {});
    assert.ok(result.ok);
    assert.equal(result.row.loginName, '18711111111');
    assert.equal(result.row.mobile, '18711111111');
    assert.equal(result.row.password.scheme, 'md5-salt-suffix');
    assert.equal(result.row.documentType, 'resident_id');
    assert.equal(result.row.documentNumber, ID);
  });

  it('foreign-work: an English organisation name with a comma and no credit code', async () => {
    const result = await one('foreign-work', {});
    assert.ok(result.ok);
    assert.equal(result.row.organizationName, 'Huaxin Technology (Beijing) Co., Ltd.');
    assert.equal(result.row.creditCode, '');
    assert.equal(result.row.loginName, 'bjhx2015');
  });

  it('foreign-expert: scheme in any case, document type code, number upper-cased, no mobile', async () => {
    const result = await one('foreign-expert', {});
    assert.ok(result.ok);
    assert.equal(result.row.password.scheme, 'sm3');
    assert.equal(result.row.documentType, 'foreign_passport');
    assert.equal(result.row.documentNumber, 'C1234567');
    assert.equal(result.row.mobile, '');
  });

  it('keeps the salt byte for byte, hex hashes in lower case', async () => {
    const salt = ' a,"b" ';
    const hash = legacyHash('md5-salt-prefix', salt, 'x').toUpperCase();
    const result = await one('torch-company', { hash_scheme: 'md5-salt-prefix', salt, password_hash: hash });
    assert.ok(result.ok);
    assert.deepEqual(result.row.password, { scheme: 'md5-salt-prefix', salt, hash: hash.toLowerCase() });
  });
});

describe('refused rows: precise Chinese errors with the line', () => {
  it('a missing required field', async () => {
    const [e] = await errorsOf('torch-company', { organization_name: '  ' });
    assert.equal(e!.code, 'FIELD_REQUIRED');
    assert.equal(e!.message, '第2行：字段“单位名称”（organization_name）：缺少必填字段。');
    assert.match(e!.en, /^Line 2: organisation name \(organization_name\)/);
  });

  it('a bad credit code check character', async () => {
    const [e] = await errorsOf('torch-company', { credit_code: '91110108MA01ET88XA' });
    assert.equal(e!.code, 'CREDIT_CODE_CHECK_DIGIT');
    assert.equal(e!.message, '第2行：字段“统一社会信用代码”（credit_code）：统一社会信用代码校验位错误，请检查输入的统一社会信用代码。');
    assert.equal((await errorsOf('foreign-work', { credit_code: '9111' }))[0]!.code, 'CREDIT_CODE_FORMAT');
  });

  it('a bad resident ID number', async () => {
    assert.equal((await errorsOf('torch-personal', { document_number: '110105199003071238' }))[0]!.code, 'ID_NUMBER_CHECK_DIGIT');
    assert.equal((await errorsOf('torch-personal', { document_number: '110105199002301234' }))[0]!.code, 'ID_NUMBER_BIRTH_DATE');
    const [e] = await errorsOf('torch-personal', { document_number: '11010519900307' });
    assert.equal(e!.message, '第2行：字段“证件号码”（document_number）：身份证号码格式不正确，应为18位，最后一位可以是数字或X。');
  });

  it('a bad mobile, as login name or as contact', async () => {
    const [e] = await errorsOf('torch-personal', { mobile: '12711111111' });
    assert.equal(e!.code, 'MOBILE_INVALID');
    assert.equal(e!.column, 'mobile');
    assert.equal((await errorsOf('torch-company', { contact_mobile: '1381234567' }))[0]!.column, 'contact_mobile');
  });

  it('an unknown or unconfigured hash scheme', async () => {
    const [e] = await errorsOf('torch-company', { hash_scheme: 'md4' });
    assert.equal(e!.message, '第2行：字段“哈希方案”（hash_scheme）：未知的哈希方案“md4”。');
    const [n] = await errorsOf('torch-company', { hash_scheme: 'sha1', salt: '' });
    assert.equal(n!.code, 'HASH_SCHEME_NOT_ALLOWED');
    assert.match(n!.message, /可用的方案：md5-salt-suffix、md5-salt-prefix/);
    // The import may configure other schemes for a source.
    const ok = await one('torch-company', { hash_scheme: 'sha1', salt: '', password_hash: legacyHash('sha1', '', 'x') }, { schemes: ['sha1'] });
    assert.ok(ok.ok);
  });

  it('a hash that does not fit its scheme, a salt missing or superfluous', async () => {
    assert.equal((await errorsOf('torch-company', { password_hash: MD5_SUFFIX.slice(1) }))[0]!.code, 'HASH_FORMAT');
    assert.equal((await errorsOf('torch-company', { hash_scheme: 'md5-salt-prefix', salt: '' }))[0]!.message, '第2行：字段“盐值”（salt）：哈希方案“md5-salt-prefix”需要盐值。');
    assert.equal((await errorsOf('torch-company', { hash_scheme: 'md5', salt: 'x' }))[0]!.code, 'SALT_NOT_USED');
    assert.equal((await errorsOf('torch-company', { hash_scheme: 'bcrypt', salt: '' }))[0]!.code, 'HASH_FORMAT');
  });

  it('login names that break today’s rule or leave no room for the prefix (SPEC §11.10)', async () => {
    assert.equal((await errorsOf('foreign-work', { login_name: 'bj-hx' }))[0]!.code, 'LOGIN_NAME_INVALID_CHARS');
    assert.equal((await errorsOf('foreign-work', { login_name: '北京华信' }))[0]!.code, 'LOGIN_NAME_INVALID_CHARS');
    assert.ok((await one('foreign-work', { login_name: 'a'.repeat(47) })).ok);
    const [e] = await errorsOf('foreign-work', { login_name: 'a'.repeat(48) });
    assert.equal(e!.message, '第2行：字段“登录名”（login_name）：登录名长度不能超过47位（迁移时可能需要加前缀WP_）。');
    assert.equal((await errorsOf('foreign-expert', { login_name: 'a'.repeat(44) }))[0]!.code, 'LOGIN_NAME_NO_ROOM_FOR_PREFIX');
    assert.equal((await errorsOf('foreign-expert', { login_name: 'a'.repeat(51) }))[0]!.code, 'LOGIN_NAME_TOO_LONG');
  });

  it('documents: unknown type, type without number', async () => {
    assert.equal((await errorsOf('foreign-expert', { document_type: '驾驶证' }))[0]!.message, '第2行：字段“证件类型”（document_type）：未知的证件类型“驾驶证”。');
    assert.equal((await errorsOf('foreign-expert', { document_number: '' }))[0]!.code, 'DOCUMENT_INCOMPLETE');
    assert.equal((await errorsOf('foreign-expert', { document_type: '' }))[0]!.column, 'document_type');
    assert.equal((await errorsOf('foreign-expert', { document_number: 'C12' }))[0]!.code, 'DOCUMENT_NUMBER_FORMAT');
  });

  it('a text longer than 200 characters', async () => {
    assert.equal((await errorsOf('torch-company', { organization_name: '北'.repeat(201) }))[0]!.code, 'FIELD_TOO_LONG');
  });

  it('every error of a row at once', async () => {
    const errors = await errorsOf('torch-company', { credit_code: '', organization_name: '', contact_mobile: '1', hash_scheme: 'nope' });
    assert.deepEqual(errors.map((e) => e.code), ['FIELD_REQUIRED', 'FIELD_REQUIRED', 'MOBILE_INVALID', 'HASH_SCHEME_UNKNOWN']);
  });
});

describe('a file with bad rows among good ones', () => {
  it('reports each bad row with its line and goes on', async () => {
    const header = csvLine(headerOf('torch-company'));
    const good = (code: string) => csvLine(headerOf('torch-company').map((c) => (c === 'credit_code' ? code : VALID['torch-company'][c] ?? '')));
    const text =
      '\uFEFF' +
      header +
      good(CODE) +
      '91110108MA01ET88XL,too,few\r\n' +
      good('91110108MA01ET88XA') +
      `${CODE},${MD5_SUFFIX},md5-salt-suffix,salt1,"北京""示例"科技,张三,13812345678\r\n` +
      '\r\n' +
      good('91350100M000100Y43');
    const results = await read('torch-company', text);
    assert.deepEqual(
      results.map((r) => [r.line, r.ok ? 'ok' : r.errors.map((e) => e.code).join('+')]),
      [
        [2, 'ok'],
        [3, 'FIELD_COUNT'],
        [4, 'CREDIT_CODE_CHECK_DIGIT'],
        [5, 'CSV_TEXT_AFTER_QUOTE'],
        [7, 'ok'],
      ],
    );
    const count = results[1]!;
    assert.ok(!count.ok);
    assert.equal(count.errors[0]!.message, '第3行：字段数为3，应为7。');
    assert.equal((results[3] as { errors: { message: string }[] }).errors[0]!.message, '第5行：引号字段结束后出现多余字符。');
  });

  it('an unreadable file stops with a LegacyFileError and the line reached', async () => {
    const text = Buffer.concat([Buffer.from(file('torch-company', [VALID['torch-company']])), Buffer.from([0xff, 0xfe, 0x0a])]);
    await assert.rejects(
      (async () => {
        for await (const _ of readLegacyFile('torch-company', Readable.from([text]))) void _;
      })(),
      (e: unknown) => e instanceof LegacyFileError && e.code === 'CSV_NOT_UTF8' && e.message.startsWith('第3行：文件不是UTF-8编码'),
    );
  });

  it('validateLegacyRow works on a record directly', () => {
    const header = parseLegacyHeader('foreign-work', { line: 1, fields: headerOf('foreign-work') });
    const fields = headerOf('foreign-work').map((c) => VALID['foreign-work'][c] ?? '');
    const result = validateLegacyRow(header, { line: 9, fields });
    assert.ok(result.ok && result.row.line === 9);
  });
});
