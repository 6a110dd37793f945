/**
 * What the public account lookup (账号检索) tells a user about a legacy
 * account, in the seeds' words: which case applies, which login window, which
 * login name, or that they must register, reset their password, appeal or call
 * support. Only login names derived from what the user typed are shown (the
 * legacy name itself or its prefixed form), never anyone's personal data nor
 * another account's login name.
 *
 * Seeds: torch-migration-and-login-guide.md (一) 1-1, 1-2, 2-1, 2-2;
 * foreigner-work-system-login-quickstart.md 1 (portal notice) and 2 用户说明;
 * platform-faq.md 五.
 */
import type { LegacyCaseId, LegacyDecision, LegacyNote, LoginWindow } from './cases.ts';
import { LEGACY_SOURCE_CONFIG, type LegacySource } from './sources.ts';

type Text = { zh: string; en: string };

export type LegacyNextStep = 'login' | 'reset' | 'appeal' | 'register' | 'support';

export interface LegacyGuidance {
  /**
   * A case of cases.ts, a case of a user the legacy system never had (…-unregistered-N),
   * 'conflict', or 'several' (what the user typed matches several legacy accounts).
   */
  case: LegacyCaseId | UnregisteredCaseId | 'conflict' | 'several';
  source: LegacySource;
  /** The seed's heading of the case (第一种, (3), …). */
  title: Text;
  window: LoginWindow | null;
  windowLabel: Text | null;
  loginName: string | null;
  next: LegacyNextStep;
  /** The seed's wording, with the login name filled in where the seed shows an example. */
  text: Text;
  /** The seed's 原因, where it gives one. */
  reason: Text | null;
  notes: Text[];
}

export type UnregisteredCaseId = 'torch-company-unregistered-1' | 'torch-company-unregistered-2' | 'torch-personal-unregistered' | 'foreign-work-unregistered' | 'foreign-expert-unregistered';

export const WINDOW_LABELS: Record<LoginWindow, Text> = {
  natural: { zh: '自然人登录', en: 'Personal login' },
  legal: { zh: '法人登录', en: 'Organisation login' },
};

export const PLATFORM_SUPPORT_PHONE = '010-88659000';
export const FOREIGN_WORK_SUPPORT_PHONE = '010-58884202';

/** Foreigner quickstart 1 (2): the notice of the 外国人来华工作管理服务系统 portal, in substance. */
export const FOREIGN_WORK_NOTICE: Text = {
  zh: `用户可使用原有账户和密码选择法人登录。如登录出现问题，请首先尝试在原账户前加“WP_”（WP_+原账户），其次再尝试选择自然人登录，仍然无法登录，请选择找回密码。技术支持电话：${FOREIGN_WORK_SUPPORT_PHONE}`,
  en: `Log in with your old account and password through organisation login. If that fails, first try "WP_" + your old account, then personal login; if you still cannot log in, recover your password. Support: ${FOREIGN_WORK_SUPPORT_PHONE}`,
};

const TORCH_REASON_3_COMPANY: Text = {
  zh: '虽然该企业之前在政务服务平台没有注册过账号，但是该企业的统一社会信用代码在科技部政务服务平台上已经被某人注册成了自然人账号。',
  en: 'Your company had no platform account, but someone had already registered its credit code as the login name of a personal account.',
};

const NOTES: Record<LegacyNote, Text> = {
  NO_RESERVED_MOBILE: {
    zh: '若提示没有预留手机号，则按照提示的找回方式找回账号密码即可。若账号重置密码显示没有预留手机号，并且申诉后短信反馈没有找到与证件匹配的账号，则说明此账号未绑定任何身份信息，重新注册即可（注册后需要单位法人账号授予“外国专家项目管理系统”的权限）。',
    en: 'If you are told there is no reserved mobile, recover the account as the page explains (appeal). If the appeal finds no account matching your document, the account is bound to no identity: register anew, then have your organisation authorise the new account for the foreign expert system.',
  },
  DOCUMENT_VERIFIED_ELSEWHERE: {
    zh: '若登录外专账号之后，实名认证提示身份证号已存在，则说明此证件号码已绑定其他自然人账号：找到已绑定证件号码的自然人账号，忘记账号可申诉找回账号密码；再用单位法人账号登录系统，给已绑定证件号码的自然人账号授予“外国专家项目管理系统”的权限。',
    en: 'If real-name verification says your ID number already exists, the document is bound to another personal account: find it (recover it by appeal if you forgot it), then have your organisation authorise that account for the foreign expert system.',
  },
};

function guidance(
  id: LegacyGuidance['case'],
  source: LegacySource,
  title: Text,
  window: LoginWindow | null,
  loginName: string | null,
  next: LegacyNextStep,
  text: Text,
  reason: Text | null = null,
  notes: Text[] = [],
): LegacyGuidance {
  return { case: id, source, title, window, windowLabel: window ? WINDOW_LABELS[window] : null, loginName, next, text, reason, notes };
}

const nth = (n: number): Text => ({ zh: `第${'一二三四五'[n - 1]}种`, en: `Case ${n}` });

/** The lookup's answer for a legacy account whose outcome was decided. */
export function legacyGuidance(decision: LegacyDecision): LegacyGuidance {
  const { source } = decision;
  if (decision.case === 'conflict') {
    return guidance('conflict', source, { zh: '需人工处理', en: 'Needs manual handling' }, null, null, 'support', {
      zh: `该账号迁移到科技部政务服务平台时与平台已有账号冲突，需人工处理，请拨打科技部政务服务平台技术支持电话：${PLATFORM_SUPPORT_PHONE}。`,
      en: `This account clashed with an existing platform account during the migration and needs manual handling. Please call platform support: ${PLATFORM_SUPPORT_PHONE}.`,
    });
  }
  const { loginName, window } = decision;
  const id = decision.case;
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  switch (id) {
    case 'torch-company-1':
      return guidance(id, source, nth(n), window, loginName, 'login', {
        zh: '查询结果显示在科技部政务服务平台继续使用原火炬中心用户名（统一社会信用代码）和密码。直接用原有账号密码在科技部政务服务平台法人登陆窗口登录，再进行实名认证，认证后可以进入火炬中心高企认定、科小企评价等相关业务系统。如果科技部政务服务平台提示登录名或密码错误的，说明您已经登录成功并修改过密码，请再进行密码找回操作。',
        en: 'Keep using your Torch Centre login name (the credit code) and password: log in through organisation login, complete real-name verification, then enter high-tech enterprise recognition, tech SME evaluation and the other Torch systems. If the platform says the login name or password is wrong, you have already logged in and changed the password: recover it.',
      });
    case 'torch-company-2':
      return guidance(id, source, nth(n), window, loginName, 'reset', {
        zh: '查询结果显示在科技部政务服务平台已注册账号，且登录名为统一社会信用代码。直接前往科技部政务服务平台用统一信用代码在法人登陆窗口登陆，密码通过忘记密码找回，找回后再进行实名认证，认证后可以进入火炬中心高企认定、科小企评价等相关业务系统。',
        en: 'An account with the credit code as login name is already registered on the platform. Log in with the credit code through organisation login, recovering the password through "forgot password", then complete real-name verification to enter the Torch systems.',
      }, {
        zh: '这是因为在科技部政务服务平台用信用代码为登录名注册过账号，但密码是自己注册时设置的，所以需要用自己设置的密码或者忘记密码找回后再登陆。',
        en: 'The account was registered on the platform with the credit code as login name and its own password: use that password, or recover it.',
      });
    case 'torch-company-3':
      return guidance(id, source, nth(n), window, loginName, 'login', {
        zh: `查询结果显示在科技部政务服务平台的法人账号登录名为“HJ_”加原火炬中心用户名（统一社会信用代码，即：${loginName}）同时密码不变。请直接在科技部政务服务平台法人登陆窗口登陆，进行实名认证，认证完成后，可以进入相关业务系统。`,
        en: `Your organisation account's login name is "HJ_" + your Torch Centre login name (the credit code): ${loginName}, with the same password. Log in through organisation login and complete real-name verification to enter the business systems.`,
      }, TORCH_REASON_3_COMPANY);
    case 'torch-company-4': {
      const name = loginName?.startsWith('HJ_') ? '“HJ_”加原火炬中心用户名（统一社会信用代码）' : '原火炬中心用户名（统一社会信用代码）';
      return guidance(id, source, nth(n), window, loginName, 'login', {
        zh: `查询结果显示在科技部政务服务平台使用${name}为自然人账号，同时密码不变。直接用原有账号密码在科技部政务服务平台自然人登陆窗口登陆，进行实名认证，认证完成后，该账号自动获得了该企业的高企认定和科小企评价等业务系统授权，可以进入高企认定和科小企评价业务系统。如想知道法人账号用户名及密码，请通过忘记密码功能获取相关联系人信息。`,
        en: `Your Torch Centre account is now a personal account, login name ${loginName}, same password. Log in through personal login and complete real-name verification: the account is then authorised for your company's high-tech enterprise recognition and tech SME evaluation systems. To learn the organisation account's login name and password, use "forgot password" to reach its contact.`,
      }, {
        zh: '这是因为该企业之前在政务服务平台注册过账号，而该账号登录名不是统一社会信用代码，原有火炬中心账号系统自动授权为自然人账号。',
        en: 'Your company already had a platform account whose login name is not the credit code, so the Torch Centre account became a personal account authorised by the company.',
      });
    }
    case 'torch-personal-1':
      return guidance(id, source, nth(n), window, loginName, 'login', {
        zh: '查询结果显示，已在火炬中心业务办理平台注册个人账号的，前往科技部政务服务平台在自然人登陆窗口用原账号密码登陆。再进行实名认证，认证后进行相关业务操作。如提示用户名密码不正确，通过忘记密码找回后再登陆即可。',
        en: 'Log in through personal login with your Torch Centre account and password, then complete real-name verification. If the login name or password is said to be wrong, recover the password and log in.',
      });
    case 'torch-personal-2':
      return guidance(id, source, nth(n), window, loginName, 'reset', {
        zh: '查询结果显示在科技部政务服务平台已注册账号，且登录名为手机号。直接前往科技部政务服务平台用手机号在自然人窗口登陆，通过自己设置的密码或忘记密码找回登陆，登陆后再进行实名认证，认证后进行相关业务操作。',
        en: 'An account with your mobile number as login name is already registered on the platform. Log in with the mobile number through personal login using the password you set (or recover it), then complete real-name verification.',
      }, {
        zh: '这是因为在科技部政务服务平台用手机号为登录名注册过账号，但密码是自己注册时设置的，所以需要使用自己设置的密码或者忘记密码找回再登陆。',
        en: 'The account was registered on the platform with the mobile number as login name and its own password: use that password, or recover it.',
      });
    case 'torch-personal-3':
      return guidance(id, source, nth(n), window, loginName, 'login', {
        zh: `查询结果显示在科技部政务服务平台的自然人账号登录名为“HJ_”加原火炬中心用户名（手机号，即：${loginName}）同时密码不变。请直接在科技部政务服务平台自然人登陆窗口登陆，进行实名认证，认证完成后，可以进入相关业务系统。`,
        en: `Your personal account's login name is "HJ_" + your Torch Centre login name (the mobile number): ${loginName}, with the same password. Log in through personal login and complete real-name verification.`,
      }, {
        zh: '虽然该个人用户之前在政务服务平台没有注册过账号，但是该个人用户的手机号在科技部政务服务平台上已经被某人注册成了登陆名为手机号的自然人账号。',
        en: 'You had no platform account, but someone had already registered your mobile number as the login name of a personal account.',
      });
    case 'torch-personal-4':
      return guidance(id, source, nth(n), window, null, 'appeal', {
        zh: '查询结果显示在科技部政务服务平台未用手机号做为登陆名注册过账号，但该手机号的相关自然人进行了实名认证，并且忘记登陆名的，需要通过自然人申诉找回密码，密码找回后进行相关业务操作。',
        en: 'No platform account uses your mobile number as login name, but the person behind it has a verified account: if you forgot its login name, recover it through 自然人申诉找回密码 (personal appeal).',
      }, {
        zh: '这是因为科技部政务平台一个身份证件信息只能进行一次账号实名认证，但是可以注册多个账号，所以如忘记已实名认证账号的登陆名，可以通过自然人账号申诉进行找回。',
        en: 'One identity document can verify only one account (though several can be registered), so a forgotten verified account is recovered by appeal.',
      });
    case 'foreign-work-1':
    case 'foreign-work-2':
    case 'foreign-work-3':
    case 'foreign-work-4':
    case 'foreign-work-5':
      return guidance(id, source, { zh: `（${n}）`, en: `(${n})` }, window, loginName, n === 5 ? 'reset' : 'login', FOREIGN_WORK_TEXT[n - 1]!);
    case 'foreign-expert-1':
    case 'foreign-expert-2':
      return guidance(
        id,
        source,
        n === 1 ? { zh: '以前的登录名', en: 'Former login name' } : { zh: '账号前增加 WGZJXM_', en: 'WGZJXM_ + former login name' },
        window,
        loginName,
        'login',
        foreignExpertText(n === 2, loginName ?? ''),
        null,
        decision.notes.map((note) => NOTES[note]),
      );
  }
}

const FOREIGN_WORK_TEXT: Text[] = [
  {
    zh: '原来华单位用户在政务平台没有注册过账号，且账号与政务平台用户账号不重复，则可以是用来华系统原账号在政务平台通过“法人登录”进行登录。',
    en: 'Your organisation had no platform account and your old login name was free: log in with your old account through organisation login.',
  },
  {
    zh: '原来华单位用户在政务平台没有注册过账号，且账号与政务平台用户账号重复，可以使用“WP_”+原来华系统账号在政务平台通过“法人登录”进行登录。',
    en: 'Your organisation had no platform account but your old login name was taken: log in with "WP_" + your old account through organisation login.',
  },
  {
    zh: '原来华单位用户在政务平台已经注册过账号，且来华账号与政务平台用户账号不重复，用户可以使用政务平台已经注册的单位法人用户账号在政务平台使用“法人登录”进行登录，或使用“WP_”+原来华系统账号在政务平台通过“自然人登录”进行登录。',
    en: "Your organisation already has a platform account: log in with it through organisation login, or with \"WP_\" + your old account through personal login.",
  },
  {
    zh: '原来华单位用户在政务平台已经注册过账号，且来华账号与政务平台重复用户账号对应的单位非同一家单位，用户可以使用政务平台已经注册的单位法人用户账号在政务平台通过“法人登录”进行登录，或使用“WP_”+原来华系统账号在政务平台通过“自然人登录”进行登录。',
    en: "Your organisation already has a platform account and your old login name belongs to another organisation's account: log in with your organisation's platform account through organisation login, or with \"WP_\" + your old account through personal login.",
  },
  {
    zh: '原来华单位用户在政务平台已经注册过账号，且来华账号与政务平台重复用户账号对应的单位是同一家单位，用户可以使用原来华账号在政务平台通过“法人登录”进行登录。',
    en: 'Your organisation registered your old login name on the platform itself: log in with your old account through organisation login (with the platform password, or recover it).',
  },
];

/** `loginName` '' when the lookup must not tell it (found by mobile, not by the login name typed). */
function foreignExpertText(prefixed: boolean, loginName: string): Text {
  const shown = loginName ? `（即：${loginName}）` : '';
  const name = prefixed ? `以前的登录名前增加 WGZJXM_${shown}` : '以前的登录名';
  const search = prefixed ? '将以前的登录名（账号前增加 WGZJXM_）输进去检索' : '将以前的登录名输进去检索';
  const nameEn = loginName || (prefixed ? '"WGZJXM_" + your former login name' : 'your former login name');
  return {
    zh: `外国专家项目管理信息系统的账号在科技部政务服务平台为自然人账号，登录名为${name}，密码不变，请在“自然人登录”窗口登录。用以前账号登录显示登录名或密码错误的，点击用户登录→忘记密码→登录名重置密码，${search}，按照步骤重置密码再去登录即可。`,
    en: `Your foreign expert system account is a personal account on the platform, login name ${nameEn}, same password: log in through personal login. If the login name or password is said to be wrong, use 用户登录 → 忘记密码 → 登录名重置密码 with that login name and reset the password.`,
  };
}

/**
 * The lookup's answer when what the user typed (an employer's credit code, an expert's mobile)
 * matches several legacy accounts with different outcomes: the seeds' general advice for the
 * source, and to search again with the former login name.
 */
export function severalAccountsGuidance(source: 'foreign-work' | 'foreign-expert'): LegacyGuidance {
  const title: Text = { zh: '对应多个原账号', en: 'Several former accounts' };
  const again: Text = { zh: '该信息对应多个原系统账号，请输入原登录名分别检索。', en: 'This matches several former accounts: search again with each former login name.' };
  if (source === 'foreign-work') {
    return guidance('several', source, title, null, null, 'login', { zh: `${again.zh}${FOREIGN_WORK_NOTICE.zh}`, en: `${again.en} ${FOREIGN_WORK_NOTICE.en}` });
  }
  return guidance('several', source, title, 'natural', null, 'login', {
    zh: `${again.zh}外国专家项目管理信息系统的账号在科技部政务服务平台为自然人账号，登录名为以前的登录名（或账号前增加 WGZJXM_），密码不变，请在“自然人登录”窗口登录。`,
    en: `${again.en} Foreign expert system accounts are personal accounts on the platform, login name your former login name (or "WGZJXM_" + it), same password: log in through personal login.`,
  });
}

/**
 * The lookup's answer when the legacy system had no account for what the user
 * typed (torch 1-1 and 2-1; FAQ 五.2 (1)). `organizationHasLegalAccount` tells
 * torch 1-1 第一种 from 第二种.
 */
export function unregisteredGuidance(source: LegacySource, organizationHasLegalAccount = false): LegacyGuidance {
  const label = LEGACY_SOURCE_CONFIG[source];
  const notFound: Text = { zh: `未在${label.zh.replace(/账号$/, '')}注册过账号`, en: `No ${label.en}` };
  switch (source) {
    case 'torch-company':
      return organizationHasLegalAccount
        ? guidance('torch-company-unregistered-2', source, { zh: '未注册账号 · 第二种', en: 'Not registered, case 2' }, 'legal', null, 'login', {
            zh: '已在科技部政务平台注册过法人账号，直接登录账号进行实名认证，认证后可以进入火炬中心高企认定、科小企评价等相关业务系统。如忘记密码，点击忘记密码找回后再登陆操作。',
            en: 'Your organisation already has an organisation account on the platform: log in with it and complete real-name verification to enter the Torch systems. If you forgot the password, recover it first.',
          })
        : guidance('torch-company-unregistered-1', source, { zh: '未注册账号 · 第一种', en: 'Not registered, case 1' }, 'legal', null, 'register', {
            zh: '未在科技部政务服务平台注册过法人账号，需要在政务平台注册法人单位账号，注册完成后进行实名认证，认证后可以进入火炬中心高企认定、科小企评价等相关业务系统。',
            en: 'Your organisation has no organisation account on the platform: register one, complete real-name verification, then enter the Torch systems.',
          });
    case 'torch-personal':
      return guidance('torch-personal-unregistered', source, { zh: '未注册账号', en: 'Not registered' }, 'natural', null, 'register', {
        zh: '未在火炬中心业务办理平台注册个人账号的，直接前往科技部政务平台注册自然人账号，注册完成后登陆，再进行实名认证，认证后进行相关业务操作。',
        en: 'You had no Torch Centre personal account: register a personal account on the platform, log in and complete real-name verification.',
      });
    case 'foreign-work':
    case 'foreign-expert': {
      const phone = source === 'foreign-work' ? FOREIGN_WORK_SUPPORT_PHONE : PLATFORM_SUPPORT_PHONE;
      return guidance(`${source}-unregistered`, source, notFound, null, null, 'support', {
        zh: `若登录名不存在，说明不存在此账号，请拨打技术支持电话咨询：${phone}。`,
        en: `This login name does not exist: there is no such account. Please call support: ${phone}.`,
      });
    }
  }
}
