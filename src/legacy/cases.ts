/**
 * The outcome of one legacy account (SPEC §8): a pure decision from the legacy
 * row and the few facts the platform holds that matter to it. The caller loads
 * the facts (see LegacyFacts and fixtures.ts for the reference semantics), this
 * module decides, the importer applies the outcome, the account lookup words it
 * (guidance.ts).
 *
 * Every outcome is one of the seeds' cases; the only other answer is a
 * `conflict` the seeds do not foresee (the prefixed login name or the
 * organisation name is already taken by someone else), reported for an operator.
 */
import { LEGACY_SOURCE_CONFIG, prefixedLoginName, type LegacySource } from './sources.ts';

// ---------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------

/** How an existing platform organisation compares with the row's organisation. */
export interface OrganizationComparison {
  /** Credit codes equal; null when the platform organisation or the row has no credit code. */
  sameCreditCode: boolean | null;
  /** Names equal after organizationNameKey (case, spacing, full-width brackets ignored). */
  sameName: boolean;
}

/** How an existing natural person's account compares with the row's person. */
export interface PersonComparison {
  /** The account passed real-name verification. */
  verified: boolean;
  /** Document type and number equal; null when the account or the row has no document. */
  sameDocument: boolean | null;
  /** Its reserved mobile equals the row's mobile. */
  sameMobile: boolean;
  /** Its name equals the row's name. */
  sameName: boolean;
}

/** One existing platform account, as far as a legacy row is concerned. */
export interface AccountFact {
  loginName: string;
  kind: 'natural' | 'legal';
  /** Legal accounts: their organisation compared with the row's. */
  organization?: OrganizationComparison;
  /** Natural accounts: their person compared with the row's. */
  person?: PersonComparison;
}

/** What the platform holds that matters to one legacy row. */
export interface LegacyFacts {
  /** The account whose login name equals the legacy login name (case-insensitive). */
  nameHolder: AccountFact | null;
  /** The account whose login name equals the prefixed legacy login name (HJ_…, WP_…, WGZJXM_…). */
  prefixedNameHolder: AccountFact | null;
  /** Organisation sources: legal accounts whose organisation has the row's credit code or exact name. */
  organizationAccounts: readonly AccountFact[];
  /** Personal sources: verified natural accounts holding the row's document, or the row's mobile as reserved mobile. */
  verifiedPersonAccounts: readonly AccountFact[];
}

export const NO_FACTS: LegacyFacts = Object.freeze({ nameHolder: null, prefixedNameHolder: null, organizationAccounts: [], verifiedPersonAccounts: [] });

/** Foreigner quickstart / SPEC §8: the organisation is matched by credit code, else by exact name. */
export function isSameOrganization(org: OrganizationComparison): boolean {
  return org.sameCreditCode ?? org.sameName;
}

/**
 * SPEC §11.9: the same person when the account's verified document equals the
 * row's; failing that (unverified, or a side without document), when its
 * reserved mobile and name both equal the row's.
 */
export function isSamePerson(person: PersonComparison): boolean {
  if (person.verified && person.sameDocument !== null) return person.sameDocument;
  return person.sameMobile && person.sameName;
}

// ---------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------

export const LEGACY_CASES = [
  'torch-company-1',
  'torch-company-2',
  'torch-company-3',
  'torch-company-4',
  'torch-personal-1',
  'torch-personal-2',
  'torch-personal-3',
  'torch-personal-4',
  'foreign-work-1',
  'foreign-work-2',
  'foreign-work-3',
  'foreign-work-4',
  'foreign-work-5',
  'foreign-expert-1',
  'foreign-expert-2',
] as const;
export type LegacyCaseId = (typeof LEGACY_CASES)[number];

/** 自然人登录 or 法人登录. */
export type LoginWindow = 'natural' | 'legal';

export type LegacyAction =
  /** Create an account with the legacy password (its hash and scheme). */
  | { type: 'create'; kind: 'natural' | 'legal'; loginName: string }
  /** Nothing is created: the user logs in to this existing account with its own password (or resets it). */
  | { type: 'keep'; loginName: string }
  /** Nothing is created and no login name is told: the user recovers a verified account by appeal. */
  | { type: 'none' };

/** A grant made to the created natural account, on behalf of its organisation's legal account. */
export interface LegacyGrant {
  organizationLoginName: string;
  systems: readonly string[];
  role: string;
}

/** Extra guidance for foreign experts (FAQ 五). */
export type LegacyNote =
  /** 若提示没有预留手机号: reset by login name is impossible, recovery is by appeal. */
  | 'NO_RESERVED_MOBILE'
  /** 实名认证提示身份证号已存在: a verified account already holds the document. */
  | 'DOCUMENT_VERIFIED_ELSEWHERE';

export interface LegacyOutcome {
  case: LegacyCaseId;
  source: LegacySource;
  action: LegacyAction;
  window: LoginWindow;
  /** The login name the user types; null when there is none to tell (torch-personal-4). */
  loginName: string | null;
  /** Which password opens it: the legacy one (kept through the migration) or the user's platform one. */
  password: 'legacy' | 'platform';
  grant: LegacyGrant | null;
  notes: readonly LegacyNote[];
}

export type LegacyConflictReason =
  /** The row needs its prefixed name (HJ_…, WP_…, WGZJXM_…), and another account has it. */
  | 'PREFIXED_NAME_TAKEN'
  /** A new legal account is needed, but another organisation (different credit code) has the same name. */
  | 'ORGANIZATION_NAME_TAKEN';

export interface LegacyConflict {
  case: 'conflict';
  source: LegacySource;
  reason: LegacyConflictReason;
}

export type LegacyDecision = LegacyOutcome | LegacyConflict;

/** The fields of a legacy row the decision reads (a LegacyRow from rows.ts satisfies it). */
export interface LegacyRowKey {
  source: LegacySource;
  /** As exported: the credit code (torch-company), the mobile (torch-personal) or the login name. */
  loginName: string;
  /** '' when the row has no reserved mobile. */
  mobile: string;
}

// ---------------------------------------------------------------------------
// The decision
// ---------------------------------------------------------------------------

/** Decides the outcome of one legacy row. Pure: same row and facts, same answer. */
export function decideLegacyCase(row: LegacyRowKey, facts: LegacyFacts): LegacyDecision {
  switch (row.source) {
    case 'torch-company':
      return decideTorchCompany(row, facts);
    case 'torch-personal':
      return decideTorchPersonal(row, facts);
    case 'foreign-work':
      return decideForeignWork(row, facts);
    case 'foreign-expert':
      return decideForeignExpert(row, facts);
  }
}

export function isConflict(decision: LegacyDecision): decision is LegacyConflict {
  return decision.case === 'conflict';
}

const heldBySameOrganization = (account: AccountFact | null): account is AccountFact =>
  account !== null && account.kind === 'legal' && account.organization !== undefined && isSameOrganization(account.organization);

const heldBySamePerson = (account: AccountFact | null): account is AccountFact =>
  account !== null && account.kind === 'natural' && account.person !== undefined && isSamePerson(account.person);

function organizationAccount(facts: LegacyFacts): AccountFact | undefined {
  return facts.organizationAccounts.find(heldBySameOrganization);
}

/** Another organisation already has this name: a new legal account could not be registered under it. */
function organizationNameTaken(facts: LegacyFacts): boolean {
  return facts.organizationAccounts.some((a) => a.organization !== undefined && a.organization.sameName && !isSameOrganization(a.organization));
}

function grantFor(source: LegacySource, organization: AccountFact): LegacyGrant {
  const spec = LEGACY_SOURCE_CONFIG[source].grant;
  if (!spec) throw new Error(`source ${source} grants nothing`);
  return { organizationLoginName: organization.loginName, systems: spec.systems, role: spec.role };
}

function conflict(source: LegacySource, reason: LegacyConflictReason): LegacyConflict {
  return { case: 'conflict', source, reason };
}

interface Made {
  window: LoginWindow;
  grant?: LegacyGrant;
  notes?: LegacyNote[];
}

function create(source: LegacySource, id: LegacyCaseId, kind: 'natural' | 'legal', loginName: string, made: Made): LegacyOutcome {
  return { case: id, source, action: { type: 'create', kind, loginName }, window: made.window, loginName, password: 'legacy', grant: made.grant ?? null, notes: made.notes ?? [] };
}

function keep(source: LegacySource, id: LegacyCaseId, existing: AccountFact, window: LoginWindow): LegacyOutcome {
  return { case: id, source, action: { type: 'keep', loginName: existing.loginName }, window, loginName: existing.loginName, password: 'platform', grant: null, notes: [] };
}

/** The prefixed name for a row, or a conflict when someone already has it. */
function prefixedOrConflict(row: LegacyRowKey, facts: LegacyFacts): string | LegacyConflict {
  return facts.prefixedNameHolder ? conflict(row.source, 'PREFIXED_NAME_TAKEN') : prefixedLoginName(row.source, row.loginName);
}

function decideTorchCompany(row: LegacyRowKey, facts: LegacyFacts): LegacyDecision {
  const { source } = row;
  const holder = facts.nameHolder;
  // 第二种: "在科技部政务服务平台已注册账号，且登录名为统一社会信用代码" — keep it, own password.
  if (heldBySameOrganization(holder)) return keep(source, 'torch-company-2', holder, 'legal');

  // 第四种: "该企业之前在政务服务平台注册过账号，而该账号登录名不是统一社会信用代码，原有火炬中心账号系统自动授权为自然人账号".
  const organization = organizationAccount(facts);
  if (organization) {
    const loginName = holder ? prefixedOrConflict(row, facts) : row.loginName;
    if (typeof loginName !== 'string') return loginName;
    return create(source, 'torch-company-4', 'natural', loginName, { window: 'natural', grant: grantFor(source, organization) });
  }

  if (organizationNameTaken(facts)) return conflict(source, 'ORGANIZATION_NAME_TAKEN');
  // 第一种: "继续使用原火炬中心用户名（统一社会信用代码）和密码".
  if (!holder) return create(source, 'torch-company-1', 'legal', row.loginName, { window: 'legal' });
  // 第三种: "该企业的统一社会信用代码在科技部政务服务平台上已经被某人注册成了自然人账号" — HJ_ + code, same password.
  // A legal account of another organisation holding the code as login name is "某人" too.
  const loginName = prefixedOrConflict(row, facts);
  if (typeof loginName !== 'string') return loginName;
  return create(source, 'torch-company-3', 'legal', loginName, { window: 'legal' });
}

function decideTorchPersonal(row: LegacyRowKey, facts: LegacyFacts): LegacyDecision {
  const { source } = row;
  const holder = facts.nameHolder;
  // 第二种: "在科技部政务服务平台已注册账号，且登录名为手机号" — the same person's account: keep it.
  if (heldBySamePerson(holder)) return keep(source, 'torch-personal-2', holder, 'natural');
  // 第四种: "该手机号的相关自然人进行了实名认证 … 需要通过自然人申诉找回密码". Checked before 第三种:
  // one identity verifies one account only, so an HJ_ account for a verified person could never verify.
  const verified = facts.verifiedPersonAccounts.some((a) => heldBySamePerson(a) && a.person?.verified === true);
  if (verified) return { case: 'torch-personal-4', source, action: { type: 'none' }, window: 'natural', loginName: null, password: 'platform', grant: null, notes: [] };
  // 第一种: "用原账号密码登陆".
  if (!holder) return create(source, 'torch-personal-1', 'natural', row.loginName, { window: 'natural' });
  // 第三种: "该个人用户的手机号在科技部政务服务平台上已经被某人注册成了登陆名为手机号的自然人账号".
  const loginName = prefixedOrConflict(row, facts);
  if (typeof loginName !== 'string') return loginName;
  return create(source, 'torch-personal-3', 'natural', loginName, { window: 'natural' });
}

function decideForeignWork(row: LegacyRowKey, facts: LegacyFacts): LegacyDecision {
  const { source } = row;
  const holder = facts.nameHolder;
  // (5) "来华账号与政务平台重复用户账号对应的单位是同一家单位 … 使用原来华账号 … 通过"法人登录"".
  if (heldBySameOrganization(holder)) return keep(source, 'foreign-work-5', holder, 'legal');

  const organization = organizationAccount(facts);
  if (organization) {
    // (3) "来华账号与政务平台用户账号不重复" / (4) "重复用户账号对应的单位非同一家单位" (a natural
    // account belongs to no organisation, so it counts as another's): "WP_"+原来华系统账号, "自然人登录".
    const id = holder ? 'foreign-work-4' : 'foreign-work-3';
    const loginName = prefixedOrConflict(row, facts);
    if (typeof loginName !== 'string') return loginName;
    return create(source, id, 'natural', loginName, { window: 'natural', grant: grantFor(source, organization) });
  }

  if (organizationNameTaken(facts)) return conflict(source, 'ORGANIZATION_NAME_TAKEN');
  // (1) "账号与政务平台用户账号不重复，则可以是用来华系统原账号 … 通过"法人登录"".
  if (!holder) return create(source, 'foreign-work-1', 'legal', row.loginName, { window: 'legal' });
  // (2) "账号与政务平台用户账号重复，可以使用"WP_"+原来华系统账号 … 通过"法人登录"".
  const loginName = prefixedOrConflict(row, facts);
  if (typeof loginName !== 'string') return loginName;
  return create(source, 'foreign-work-2', 'legal', loginName, { window: 'legal' });
}

function decideForeignExpert(row: LegacyRowKey, facts: LegacyFacts): LegacyDecision {
  const { source } = row;
  const notes: LegacyNote[] = [];
  // FAQ 五.2 (3) "若提示没有预留手机号，则按照提示的找回方式找回账号密码".
  if (row.mobile === '') notes.push('NO_RESERVED_MOBILE');
  // FAQ 五.1 "实名认证提示身份证号已存在，则说明此证件号码已绑定其他自然人账号".
  if (facts.verifiedPersonAccounts.some((a) => a.person?.verified === true && a.person.sameDocument === true)) notes.push('DOCUMENT_VERIFIED_ELSEWHERE');
  // FAQ 五.2 "将以前的登录名（或账号前增加 WGZJXM_）输进去检索是否存在".
  if (!facts.nameHolder) return create(source, 'foreign-expert-1', 'natural', row.loginName, { window: 'natural', notes });
  const loginName = prefixedOrConflict(row, facts);
  if (typeof loginName !== 'string') return loginName;
  return create(source, 'foreign-expert-2', 'natural', loginName, { window: 'natural', notes });
}
