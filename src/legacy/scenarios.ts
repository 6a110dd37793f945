/**
 * The generator's scenarios: for each source, every seed case and the
 * tie-breaks around it, each as a legacy row plus the platform accounts that
 * must exist before the import (fixtures) and the outcome it must get. The
 * weights give a plausible mix (most legacy accounts meet no conflict).
 */
import type { DocumentType } from '../accounts/rules.ts';
import type { LegacyCaseId, LegacyConflictReason, LegacyNote, LoginWindow } from './cases.ts';
import type { PlatformFixture, PlatformOrganization, PlatformPerson } from './facts.ts';
import type { Random, uniqueValues } from './generator-data.ts';
import type { ExpectedOutcome } from './generator.ts';
import { prefixedLoginName, type LegacyColumn, type LegacySource, type LegacySourceConfig } from './sources.ts';

type Fields = Partial<Record<LegacyColumn, string>>;

export interface ScenarioContext {
  random: Random;
  values: ReturnType<typeof uniqueValues>;
  fixture(partial: Omit<PlatformFixture, 'password'>): PlatformFixture;
  chineseName(): string;
  foreignName(): string;
  config: LegacySourceConfig;
  /** An employer of an earlier row of this file that the import creates (a foreign-work fw1 row), if any. */
  earlierEmployer(): Fields | undefined;
}

/** A row without its password columns (the generator adds those). */
export interface ScenarioRow {
  fields: Fields;
  fixtures: PlatformFixture[];
  expected: ExpectedOutcome;
}

export interface Scenario {
  id: string;
  weight: number;
  build(context: ScenarioContext): ScenarioRow;
}

const DOCUMENT_LABELS: Record<'resident_id' | 'foreign_passport', string> = { resident_id: '居民身份证', foreign_passport: '境外护照' };

const created = (id: LegacyCaseId, loginName: string, window: LoginWindow, grantTo: string | null = null, notes: LegacyNote[] = []): ExpectedOutcome => ({
  case: id,
  loginName,
  window,
  grantTo,
  notes,
});
const conflict = (reason: LegacyConflictReason): ExpectedOutcome => ({ case: 'conflict', reason });

/** Helpers shared by the scenarios of every source. */
function helpers(c: ScenarioContext) {
  const { random, values } = c;
  const documentField = (type: 'resident_id' | 'foreign_passport') => (random() < 0.7 ? DOCUMENT_LABELS[type] : type);
  return {
    documentField,
    /** A person other than `notName` with fresh mobile and document. */
    someone(notName = '', verified = random() < 0.5): PlatformPerson {
      let name = c.chineseName();
      while (name === notName) name = c.chineseName();
      return { name, mobile: values.mobile(), documentType: 'resident_id', documentNumber: values.residentId(), verified };
    },
    otherOrganization(): PlatformOrganization {
      return { name: values.organizationName(), creditCode: values.creditCode() };
    },
    natural(loginName: string, person: PlatformPerson) {
      return c.fixture({ kind: 'natural', loginName, person });
    },
    legal(loginName: string, organization: PlatformOrganization) {
      return c.fixture({ kind: 'legal', loginName, organization });
    },
    /** The row's document as a platform person holds it. */
    documentOf(fields: Fields): Pick<PlatformPerson, 'documentType' | 'documentNumber'> {
      const type = fields.document_type ?? '';
      const documentType: DocumentType | '' = type === '' ? '' : type === DOCUMENT_LABELS.resident_id || type === 'resident_id' ? 'resident_id' : 'foreign_passport';
      return { documentType, documentNumber: fields.document_number ?? '' };
    },
  };
}

// ---------------------------------------------------------------------------

function torchCompany(build: (c: ScenarioContext, row: Fields, h: ReturnType<typeof helpers>) => Omit<ScenarioRow, 'fields'>) {
  return (c: ScenarioContext): ScenarioRow => {
    const contact = c.random() < 0.85;
    const row: Fields = {
      credit_code: c.values.creditCode(),
      organization_name: c.values.organizationName(),
      contact_name: contact ? c.chineseName() : '',
      contact_mobile: contact ? c.values.mobile() : '',
    };
    return { fields: row, ...build(c, row, helpers(c)) };
  };
}

const TORCH_COMPANY: Scenario[] = [
  { id: 'tc1', weight: 60, build: torchCompany((_, r) => ({ fixtures: [], expected: created('torch-company-1', r.credit_code!, 'legal') })) },
  {
    id: 'tc2',
    weight: 10,
    build: torchCompany((_, r, h) => ({
      fixtures: [h.legal(r.credit_code!, { name: r.organization_name!, creditCode: r.credit_code! })],
      expected: created('torch-company-2', r.credit_code!, 'legal'),
    })),
  },
  {
    // The organisation was renamed on the platform: still the same one, by credit code.
    id: 'tc2-renamed',
    weight: 2,
    build: torchCompany((c, r, h) => ({
      fixtures: [h.legal(r.credit_code!, { name: c.values.organizationName(), creditCode: r.credit_code! })],
      expected: created('torch-company-2', r.credit_code!, 'legal'),
    })),
  },
  {
    id: 'tc3',
    weight: 8,
    build: torchCompany((_, r, h) => ({ fixtures: [h.natural(r.credit_code!, h.someone())], expected: created('torch-company-3', `HJ_${r.credit_code}`, 'legal') })),
  },
  {
    // Another organisation's legal account has the code as login name.
    id: 'tc3-other-organization',
    weight: 2,
    build: torchCompany((_, r, h) => ({ fixtures: [h.legal(r.credit_code!, h.otherOrganization())], expected: created('torch-company-3', `HJ_${r.credit_code}`, 'legal') })),
  },
  {
    id: 'tc4',
    weight: 10,
    build: torchCompany((c, r, h) => {
      const org = h.legal(c.values.loginName('platform'), { name: r.organization_name!, creditCode: r.credit_code! });
      return { fixtures: [org], expected: created('torch-company-4', r.credit_code!, 'natural', org.loginName) };
    }),
  },
  {
    id: 'tc4-name-taken',
    weight: 3,
    build: torchCompany((c, r, h) => {
      const org = h.legal(c.values.loginName('platform'), { name: r.organization_name!, creditCode: r.credit_code! });
      return { fixtures: [org, h.natural(r.credit_code!, h.someone())], expected: created('torch-company-4', `HJ_${r.credit_code}`, 'natural', org.loginName) };
    }),
  },
  {
    id: 'tc-conflict-prefixed',
    weight: 1,
    build: torchCompany((_, r, h) => ({
      fixtures: [h.natural(r.credit_code!, h.someone()), h.natural(`HJ_${r.credit_code}`, h.someone())],
      expected: conflict('PREFIXED_NAME_TAKEN'),
    })),
  },
  {
    // Same name, different credit code: another organisation, whose name blocks a new legal account.
    id: 'tc-conflict-organization-name',
    weight: 1,
    build: torchCompany((c, r, h) => ({
      fixtures: [h.legal(c.values.loginName('platform'), { name: r.organization_name!, creditCode: c.values.creditCode() })],
      expected: conflict('ORGANIZATION_NAME_TAKEN'),
    })),
  },
];

// ---------------------------------------------------------------------------

function torchPersonal(withDocument: boolean | null, build: (c: ScenarioContext, row: Fields, h: ReturnType<typeof helpers>) => Omit<ScenarioRow, 'fields'>) {
  return (c: ScenarioContext): ScenarioRow => {
    const h = helpers(c);
    const document = withDocument ?? c.random() < 0.6;
    const row: Fields = {
      mobile: c.values.mobile(),
      name: c.chineseName(),
      document_type: document ? h.documentField('resident_id') : '',
      document_number: document ? c.values.residentId() : '',
    };
    return { fields: row, ...build(c, row, h) };
  };
}

const TORCH_PERSONAL: Scenario[] = [
  { id: 'tp1', weight: 60, build: torchPersonal(null, (_, r) => ({ fixtures: [], expected: created('torch-personal-1', r.mobile!, 'natural') })) },
  {
    // Unverified, same reserved mobile and name: the same person (SPEC §11.9).
    id: 'tp2',
    weight: 8,
    build: torchPersonal(null, (_, r, h) => ({
      fixtures: [h.natural(r.mobile!, { name: r.name!, mobile: r.mobile!, documentType: '', documentNumber: '', verified: false })],
      expected: created('torch-personal-2', r.mobile!, 'natural'),
    })),
  },
  {
    id: 'tp2-verified',
    weight: 4,
    build: torchPersonal(true, (_, r, h) => ({
      fixtures: [h.natural(r.mobile!, { name: r.name!, mobile: r.mobile!, ...h.documentOf(r), verified: true })],
      expected: created('torch-personal-2', r.mobile!, 'natural'),
    })),
  },
  {
    id: 'tp3',
    weight: 8,
    build: torchPersonal(null, (_, r, h) => ({ fixtures: [h.natural(r.mobile!, h.someone(r.name))], expected: created('torch-personal-3', `HJ_${r.mobile}`, 'natural') })),
  },
  {
    // Same mobile and name, but verified with another document: someone else.
    id: 'tp3-other-document',
    weight: 2,
    build: torchPersonal(true, (c, r, h) => ({
      fixtures: [h.natural(r.mobile!, { name: r.name!, mobile: r.mobile!, documentType: 'resident_id', documentNumber: c.values.residentId(), verified: true })],
      expected: created('torch-personal-3', `HJ_${r.mobile}`, 'natural'),
    })),
  },
  {
    id: 'tp3-legal',
    weight: 1,
    build: torchPersonal(null, (_, r, h) => ({ fixtures: [h.legal(r.mobile!, h.otherOrganization())], expected: created('torch-personal-3', `HJ_${r.mobile}`, 'natural') })),
  },
  {
    id: 'tp4',
    weight: 6,
    build: torchPersonal(true, (c, r, h) => ({
      fixtures: [h.natural(c.values.loginName('platform'), { name: r.name!, mobile: c.values.mobile(), ...h.documentOf(r), verified: true })],
      expected: { case: 'torch-personal-4', loginName: null, window: 'natural', grantTo: null, notes: [] },
    })),
  },
  {
    // No document in the row: the verified account is found by reserved mobile and name.
    id: 'tp4-mobile',
    weight: 3,
    build: torchPersonal(false, (c, r, h) => ({
      fixtures: [h.natural(c.values.loginName('platform'), { name: r.name!, mobile: r.mobile!, documentType: 'resident_id', documentNumber: c.values.residentId(), verified: true })],
      expected: { case: 'torch-personal-4', loginName: null, window: 'natural', grantTo: null, notes: [] },
    })),
  },
  {
    id: 'tp4-name-taken',
    weight: 1,
    build: torchPersonal(true, (c, r, h) => ({
      fixtures: [
        h.natural(r.mobile!, h.someone(r.name, false)),
        h.natural(c.values.loginName('platform'), { name: r.name!, mobile: c.values.mobile(), ...h.documentOf(r), verified: true }),
      ],
      expected: { case: 'torch-personal-4', loginName: null, window: 'natural', grantTo: null, notes: [] },
    })),
  },
  {
    id: 'tp-conflict-prefixed',
    weight: 1,
    build: torchPersonal(null, (_, r, h) => ({
      fixtures: [h.natural(r.mobile!, h.someone(r.name)), h.natural(`HJ_${r.mobile}`, h.someone(r.name))],
      expected: conflict('PREFIXED_NAME_TAKEN'),
    })),
  },
];

// ---------------------------------------------------------------------------

function foreignWork(withCode: boolean | null, build: (c: ScenarioContext, row: Fields, h: ReturnType<typeof helpers>) => Omit<ScenarioRow, 'fields'>) {
  return (c: ScenarioContext): ScenarioRow => {
    // Foreign-named employers (English names, with a comma) have no credit code.
    const english = withCode === false || (withCode === null && c.random() < 0.2);
    const contact = c.random() < 0.8;
    const row: Fields = {
      login_name: c.values.loginName('employer'),
      organization_name: c.values.organizationName(english),
      credit_code: english ? '' : c.values.creditCode(),
      contact_name: contact ? c.chineseName() : '',
      contact_mobile: contact ? c.values.mobile() : '',
    };
    return { fields: row, ...build(c, row, helpers(c)) };
  };
}

const sameEmployer = (c: ScenarioContext, r: Fields, h: ReturnType<typeof helpers>) =>
  h.legal(c.values.loginName('platform'), { name: r.organization_name!, creditCode: r.credit_code || c.values.creditCode() });
const wp = (r: Fields) => prefixedLoginName('foreign-work', r.login_name!);

const fw3 = foreignWork(true, (c, r, h) => {
  const org = sameEmployer(c, r, h);
  return { fixtures: [org], expected: created('foreign-work-3', wp(r), 'natural', org.loginName) };
});

const FOREIGN_WORK: Scenario[] = [
  { id: 'fw1', weight: 50, build: foreignWork(null, (_, r) => ({ fixtures: [], expected: created('foreign-work-1', r.login_name!, 'legal') })) },
  { id: 'fw2', weight: 10, build: foreignWork(null, (_, r, h) => ({ fixtures: [h.natural(r.login_name!, h.someone())], expected: created('foreign-work-2', wp(r), 'legal') })) },
  {
    id: 'fw2-other-organization',
    weight: 2,
    build: foreignWork(null, (_, r, h) => ({ fixtures: [h.legal(r.login_name!, h.otherOrganization())], expected: created('foreign-work-2', wp(r), 'legal') })),
  },
  { id: 'fw3', weight: 10, build: fw3 },
  {
    // The employer had two accounts in the old system: the first (an fw1 row earlier in the file)
    // becomes its legal account, this one a natural account it authorises. Only an import that
    // sees the accounts created by earlier rows of the same batch gets this right.
    id: 'fw3-second-account',
    weight: 2,
    build: (c) => {
      const first = c.earlierEmployer();
      if (!first) return fw3(c);
      const row: Fields = { login_name: c.values.loginName('employer'), organization_name: first.organization_name, credit_code: first.credit_code, contact_name: c.chineseName(), contact_mobile: c.values.mobile() };
      return { fields: row, fixtures: [], expected: created('foreign-work-3', wp(row), 'natural', first.login_name!) };
    },
  },
  {
    // The row has no credit code: the organisation is matched by its exact name.
    id: 'fw3-by-name',
    weight: 3,
    build: foreignWork(false, (c, r, h) => {
      const org = sameEmployer(c, r, h);
      return { fixtures: [org], expected: created('foreign-work-3', wp(r), 'natural', org.loginName) };
    }),
  },
  {
    id: 'fw4',
    weight: 6,
    build: foreignWork(null, (c, r, h) => {
      const org = sameEmployer(c, r, h);
      return { fixtures: [org, h.legal(r.login_name!, h.otherOrganization())], expected: created('foreign-work-4', wp(r), 'natural', org.loginName) };
    }),
  },
  {
    // A natural account has the name: it belongs to no organisation, so not the same one.
    id: 'fw4-natural',
    weight: 2,
    build: foreignWork(null, (c, r, h) => {
      const org = sameEmployer(c, r, h);
      return { fixtures: [org, h.natural(r.login_name!, h.someone())], expected: created('foreign-work-4', wp(r), 'natural', org.loginName) };
    }),
  },
  {
    id: 'fw5',
    weight: 8,
    build: foreignWork(null, (c, r, h) => ({
      fixtures: [h.legal(r.login_name!, { name: r.organization_name!, creditCode: r.credit_code || c.values.creditCode() })],
      expected: created('foreign-work-5', r.login_name!, 'legal'),
    })),
  },
  {
    id: 'fw-conflict-organization-name',
    weight: 1,
    build: foreignWork(true, (c, r, h) => ({
      fixtures: [h.legal(c.values.loginName('platform'), { name: r.organization_name!, creditCode: c.values.creditCode() })],
      expected: conflict('ORGANIZATION_NAME_TAKEN'),
    })),
  },
  {
    id: 'fw-conflict-prefixed',
    weight: 1,
    build: foreignWork(null, (c, r, h) => ({ fixtures: [sameEmployer(c, r, h), h.natural(wp(r), h.someone())], expected: conflict('PREFIXED_NAME_TAKEN') })),
  },
];

// ---------------------------------------------------------------------------

function foreignExpert(options: { mobile?: boolean; document?: boolean }, build: (c: ScenarioContext, row: Fields, h: ReturnType<typeof helpers>) => Omit<ScenarioRow, 'fields'>) {
  return (c: ScenarioContext): ScenarioRow => {
    const h = helpers(c);
    const r = c.random();
    const type = options.document === true || (options.document === undefined && r < 0.8) ? 'foreign_passport' : r < 0.9 ? 'resident_id' : null;
    const row: Fields = {
      login_name: c.values.loginName('expert'),
      name: type === 'resident_id' ? c.chineseName() : c.foreignName(),
      mobile: options.mobile === false ? '' : c.values.mobile(),
      document_type: type ? h.documentField(type) : '',
      document_number: type === 'foreign_passport' ? c.values.passport() : type === 'resident_id' ? c.values.residentId() : '',
    };
    return { fields: row, ...build(c, row, h) };
  };
}

const wgzjxm = (r: Fields) => prefixedLoginName('foreign-expert', r.login_name!);

const FOREIGN_EXPERT: Scenario[] = [
  { id: 'fe1', weight: 60, build: foreignExpert({}, (_, r) => ({ fixtures: [], expected: created('foreign-expert-1', r.login_name!, 'natural') })) },
  {
    id: 'fe1-no-mobile',
    weight: 6,
    build: foreignExpert({ mobile: false }, (_, r) => ({ fixtures: [], expected: created('foreign-expert-1', r.login_name!, 'natural', null, ['NO_RESERVED_MOBILE']) })),
  },
  {
    id: 'fe1-document-verified',
    weight: 4,
    build: foreignExpert({ document: true }, (c, r, h) => ({
      fixtures: [h.natural(c.values.loginName('platform'), { name: r.name!, mobile: c.values.mobile(), ...h.documentOf(r), verified: true })],
      expected: created('foreign-expert-1', r.login_name!, 'natural', null, ['DOCUMENT_VERIFIED_ELSEWHERE']),
    })),
  },
  { id: 'fe2', weight: 15, build: foreignExpert({}, (_, r, h) => ({ fixtures: [h.natural(r.login_name!, h.someone(r.name, false))], expected: created('foreign-expert-2', wgzjxm(r), 'natural') })) },
  {
    // The same person holds the name with a verified account: still prefixed, and told about FAQ 五.1.
    id: 'fe2-same-person',
    weight: 3,
    build: foreignExpert({ document: true }, (_, r, h) => ({
      fixtures: [h.natural(r.login_name!, { name: r.name!, mobile: r.mobile!, ...h.documentOf(r), verified: true })],
      expected: created('foreign-expert-2', wgzjxm(r), 'natural', null, ['DOCUMENT_VERIFIED_ELSEWHERE']),
    })),
  },
  {
    id: 'fe-conflict-prefixed',
    weight: 1,
    build: foreignExpert({}, (_, r, h) => ({ fixtures: [h.natural(r.login_name!, h.someone(r.name)), h.natural(wgzjxm(r), h.someone(r.name))], expected: conflict('PREFIXED_NAME_TAKEN') })),
  },
];

export const SCENARIOS: Record<LegacySource, readonly Scenario[]> = {
  'torch-company': TORCH_COMPANY,
  'torch-personal': TORCH_PERSONAL,
  'foreign-work': FOREIGN_WORK,
  'foreign-expert': FOREIGN_EXPERT,
};
