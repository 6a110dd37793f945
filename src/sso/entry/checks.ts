/**
 * The entry checks (办理入口, SPEC §7): what the platform makes sure of before it sends a user
 * into a business system, whether through 办理入口, an OIDC sign-in or /cas/login. Each check
 * is a small pure function of the EntryContext (loaded by context.ts); the pipelines at the
 * bottom list them in order, so the whole decision reads top to bottom.
 */
import { SECTION_FIELDS, fieldLabel, type FieldLabel, type Section } from '../../accounts/profile-fields.ts';
import { MESSAGES, formatMessage } from '../../platform/messages.ts';
import type { ActingStanding } from '../../grants/service.ts';
import { LEVEL_GUIDANCE, LEVEL_LABELS, meets, stricter, type RealNameLevel } from '../../realname/levels.ts';
import type { VerificationSubject } from '../../realname/rules.ts';
import type { BusinessSystem } from '../systems-store.ts';

export type EntryRefusalCode =
  | 'NOT_LOGGED_IN'
  | 'ENTRY_UNAVAILABLE'
  | 'LEGAL_ACCOUNT_REQUIRED'
  | 'NATURAL_ACCOUNT_REQUIRED'
  | 'NOT_VERIFIED'
  /** Below the real-name level the system, or the OIDC request's acr_values, requires (src/realname/levels.ts). */
  | 'REALNAME_LEVEL_TOO_LOW'
  | 'ORGANIZATION_BASIC_INCOMPLETE'
  | 'ORGANIZATION_OTHER_INCOMPLETE'
  | 'PRIMARY_AGENT_NOT_VERIFIED'
  | 'NO_AUTHORIZATION'
  | 'AUTHORIZATION_EXPIRED'
  | 'AUTHORIZATION_SUSPENDED'
  /** The organisation entered a system that approves organisations and waits for it (待业务系统审核). */
  | 'HOLDING_PENDING';

/** What the entry page offers: go to 我的信息 (/online/my-info), or log in. */
export type EntryAction = 'my-info' | 'login';

export interface EntryRefusal {
  code: EntryRefusalCode;
  message: string;
  messageEn: string;
  /** The fields still empty, labelled as 我的信息 labels them (incomplete sections only). */
  missing?: FieldLabel[];
  /** A sentence shown beneath the message: what is missing, when that is why (法人单位基本信息不完整（缺少：…）). */
  detail?: { zh: string; en: string };
  action?: EntryAction;
}

export interface EntryContext {
  system: Pick<BusinessSystem, 'key' | 'name' | 'audience' | 'requiresVerification' | 'requirements' | 'enabled' | 'entryUrl' | 'requiresGrant'> &
    Partial<Pick<BusinessSystem, 'minimumLevel'>>;
  /** The signed-in account (enabled); null when nobody usable is logged in. */
  account: { id: string; kind: 'natural' | 'legal' } | null;
  /**
   * Which verification subjects of the account are verified (国家平台实名认证通过 or 人工审核通过);
   * an organisation only once its 法人单位基本信息 are complete (realname/rules.ts shownOrganizationState).
   */
  verified: Record<VerificationSubject, boolean>;
  /** Empty fields (paths) of the organisation's sections; loaded only when the system requires the section. */
  missing: { organization_basic: string[]; organization_other: string[] };
  /** For a natural person in a system that requires a grant: the organisations they may act for; null otherwise. */
  acting: ActingStanding | null;
  /** The account's real-name level (src/realname/levels.ts); null or absent when nobody is logged in. */
  level?: RealNameLevel | null;
  /** The minimum an OIDC request asks for with acr_values, beside the system's own; null: none. */
  requestedLevel?: RealNameLevel | null;
}

export type EntryCheck = (context: EntryContext) => EntryRefusal | null;

function refusal(code: EntryRefusalCode, extra: Omit<EntryRefusal, 'code' | 'message' | 'messageEn'> = {}, params: Record<string, string> = {}): EntryRefusal {
  const entry = MESSAGES[code];
  return { code, message: formatMessage(entry.zh, params), messageEn: formatMessage(entry.en, params), ...extra };
}

/** 待业务系统审核: the organisation entered this system once and waits for its approval. */
export const holdingPending = (systemName: string): EntryRefusal => refusal('HOLDING_PENDING', {}, { system: systemName });

function incomplete(code: 'ORGANIZATION_BASIC_INCOMPLETE' | 'ORGANIZATION_OTHER_INCOMPLETE', section: Section, paths: string[]): EntryRefusal {
  const missing = paths.map((path) => fieldLabel(section, path));
  const fields = missing.map((label) => label.zh).join('、');
  const fieldsEn = missing.map((label) => label.en).join(', ');
  return refusal(code, { missing, action: 'my-info' }, { fields, fieldsEn });
}

const legal = (context: EntryContext) => context.account?.kind === 'legal';
const requires = (context: EntryContext, requirement: BusinessSystem['requirements'][number]) => context.system.requirements.includes(requirement);

/**
 * 办理入口 only: the system is enabled and has an entry URL to send the user to.
 * (A system without one has no demo or production system behind it yet.)
 */
export const systemOpen: EntryCheck = (context) =>
  context.system.enabled && context.system.entryUrl ? null : refusal('ENTRY_UNAVAILABLE');

/**
 * Somebody is logged in, with a usable session (not one waiting for a password change).
 * The entry page then sends the browser to the login page, back to 办理入口 after.
 */
export const loggedIn: EntryCheck = (context) => (context.account ? null : refusal('NOT_LOGGED_IN', { action: 'login' }));

/**
 * The account's kind is one the system admits (audience natural, legal or both);
 * the refusal names the kind of account to log in with instead (FAQ 三.2: 需用法人账号办理).
 */
export const accountKindAllowed: EntryCheck = ({ system, account }) => {
  if (!account || system.audience === 'both' || system.audience === account.kind) return null;
  return refusal(system.audience === 'legal' ? 'LEGAL_ACCOUNT_REQUIRED' : 'NATURAL_ACCOUNT_REQUIRED', { action: 'login' });
};

/**
 * Where the system requires verification: the natural person, or the organisation (with its
 * legal representative), is verified. The seed's dialog (FAQ 三.1.3) is the same for both
 * kinds of account; 确定 goes to 我的信息. An organisation whose 法人单位基本信息 are not
 * complete is not verified yet (FAQ 三.1.3 (1)): the fields still missing are listed beneath.
 */
export const verified: EntryCheck = (context) => {
  if (!context.account || !context.system.requiresVerification) return null;
  const subject: VerificationSubject = context.account.kind === 'natural' ? 'natural_person' : 'organization';
  if (context.verified[subject]) return null;
  const paths = subject === 'organization' ? context.missing.organization_basic : [];
  if (!paths.length) return refusal('NOT_VERIFIED', { action: 'my-info' });
  const basic = incomplete('ORGANIZATION_BASIC_INCOMPLETE', 'organization_basic', paths);
  return refusal('NOT_VERIFIED', { action: 'my-info', missing: basic.missing, detail: { zh: basic.message, en: basic.messageEn } });
};

/**
 * The account's real-name level meets the stricter of the system's minimum and the request's
 * acr_values (issue 20.4). The dialog names both levels and, beneath, what to do to reach the
 * one required (e.g. apply for manual review in 我的信息); 确定 goes to 我的信息.
 */
export const realNameLevelMet: EntryCheck = (context) => {
  const required = stricter(context.system.minimumLevel, context.requestedLevel);
  // An account whose level was not read counts as self-declared (L1): never more than it shows.
  const level = context.level ?? 'l1';
  if (!context.account || !required || required === 'l1' || meets(level, required)) return null;
  const guidance = LEVEL_GUIDANCE[context.account.kind === 'natural' ? 'person' : 'organization'][required];
  const [wanted, current] = [LEVEL_LABELS[required], LEVEL_LABELS[level]];
  return refusal('REALNAME_LEVEL_TOO_LOW', { action: 'my-info', detail: guidance }, { required: wanted.zh, requiredEn: wanted.en, current: current.zh, currentEn: current.en });
};

/**
 * Torch systems (FAQ 三.1.3 (1)): 法人单位基本信息 has every required field, listed by label when not.
 * Organisation requirements bind legal accounts; a person acting for an organisation meets
 * them through that organisation (checked on it once it is known, src/sso/entry/service.ts).
 */
export const organizationBasicComplete: EntryCheck = (context) => {
  if (!legal(context) || !requires(context, 'organization_basic_complete')) return null;
  const paths = context.missing.organization_basic;
  return paths.length ? incomplete('ORGANIZATION_BASIC_INCOMPLETE', 'organization_basic', paths) : null;
};

/**
 * Torch systems (FAQ 三.1.3 (2)): every field of 法人单位其他信息 is filled in
 * (必须每个文本框和下拉框都必需要填写完整), listed by label when not.
 */
export const organizationOtherComplete: EntryCheck = (context) => {
  if (!legal(context) || !requires(context, 'organization_other_complete')) return null;
  const paths = context.missing.organization_other;
  return paths.length ? incomplete('ORGANIZATION_OTHER_INCOMPLETE', 'organization_other', paths) : null;
};

/**
 * Torch systems (FAQ 三.1.3 (3)): the organisation's primary agent (主代办人) is verified.
 */
export const primaryAgentVerified: EntryCheck = (context) => {
  if (!legal(context) || !requires(context, 'primary_agent_verified')) return null;
  return context.verified.primary_agent ? null : refusal('PRIMARY_AGENT_NOT_VERIFIED', { action: 'my-info' });
};

/**
 * 授权 (SPEC §6, §7): in a system that requires it, a natural person enters only for an
 * organisation whose authorisation in this system counts today. Otherwise 没有权限办理该事项
 * (contact the organisation's admin), or, when one existed, that it expired (FAQ 二.3:
 * 提示授权已过期) or that the organisation is suspended (停用), naming the organisations.
 */
export const actsForOrganizationWithGrant: EntryCheck = ({ account, system, acting }) => {
  if (account?.kind !== 'natural' || !system.requiresGrant || !acting || acting.options.length > 0) return null;
  const names = (list: string[]) => ({ organizations: list.join('、') });
  if (acting.expired.length) return refusal('AUTHORIZATION_EXPIRED', {}, names(acting.expired));
  if (acting.suspended.length) return refusal('AUTHORIZATION_SUSPENDED', {}, names(acting.suspended));
  return refusal('NO_AUTHORIZATION');
};

/** The fields of 法人单位其他信息 the Torch systems need: all of them. */
export function missingOtherInformation(other: Record<string, string | undefined>): string[] {
  return Object.keys(SECTION_FIELDS.organization_other).filter((path) => !other[path]?.trim());
}

/**
 * Stages run in order; the first stage with a refusal ends the decision with all of that
 * stage's refusals (so the Torch requirements are listed together, once the account may
 * otherwise enter).
 */
export type EntryPipeline = readonly (readonly EntryCheck[])[];

/** What a system may require of an organisation: of a legal account itself, or of the organisation a person acts for. */
export const ORGANIZATION_REQUIREMENTS = [organizationBasicComplete, organizationOtherComplete, primaryAgentVerified] as const;

/** Every sign-in into a business system: OIDC, CAS and 办理入口 alike. */
export const SIGN_IN_CHECKS: EntryPipeline = [
  [loggedIn],
  [accountKindAllowed],
  [verified],
  [realNameLevelMet],
  ORGANIZATION_REQUIREMENTS,
  [actsForOrganizationWithGrant],
];

/**
 * 办理入口: every sign-in check, then somewhere to send the user. Last, so that a user of a
 * system without an online entry yet still learns what it will require of them.
 */
export const ENTRY_CHECKS: EntryPipeline = [...SIGN_IN_CHECKS, [systemOpen]];

/** The refusals of the first stage that refuses; empty when the user may enter. */
export function runChecks(context: EntryContext, pipeline: EntryPipeline): EntryRefusal[] {
  for (const stage of pipeline) {
    const refusals = stage.map((check) => check(context)).filter((r): r is EntryRefusal => r !== null);
    if (refusals.length) return refusals;
  }
  return [];
}
