/**
 * Real-name verification use cases: decide a subject's route and status through
 * rules.ts `transition`, ask the national registry for automatic routes, keep what it
 * answers, and retry later when it does not answer (SPEC §3: a save is never lost).
 *
 * A save of key fields calls `recordKeyFieldsSaved` inside its own transaction (so a
 * committed save always has its verification row, pending if the registry is needed),
 * then `completeVerification` after the commit.
 */
import { documentKey, type DocumentType, type LegalPersonType } from '../accounts/rules.ts';
import { accountStore, type Identity } from '../accounts/store.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import { RegistryUnavailableError, type RegistryAnswer } from './registry-client.ts';
import type { RegistryDocumentType, RegistryLegalPersonType } from './registry-protocol.ts';
import {
  FAILURE_NOTICE,
  INITIAL_STATE,
  RETRY,
  isVerified,
  missingOrganizationData,
  missingPersonData,
  organizationRoute,
  personRoute,
  retryDelayMs,
  statusView,
  transition,
  type OrganizationData,
  type PersonData,
  type VerificationEvent,
  type VerificationState,
  type VerificationSubject,
} from './rules.ts';
import { isDocumentClaimRace, verificationStore } from './store.ts';
import { materialsStore } from './materials-store.ts';

export type SubjectData = { kind: 'person'; person: PersonData } | { kind: 'organization'; org: OrganizationData };

const EMPTY_PERSON: PersonData = { name: '', region: '', documentType: '', documentNumber: '', validFrom: '', validTo: '', longTerm: false };

function personOf(identity: Identity | undefined): PersonData {
  if (!identity) return EMPTY_PERSON;
  const { name, region, documentType, documentNumber, validFrom, validTo, longTerm } = identity;
  return { name, region, documentType, documentNumber, validFrom, validTo, longTerm };
}

export async function loadSubject(platform: Platform, accountId: string, subject: VerificationSubject, tx: Db): Promise<SubjectData> {
  const accounts = accountStore(platform.db, platform.cipher);
  if (subject !== 'organization') return { kind: 'person', person: personOf(await accounts.loadIdentity(accountId, subject, tx)) };
  const org = await accounts.loadOrganization(accountId, tx);
  const representative = personOf(await accounts.loadIdentity(accountId, 'legal_representative', tx));
  return {
    kind: 'organization',
    org: { name: org?.name ?? '', region: org?.region ?? '', legalPersonType: org?.legalPersonType ?? '', code: org?.code ?? '', legalRepresentative: representative },
  };
}

/** Keyed hash of a person's document, the form the one-document-one-verified-account rule compares. */
export function documentHash(platform: Platform, person: PersonData): string {
  return platform.cipher.lookupHash('document', documentKey(person.documentType as DocumentType, person.documentNumber));
}

/**
 * Whether a verified account already holds this document: registering with it is refused
 * (证件号码已被注册, SPEC §11.2); documents held only by unverified accounts stay free.
 */
export function documentAlreadyVerified(platform: Platform, documentType: string, documentNumber: string): Promise<boolean> {
  return verificationStore(platform.db).documentVerified(documentHash(platform, { documentType, documentNumber } as PersonData));
}

const after = (ms: number) => new Date(Date.now() + ms);

/** Step 1, inside the save's transaction: the new generation's state (pending when the registry must be asked). */
export async function recordKeyFieldsSaved(platform: Platform, tx: Db, accountId: string, subject: VerificationSubject) {
  const verifications = verificationStore(platform.db);
  const data = await loadSubject(platform, accountId, subject, tx);
  const missing = data.kind === 'person' ? missingPersonData(data.person) : missingOrganizationData(data.org);
  const route = data.kind === 'person' ? personRoute(data.person) : organizationRoute(data.org);
  // Only a natural person's document is unique among verified accounts; a primary agent may be that same person.
  const documentTaken =
    subject === 'natural_person' && missing.length === 0 && data.kind === 'person'
      ? await verifications.documentVerifiedElsewhere(documentHash(platform, data.person), accountId, tx)
      : false;
  const current = (await verifications.load(accountId, subject, tx))?.state ?? INITIAL_STATE;
  const result = transition(current, { type: 'key_fields_saved', missing, route, documentTaken });
  if (!result.ok) throw new Error(`verification: ${result.code} from ${result.from} on ${result.event}`);
  const generation = await verifications.startGeneration(tx, accountId, subject, result.state, result.state.status === 'pending' ? after(RETRY.leaseMs) : null);
  // New data during review: the reviewer's materials no longer describe it, so new uploads are needed.
  await materialsStore(platform.db).supersedeOpen(tx, accountId, subject);
  return { state: result.state, generation };
}

/** Step 2, after the commit: ask the registry when the state is pending. Never throws for an outage. */
export async function completeVerification(platform: Platform, accountId: string, subject: VerificationSubject, generation: number): Promise<VerificationState> {
  const stored = await verificationStore(platform.db).load(accountId, subject);
  if (!stored) return INITIAL_STATE;
  if (stored.generation !== generation || stored.state.status !== 'pending') return stored.state;
  return askRegistry(platform, accountId, subject, generation, stored.state);
}

/** Both steps: used where no save is going on (demo data, tests, back-office re-checks). */
export async function verifySubject(platform: Platform, accountId: string, subject: VerificationSubject): Promise<VerificationState> {
  const { generation } = await platform.db.transaction((tx) => recordKeyFieldsSaved(platform, tx, accountId, subject));
  return completeVerification(platform, accountId, subject, generation);
}

async function registryEvent(platform: Platform, data: SubjectData): Promise<VerificationEvent> {
  let answer: RegistryAnswer;
  try {
    answer =
      data.kind === 'person'
        ? await platform.registry.verifyPerson({
            name: data.person.name,
            documentType: data.person.documentType as RegistryDocumentType,
            documentNumber: data.person.documentNumber,
            validFrom: data.person.validFrom || undefined,
            validTo: data.person.longTerm ? undefined : data.person.validTo || undefined,
            longTerm: data.person.longTerm,
          })
        : await platform.registry.verifyOrganization({
            name: data.org.name,
            creditCode: data.org.code,
            legalPersonType: data.org.legalPersonType as RegistryLegalPersonType & LegalPersonType,
            // The representative's key fields of quickstart 4.2.2 (姓名, 证件类型, 证件号码); not its
            // validity, which is no key field there: a change of it would not verify again.
            legalRepresentative: {
              name: data.org.legalRepresentative.name,
              documentType: data.org.legalRepresentative.documentType as RegistryDocumentType,
              documentNumber: data.org.legalRepresentative.documentNumber,
            },
          });
  } catch (error) {
    if (!(error instanceof RegistryUnavailableError)) platform.log.error({ err: error }, 'identity registry call failed');
    return { type: 'registry_unavailable' };
  }
  if (answer.result === 'match') return { type: 'registry_matched' };
  if (answer.result === 'not_found') return { type: 'registry_not_found' };
  return { type: 'registry_mismatched', fields: answer.mismatched };
}

async function askRegistry(platform: Platform, accountId: string, subject: VerificationSubject, generation: number, current: VerificationState): Promise<VerificationState> {
  const verifications = verificationStore(platform.db);
  const data = await loadSubject(platform, accountId, subject, platform.db);
  const result = transition(current, await registryEvent(platform, data));
  if (!result.ok) return current;
  const next = result.state;
  const nextAttemptAt = next.status === 'pending' ? after(retryDelayMs(next.attempts)) : null;
  const claim = subject === 'natural_person' && isVerified(next.status) && data.kind === 'person' ? documentHash(platform, data.person) : null;
  try {
    const recorded = await verifications.record(accountId, subject, generation, next, nextAttemptAt, claim);
    return recorded ? next : ((await verifications.load(accountId, subject))?.state ?? next);
  } catch (error) {
    if (!isDocumentClaimRace(error)) throw error;
    const taken = transition(current, { type: 'document_taken' });
    if (!taken.ok) throw error;
    await verifications.record(accountId, subject, generation, taken.state, null, null);
    return taken.state;
  }
}

/**
 * Retries due pending verifications (registry was unavailable). Any node may run it: rows
 * are claimed with FOR UPDATE SKIP LOCKED and leased. Returns how many were attempted.
 */
export async function retryPending(platform: Platform, options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const verifications = verificationStore(platform.db);
  const claimed = await verifications.claimDue(now, new Date(now.getTime() + RETRY.leaseMs), options.limit ?? RETRY.batchSize);
  for (const row of claimed) {
    const stored = await verifications.load(row.accountId, row.subject);
    if (!stored || stored.generation !== row.generation || stored.state.status !== 'pending') continue;
    await askRegistry(platform, row.accountId, row.subject, row.generation, stored.state);
  }
  return claimed.length;
}

/** The subjects of an account kind. */
export function subjectsOf(kind: 'natural' | 'legal'): VerificationSubject[] {
  return kind === 'natural' ? ['natural_person'] : ['organization', 'primary_agent'];
}

export type VerificationView = ReturnType<typeof statusView>;

/**
 * After a committed save: completes the verifications it started and describes the outcome
 * for the response (status per subject, and the seeds' failure notice). A failure here is
 * logged, never thrown: the save stands (实名认证结果不影响数据保存) and a pending row is retried.
 */
export async function afterSave(platform: Platform, accountId: string, started: { subject: VerificationSubject; generation: number }[]) {
  const verification: Partial<Record<VerificationSubject, VerificationView>> = {};
  for (const { subject, generation } of started) {
    try {
      verification[subject] = statusView(await completeVerification(platform, accountId, subject, generation));
    } catch (error) {
      platform.log.error({ err: error }, 'verification after save failed; the retry job will pick it up');
    }
  }
  if (started.length === 0) return {};
  const failed = Object.values(verification).some((v) => v?.status === 'failed');
  return { verification, ...(failed ? { notice: { message: FAILURE_NOTICE.zh, messageEn: FAILURE_NOTICE.en } } : {}) };
}
