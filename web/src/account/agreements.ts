import type { Agreement } from '../components/AgreementField.tsx';

const SUPPORT = {
  zh: '如有疑问，请拨打科技部政务服务平台技术支持电话：010-88659000。',
  en: 'For questions, call the platform technical support: 010-88659000.',
};

/** 《自然人实名注册协议》, ticked on 自然人注册. */
export const NATURAL_AGREEMENT: Agreement = {
  title: { zh: '《自然人实名注册协议》', en: 'Natural Person Real-Name Registration Agreement' },
  paragraphs: [
    {
      zh: '一、本协议是您与科学技术部政务服务平台（以下简称“本平台”）之间就用户注册、实名认证及账号使用等事宜订立的协议。',
      en: '1. This agreement between you and the Ministry of Science and Technology Government Service Platform (the "Platform") covers registration, real-name verification and use of your account.',
    },
    {
      zh: '二、您应使用本人真实、准确、完整的身份信息注册，并对所填写信息的真实性负责。本平台将通过国家政务服务平台对您的身份信息进行实名认证。',
      en: '2. You register with your own true, accurate and complete identity data and are responsible for it. The Platform verifies it against the national government service platform.',
    },
    {
      zh: '三、您应妥善保管登录名、密码和预留手机号码，不得将账号转让或出借他人使用；发现账号被盗用时，请立即修改密码。',
      en: '3. Keep your login name, password and reserved mobile number safe; do not transfer or lend the account. If it is misused, change the password at once.',
    },
    {
      zh: '四、本平台依法保护您的个人信息，仅在办理政务服务所需的范围内使用，未经您同意或法律法规规定，不向第三方提供。',
      en: '4. The Platform protects your personal data as the law requires and uses it only for government services; it is not given to third parties without your consent or a legal basis.',
    },
    {
      zh: '五、您在法人授权许可范围内代替法人办理事项时，应遵守有关业务系统的规定。',
      en: '5. When acting for an organisation within its authorisation, you follow the rules of the business system concerned.',
    },
    SUPPORT,
  ],
};

/** 《法人实名注册协议》, ticked on 单位用户（法人）注册. */
export const LEGAL_AGREEMENT: Agreement = {
  title: { zh: '《法人实名注册协议》', en: 'Legal Person Real-Name Registration Agreement' },
  paragraphs: [
    {
      zh: '一、本协议是注册单位与科学技术部政务服务平台（以下简称“本平台”）之间就单位用户注册、实名认证、授权代办及账号使用等事宜订立的协议。',
      en: '1. This agreement between the registering organisation and the Ministry of Science and Technology Government Service Platform (the "Platform") covers registration, real-name verification, authorisation of agents and use of the account.',
    },
    {
      zh: '二、单位应如实填写单位名称、统一社会信用代码（或单位唯一标识码）、法定代表人信息和主代办人信息，并对所填写信息的真实性、合法性负责。',
      en: '2. The organisation enters its true name, unified social credit code (or unique identifier), legal representative and primary agent, and is responsible for the truth and legality of this data.',
    },
    {
      zh: '三、主代办人代表单位管理本账号，可为本单位人员授权办理相关事项；单位对以本账号及被授权人员名义办理的事项承担责任。',
      en: '3. The primary agent operates the account for the organisation and may authorise its staff; the organisation is responsible for what is done with the account and by the people it authorised.',
    },
    {
      zh: '四、单位应妥善保管登录名和密码；主代办人变更时，应及时在“在线办事-我的信息”中更新主代办人信息。',
      en: '4. Keep the login name and password safe; when the primary agent changes, update the primary agent information in My information.',
    },
    {
      zh: '五、本平台依法保护单位信息和个人信息，仅在办理政务服务所需的范围内使用。',
      en: '5. The Platform protects organisational and personal data as the law requires and uses it only for government services.',
    },
    SUPPORT,
  ],
};
