/**
 * Messages a user looks up in the FAQ start with the FAQ's own words (issue 14.1): the title
 * on screen is the title of the answer. Seed: shared/seeds/platform-faq.md, 一、8. 实名认证问题
 * (8.3–8.5, in 我的信息) and 9. 注册问题 (9.1–9.3, at registration).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { MESSAGES, type MessageCode } from './messages.ts';

const FAQ = new URL('../../../shared/seeds/platform-faq.md', import.meta.url);
const faq = existsSync(FAQ) ? readFileSync(FAQ, 'utf8') : null;

/** Message code, the seed's heading, the words the message must lead with. */
const SEED_TITLES: [MessageCode, string, string][] = [
  ['DOCUMENT_EXISTS', '8.3 自然人实名显示证件号码已存在', '证件号码已存在'],
  ['ORGANIZATION_NAME_EXISTS', '8.4 法人账号实名显示单位名称已存在', '单位名称已存在'],
  ['CREDIT_CODE_EXISTS', '8.5 法人账号实名显示信用代码已存在', '信用代码已存在'],
  ['DOCUMENT_TAKEN', '9.1 自然人注册时显示证件号码已被注册', '证件号码已被注册'],
  ['ORGANIZATION_NAME_TAKEN', '9.2 法人注册显示单位名称已被注册', '单位名称已被注册'],
  ['CREDIT_CODE_TAKEN', '9.3 法人注册显示单位名称未被注册，但是信用代码已被注册', '信用代码已被注册'],
];

describe('FAQ 八 and 九: "already exists" messages lead with the seed\'s words', () => {
  for (const [code, heading, words] of SEED_TITLES) {
    it(`${code}: ${heading}`, () => {
      assert.ok(MESSAGES[code].zh.startsWith(`${words}，`), MESSAGES[code].zh);
      // The guidance after the title names the way out the FAQ names.
      assert.match(MESSAGES[code].zh, /申诉找回密码/);
    });
  }

  it('the headings quoted are the FAQ\'s', { skip: faq === null && 'seeds not beside the repository' }, () => {
    for (const [, heading] of SEED_TITLES) assert.ok(faq!.includes(heading), heading);
  });
});
