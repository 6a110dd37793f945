/**
 * How the development registry answers a question: pure functions over its data.
 * - not_found: no record for the document (type + number) or credit code, letter case ignored;
 * - mismatch: a record exists but a given field differs, each such field listed;
 * - match: every given field agrees.
 * Optional fields (validity dates, legal person type) are compared only when given.
 * An organisation's legal representative is checked as a person: the document must be the
 * one the organisation's record names, and the name the one the person registry holds for it.
 */
import { documentKey, normalizeCreditCode, normalizeDocumentNumber } from '../../accounts/rules.ts';
import type { MismatchedField, OrganizationQuery, PersonQuery } from '../registry-protocol.ts';
import type { RegistryData } from './records.ts';

export type Verdict =
  | { result: 'match' }
  | { result: 'mismatch'; mismatched: MismatchedField[] }
  | { result: 'not_found' };

/** Names are compared exactly, apart from surrounding blanks and Unicode normal form. */
function sameName(a: string, b: string): boolean {
  return a.trim().normalize('NFC') === b.trim().normalize('NFC');
}

function verdict(mismatched: MismatchedField[]): Verdict {
  return mismatched.length === 0 ? { result: 'match' } : { result: 'mismatch', mismatched };
}

/** End of validity as one comparable value; undefined when the question does not give it. */
function validityEnd(validTo: string | undefined, longTerm: boolean | undefined): string | undefined {
  if (longTerm === true) return 'long_term';
  return validTo === undefined || validTo === '' ? undefined : validTo;
}

export function verifyPerson(data: RegistryData, query: PersonQuery): Verdict {
  const record = data.persons.get(documentKey(query.documentType, query.documentNumber));
  if (!record) return { result: 'not_found' };
  const mismatched: MismatchedField[] = [];
  if (!sameName(record.name, query.name)) mismatched.push('name');
  if (query.validFrom !== undefined && query.validFrom !== record.validFrom) mismatched.push('validFrom');
  const end = validityEnd(query.validTo, query.longTerm);
  if (end !== undefined && end !== validityEnd(record.validTo, record.longTerm)) mismatched.push('validTo');
  return verdict(mismatched);
}

export function verifyOrganization(data: RegistryData, query: OrganizationQuery): Verdict {
  const record = data.organizations.get(normalizeCreditCode(query.creditCode));
  if (!record) return { result: 'not_found' };
  const mismatched: MismatchedField[] = [];
  if (!sameName(record.name, query.name)) mismatched.push('name');
  if (query.legalPersonType !== undefined && query.legalPersonType !== record.legalPersonType) mismatched.push('legalPersonType');
  const representative = query.legalRepresentative;
  if (!sameName(record.representative.name, representative.name)) mismatched.push('legalRepresentativeName');
  if (documentKey(representative.documentType, representative.documentNumber) !== documentKey(record.representative.documentType, record.representative.documentNumber)) {
    // The same number under another type is a wrong type; anything else is a wrong number.
    const sameNumber = normalizeDocumentNumber(representative.documentNumber) === normalizeDocumentNumber(record.representative.documentNumber);
    mismatched.push(sameNumber ? 'legalRepresentativeDocumentType' : 'legalRepresentativeDocumentNumber');
  }
  return verdict(mismatched);
}
