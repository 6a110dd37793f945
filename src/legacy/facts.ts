/**
 * Loading the facts of cases.ts: the comparisons every loader uses, and an
 * in-memory platform that answers them from a list of accounts. The in-memory
 * platform is the reference semantics of fact loading (the SQL loader of the
 * importer must give the same facts for the same accounts) and serves the
 * generator's fixtures and the unit tests.
 */
import { documentKey, loginNameKey, type DocumentType } from '../accounts/rules.ts';
import type { AccountFact, LegacyDecision, LegacyFacts, OrganizationComparison, PersonComparison } from './cases.ts';
import type { LegacyRow } from './rows.ts';
import { LEGACY_SOURCE_CONFIG, prefixedLoginName } from './sources.ts';

/** Same as organizationNameKey of accounts/store.ts (kept here so this module stays free of the database layer). */
export function organizationNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Person names compare without width, case or spacing differences ("John  Smith" = "john smith"). */
export function personNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The organisation of an existing legal account. */
export interface PlatformOrganization {
  name: string;
  /** '' when it has none. */
  creditCode: string;
}

/** The natural person of an existing natural account. */
export interface PlatformPerson {
  name: string;
  /** Reserved mobile, '' when none. */
  mobile: string;
  documentType: DocumentType | '';
  documentNumber: string;
  /** Real-name verification passed. */
  verified: boolean;
}

export function compareOrganization(row: Pick<LegacyRow, 'creditCode' | 'organizationName'>, org: PlatformOrganization): OrganizationComparison {
  return {
    sameCreditCode: row.creditCode && org.creditCode ? row.creditCode.toUpperCase() === org.creditCode.toUpperCase() : null,
    sameName: organizationNameKey(row.organizationName) === organizationNameKey(org.name),
  };
}

export function comparePerson(row: Pick<LegacyRow, 'name' | 'mobile' | 'documentType' | 'documentNumber'>, person: PlatformPerson): PersonComparison {
  const rowDocument = row.documentType && row.documentNumber ? documentKey(row.documentType, row.documentNumber) : '';
  const personDocument = person.documentType && person.documentNumber ? documentKey(person.documentType, person.documentNumber) : '';
  return {
    verified: person.verified,
    sameDocument: rowDocument && personDocument ? rowDocument === personDocument : null,
    sameMobile: row.mobile !== '' && row.mobile === person.mobile,
    sameName: row.name !== '' && personNameKey(row.name) === personNameKey(person.name),
  };
}

/** An account that exists on the platform before an import (test fixtures, generator output). */
export interface PlatformFixture {
  kind: 'natural' | 'legal';
  loginName: string;
  /** Plaintext, meeting today's password policy, so tests can log in (absent for accounts an import creates). */
  password?: string;
  person?: PlatformPerson;
  organization?: PlatformOrganization;
  /** The generated row this account was made for (generator only). */
  forLine?: number;
}

/** The fact about one account as seen from one row. */
export function accountFact(row: LegacyRow, account: PlatformFixture): AccountFact {
  const fact: AccountFact = { loginName: account.loginName, kind: account.kind };
  if (account.kind === 'legal' && account.organization) fact.organization = compareOrganization(row, account.organization);
  if (account.kind === 'natural' && account.person) fact.person = comparePerson(row, account.person);
  return fact;
}

function addTo<K>(map: Map<K, PlatformFixture[]>, key: K, account: PlatformFixture) {
  const list = map.get(key);
  if (list) list.push(account);
  else map.set(key, [account]);
}

/**
 * An in-memory platform: accounts indexed the way the database indexes them
 * (login_name_key, organisation code_key and name_key, identity document and
 * mobile), answering `facts(row)` for cases.ts.
 */
export function memoryPlatform(accounts: Iterable<PlatformFixture> = []) {
  const byLoginName = new Map<string, PlatformFixture>();
  const legalByCode = new Map<string, PlatformFixture>();
  const legalByName = new Map<string, PlatformFixture>();
  const verifiedByDocument = new Map<string, PlatformFixture[]>();
  const verifiedByMobile = new Map<string, PlatformFixture[]>();

  function add(account: PlatformFixture) {
    const key = loginNameKey(account.loginName);
    if (byLoginName.has(key)) throw new Error(`login name taken: ${account.loginName}`);
    byLoginName.set(key, account);
    const { organization, person } = account;
    if (account.kind === 'legal' && organization) {
      if (organization.creditCode) legalByCode.set(organization.creditCode.toUpperCase(), account);
      legalByName.set(organizationNameKey(organization.name), account);
    }
    if (account.kind === 'natural' && person?.verified) {
      if (person.documentType && person.documentNumber) addTo(verifiedByDocument, documentKey(person.documentType, person.documentNumber), account);
      if (person.mobile) addTo(verifiedByMobile, person.mobile, account);
    }
  }
  for (const account of accounts) add(account);

  function facts(row: LegacyRow): LegacyFacts {
    const holder = byLoginName.get(loginNameKey(row.loginName));
    const prefixed = byLoginName.get(loginNameKey(prefixedLoginName(row.source, row.loginName)));
    const subject = LEGACY_SOURCE_CONFIG[row.source].subject;
    const organizations = new Set<PlatformFixture>();
    if (subject === 'organization') {
      const byCode = row.creditCode ? legalByCode.get(row.creditCode) : undefined;
      const byName = legalByName.get(organizationNameKey(row.organizationName));
      if (byCode) organizations.add(byCode);
      if (byName) organizations.add(byName);
    }
    const persons = new Set<PlatformFixture>();
    if (subject === 'person') {
      if (row.documentType && row.documentNumber) for (const a of verifiedByDocument.get(documentKey(row.documentType, row.documentNumber)) ?? []) persons.add(a);
      if (row.mobile) for (const a of verifiedByMobile.get(row.mobile) ?? []) persons.add(a);
    }
    return {
      nameHolder: holder ? accountFact(row, holder) : null,
      prefixedNameHolder: prefixed ? accountFact(row, prefixed) : null,
      organizationAccounts: [...organizations].map((a) => accountFact(row, a)),
      verifiedPersonAccounts: [...persons].map((a) => accountFact(row, a)),
    };
  }

  return { add, facts, size: () => byLoginName.size };
}

/**
 * The account a decision creates, as the platform will hold it (unverified,
 * without password), or null when it creates none. An importer adds it to a
 * batch overlay (memoryPlatform) so that later rows of the same batch see it:
 * an employer's second legacy account must find the legal account its first
 * one just created (foreign work (3)).
 */
export function createdAccount(row: LegacyRow, decision: LegacyDecision): PlatformFixture | null {
  if (decision.case === 'conflict' || decision.action.type !== 'create') return null;
  const { kind, loginName } = decision.action;
  if (kind === 'legal') return { kind, loginName, organization: { name: row.organizationName, creditCode: row.creditCode } };
  return { kind, loginName, person: { name: row.name, mobile: row.mobile, documentType: row.documentType, documentNumber: row.documentNumber, verified: false } };
}

/** Facts from the database and from a batch overlay, together (the database's holder wins; lists are joined). */
export function mergeFacts(stored: LegacyFacts, overlay: LegacyFacts): LegacyFacts {
  const join = (a: readonly AccountFact[], b: readonly AccountFact[]) => {
    const seen = new Set(a.map((f) => loginNameKey(f.loginName)));
    return [...a, ...b.filter((f) => !seen.has(loginNameKey(f.loginName)))];
  };
  return {
    nameHolder: stored.nameHolder ?? overlay.nameHolder,
    prefixedNameHolder: stored.prefixedNameHolder ?? overlay.prefixedNameHolder,
    organizationAccounts: join(stored.organizationAccounts, overlay.organizationAccounts),
    verifiedPersonAccounts: join(stored.verifiedPersonAccounts, overlay.verifiedPersonAccounts),
  };
}
