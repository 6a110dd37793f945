/**
 * The development registry's data: synthetic persons and organisations read from a JSON
 * file (data/dev-registry.json by default); an organisation names its legal representative
 * by document, one of the persons. Loading refuses a file whose numbers would not
 * pass the platform's own format checks, so a typo in test data shows up at start-up,
 * not as a puzzling `not_found`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkCreditCode, checkDocumentNumber, documentKey, normalizeCreditCode } from '../../accounts/rules.ts';
import { REGISTRY_DOCUMENT_TYPES, REGISTRY_LEGAL_PERSON_TYPES } from '../registry-protocol.ts';

export const DEFAULT_DATA_FILE = path.join(import.meta.dirname, 'data', 'dev-registry.json');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const personRecordSchema = z
  .object({
    name: z.string().min(1),
    documentType: z.enum(REGISTRY_DOCUMENT_TYPES),
    documentNumber: z.string().min(1),
    validFrom: isoDate,
    validTo: isoDate.optional(),
    longTerm: z.boolean().optional(),
  })
  .refine((p) => (p.longTerm === true) !== (p.validTo !== undefined), 'give either validTo or longTerm: true');

const organizationRecordSchema = z.object({
  name: z.string().min(1),
  creditCode: z.string().min(1),
  legalPersonType: z.enum(REGISTRY_LEGAL_PERSON_TYPES),
  /** The legal representative: one of `persons`, named by document (its name is the person's). */
  legalRepresentative: z.object({ documentType: z.enum(REGISTRY_DOCUMENT_TYPES), documentNumber: z.string().min(1) }),
});

const registryFileSchema = z.object({
  _comment: z.string().optional(),
  persons: z.array(personRecordSchema),
  organizations: z.array(organizationRecordSchema),
});

export type PersonRecord = z.infer<typeof personRecordSchema>;
export type OrganizationRecord = z.infer<typeof organizationRecordSchema>;

/** An organisation with its legal representative's person record. */
export interface OrganizationEntry extends OrganizationRecord {
  representative: PersonRecord;
}

export interface RegistryData {
  /** By documentKey(type, number): type + upper-cased number. */
  persons: ReadonlyMap<string, PersonRecord>;
  /** By upper-cased credit code. */
  organizations: ReadonlyMap<string, OrganizationEntry>;
}

/** Validates parsed JSON and indexes it; throws one Error listing every problem. */
export function registryDataFrom(json: unknown, source = 'registry data'): RegistryData {
  const parsed = registryFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${source} is not valid:\n${lines.join('\n')}`);
  }
  const problems: string[] = [];
  const persons = new Map<string, PersonRecord>();
  parsed.data.persons.forEach((p, i) => {
    const check = checkDocumentNumber(p.documentType, p.documentNumber);
    if (!check.ok) problems.push(`  persons.${i} (${p.name}): ${check.code}`);
    const key = documentKey(p.documentType, p.documentNumber);
    if (persons.has(key)) problems.push(`  persons.${i} (${p.name}): duplicate document ${key}`);
    persons.set(key, p);
  });
  const organizations = new Map<string, OrganizationEntry>();
  parsed.data.organizations.forEach((o, i) => {
    const check = checkCreditCode(o.creditCode);
    if (!check.ok) problems.push(`  organizations.${i} (${o.name}): ${check.code}`);
    const key = normalizeCreditCode(o.creditCode);
    if (organizations.has(key)) problems.push(`  organizations.${i} (${o.name}): duplicate credit code ${key}`);
    const representativeKey = documentKey(o.legalRepresentative.documentType, o.legalRepresentative.documentNumber);
    const representative = persons.get(representativeKey);
    if (!representative) problems.push(`  organizations.${i} (${o.name}): legal representative ${representativeKey} is not among the persons`);
    else organizations.set(key, { ...o, representative });
  });
  if (problems.length > 0) throw new Error(`${source} is not valid:\n${problems.join('\n')}`);
  return { persons, organizations };
}

export function loadRegistryData(file: string): RegistryData {
  return registryDataFrom(JSON.parse(readFileSync(file, 'utf8')), file);
}
