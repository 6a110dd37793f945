/**
 * What an appellant submitted, codes by their names: the person (自然人申诉), or the
 * organisation with its new primary agent (单位法人用户申诉); and for a legal appeal, the
 * organisation as registered, each key field marked 一致 / 不一致 with what was typed.
 */
import { Alert, Space, Tag } from 'antd';
import type { AppealPerson } from '../../../src/recovery/appeals-store.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { AppealDetail, OrganizationMatch } from './admin-api.ts';
import { DataCard, type DataItem } from './DataBesideFiles.tsx';
import { documentTypeName, identityRegionName, legalPersonTypeName, passwordChangeReasonName, type Label } from './labels.ts';

type Lang = 'zh' | 'en';

const PERSON_FIELDS: { key: keyof AppealPerson; label: Label; shown?(code: string, lang: Lang): string }[] = [
  { key: 'name', label: { zh: '姓名', en: 'name' } },
  { key: 'region', label: { zh: '身份类型', en: 'identity type' }, shown: identityRegionName },
  { key: 'documentType', label: { zh: '证件类型', en: 'document type' }, shown: documentTypeName },
  { key: 'documentNumber', label: { zh: '证件号码', en: 'document number' } },
];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The person's fields, labelled with `prefix` (主代办人) when it is not the appellant's own. */
function personItems(person: AppealPerson, mobileLabel: Label, lang: Lang, prefix?: Label): DataItem[] {
  const label = (own: Label) => (prefix ? (lang === 'zh' ? prefix.zh + own.zh : `${prefix.en} ${own.en}`) : capitalised(own[lang]));
  return [
    ...PERSON_FIELDS.map(({ key, label: own, shown }) => ({ key, label: label(own), children: shown ? shown(person[key], lang) : person[key] })),
    { key: 'mobile', label: label(mobileLabel), children: person.mobile },
  ];
}

function appealItems(data: AppealDetail['data'], { t, lang }: Pick<ReturnType<typeof useI18n>, 't' | 'lang'>): DataItem[] {
  if (data.kind === 'natural') return personItems(data.person, { zh: '手机号', en: 'mobile' }, lang);
  return [
    { key: 'organizationName', label: t('单位名称', 'Organisation name'), children: data.organizationName },
    { key: 'legalPersonType', label: t('法人类型', 'Legal person type'), children: legalPersonTypeName(data.legalPersonType, lang) },
    { key: 'creditCode', label: t('统一社会信用代码', 'Unified social credit code'), children: data.creditCode || '—' },
    ...personItems(data.agent, { zh: '移动电话', en: 'mobile' }, lang, { zh: '主代办人', en: 'Primary agent' }),
    { key: 'email', label: t('电子邮箱', 'E-mail'), children: data.email || '—' },
    { key: 'reason', label: t('密码修改原因', 'Reason for the change'), children: passwordChangeReasonName(data.reason, lang) },
  ];
}

function Match({ value, matches }: { value: string; matches: boolean }) {
  const { t } = useI18n();
  return (
    <Space size="small" wrap>
      <span>{value || '—'}</span>
      {matches ? <Tag color="success">{t('一致', 'Matches')}</Tag> : <Tag color="error">{t('不一致', 'Differs')}</Tag>}
    </Space>
  );
}

/** The registered organisation beside the appeal's typed name, type and code. */
function RegisteredOrganization({ match }: { match: OrganizationMatch | null }) {
  const { t, lang } = useI18n();
  const title = t('登记的单位信息', 'Organisation as registered');
  if (!match) return <Alert type="warning" showIcon title={t('未找到登记的单位', 'The registered organisation was not found')} />;
  const { registered } = match;
  return (
    <DataCard
      title={title}
      items={[
        { key: 'name', label: t('登记的单位名称', 'Registered name'), children: <Match value={registered.name} matches={match.nameMatches} /> },
        { key: 'type', label: t('登记的法人类型', 'Registered legal person type'), children: <Match value={legalPersonTypeName(registered.legalPersonType, lang)} matches={match.typeMatches} /> },
        { key: 'code', label: t('登记的统一社会信用代码', 'Registered credit code'), children: <Match value={registered.code} matches={match.codeMatches} /> },
      ]}
    />
  );
}

export function AppealData({ appeal }: { appeal: AppealDetail }) {
  const i18n = useI18n();
  return (
    <>
      <DataCard title={i18n.t('提交的信息', 'Submitted information')} items={appealItems(appeal.data, i18n)} />
      {appeal.kind === 'legal' && <RegisteredOrganization match={appeal.organization} />}
    </>
  );
}
