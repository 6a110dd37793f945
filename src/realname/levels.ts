/**
 * Real-name assurance levels (实名认证级别, SPEC §12.4, issue 20.4): how strongly an account's
 * identity was established, computed from its verification state. Pure and dependency-free
 * (shared with the browser bundle, like rules.ts).
 *
 * - L1 self-declared: nothing checked (no document, or one that fails its format, or one the
 *   registry contradicted);
 * - L2 format-checked: a document (organisation: its code) that passes the format rules, not verified;
 * - L3 verified against the national registry (国家平台实名认证通过), or through the national
 *   platform's login (国家政务服务平台账号登录), which records such a verification;
 * - L4 verified by a reviewer against signed scans (科技部平台人工审核通过).
 *
 * SPEC §12.4 also names "registry plus a second factor" for L4: the platform has no second
 * factor for persons or organisations (only staff have TOTP), so only the reviewer path gives L4.
 */
import {
  checkDocumentNumber,
  checkOrganizationCode,
  isDocumentType,
  isLegalPersonType,
  isLegalRegion,
  normalizeDocumentNumber,
} from '../accounts/rules.ts';
import type { ReasonCode, VerificationStatus } from './rules.ts';

export const REALNAME_LEVELS = ['l1', 'l2', 'l3', 'l4'] as const;
export type RealNameLevel = (typeof REALNAME_LEVELS)[number];

/** The `acr` values tokens carry (oidc-provider's acrValues), lowest first. */
export const ACR_PREFIX = 'urn:most:realname:';
export const ACR_VALUES: readonly string[] = REALNAME_LEVELS.map((level) => `${ACR_PREFIX}${level}`);

export const acrOf = (level: RealNameLevel): string => `${ACR_PREFIX}${level}`;

export function isRealNameLevel(value: unknown): value is RealNameLevel {
  return typeof value === 'string' && (REALNAME_LEVELS as readonly string[]).includes(value);
}

/** The level an `acr` value names; undefined for anything else. */
export function levelOfAcr(value: string): RealNameLevel | undefined {
  if (!value.startsWith(ACR_PREFIX)) return undefined;
  const level = value.slice(ACR_PREFIX.length);
  return isRealNameLevel(level) ? level : undefined;
}

const rank = (level: RealNameLevel) => REALNAME_LEVELS.indexOf(level);

/** Whether `level` meets `required` (levels are ordered: L4 meets every requirement). */
export const meets = (level: RealNameLevel, required: RealNameLevel): boolean => rank(level) >= rank(required);

/** The stricter of two minimums (either may be absent). */
export function stricter(a: RealNameLevel | null | undefined, b: RealNameLevel | null | undefined): RealNameLevel | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return meets(a, b) ? a : b;
}

/**
 * The minimum an OIDC request's `acr_values` asks for: the values are the levels the client
 * accepts, and a higher level always satisfies a lower one, so the lowest level named is the
 * minimum. Values of no level are ignored; none known (or none given): no minimum.
 */
export function requestedLevel(acrValues: unknown): RealNameLevel | null {
  if (typeof acrValues !== 'string') return null;
  const levels = acrValues.split(' ').map(levelOfAcr).filter((level): level is RealNameLevel => level !== undefined);
  return levels.reduce<RealNameLevel | null>((lowest, level) => (lowest && meets(level, lowest) ? lowest : level), null);
}

/** How a level is named in the back office, the entry dialog and the documentation. */
export const LEVEL_LABELS: Record<RealNameLevel, { zh: string; en: string }> = {
  l1: { zh: 'L1 用户自报（未核验）', en: 'L1 self-declared (not checked)' },
  l2: { zh: 'L2 证件号码格式校验通过', en: 'L2 document format checked' },
  l3: { zh: 'L3 国家平台实名认证通过', en: 'L3 verified by the national registry' },
  l4: { zh: 'L4 科技部平台人工审核通过', en: 'L4 approved by MOST platform manual review' },
};

/** What identifies the subject: a person's document, or an organisation's code (统一社会信用代码 / 单位唯一标识码). */
export type LevelIdentifier =
  | { kind: 'person'; documentType: string; documentNumber: string }
  | { kind: 'organization'; region: string; legalPersonType: string; code: string };

export interface LevelEvidence {
  /**
   * The state of the subject that verifies for the account (a natural person's; an
   * organisation's as shown, i.e. incomplete while 法人单位基本信息 are missing); undefined
   * when none was ever recorded (e.g. a migrated account).
   */
  verification: { status: VerificationStatus | string; reason?: { code: ReasonCode | string } | null } | undefined;
  identifier: LevelIdentifier | undefined;
}

/** Checks that answered against the data: what remains is only what the person declared. */
const CONTRADICTED: ReadonlySet<string> = new Set<ReasonCode>(['REGISTRY_MISMATCH', 'REGISTRY_NOT_FOUND', 'DOCUMENT_TAKEN']);

/** Whether the identifier passes the format rules of its type (resident ID check digit, GB 32100 ...). */
export function identifierFormatValid(identifier: LevelIdentifier | undefined, now: Date = new Date()): boolean {
  if (!identifier) return false;
  if (identifier.kind === 'person') {
    const number = normalizeDocumentNumber(identifier.documentNumber ?? '');
    return isDocumentType(identifier.documentType) && number !== '' && checkDocumentNumber(identifier.documentType, number, now).ok;
  }
  const code = (identifier.code ?? '').trim().toUpperCase();
  if (!code || !isLegalRegion(identifier.region)) return false;
  // A domestic body of unknown type is held to the credit code; outside the mainland the type does not matter.
  const type = isLegalPersonType(identifier.legalPersonType) ? identifier.legalPersonType : '';
  return checkOrganizationCode(identifier.region, type, code).ok;
}

/** The account's level, from the state of its verification and its identifier. */
export function realNameLevel(evidence: LevelEvidence, now: Date = new Date()): RealNameLevel {
  const verification = evidence.verification;
  if (verification?.status === 'manually_approved') return 'l4';
  if (verification?.status === 'registry_verified') return 'l3';
  if (verification?.status === 'failed' && verification.reason && CONTRADICTED.has(verification.reason.code)) return 'l1';
  return identifierFormatValid(evidence.identifier, now) ? 'l2' : 'l1';
}

/**
 * What a person (or organisation) must do to reach a level, beneath the entry dialog's
 * message. L1 is met by every account, so it needs no guidance.
 */
export const LEVEL_GUIDANCE: Record<'person' | 'organization', Record<Exclude<RealNameLevel, 'l1'>, { zh: string; en: string }>> = {
  person: {
    l2: {
      zh: '需要填写格式正确的证件号码：请前往我的信息填写证件类型和证件号码并保存。',
      en: 'A document number in the correct format is needed: in My information, fill in the document type and number and save.',
    },
    l3: {
      zh: '需要通过国家平台实名认证：请前往我的信息补全并核对姓名、证件类型、证件号码和证件有效期，保存后平台将自动核验；也可以使用国家政务服务平台账号登录。',
      en: 'Verification by the national registry is needed: in My information, complete and check your name, document type, number and validity, then save and the platform verifies them; or log in with a national government service platform account.',
    },
    l4: {
      zh: '需要通过人工审核的实名认证：请前往我的信息上传签字后的证件正反面扫描件，申请人工审核；科技部平台人工审核通过后即可办理。',
      en: 'Real-name verification by manual review is needed: in My information, upload signed scans of both sides of your document to apply for manual review; once approved by the MOST platform review you may go on.',
    },
  },
  organization: {
    l2: {
      zh: '需要填写格式正确的统一社会信用代码（或单位唯一标识码）：请前往我的信息补全法人单位基本信息并保存。',
      en: 'An organisation code in the correct format is needed: in My information, complete the organisation basic information and save.',
    },
    l3: {
      zh: '需要通过国家平台实名认证：请前往我的信息补全并核对法人单位基本信息及法定代表人信息，保存后平台将自动核验。',
      en: 'Verification by the national registry is needed: in My information, complete and check the organisation and legal representative information, then save and the platform verifies them.',
    },
    l4: {
      zh: '需要通过人工审核的实名认证：请前往我的信息上传加盖公章的营业执照（组织机构代码证）和法定代表人证件扫描件，申请人工审核；科技部平台人工审核通过后即可办理。',
      en: 'Real-name verification by manual review is needed: in My information, upload stamped scans of the business licence and the legal representative’s document to apply for manual review; once approved by the MOST platform review you may go on.',
    },
  },
};
