/**
 * The wording of 账号检索 around the server's answer (whose words come from
 * src/legacy/guidance.ts): the old systems as their users know them, what to type for each,
 * and the notes above the form (seed: torch guide (一) 1 账号检索; foreigner quickstart 2;
 * FAQ 五.2).
 */
import type { LegacySource } from '../../../src/legacy/sources.ts';

export type Text = { zh: string; en: string };

export interface SourceOption {
  source: LegacySource;
  label: Text;
  /** What identifies the account in that system: the placeholder of 检索内容. */
  query: Text;
}

export const SOURCE_OPTIONS: readonly SourceOption[] = [
  {
    source: 'torch-company',
    label: { zh: '火炬中心企业账号', en: 'Torch Centre company account' },
    query: { zh: '请输入企业统一社会信用代码', en: "Your company's unified social credit code" },
  },
  {
    source: 'torch-personal',
    label: { zh: '火炬中心个人账号', en: 'Torch Centre personal account' },
    query: { zh: '请输入原火炬中心用户名（手机号）', en: 'Your Torch Centre login name (mobile number)' },
  },
  {
    source: 'foreign-work',
    label: { zh: '外国人来华工作管理服务系统', en: 'Foreigners working in China management system' },
    query: { zh: '请输入原来华系统账号（原登录名）或单位统一社会信用代码', en: "Your old login name, or your organisation's credit code" },
  },
  {
    source: 'foreign-expert',
    label: { zh: '外国专家项目管理信息系统', en: 'Foreign expert project management system' },
    query: { zh: '请输入以前的登录名或预留手机号', en: 'Your former login name or reserved mobile number' },
  },
];

export const LOOKUP_TEXTS = {
  title: { zh: '账号检索', en: 'Account lookup' },
  notes: [
    {
      zh: '火炬中心业务办理平台、外国人来华工作管理服务系统、外国专家项目管理信息系统的用户已转移到科技部政务服务平台，可在此检索原账号在科技部政务服务平台的登录方式和登录名。',
      en: 'Users of the Torch Centre platform, the foreigners working in China system and the foreign expert system have moved to this platform: find out here how and with which login name your old account logs in.',
    },
    {
      zh: '火炬中心企业账号请输入企业统一社会信用代码，火炬中心个人账号请输入手机号，外国人来华工作管理服务系统和外国专家项目管理信息系统请输入原登录名（也可输入单位统一社会信用代码或预留手机号）。',
      en: 'Torch Centre company accounts: type the unified social credit code; Torch Centre personal accounts: the mobile number; the other two systems: your old login name (or the organisation\'s credit code, or your reserved mobile).',
    },
    {
      zh: '检索结果分为在原系统注册过账号和未注册过账号，不显示任何个人信息。',
      en: 'The answer tells accounts the old system had from those it never had, and shows no personal data.',
    },
  ] as Text[],
  source: { zh: '原系统', en: 'Former system' },
  sourceRequired: { zh: '请选择原系统', en: 'Please choose the former system' },
  query: { zh: '检索内容', en: 'Search for' },
  queryPlaceholder: { zh: '统一社会信用代码、原登录名或手机号', en: 'Credit code, old login name or mobile number' },
  queryRequired: { zh: '请输入检索内容', en: 'Please enter what to search for' },
  search: { zh: '检索', en: 'Search' },
  answer: { zh: '检索结果', en: 'Result' },
  window: { zh: '登录窗口', en: 'Login window' },
  loginName: { zh: '登录名', en: 'Login name' },
  reason: { zh: '原因：', en: 'Why: ' },
  notesTitle: { zh: '注意', en: 'Notes' },
} as const;
