/**
 * Issue 14.11: every SMS template, signed as it goes out, has one signature and no doubled
 * punctuation, whatever a reviewer's reason ends with. The appeal that matches no account
 * speaks the platform's words (platform-faq.md 五.2: 申诉后短信反馈没有找到与证件匹配的账号 … 重新注册即可).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SMS_SIGNATURE, SMS_TEXTS, clause, signed } from './sms-texts.ts';

const REASONS = ['证件照片不清晰', '证件照片不清晰。', '姓名与证件不匹配。。', '请重新上传！', ''];

/** Every template with every kind of argument a caller passes. */
const SAMPLES: [string, string][] = [
  ['verificationCode', SMS_TEXTS.verificationCode('123456')],
  ['reviewApproved', SMS_TEXTS.reviewApproved('自然人实名认证材料')],
  ...REASONS.map((reason): [string, string] => [`reviewRejected(${reason})`, SMS_TEXTS.reviewRejected('法人实名认证材料', reason)]),
  ['appealApproved natural', SMS_TEXTS.appealApproved('zhang_wei', 'Tmp#2026abc', '自然人登录')],
  ['appealApproved legal', SMS_TEXTS.appealApproved('HJ_91110108MA01ET88XL', 'Tmp#2026abc', '法人登录')],
  ['organizationAppealApprovedAgentReplaced', SMS_TEXTS.organizationAppealApprovedAgentReplaced('HJ_91110108MA01ET88XL', 'Tmp#2026abc')],
  ['organizationAppealApprovedAgentKept', SMS_TEXTS.organizationAppealApprovedAgentKept('HJ_91110108MA01ET88XL', 'Tmp#2026abc')],
  ...REASONS.map((reason): [string, string] => [`appealRejected(${reason})`, SMS_TEXTS.appealRejected(reason)]),
  ['appealNoAccount', SMS_TEXTS.appealNoAccount()],
];

it('covers every template', () => {
  const sampled = new Set(SAMPLES.map(([name]) => name.replace(/[ (].*$/, '')));
  assert.deepEqual([...sampled].sort(), Object.keys(SMS_TEXTS).sort());
});

for (const [name, text] of SAMPLES) {
  it(`${name}: one signature, no doubled punctuation`, () => {
    const sent = signed(DEFAULT_SMS_SIGNATURE, text);
    assert.ok(sent.startsWith('【科学技术部政务服务平台】'), sent);
    assert.equal(sent.match(/【/g)?.length, 1, sent);
    assert.doesNotMatch(sent, /[。，；：！？,.;:!?]{2}/, sent);
  });
}

it('the signature is the configured one', () => {
  assert.equal(signed('科技部政务服务平台', '您的验证码为123456。'), '【科技部政务服务平台】您的验证码为123456。');
});

it('a reason that brings its own full stop loses it; a one-time password keeps every character', () => {
  assert.equal(clause(' 姓名与证件不匹配。。 '), '姓名与证件不匹配');
  assert.equal(SMS_TEXTS.appealRejected('不匹配。'), '您的申诉找回密码审核未通过，原因：不匹配。');
  assert.match(SMS_TEXTS.appealApproved('zhang_wei', 'Ab1!?.', '自然人登录'), /临时密码：Ab1!\?\.。/);
});

it('an appeal without an account is told to register', () => {
  assert.match(SMS_TEXTS.appealNoAccount(), /没有找到与您的证件匹配的账号.*请重新注册/);
});

it('issue 14.15: an organisation appeal\'s approval says whether the primary agent was replaced or kept, with the login name and one-time password', () => {
  const replaced = SMS_TEXTS.organizationAppealApprovedAgentReplaced('corp_a', 'Ab1!?.');
  const kept = SMS_TEXTS.organizationAppealApprovedAgentKept('corp_a', 'Ab1!?.');
  for (const text of [replaced, kept]) assert.match(text, /登录名：corp_a，临时密码：Ab1!\?\.。请使用法人登录/);
  assert.match(replaced, /替换原主代办人/);
  assert.match(kept, /主代办人未变更/);
  assert.doesNotMatch(kept, /替换/);
});
