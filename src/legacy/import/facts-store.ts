/**
 * The SQL loader of the decision's facts (cases.ts LegacyFacts) for a batch of legacy rows,
 * in three queries whatever the batch size (src/legacy/README.md, "Facts, and how to load
 * them"): accounts holding the batch's legacy and prefixed login names, legal accounts of the
 * batch's organisations (by credit code or name), verified natural persons holding the batch's
 * documents or mobiles. It gives the same facts as memoryPlatform (facts.ts) for the same
 * accounts; persons are compared through keyed hashes, never decrypted.
 *
 * Each key is looked up on its own (unnest + lateral, in a transaction that discourages scans,
 * importer.ts): with thousands of keys `= any(…)` or a plain join lets the planner scan whole
 * tables once per batch (or, on tables the import is filling faster than statistics follow, once
 * per key), so an import of a million rows would slow down as it goes.
 */
import { documentKey, loginNameKey } from '../../accounts/rules.ts';
import type { Db } from '../../platform/db.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { AccountFact, LegacyFacts, PersonComparison } from '../cases.ts';
import { compareOrganization, organizationNameKey, personNameKey } from '../facts.ts';
import type { LegacyRow } from '../rows.ts';
import { LEGACY_SOURCE_CONFIG, prefixedLoginName } from '../sources.ts';

type Hasher = Pick<PersonalDataCipher, 'lookupHash'>;

/** An existing account as the loader reads it. */
interface StoredAccount {
  id: string;
  kind: 'natural' | 'legal';
  login_name: string;
  login_name_key: string;
  org_name: string | null;
  org_code: string | null;
  /** Natural accounts with a natural_person identity only. */
  has_person: boolean;
  person_name: string | null;
  mobile_hash: string | null;
  document_hash: string | null;
  verified: boolean;
}

/** The keyed hashes of the row's mobile and document ('' when it has none). */
export interface RowHashes {
  mobile: string;
  document: string;
}

export function rowHashes(row: LegacyRow, cipher: Hasher): RowHashes {
  return {
    mobile: row.mobile ? cipher.lookupHash('mobile', row.mobile) : '',
    document: row.documentType && row.documentNumber ? cipher.lookupHash('document', documentKey(row.documentType, row.documentNumber)) : '',
  };
}

/** comparePerson of facts.ts, on keyed hashes. */
function comparePersonHashed(row: LegacyRow, hashes: RowHashes, account: StoredAccount): PersonComparison {
  return {
    verified: account.verified,
    sameDocument: hashes.document && account.document_hash ? hashes.document === account.document_hash : null,
    sameMobile: hashes.mobile !== '' && hashes.mobile === account.mobile_hash,
    sameName: row.name !== '' && personNameKey(row.name) === personNameKey(account.person_name ?? ''),
  };
}

function accountFact(row: LegacyRow, hashes: RowHashes, account: StoredAccount): AccountFact {
  const fact: AccountFact = { loginName: account.login_name, kind: account.kind };
  if (account.kind === 'legal' && account.org_name !== null) fact.organization = compareOrganization(row, { name: account.org_name, creditCode: account.org_code ?? '' });
  if (account.kind === 'natural' && account.has_person) fact.person = comparePersonHashed(row, hashes, account);
  return fact;
}

const VERIFIED = `v.status in ('registry_verified', 'manually_approved')`;
const PERSON_COLUMNS = `i.account_id is not null as has_person, i.name as person_name, i.mobile_hash, i.document_hash`;

export interface BatchFacts {
  /** The facts of one row of the batch (without the accounts the batch itself creates). */
  facts(row: LegacyRow): LegacyFacts;
  /** Ids of the loaded accounts by login_name_key (grants name their organisation by login name). */
  accountIds: Map<string, string>;
}

/** Loads what the platform holds about a batch of rows of one source. */
export async function loadBatchFacts(tx: Db, cipher: Hasher, rows: readonly LegacyRow[]): Promise<BatchFacts> {
  const accountIds = new Map<string, string>();
  if (rows.length === 0) return { facts: () => ({ nameHolder: null, prefixedNameHolder: null, organizationAccounts: [], verifiedPersonAccounts: [] }), accountIds };
  const source = rows[0]!.source;
  const subject = LEGACY_SOURCE_CONFIG[source].subject;
  const hashes = new Map(rows.map((row) => [row, rowHashes(row, cipher)]));

  const names = new Set<string>();
  for (const row of rows) {
    names.add(loginNameKey(row.loginName));
    names.add(loginNameKey(prefixedLoginName(source, row.loginName)));
  }
  const holders = await tx.query<StoredAccount>(
    `select a.id, a.kind, a.login_name, a.login_name_key, o.name as org_name, o.code as org_code, ${PERSON_COLUMNS},
       coalesce(${VERIFIED}, false) as verified
     from unnest($1::text[]) as k (key)
       cross join lateral (select * from accounts a where a.login_name_key = k.key offset 0) as a
       left join organizations o on a.kind = 'legal' and o.account_id = a.id
       left join identities i on a.kind = 'natural' and i.account_id = a.id and i.role = 'natural_person'
       left join verifications v on a.kind = 'natural' and v.account_id = a.id and v.subject = 'natural_person'`,
    [[...names]],
  );
  const byLoginName = new Map(holders.map((a) => [a.login_name_key, a]));

  let organizations: StoredAccount[] = [];
  let persons: StoredAccount[] = [];
  if (subject === 'organization') {
    const codes = [...new Set(rows.filter((r) => r.creditCode).map((r) => r.creditCode))];
    const nameKeys = [...new Set(rows.map((r) => organizationNameKey(r.organizationName)))];
    organizations = await tx.query<StoredAccount>(
      `select a.id, a.kind, a.login_name, a.login_name_key, o.name as org_name, o.code as org_code,
         false as has_person, null as person_name, null as mobile_hash, null as document_hash, false as verified
       from (select o.account_id, o.name, o.code from unnest($1::text[]) as k (key)
               cross join lateral (select * from organizations o where o.code_key = k.key offset 0) as o
             union select o.account_id, o.name, o.code from unnest($2::text[]) as k (key)
               cross join lateral (select * from organizations o where o.name_key = k.key offset 0) as o) as o
         join accounts a on a.id = o.account_id and a.kind = 'legal'`,
      [codes, nameKeys],
    );
  } else {
    const documents = [...new Set([...hashes.values()].map((h) => h.document).filter(Boolean))];
    const mobiles = [...new Set([...hashes.values()].map((h) => h.mobile).filter(Boolean))];
    persons = await tx.query<StoredAccount>(
      `select a.id, a.kind, a.login_name, a.login_name_key, null as org_name, null as org_code, ${PERSON_COLUMNS}, true as verified
       from (select i.account_id, i.name, i.mobile_hash, i.document_hash from unnest($1::text[]) as k (key)
               cross join lateral (select * from identities i where i.document_hash = k.key and i.role = 'natural_person' offset 0) as i
             union select i.account_id, i.name, i.mobile_hash, i.document_hash from unnest($2::text[]) as k (key)
               cross join lateral (select * from identities i where i.mobile_hash = k.key and i.role = 'natural_person' offset 0) as i) as i
         join accounts a on a.id = i.account_id and a.kind = 'natural'
         join verifications v on v.account_id = i.account_id and v.subject = 'natural_person' and ${VERIFIED}`,
      [documents, mobiles],
    );
  }
  for (const account of [...holders, ...organizations, ...persons]) accountIds.set(account.login_name_key, account.id);

  // Indexed once per batch, so each row's facts cost a few map lookups.
  const organizationsByCode = groupBy(organizations.filter((o) => o.org_code), (o) => o.org_code!.toUpperCase());
  const organizationsByName = groupBy(organizations, (o) => organizationNameKey(o.org_name ?? ''));
  const personsByDocument = groupBy(persons.filter((p) => p.document_hash), (p) => p.document_hash!);
  const personsByMobile = groupBy(persons.filter((p) => p.mobile_hash), (p) => p.mobile_hash!);

  const organizationsOf = (row: LegacyRow): StoredAccount[] => {
    if (subject !== 'organization') return [];
    // Upper-case codes on both sides (code_key is upper case; rows.ts upper-cases the row's).
    const byCode = row.creditCode ? (organizationsByCode.get(row.creditCode) ?? []) : [];
    return distinct([...byCode, ...(organizationsByName.get(organizationNameKey(row.organizationName)) ?? [])]);
  };
  const personsOf = (h: RowHashes): StoredAccount[] => {
    if (subject !== 'person') return [];
    const byDocument = h.document ? (personsByDocument.get(h.document) ?? []) : [];
    return distinct([...byDocument, ...(h.mobile ? (personsByMobile.get(h.mobile) ?? []) : [])]);
  };

  return {
    accountIds,
    facts(row) {
      const h = hashes.get(row) ?? rowHashes(row, cipher);
      const fact = (account: StoredAccount | undefined) => (account ? accountFact(row, h, account) : null);
      return {
        nameHolder: fact(byLoginName.get(loginNameKey(row.loginName))),
        prefixedNameHolder: fact(byLoginName.get(loginNameKey(prefixedLoginName(source, row.loginName)))),
        organizationAccounts: organizationsOf(row).map((a) => accountFact(row, h, a)),
        verifiedPersonAccounts: personsOf(h).map((a) => accountFact(row, h, a)),
      };
    },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const distinct = (accounts: StoredAccount[]) => [...new Map(accounts.map((a) => [a.id, a])).values()];
