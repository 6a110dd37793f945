// The dialog after a save of 我的信息: foreigner-work-system-login-quickstart.md, 4.1.2 修改自然人用户信息(触发实名认证)
// (实名认证失败，验证失败，请检查输入信息。自然人用户修改个人信息成功。 then 确定), and the next step that fits the reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReasonCode, VerificationStatus } from '../realname/rules.ts';
import { SAVED_SENTENCES, saveOutcome } from './save-outcome.ts';

const at = (status: VerificationStatus, code?: ReasonCode) => ({ status, reason: code ? { code } : null });
const zh = (outcome: ReturnType<typeof saveOutcome>) => outcome.messages.map((m) => m.zh);

describe('saveOutcome (quickstart 4.1.2: the dialog after 保存)', () => {
  it("a registry rejection: the seed's two sentences in its order, nothing to click but 确定", () => {
    const outcome = saveOutcome('natural_person', at('failed', 'REGISTRY_MISMATCH'), true);
    assert.deepEqual(zh(outcome), ['实名认证失败，验证失败，请检查输入信息。', '自然人用户修改个人信息成功。']);
    assert.equal(outcome.label?.zh, '实名认证失败');
    assert.equal(outcome.next, null);
    assert.equal(outcome.verificationRan, true);
    assert.deepEqual(zh(saveOutcome('natural_person', at('failed', 'REGISTRY_NOT_FOUND'), true)), zh(outcome));
  });

  it('a document another verified account holds: 证件号码已存在 and the way to 自然人申诉找回密码, not "check your input"', () => {
    const outcome = saveOutcome('natural_person', at('failed', 'DOCUMENT_TAKEN'), true);
    assert.match(outcome.messages[0]!.zh, /^证件号码已存在/);
    assert.match(outcome.messages[0]!.zh, /自然人申诉找回密码/);
    assert.equal(outcome.messages[1]!.zh, '自然人用户修改个人信息成功。');
    assert.equal(outcome.next, 'appeal');
  });

  it('a document or organisation type that needs manual review: upload the signed scans', () => {
    for (const section of ['natural_person', 'organization_basic', 'primary_agent'] as const) {
      const outcome = saveOutcome(section, at('failed', 'MANUAL_REVIEW_REQUIRED'), true);
      assert.deepEqual(zh(outcome), ['该证件类型需人工审核，请上传签字后的证件扫描件', SAVED_SENTENCES[section].zh]);
      assert.equal(outcome.next, 'upload');
    }
  });

  it('verified: the success sentence and the status', () => {
    const outcome = saveOutcome('organization_basic', at('registry_verified'), true);
    assert.deepEqual(zh(outcome), ['法人用户修改法人信息成功。']);
    assert.equal(outcome.label?.zh, '国家平台实名认证通过');
    assert.equal(outcome.tone, 'success');
    assert.equal(outcome.next, null);
  });

  it('non-key fields of a failed account: the dialog still comes, with the status it keeps and its next step', () => {
    const outcome = saveOutcome('natural_person', at('failed', 'MANUAL_REVIEW_REQUIRED'), false);
    assert.equal(outcome.verificationRan, false);
    assert.deepEqual(zh(outcome), ['该证件类型需人工审核，请上传签字后的证件扫描件', '自然人用户修改个人信息成功。']);
    assert.equal(outcome.next, 'upload');
  });

  it('an organisation whose 法人单位基本信息 are still incomplete (FAQ 三.1 3(1)) says so', () => {
    const outcome = saveOutcome('organization_basic', at('incomplete'), false);
    assert.deepEqual(zh(outcome), ['用户信息不全，请及时补充！', '法人用户修改法人信息成功。']);
    assert.equal(outcome.label?.zh, '用户信息不全，请及时补充！');
  });

  it('a rejected review leads back to the upload page; a subject without a status gets the success sentence alone', () => {
    assert.equal(saveOutcome('primary_agent', at('review_rejected', 'REVIEW_REJECTED'), false).next, 'upload');
    const none = saveOutcome('primary_agent', undefined, false);
    assert.deepEqual(zh(none), ['法人用户修改主代办人信息成功。']);
    assert.equal(none.status, null);
  });
});
