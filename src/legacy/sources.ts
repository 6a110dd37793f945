/**
 * The legacy systems whose accounts migrate to the platform (SPEC §8): what
 * each exported, the login-name prefix the seeds give it, the hash schemes it
 * is configured for, and the business systems a migrated account is granted.
 *
 * Seeds: torch-migration-and-login-guide.md (一) (火炬中心 company and personal
 * accounts, prefix "HJ_"), foreigner-work-system-login-quickstart.md 2. 用户说明
 * (prefix "WP_"), platform-faq.md 五 (外国专家项目管理信息系统, prefix "WGZJXM_").
 */
import { LIMITS } from '../accounts/rules.ts';
import type { HashScheme } from './password-schemes.ts';

export const LEGACY_SOURCES = ['torch-company', 'torch-personal', 'foreign-work', 'foreign-expert'] as const;
export type LegacySource = (typeof LEGACY_SOURCES)[number];

export function isLegacySource(value: unknown): value is LegacySource {
  return (LEGACY_SOURCES as readonly unknown[]).includes(value);
}

/** The columns of the export files; each source uses a subset (see LEGACY_SOURCE_CONFIG). */
export type LegacyColumn =
  | 'login_name'
  | 'credit_code'
  | 'mobile'
  | 'password_hash'
  | 'hash_scheme'
  | 'salt'
  | 'organization_name'
  | 'name'
  | 'contact_name'
  | 'contact_mobile'
  | 'document_type'
  | 'document_number';

/** Chinese label of each column, used in error messages (字段“统一社会信用代码”). */
export const COLUMN_LABELS: Record<LegacyColumn, { zh: string; en: string }> = {
  login_name: { zh: '登录名', en: 'login name' },
  credit_code: { zh: '统一社会信用代码', en: 'unified social credit code' },
  mobile: { zh: '手机号', en: 'mobile' },
  password_hash: { zh: '密码哈希', en: 'password hash' },
  hash_scheme: { zh: '哈希方案', en: 'hash scheme' },
  salt: { zh: '盐值', en: 'salt' },
  organization_name: { zh: '单位名称', en: 'organisation name' },
  name: { zh: '姓名', en: 'name' },
  contact_name: { zh: '联系人姓名', en: 'contact name' },
  contact_mobile: { zh: '联系人手机号', en: 'contact mobile' },
  document_type: { zh: '证件类型', en: 'document type' },
  document_number: { zh: '证件号码', en: 'document number' },
};

export interface ColumnSpec {
  name: LegacyColumn;
  required: boolean;
}

/** Grant given to a migrated natural account on its organisation's behalf (FAQ 三.1 4; 用户说明 (3)). */
export interface LegacyGrantSpec {
  /** Keys of business systems (src/demo/business-systems.ts). */
  systems: readonly string[];
  /** The unit administrator role (单位事项管理员). */
  role: string;
}

export interface LegacySourceConfig {
  source: LegacySource;
  /** The old system and the kind of account. */
  zh: string;
  en: string;
  /** Login-name prefix when the legacy name cannot be kept (seeds: HJ_, WP_, WGZJXM_). */
  prefix: 'HJ_' | 'WP_' | 'WGZJXM_';
  /** Organisation accounts (company, employer) or individuals. */
  subject: 'organization' | 'person';
  /** Which column holds the legacy login name. */
  loginNameColumn: 'credit_code' | 'mobile' | 'login_name';
  /** Header of the export file, in the documented order (any order is accepted). */
  columns: readonly ColumnSpec[];
  /**
   * Hash schemes this source is configured for (configuration, not seed facts:
   * the seeds do not say how the old systems hashed). An empty hash_scheme
   * column means `defaultScheme`.
   */
  schemes: readonly HashScheme[];
  defaultScheme: HashScheme;
  /** What a legacy account that becomes a natural account of its organisation is granted. */
  grant: LegacyGrantSpec | null;
}

/** The unit administrator role code of every business system (单位事项管理员). */
export const UNIT_ADMIN_ROLE = 'item_admin';

/** FAQ 三: 高新技术企业认定, 科技型中小企业评价, 火炬中心业务办理平台. */
export const TORCH_SYSTEMS = ['high-tech-enterprise', 'tech-sme', 'torch'] as const;
/** 用户说明 (3): 外国人来华工作许可. */
export const FOREIGN_WORK_SYSTEMS = ['foreign-work-permit'] as const;

const col = (name: LegacyColumn, required = false): ColumnSpec => ({ name, required });
const PASSWORD_COLUMNS = [col('password_hash', true), col('hash_scheme'), col('salt')] as const;

export const LEGACY_SOURCE_CONFIG: Record<LegacySource, LegacySourceConfig> = {
  'torch-company': {
    source: 'torch-company',
    zh: '火炬中心企业账号',
    en: 'Torch Centre company account',
    prefix: 'HJ_',
    subject: 'organization',
    // 原火炬中心用户名（统一社会信用代码）
    loginNameColumn: 'credit_code',
    columns: [col('credit_code', true), ...PASSWORD_COLUMNS, col('organization_name', true), col('contact_name'), col('contact_mobile')],
    schemes: ['md5-salt-suffix', 'md5-salt-prefix', 'md5', 'sm3-salt-suffix', 'bcrypt'],
    defaultScheme: 'md5-salt-suffix',
    grant: { systems: TORCH_SYSTEMS, role: UNIT_ADMIN_ROLE },
  },
  'torch-personal': {
    source: 'torch-personal',
    zh: '火炬中心个人账号',
    en: 'Torch Centre personal account',
    prefix: 'HJ_',
    subject: 'person',
    // 原火炬中心用户名（手机号）
    loginNameColumn: 'mobile',
    columns: [col('mobile', true), ...PASSWORD_COLUMNS, col('name', true), col('document_type'), col('document_number')],
    schemes: ['md5-salt-suffix', 'md5-salt-prefix', 'md5', 'sm3-salt-suffix', 'bcrypt'],
    defaultScheme: 'md5-salt-suffix',
    grant: null,
  },
  'foreign-work': {
    source: 'foreign-work',
    zh: '外国人来华工作管理服务系统单位账号',
    en: 'Foreigners working in China system, employer account',
    prefix: 'WP_',
    subject: 'organization',
    loginNameColumn: 'login_name',
    columns: [
      col('login_name', true),
      ...PASSWORD_COLUMNS,
      col('organization_name', true),
      col('credit_code'),
      col('contact_name'),
      col('contact_mobile'),
    ],
    schemes: ['sha1', 'sha1-salt-suffix', 'sha256-salt-prefix', 'md5-md5-salt-suffix', 'bcrypt'],
    defaultScheme: 'sha256-salt-prefix',
    grant: { systems: FOREIGN_WORK_SYSTEMS, role: UNIT_ADMIN_ROLE },
  },
  'foreign-expert': {
    source: 'foreign-expert',
    zh: '外国专家项目管理信息系统账号',
    en: 'Foreign expert project management system account',
    prefix: 'WGZJXM_',
    subject: 'person',
    loginNameColumn: 'login_name',
    columns: [
      col('login_name', true),
      ...PASSWORD_COLUMNS,
      col('name', true),
      col('mobile'),
      col('document_type'),
      col('document_number'),
    ],
    schemes: ['md5-salt-prefix', 'md5', 'sha256', 'sm3', 'sm3-salt-prefix', 'bcrypt'],
    defaultScheme: 'md5-salt-prefix',
    grant: null,
  },
};

/** The documented header line of a source's export file. */
export function headerOf(source: LegacySource): LegacyColumn[] {
  return LEGACY_SOURCE_CONFIG[source].columns.map((c) => c.name);
}

/** The login name with the source's prefix (HJ_91110108MA01ET88XL, WP_abc, WGZJXM_abc). */
export function prefixedLoginName(source: LegacySource, loginName: string): string {
  return LEGACY_SOURCE_CONFIG[source].prefix + loginName;
}

/**
 * Longest legacy login name a source can import: the prefixed name must still
 * fit the platform's limit, because any row may need the prefix.
 */
export function maxLegacyLoginNameLength(source: LegacySource): number {
  return LIMITS.loginNameMaxLength - LEGACY_SOURCE_CONFIG[source].prefix.length;
}
