import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { parseInput } from '../platform/http/validate.ts';
import { missingRequiredFields, type Section } from './profile-fields.ts';
import { maskDocumentNumber, maskPhone } from './rules.ts';
import { naturalProfileSchema, organizationBasicSchema, organizationOtherSchema, primaryAgentProfileSchema } from './schemas.ts';
import { accountStore, translateProfileUniqueViolation, type Identity, type Organization } from './store.ts';
import { addUpdateRecord, diffSection } from './update-records.ts';
import { shownOrganizationState, statusView, subjectsToVerify, type VerificationState, type VerificationSubject } from '../realname/rules.ts';
import { afterSave, recordKeyFieldsSaved, type VerificationView } from '../realname/service.ts';
import { verificationStore } from '../realname/store.ts';
import { SECTION_SUBJECT, saveOutcome, type VerifiedSection } from './save-outcome.ts';

type Values = Record<string, unknown>;

const EMPTY_IDENTITY: Identity = { name: '', mobile: '', region: '', documentType: '', documentNumber: '', validFrom: '', validTo: '', longTerm: false, details: {} };
const EMPTY_ORGANIZATION: Organization = { name: '', region: '', legalPersonType: '', code: '', basic: {}, other: {} };

/** An identity flattened to the form's shape, personal fields in clear (for comparison) or masked (for display). */
function identityValues(identity: Identity, masked: boolean): Values {
  const { details, ...fields } = identity;
  return {
    ...details,
    ...fields,
    mobile: masked && fields.mobile ? maskPhone(fields.mobile) : fields.mobile,
    documentNumber: masked && fields.documentNumber ? maskDocumentNumber(fields.documentNumber) : fields.documentNumber,
  };
}

/** A phone or document number returned still masked by the form means "unchanged". */
function unmask(submitted: Values | null | undefined, stored: Identity): Values {
  // A body of JSON null (or none) is a form with nothing filled in: the schema says what is missing.
  const result = { ...submitted };
  if (stored.mobile && result.mobile === maskPhone(stored.mobile)) result.mobile = stored.mobile;
  if (stored.documentNumber && typeof result.documentNumber === 'string' && result.documentNumber.toUpperCase() === maskDocumentNumber(stored.documentNumber).toUpperCase()) {
    result.documentNumber = stored.documentNumber;
  }
  return result;
}

const IDENTITY_KEYS = new Set(['name', 'mobile', 'region', 'documentType', 'documentNumber', 'validFrom', 'validTo', 'longTerm']);

function toIdentity(values: Values): Identity {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (!IDENTITY_KEYS.has(key) && typeof value === 'string') details[key] = value;
  return {
    name: String(values.name ?? ''),
    mobile: String(values.mobile ?? ''),
    region: String(values.region ?? ''),
    documentType: String(values.documentType ?? ''),
    documentNumber: String(values.documentNumber ?? ''),
    validFrom: String(values.validFrom ?? ''),
    validTo: values.longTerm ? '' : String(values.validTo ?? ''),
    longTerm: Boolean(values.longTerm),
    details,
  };
}

function organizationValues(org: Organization, representative: Identity, masked: boolean): Values {
  return { ...org.basic, name: org.name, region: org.region, legalPersonType: org.legalPersonType, code: org.code, legalRepresentative: identityValues(representative, masked) };
}

/** The required fields of 法人单位基本信息 (with the legal representative) still empty; the entry checks read it too. */
export function missingOrganizationBasic(org: Organization | undefined, representative: Identity | undefined): string[] {
  return missingRequiredFields('organization_basic', organizationValues(org ?? EMPTY_ORGANIZATION, representative ?? EMPTY_IDENTITY, false));
}

export function profileService(platform: Platform) {
  const store = accountStore(platform.db, platform.cipher);
  const actorOf = async (accountId: string) => ({ accountId, name: (await store.findById(accountId))?.login_name ?? '' });
  /** Who the update record names: the account itself, or a person it authorised to maintain its information (授权). */
  type Actor = { accountId: string; name: string };

  async function loadLegal(accountId: string, tx: Db = platform.db) {
    return {
      org: (await store.loadOrganization(accountId, tx)) ?? EMPTY_ORGANIZATION,
      representative: (await store.loadIdentity(accountId, 'legal_representative', tx)) ?? EMPTY_IDENTITY,
      agent: (await store.loadIdentity(accountId, 'primary_agent', tx)) ?? EMPTY_IDENTITY,
    };
  }

  /**
   * Each subject's state as 我的信息 shows it: an organisation's reads 用户信息不全，请及时补充！
   * until its 法人单位基本信息 are complete (FAQ 三.1 3(1)), whatever the registry said.
   */
  async function shownStates(accountId: string, missingBasic: string[] = []) {
    const states: Partial<Record<VerificationSubject, VerificationState>> = {};
    for (const { subject, state } of await verificationStore(platform.db).listForAccount(accountId)) {
      states[subject] = subject === 'organization' ? shownOrganizationState(state, missingBasic) : state;
    }
    return states;
  }

  async function shownViews(accountId: string, missingBasic: string[] = []) {
    const states = await shownStates(accountId, missingBasic);
    return Object.fromEntries(Object.entries(states).map(([subject, state]) => [subject, statusView(state)])) as Partial<Record<VerificationSubject, VerificationView>>;
  }

  /**
   * A save's answer once committed: the verifications it started, completed (a failure of the
   * registry never fails the save) and shown; and what the page says (quickstart 4.1.2).
   */
  async function answer(accountId: string, section: VerifiedSection, changed: string[], started: { subject: VerificationSubject; generation: number }[], missingBasic: string[] = []) {
    const completed: { notice?: { message: string; messageEn: string } } = await afterSave(platform, accountId, started);
    const states = await shownStates(accountId, missingBasic);
    const subject = SECTION_SUBJECT[section];
    const state = states[subject];
    const verification = Object.fromEntries(started.flatMap(({ subject: s }) => (states[s] ? [[s, statusView(states[s])]] : [])));
    return {
      changed,
      ...(started.length ? { verification } : {}),
      // The seeds' failure notice, for API clients; the page shows the outcome.
      ...(completed.notice && state?.status === 'failed' ? { notice: completed.notice } : {}),
      outcome: saveOutcome(section, state, started.some((s) => s.subject === subject)),
    };
  }

  /** In the save's transaction: a verification row for each subject whose key fields changed. */
  async function startVerifications(tx: Db, accountId: string, section: Section, changed: string[]) {
    const started = [];
    for (const subject of subjectsToVerify(section, changed)) {
      started.push({ subject, generation: (await recordKeyFieldsSaved(platform, tx, accountId, subject)).generation });
    }
    return started;
  }

  return {
    /** What My information shows: masked personal data and, per section, the required fields still missing. */
    async view(accountId: string) {
      const account = await store.findById(accountId);
      if (!account) throw new AppError('NOT_FOUND', 404);
      if (account.kind === 'natural') {
        const person = (await store.loadIdentity(accountId, 'natural_person')) ?? EMPTY_IDENTITY;
        const values = identityValues(person, false);
        return {
          kind: 'natural' as const,
          naturalPerson: { loginName: account.login_name, ...identityValues(person, true) },
          missing: { natural_person: missingRequiredFields('natural_person', values) },
          verification: await shownViews(accountId),
        };
      }
      const { org, representative, agent } = await loadLegal(accountId);
      const missingBasic = missingOrganizationBasic(org, representative);
      return {
        kind: 'legal' as const,
        organizationBasic: organizationValues(org, representative, true),
        organizationOther: org.other,
        primaryAgent: { loginName: account.login_name, ...identityValues(agent, true) },
        missing: {
          organization_basic: missingBasic,
          organization_other: missingRequiredFields('organization_other', org.other),
          primary_agent: missingRequiredFields('primary_agent', identityValues(agent, false)),
        },
        verification: await shownViews(accountId, missingBasic),
      };
    },

    async saveNaturalPerson(accountId: string, body: Values) {
      const current = (await store.loadIdentity(accountId, 'natural_person')) ?? EMPTY_IDENTITY;
      const input = parseInput(naturalProfileSchema, unmask(body, current));
      const next = toIdentity(input);
      const changes = diffSection('natural_person', identityValues(current, false), identityValues(next, false));
      const actor = await actorOf(accountId);
      const changed = changes.map((c) => c.field);
      const started = await platform.db.transaction(async (tx) => {
        await store.saveIdentity(tx, accountId, 'natural_person', next);
        await addUpdateRecord(tx, accountId, 'natural_person', actor, changes);
        return startVerifications(tx, accountId, 'natural_person', changed);
      });
      return answer(accountId, 'natural_person', changed, started);
    },

    async savePrimaryAgent(accountId: string, body: Values) {
      const current = (await store.loadIdentity(accountId, 'primary_agent')) ?? EMPTY_IDENTITY;
      const input = parseInput(primaryAgentProfileSchema, unmask(body, current));
      const next = toIdentity(input);
      const changes = diffSection('primary_agent', identityValues(current, false), identityValues(next, false));
      const actor = await actorOf(accountId);
      const changed = changes.map((c) => c.field);
      const started = await platform.db.transaction(async (tx) => {
        await store.saveIdentity(tx, accountId, 'primary_agent', next);
        await addUpdateRecord(tx, accountId, 'primary_agent', actor, changes);
        return startVerifications(tx, accountId, 'primary_agent', changed);
      });
      return answer(accountId, 'primary_agent', changed, started);
    },

    /** 法人单位基本信息 with the legal representative; a name or code another organisation holds changes nothing. */
    async saveOrganizationBasic(accountId: string, body: Values, by?: Actor) {
      const { org, representative } = await loadLegal(accountId);
      const submittedRep = (body?.legalRepresentative ?? {}) as Values;
      const input = parseInput(organizationBasicSchema, { ...body, legalRepresentative: unmask(submittedRep, representative) });
      if (await store.organizationNameTaken(input.name, accountId)) throw new AppError('ORGANIZATION_NAME_EXISTS', 409);
      if (input.code && (await store.creditCodeTaken(input.code, accountId))) throw new AppError('CREDIT_CODE_EXISTS', 409);
      const { name, region, legalPersonType, code, legalRepresentative, ...basic } = input;
      const nextOrg: Organization = { ...org, name, region, legalPersonType, code, basic: basic as Record<string, string> };
      const nextRep = toIdentity(legalRepresentative);
      const changes = diffSection('organization_basic', organizationValues(org, representative, false), organizationValues(nextOrg, nextRep, false));
      const actor = by ?? (await actorOf(accountId));
      const changed = changes.map((c) => c.field);
      const started = await translateProfileUniqueViolation(() =>
        platform.db.transaction(async (tx) => {
          await store.saveOrganization(tx, accountId, nextOrg);
          await store.saveIdentity(tx, accountId, 'legal_representative', nextRep);
          await addUpdateRecord(tx, accountId, 'organization_basic', actor, changes);
          return startVerifications(tx, accountId, 'organization_basic', changed);
        }),
      );
      return answer(accountId, 'organization_basic', changed, started, missingOrganizationBasic(nextOrg, nextRep));
    },

    async saveOrganizationOther(accountId: string, body: Values, by?: Actor) {
      const { org } = await loadLegal(accountId);
      const other = parseInput(organizationOtherSchema, body);
      const changes = diffSection('organization_other', org.other, other);
      const actor = by ?? (await actorOf(accountId));
      await platform.db.transaction(async (tx) => {
        await store.saveOrganization(tx, accountId, { ...org, other });
        await addUpdateRecord(tx, accountId, 'organization_other', actor, changes);
      });
      return { changed: changes.map((c) => c.field) };
    },
  };
}

export type ProfileSection = Section;
