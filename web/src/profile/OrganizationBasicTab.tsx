import { fieldValue } from '../../../src/accounts/profile-fields.ts';
import { useI18n } from '../lib/i18n.tsx';
import { EditableSection } from './EditableSection.tsx';
import { BASIC_CAPTIONS, LABELS, codeLabel, displayValue, label, validityText } from './fields.ts';
import { OrganizationBasicForm } from './OrganizationBasicForm.tsx';
import type { OrganizationBasicValues, VerificationView } from './profile-api.ts';
import { InfoTable, type InfoRow } from './SectionFrame.tsx';

const SECTION = 'organization_basic';

/** 法人单位基本信息: 系统已确认的法人信息 with the legal representative, in view or edit mode. */
export function OrganizationBasicTab({ organization, missing, status, reload }: { organization: OrganizationBasicValues; missing: string[]; status?: VerificationView; reload: () => Promise<void> }) {
  return (
    <EditableSection
      title={{ zh: '系统已确认的法人信息', en: 'Organisation information on record' }}
      missing={missing}
      status={status}
      editLabel={{ zh: '修改法人信息', en: 'Edit organisation information' }}
      uploadSubject="organization"
      recordSections={[SECTION]}
      reload={reload}
      view={<OrganizationBasicView organization={organization} />}
      renderForm={(handlers) => <OrganizationBasicForm organization={organization} {...handlers} />}
    />
  );
}

function OrganizationBasicView({ organization }: { organization: OrganizationBasicValues }) {
  const { lang } = useI18n();
  const rep = organization.legalRepresentative ?? {};
  const value = (path: string) => displayValue(SECTION, path, fieldValue(organization, path), lang);
  const row = (path: string, wide = false): InfoRow => ({ label: label(SECTION, path), value: value(path), wide });
  const region = organization.region;
  const term = [organization.businessTermFrom, organization.businessTermTo].some(Boolean)
    ? `${String(organization.businessTermFrom ?? '')} ${LABELS.to[lang]} ${String(organization.businessTermTo ?? '')}`.trim()
    : '';

  const organizationRows: InfoRow[] = [
    row('name', true),
    row('englishName', true),
    row('shortName', true),
    row('homepage', true),
    row('region'),
    row('legalPersonType'),
    ...(region === 'hkmt' ? [row('area', true)] : []),
    ...(region === 'foreign' ? [row('continent'), row('country')] : []),
    { label: codeLabel(region), value: value('code'), wide: true },
    row('nature'),
    row('independent'),
    row('address', true),
    row('postcode'),
    row('email'),
    row('foundedOn', true),
    row('capitalCurrency'),
    row('capital'),
    row('registrationAuthority'),
    row('registrationStatus'),
    { label: LABELS.businessTerm, value: term, wide: true },
    row('phone'),
    row('fax'),
    row('mailingAddress', true),
  ];
  const representativeRows: InfoRow[] = [
    row('legalRepresentative.name'),
    row('legalRepresentative.mobile'),
    row('legalRepresentative.email', true),
    row('legalRepresentative.region', true),
    row('legalRepresentative.documentType'),
    row('legalRepresentative.documentNumber'),
    { label: LABELS.representativeValidity, value: validityText(rep, lang), wide: true },
  ];
  return (
    <>
      <InfoTable caption={BASIC_CAPTIONS.organization} rows={organizationRows} />
      <InfoTable caption={BASIC_CAPTIONS.representative} rows={representativeRows} />
    </>
  );
}
