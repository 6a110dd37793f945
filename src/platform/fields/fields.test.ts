/**
 * The shared field types (issue 21): dates that exist and lie in range, names that are names,
 * free text without control characters, each refusal with a message that names the rule.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { describeCode } from '../http/validate.ts';
import { dateProblem, isCalendarDate, optionalDate, todayInChina } from './dates.ts';
import { describeIssue } from './issues.ts';
import { NAME_LIMITS, organizationName, personName, personNameLengthIssue } from './names.ts';
import { freeText, isPrintableText } from './text.ts';

/** The code and Chinese message of the first issue, or 'ok'. */
function verdict(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) return 'ok';
  const text = describeIssue(result.error.issues[0]!, describeCode);
  return `${text.code} ${text.zh}`;
}

describe('calendar dates', () => {
  it('accepts only days that exist', () => {
    for (const day of ['2024-02-29', '2000-02-29', '1999-12-31']) assert.ok(isCalendarDate(day), day);
    for (const day of ['2015-02-30', '2014-13-40', '2026-13-01', '2023-02-29', '1900-02-29', '0000-00-00', '2024-2-1', '20240201', '99999-01-01', ' 2024-01-01x']) {
      assert.equal(isCalendarDate(day), false, day);
    }
  });

  it('knows the range each field allows', () => {
    const now = new Date('2026-12-07T03:00:00Z');
    assert.deepEqual(dateProblem('2099-01-01', { notFuture: true }, now), { code: 'DATE_IN_FUTURE' });
    assert.equal(dateProblem('2026-12-07', { notFuture: true }, now), undefined);
    assert.deepEqual(dateProblem('1899-12-31', {}, now), { code: 'DATE_TOO_EARLY', params: { min: '1900-01-01' } });
    assert.deepEqual(dateProblem('2200-01-01', {}, now), { code: 'DATE_TOO_LATE', params: { max: '2199-12-31' } });
    assert.equal(dateProblem('1850-06-01', { earliest: '1800-01-01' }, now), undefined);
  });

  it('takes today in China, whatever the server zone', () => {
    // 2026-12-06 17:00 UTC is already 2026-12-07 01:00 in Beijing.
    assert.equal(todayInChina(new Date('2026-12-06T17:00:00Z')), '2026-12-07');
  });

  it('reads as a message that says what is wrong', () => {
    const birthDate = optionalDate({ notFuture: true });
    assert.equal(verdict(birthDate, '2014-13-40'), 'DATE_INVALID 请填写有效日期，格式为YYYY-MM-DD');
    assert.equal(verdict(birthDate, '2099-01-01'), 'DATE_IN_FUTURE 日期不能晚于今天');
    assert.equal(verdict(birthDate, '1800-01-01'), 'DATE_TOO_EARLY 日期不能早于1900-01-01');
    assert.equal(verdict(birthDate, 20240101), 'DATE_INVALID 请填写有效日期，格式为YYYY-MM-DD');
    assert.equal(verdict(birthDate, ''), 'ok');
    assert.equal(verdict(birthDate, undefined), 'ok');
  });
});

describe('person names', () => {
  it('accepts the names documents carry', () => {
    for (const name of ['张伟', '买买提·艾力', '欧阳娜娜', 'Robert Smith', 'Jean-Pierre Dupont', "O'Neil", 'José Ñúñez', '陈大文 CHAN Tai Man', '𠀀𠀁']) {
      assert.equal(verdict(personName, name), 'ok', name);
    }
  });

  it('stores the middle dots people type as ·', () => {
    assert.equal(personName.parse(' 买买提・艾力 '), '买买提·艾力');
    assert.equal(personName.parse('买买提•艾力'), '买买提·艾力');
  });

  it('refuses what is not a name, saying what a name may hold', () => {
    for (const name of ['张伟😀', "Robert'); DROP TABLE accounts;--", '<script>alert(1)</script>', '张伟2', '张\u200b伟', '张\u0007伟', '张伟\u202e', '·张伟', 'Robert--Smith', '张伟\uD800']) {
      assert.match(verdict(personName, name), /^PERSON_NAME_CHARS 姓名只能包含汉字/, JSON.stringify(name));
    }
    assert.match(verdict(personName, '张 伟'), /^PERSON_NAME_SPACE /);
    assert.match(verdict(personName, 42), /^PERSON_NAME_CHARS /);
    assert.equal(verdict(personName, undefined), 'REQUIRED_FIELD 此项为必填项');
    assert.equal(verdict(organizationName, undefined), 'REQUIRED_FIELD 此项为必填项');
    assert.match(verdict(personName, 'Robert  Smith'), /^PERSON_NAME_SPACE /);
  });

  it('limits the length by the document region, and says the limit', () => {
    assert.equal(personNameLengthIssue('张'.repeat(NAME_LIMITS.person.mainland), 'mainland'), undefined);
    assert.deepEqual(personNameLengthIssue('张'.repeat(NAME_LIMITS.person.mainland + 1), 'mainland'), { code: 'PERSON_NAME_TOO_LONG', params: { max: 30 } });
    assert.equal(personNameLengthIssue('A'.repeat(80), 'other'), undefined);
    assert.equal(verdict(personName, 'A'.repeat(101)), 'PERSON_NAME_TOO_LONG 姓名不能超过100个字符');
  });
});

describe('organisation names', () => {
  it('accepts registered names', () => {
    for (const name of ['北京星河科技有限公司', '北京星河科技有限公司（海淀分公司）', 'ACME Co., Ltd.', 'AT&T (China) Co.', '3M中国有限公司', '中国科学院·物理研究所', '华为技术有限公司、子公司']) {
      assert.equal(verdict(organizationName, name), 'ok', name);
    }
  });

  it('refuses emoji, markup and names without a letter', () => {
    for (const name of ['北京星河😀科技有限公司', '<script>alert(1)</script>有限公司', "x'; DROP TABLE organizations;--", '12345', '北京\u200b星河']) {
      assert.match(verdict(organizationName, name), /^ORGANIZATION_NAME_CHARS 单位名称只能包含/, name);
    }
    assert.equal(verdict(organizationName, '公'.repeat(101)), 'ORGANIZATION_NAME_TOO_LONG 单位名称不能超过100个字符');
  });
});

describe('free text', () => {
  it('refuses control, format and broken characters; line breaks only where the field has lines', () => {
    assert.ok(isPrintableText('北京市海淀区 1 号 😀'));
    assert.equal(isPrintableText('a\u0000b'), false);
    assert.equal(isPrintableText('a\u200db'), false);
    assert.equal(isPrintableText('a\uDC00b'), false);
    assert.equal(isPrintableText('第一行\n第二行'), false);
    assert.ok(isPrintableText('第一行\n第二行', true));
  });

  it('names the limit when a text is too long', () => {
    assert.equal(verdict(freeText({ max: 10 }), '一'.repeat(11)), 'TEXT_TOO_LONG 不能超过10个字符');
    assert.equal(verdict(freeText(), 'a\u0000'), 'TEXT_CONTROL_CHARS 不能包含控制字符、零宽字符或无效字符');
  });

  it("zod's own length limit reads with its number too", () => {
    assert.equal(verdict(z.string().max(64), 'x'.repeat(65)), 'TEXT_TOO_LONG 不能超过64个字符');
  });
});
