/** A review's submitted data, codes shown by their Chinese (or English) names, beside its uploaded files. */
import { MATERIAL_SLOTS } from '../../../src/realname/materials.ts';
import type { OrganizationData, PersonData } from '../../../src/realname/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { reviewFileUrl, type ReviewDetail } from './admin-api.ts';
import { DataBesideFiles, DataCard, type DataItem } from './DataBesideFiles.tsx';
import { documentTypeName, identityRegionName, legalPersonTypeName, legalRegionName } from './labels.ts';

type I18n = Pick<ReturnType<typeof useI18n>, 't' | 'lang'>;

function personItems(person: PersonData, mobile: string | null, { t, lang }: I18n): DataItem[] {
  const validTo = person.longTerm ? t('长期有效', 'No expiry') : person.validTo || '—';
  return [
    { key: 'name', label: t('姓名', 'Name'), children: person.name },
    { key: 'region', label: t('类型', 'Identity type'), children: identityRegionName(person.region, lang) },
    { key: 'documentType', label: t('证件类型', 'Document type'), children: documentTypeName(person.documentType, lang) },
    { key: 'documentNumber', label: t('证件号码', 'Document number'), children: person.documentNumber },
    { key: 'validity', label: t('证件有效期', 'Validity'), children: `${person.validFrom || '—'} ${t('至', 'to')} ${validTo}` },
    { key: 'mobile', label: t('手机', 'Mobile'), children: mobile ?? '—' },
  ];
}

function organizationItems(org: OrganizationData, mobile: string | null, { t, lang }: I18n): DataItem[] {
  const representative = org.legalRepresentative;
  return [
    { key: 'name', label: t('单位名称', 'Organisation name'), children: org.name },
    { key: 'region', label: t('法人所在地区类型', 'Organisation region'), children: legalRegionName(org.region, lang) },
    { key: 'legalPersonType', label: t('法人类型', 'Legal person type'), children: legalPersonTypeName(org.legalPersonType, lang) },
    {
      key: 'code',
      label: org.region === 'domestic' ? t('统一社会信用代码', 'Unified social credit code') : t('单位唯一标识码', 'Unique organisation identifier'),
      children: org.code || '—',
    },
    { key: 'lrName', label: t('法定代表人姓名', 'Legal representative'), children: representative.name },
    { key: 'lrType', label: t('法定代表人证件类型', 'Legal representative document type'), children: documentTypeName(representative.documentType, lang) },
    { key: 'lrNumber', label: t('法定代表人证件号码', 'Legal representative document number'), children: representative.documentNumber },
    { key: 'mobile', label: t('主代办人手机', 'Primary agent mobile'), children: mobile ?? '—' },
  ];
}

export function SubmittedData({ review }: { review: ReviewDetail }) {
  const i18n = useI18n();
  const items = 'person' in review.data ? personItems(review.data.person, review.mobile, i18n) : organizationItems(review.data.organization, review.mobile, i18n);
  return (
    <DataBesideFiles
      files={review.files}
      slotOrder={MATERIAL_SLOTS[review.subject].map((s) => s.slot)}
      open={review.status === 'open'}
      fileUrl={(uploadId) => reviewFileUrl(review.id, uploadId)}
    >
      <DataCard title={i18n.t('提交的信息', 'Submitted information')} items={items} />
    </DataBesideFiles>
  );
}
