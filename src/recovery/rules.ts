/**
 * Password recovery (密码找回): the three ways as 选择找回密码方式 shows them, the reasons a
 * user gives (密码修改原因), and the limits on each step. Pure data, shared with the web.
 */

export const RECOVERY_WAYS = [
  {
    way: 'login-name',
    title: { zh: '登录名重置密码', en: 'Reset by login name' },
    explanation: { zh: '您需要知道登录名和预留手机号才能进行重置密码', en: 'You need your login name and reserved phone to reset the password' },
  },
  {
    way: 'legal-appeal',
    title: { zh: '单位法人用户申诉找回密码', en: 'Organisation appeal' },
    explanation: {
      zh: '当您忘记登录名或预留手机号时，您可通过填写单位信息并上传有效身份证件进行申诉重置密码',
      en: 'If you forgot the login name or reserved phone, appeal with the organisation’s details and a valid identity document',
    },
  },
  {
    way: 'natural-appeal',
    title: { zh: '自然人申诉找回密码', en: 'Personal appeal' },
    explanation: {
      zh: '当您忘记登录名或预留手机号时，您可通过填写用户信息并上传有效身份证件进行申诉重置密码',
      en: 'If you forgot the login name or reserved phone, appeal with your details and a valid identity document',
    },
  },
] as const;

/** 密码修改原因 (the seed shows a list without its items; these are ours). */
export const PASSWORD_CHANGE_REASONS = [
  { value: 'forgotten', label: { zh: '忘记密码', en: 'Forgotten password' } },
  { value: 'expired', label: { zh: '密码已过期', en: 'Password expired' } },
  { value: 'compromised', label: { zh: '密码可能已泄露', en: 'Password may be compromised' } },
  { value: 'locked', label: { zh: '账号被锁定', en: 'Account locked' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
] as const;

export type PasswordChangeReasonValue = (typeof PASSWORD_CHANGE_REASONS)[number]['value'];

export const RECOVERY_LIMITS = {
  /** A search ticket (登录名 found, 单位 found) lives this long. */
  ticketTtlMs: 15 * 60_000,
  /** Wrong confirmations of the reserved phone / organisation per ticket before it is burned. */
  ticketAttempts: 5,
  searchesPerIpPerHour: 30,
  searchesPerNamePerHour: 10,
  appealsPerDocumentPerDay: 3,
  appealsPerIpPerDay: 10,
  appealUploadsPerIpPerHour: 40,
} as const;

/** The 等待审核 notice (FAQ 3.2). */
export const APPEAL_SUBMITTED_NOTICE = {
  zh: '申诉已提交，等待审核。平台会在1-2个工作日左右将账号密码发至接受验证码的手机号上，请注意查收。',
  en: 'Your appeal has been submitted. Within 1–2 working days the login name and password will be sent to the phone that received the code.',
};

/**
 * What an approved 单位法人用户申诉找回密码 does with the organisation's primary agent (主代办人).
 * The reviewer chooses, seeing the recorded agent beside the appellant (issue 14.15):
 * - replace: the appellant becomes the primary agent; the recorded one, verified or not, is
 *   dropped. The appeal does not ask for the document's validity, so the new agent reads
 *   用户信息不全 until it is completed in 主代办人信息 and verified, and systems that require a
 *   verified primary agent (the Torch systems) refuse the organisation until then.
 * - keep: the primary agent stays as recorded (a verified one stays verified). The appeal only
 *   recovers the account: the one-time password still goes to the appellant's phone, the phone
 *   the appeal's code was sent to. An appellant who is to be the agent changes 主代办人信息
 *   after logging in, which verifies it afresh.
 * `record` is what the organisation's update records (信息更新记录) and the SMS say happened.
 */
export const PRIMARY_AGENT_DECISIONS = [
  {
    value: 'replace',
    label: { zh: '由申诉人替换现主代办人', en: 'The appellant replaces the current primary agent' },
    record: { zh: '主代办人替换为申诉人', en: 'primary agent replaced by the appellant' },
  },
  {
    value: 'keep',
    label: { zh: '保留现主代办人，仅找回账号密码', en: 'Keep the current primary agent, recover the password only' },
    record: { zh: '保留原主代办人', en: 'primary agent kept' },
  },
] as const;

export type PrimaryAgentDecision = (typeof PRIMARY_AGENT_DECISIONS)[number]['value'];

export const primaryAgentDecision = (value: PrimaryAgentDecision) => PRIMARY_AGENT_DECISIONS.find((d) => d.value === value)!;
