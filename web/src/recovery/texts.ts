/**
 * The wording of the 密码找回 pages as the seed prints it (torch guide 三、密码找回, foreigner
 * quickstart 3.1.2 / 3.2.2, FAQ 3): step bars and the numbered notes above each form.
 */
export type Text = { zh: string; en: string };

const PASSWORD_RULE: Text = {
  zh: '填写的密码至少包含以下4种类别的3种：大写字母、小写字母、数字、特殊符号，且长度不小于8位。',
  en: 'The password must contain at least 3 of these 4 kinds: upper-case letters, lower-case letters, digits, special symbols, and be at least 8 characters long.',
};

const UPLOAD_RULE: Text = {
  zh: '上传的证件文件类型需为jpg、png、jpeg其中任意一种格式，且大小不超过1MB。',
  en: 'The document scans must be jpg, png or jpeg files of at most 1 MB.',
};

const TRUTHFUL_CONTACT: Text = {
  zh: '确保填写联系方式真实有效，密码将优先以短信形式反馈给用户。',
  en: 'Make sure the contact details are real and valid: the password is sent back by SMS first.',
};

export const LOGIN_NAME_RESET = {
  title: { zh: '登录名重置密码', en: 'Reset by login name' },
  steps: [
    { zh: '检索用户', en: 'Find the user' },
    { zh: '重置密码', en: 'Reset the password' },
    { zh: '重置密码完成', en: 'Done' },
  ],
  notes: [
    [
      { zh: '该方式需要知道登录名和预留手机号才能进行重置密码', en: 'You need your login name and reserved phone for this way' },
      {
        zh: '密码重置流程包括如下三大步骤：(1) 检索用户 (2) 重置密码 (3) 重置密码完成',
        en: 'Resetting takes three steps: (1) find the user (2) reset the password (3) done',
      },
      { zh: '确保登录名填写正确', en: 'Make sure the login name is right' },
    ],
    [
      {
        zh: '确保填写手机号、电子邮箱地址与预留手机号以及预留电子邮箱地址匹配',
        en: 'The phone number or e-mail address you type must match the reserved phone or e-mail',
      },
      PASSWORD_RULE,
      { zh: '发送的验证码有效期为5分钟，5分钟后验证码失效。', en: 'The code is valid for 5 minutes; after that it expires.' },
    ],
    [
      {
        zh: '如需对用户的信息进行修改或完善，请登录科学技术部政务服务平台，并在“在线办事”中修改或完善。',
        en: 'To change or complete your information, log in to the platform and use "Online services".',
      },
    ],
  ] as Text[][],
  done: { zh: '重置密码完成，可以登录科学技术部政务服务平台。', en: 'The password has been reset. You can log in to the platform now.' },
  toLogin: { zh: '确定，并跳转至政务服务平台', en: 'OK, go to the platform' },
};

export const NATURAL_APPEAL = {
  title: { zh: '自然人申诉找回密码', en: 'Personal appeal' },
  steps: [
    { zh: '上传证件', en: 'Upload the document' },
    { zh: '等待审核', en: 'Wait for review' },
  ],
  notes: [
    {
      zh: '当自然人忘记登录名或预留手机号时，可通过填写用户信息并上传有效身份证件进行申请重置密码。',
      en: 'If you forgot your login name or reserved phone, fill in your details and upload a valid identity document to have the password reset.',
    },
    { zh: `请如实填写本页所有信息，${TRUTHFUL_CONTACT.zh}`, en: `Fill in everything on this page truthfully. ${TRUTHFUL_CONTACT.en}` },
    UPLOAD_RULE,
    { zh: '密码重置流程包括如下两大步骤：(1) 上传证件 (2) 等待审核', en: 'Resetting takes two steps: (1) upload the document (2) wait for review' },
  ] as Text[],
  hint: { zh: '(证件需签字上传)', en: '(sign the document before scanning)' },
};

export const LEGAL_APPEAL = {
  title: { zh: '单位法人用户申诉找回密码', en: 'Organisation appeal' },
  steps: [
    { zh: '检索单位', en: 'Find the organisation' },
    { zh: '上传文件', en: 'Upload files' },
    { zh: '等待审核', en: 'Wait for review' },
  ],
  notes: [
    [
      {
        zh: '当单位法人用户忘记登录名或预留手机号时，可通过填写单位信息并上传有效身份证件进行申诉重置密码',
        en: 'If the organisation forgot its login name or reserved phone, appeal with the organisation’s details and a valid identity document',
      },
      {
        zh: '密码重置流程包括如下三大步骤：(1) 检索单位 (2) 上传文件 (3) 等待审核',
        en: 'Resetting takes three steps: (1) find the organisation (2) upload files (3) wait for review',
      },
      { zh: '确保单位名称准确', en: 'Make sure the organisation name is exact' },
    ],
    [{ zh: '请如实填写本页所有信息。', en: 'Fill in everything on this page truthfully.' }, TRUTHFUL_CONTACT, UPLOAD_RULE],
  ] as Text[][],
  hint: { zh: '(证件需签字并加盖单位公章上传)', en: '(sign and stamp with the organisation’s seal before scanning)' },
  /** FAQ 3.1. */
  anyone: { zh: '主代办人可为单位任意一人。', en: 'Anyone in the organisation may be the primary agent.' },
  /** FAQ 3.3. */
  renamed: {
    zh: '单位名称变更过的：申诉的时候输入注册账号时的单位名称，在证件正面处上传证件正反面复印件+本人签字+盖章，在证件反面处上传公司的变更声明+盖公章。',
    en: 'Renamed organisations: search for the name the account was registered with; under the front, upload a copy of both sides of the document, signed and stamped; under the back, upload the organisation’s declaration of the change, stamped.',
  },
};
