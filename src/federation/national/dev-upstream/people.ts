/**
 * The development upstream's people: the development registry's synthetic persons
 * (src/realname/registry/data/, the same file the registry reads), each given a login
 * name and password of their own on the national platform, shown on its login page.
 * Pure: no I/O beyond what loadRegistryData reads.
 */
import { createHash } from 'node:crypto';
import { documentKey, type DocumentType } from '../../../accounts/rules.ts';
import { loadRegistryData, type PersonRecord } from '../../../realname/registry/records.ts';

export interface UpstreamPerson {
  sub: string;
  loginName: string;
  password: string;
  name: string;
  documentType: string;
  documentNumber: string;
  /** The national platform's own verification level of this person (实名核验等级). */
  verificationLevel: string;
}

/** Every synthetic person verified by the national platform at its highest level. */
export const DEV_VERIFICATION_LEVEL = 'L3';

/** Login name and password of the n-th person (1-based): gjzw01 / Gjzw@2024-01. */
export function devCredentials(n: number): { loginName: string; password: string } {
  const index = String(n).padStart(2, '0');
  return { loginName: `gjzw${index}`, password: `Gjzw@2024-${index}` };
}

/** A stable subject per person, derived from its document (an upstream never reuses one). */
export function devSubject(person: Pick<PersonRecord, 'documentType' | 'documentNumber'>): string {
  return `gj-${createHash('sha256').update(documentKey(person.documentType as DocumentType, person.documentNumber)).digest('hex').slice(0, 24)}`;
}

export function peopleFrom(persons: Iterable<PersonRecord>): UpstreamPerson[] {
  return [...persons].map((person, i) => ({
    sub: devSubject(person),
    ...devCredentials(i + 1),
    name: person.name,
    documentType: person.documentType,
    documentNumber: person.documentNumber,
    verificationLevel: DEV_VERIFICATION_LEVEL,
  }));
}

export function loadPeople(dataFile: string): UpstreamPerson[] {
  return peopleFrom(loadRegistryData(dataFile).persons.values());
}
