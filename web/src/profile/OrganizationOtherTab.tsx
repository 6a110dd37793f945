import { Alert, Form, Input, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { organizationOtherSchema } from '../../../src/accounts/schemas.ts';
import { dateProps } from '../components/IdentityFields.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { EditableSection, type EditHandlers } from './EditableSection.tsx';
import { displayValue, label, schemaRule, type FieldLabel } from './fields.ts';
import { ENTERPRISE_TYPES, INCOME_TAX_METHODS, selectOptions, type Option } from './options.ts';
import type { OrganizationOtherValues } from './profile-api.ts';
import { InfoTable } from './SectionFrame.tsx';
import { SectionForm } from './SectionForm.tsx';
import { useSectionSave } from './useSectionSave.ts';

const SECTION = 'organization_other';
const fields = organizationOtherSchema.shape;
type Field = keyof typeof fields;

const NOTE: FieldLabel = { zh: '高企/科技型中小企业请完善以下内容', en: 'High-tech enterprises and technology-based SMEs: please complete the following' };
const CAPTION: FieldLabel = { zh: '高企/科技型中小企业所需信息', en: 'Information for high-tech enterprises and technology-based SMEs' };
const ROWS: { path: Field; wide?: boolean }[] = [
  { path: 'businessTerm', wide: true },
  { path: 'industry1' },
  { path: 'industry2' },
  { path: 'registrationAuthority' },
  { path: 'approvedOn' },
  { path: 'foreignCapitalSource' },
  { path: 'incomeTaxMethod' },
  { path: 'enterpriseType', wide: true },
];

/** 法人单位其他信息: what the Torch systems (高企认定, 科技型中小企业评价) need. */
export function OrganizationOtherTab({ other, missing, reload }: { other: OrganizationOtherValues; missing: string[]; reload: () => Promise<void> }) {
  const { lang } = useI18n();
  return (
    <EditableSection
      title={{ zh: '系统已确认的法人其他信息', en: 'Other organisation information on record' }}
      note={NOTE}
      missing={missing}
      editLabel={{ zh: '修改信息', en: 'Edit information' }}
      recordSections={[SECTION]}
      reload={reload}
      view={<InfoTable caption={CAPTION} rows={ROWS.map(({ path, wide }) => ({ label: label(SECTION, path), value: displayValue(SECTION, path, other[path], lang), wide }))} />}
      renderForm={(handlers) => <OrganizationOtherForm other={other} {...handlers} />}
    />
  );
}

function OrganizationOtherForm({ other, onSaved, onCancel }: { other: OrganizationOtherValues } & EditHandlers) {
  const { t, lang } = useI18n();
  const editor = useSectionSave<OrganizationOtherValues>(SECTION, onSaved);
  const select = (options: readonly Option[]) => <Select allowClear placeholder={t('请选择', 'Select')} options={selectOptions(options, lang)} />;
  const controls: Partial<Record<Field, ReactNode>> = {
    approvedOn: <DateInput />,
    incomeTaxMethod: select(INCOME_TAX_METHODS),
    enterpriseType: select(ENTERPRISE_TYPES),
  };

  return (
    <SectionForm editor={editor} loaded={other} onCancel={onCancel}>
      <Typography.Title level={3} className="profile-caption">{CAPTION[lang]}</Typography.Title>
      <Alert type="info" showIcon title={NOTE[lang]} className="profile-note" />
      {ROWS.map(({ path }) => (
        <Form.Item key={path} name={path} label={label(SECTION, path)[lang]} rules={[schemaRule(fields[path], lang)]} {...(path === 'approvedOn' ? dateProps : {})}>
          {controls[path] ?? <Input />}
        </Form.Item>
      ))}
    </SectionForm>
  );
}
