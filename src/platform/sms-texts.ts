/**
 * Every SMS the platform sends, worded in one place (issue 14.11): one signature for all of
 * them (SMS_SIGNATURE, default 科学技术部政务服务平台), and no doubled punctuation where a
 * reviewer's reason that ends with its own full stop meets the template's.
 */
export const DEFAULT_SMS_SIGNATURE = '科学技术部政务服务平台';

/**
 * A reviewer's reason as a clause of a template: without the punctuation it ends with, since the
 * template puts its own after it (…不匹配。。请登录 read doubled). Only the reason is touched:
 * a one-time password in the same SMS keeps every character.
 */
export function clause(text: string): string {
  return text.trim().replace(/[。，；：！？,.;:!?\s]+$/u, '');
}

/** '，原因：…' of a decision, or nothing when no reason was given. */
const because = (reason: string) => (clause(reason) ? `，原因：${clause(reason)}` : '');

/** The text as it goes out: the signature, then the template's words. */
export function signed(signature: string, text: string): string {
  return `【${signature}】${text.trim()}`;
}

type LoginWindow = '自然人登录' | '法人登录';

export const SMS_TEXTS = {
  verificationCode: (code: string) => `您的验证码为${code}，有效期为5分钟，请勿泄露给他人。`,
  reviewApproved: (what: string) => `您提交的${what}已通过人工审核。`,
  reviewRejected: (what: string, reason: string) => `您提交的${what}审核未通过${because(reason)}。请登录平台查看详情并重新上传。`,
  appealApproved: (loginName: string, password: string, window: LoginWindow) =>
    `您的申诉找回密码已审核通过。登录名：${loginName}，临时密码：${password}。请使用${window}，登录后须立即修改密码。`,
  /** 单位法人用户申诉找回密码, the reviewer made the appellant the primary agent (issue 14.15). */
  organizationAppealApprovedAgentReplaced: (loginName: string, password: string) =>
    `您的申诉找回密码已审核通过。登录名：${loginName}，临时密码：${password}。请使用法人登录，登录后须立即修改密码。您已替换原主代办人成为该单位的主代办人，请在“主代办人信息”中补全证件有效期并完成实名认证。`,
  /** 单位法人用户申诉找回密码, the reviewer kept the recorded primary agent (issue 14.15). */
  organizationAppealApprovedAgentKept: (loginName: string, password: string) =>
    `您的申诉找回密码已审核通过。登录名：${loginName}，临时密码：${password}。请使用法人登录，登录后须立即修改密码。该单位的主代办人未变更，如需由您担任主代办人，请登录后修改“主代办人信息”。`,
  appealRejected: (reason: string) => `您的申诉找回密码审核未通过${because(reason)}。`,
  /** FAQ 五.2: no account holds the document, so the person registers anew (and is authorised again). */
  appealNoAccount: () => '您的申诉找回密码审核未通过：政务服务平台没有找到与您的证件匹配的账号，说明您未注册或账号未绑定身份信息，请重新注册。注册后如需代表单位办理业务，请联系单位管理员重新授权。',
} as const;
