import { Form, Input, Radio, Select, Space, Typography } from 'antd';
import { LEGAL_PERSON_TYPES, LEGAL_REGIONS, checkOrganizationCode, normalizeCreditCode, type LegalPersonType, type LegalRegion } from '../../../src/accounts/rules.ts';
import { legalRepresentativeProfileSchema, organizationBasicSchema } from '../../../src/accounts/schemas.ts';
import { IdentityFields, dateProps } from '../components/IdentityFields.tsx';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { DateInput } from '../components/DateInput.tsx';
import type { EditHandlers } from './EditableSection.tsx';
import { BASIC_CAPTIONS, LABELS, codeLabel, label, schemaRule, sectionFieldRules } from './fields.ts';
import { CONTINENTS, CURRENCIES, HKMT_AREAS, ORGANIZATION_NATURES, YES_NO, selectOptions, type Option } from './options.ts';
import type { OrganizationBasicValues } from './profile-api.ts';
import { SectionForm } from './SectionForm.tsx';
import { useSectionSave } from './useSectionSave.ts';

const SECTION = 'organization_basic';
const fields = organizationBasicSchema.shape;
const representative = legalRepresentativeProfileSchema.shape;
const REP = 'legalRepresentative';

/** 修改法人信息: the organisation's basic information and its legal representative (法定代表人信息). */
export function OrganizationBasicForm({ organization, onSaved, onCancel }: { organization: OrganizationBasicValues } & EditHandlers) {
  const { t, lang } = useI18n();
  const editor = useSectionSave<OrganizationBasicValues>(SECTION, onSaved);
  const region = Form.useWatch('region', editor.form) as LegalRegion | undefined;
  const legalPersonType = Form.useWatch('legalPersonType', editor.form) as LegalPersonType | undefined;
  const repDocumentType = Form.useWatch([REP, 'documentType'], editor.form);
  const { text, required } = sectionFieldRules(SECTION, { region, legalPersonType, [REP]: { documentType: repDocumentType } }, lang);
  const select = (options: readonly Option[]) => <Select allowClear placeholder={t('请选择', 'Select')} options={selectOptions(options, lang)} />;
  /** Plain text field: its label, its * when required, the schema's length and format checks. */
  const item = (path: keyof typeof fields, control = <Input />) => (
    <Form.Item name={path} label={text(path)} rules={[required(path), schemaRule(fields[path], lang)]}>
      {control}
    </Form.Item>
  );
  const codeRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value || !region || !legalPersonType) return;
      const result = checkOrganizationCode(region, legalPersonType, normalizeCreditCode(value));
      if (!result.ok) throw new Error(messageFor(result.code, lang) ?? result.code);
    },
  };

  return (
    <SectionForm editor={editor} loaded={organization} onCancel={onCancel}>
      <Typography.Title level={3} className="profile-caption">{BASIC_CAPTIONS.organization[lang]}</Typography.Title>
      {item('name')}
      {item('englishName')}
      {item('shortName')}
      {item('homepage')}
      <Form.Item name="region" label={text('region')} rules={[required('region')]}>
        <Radio.Group aria-label={text('region')} options={selectOptions(LEGAL_REGIONS, lang)} />
      </Form.Item>
      <Form.Item name="legalPersonType" label={text('legalPersonType')} rules={[required('legalPersonType')]}>
        <Select placeholder={t('请选择', 'Select')} options={selectOptions(LEGAL_PERSON_TYPES, lang)} />
      </Form.Item>
      {region === 'hkmt' && item('area', select(HKMT_AREAS))}
      {region === 'foreign' && item('continent', select(CONTINENTS))}
      {region === 'foreign' && item('country')}
      <Form.Item name="code" label={codeLabel(region)[lang]} dependencies={['region', 'legalPersonType']} rules={[required('code'), codeRule]}>
        <Input autoComplete="off" />
      </Form.Item>
      {item('nature', select(ORGANIZATION_NATURES))}
      <Form.Item name="independent" label={text('independent')} rules={[required('independent')]}>
        <Radio.Group aria-label={text('independent')} options={selectOptions(YES_NO, lang)} />
      </Form.Item>
      {item('address')}
      {item('postcode')}
      {item('email')}
      <Form.Item name="foundedOn" label={text('foundedOn')} rules={[required('foundedOn')]} {...dateProps}>
        <DateInput />
      </Form.Item>
      {item('capitalCurrency', select(CURRENCIES))}
      {item('capital', <Input inputMode="decimal" />)}
      {item('registrationAuthority')}
      {item('registrationStatus')}
      <Form.Item label={LABELS.businessTerm[lang]}>
        <Space wrap>
          <Form.Item name="businessTermFrom" noStyle {...dateProps}>
            <DateInput aria-label={text('businessTermFrom')} placeholder={t('起始日期', 'From')} />
          </Form.Item>
          <span>{LABELS.to[lang]}</span>
          <Form.Item name="businessTermTo" noStyle {...dateProps}>
            <DateInput aria-label={text('businessTermTo')} placeholder={t('终止日期', 'To')} />
          </Form.Item>
        </Space>
      </Form.Item>
      {item('phone')}
      {item('fax')}
      {item('mailingAddress')}

      <Typography.Title level={3} className="profile-caption">{BASIC_CAPTIONS.representative[lang]}</Typography.Title>
      <Form.Item name={[REP, 'name']} label={text(`${REP}.name`)} rules={[required(`${REP}.name`), schemaRule(representative.name, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={[REP, 'mobile']}
        label={text(`${REP}.mobile`)}
        rules={[required(`${REP}.mobile`), schemaRule(representative.mobile, lang, organization.legalRepresentative?.mobile)]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={[REP, 'email']} label={text(`${REP}.email`)} rules={[required(`${REP}.email`), schemaRule(representative.email, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <IdentityFields
        path={[REP]}
        nameLabel={null}
        labelPrefix={{ zh: '法定代表人', en: 'Representative ' }}
        regionLabel={label(SECTION, `${REP}.region`)}
        maskedDocumentNumber={organization.legalRepresentative?.documentNumber}
        regionRequiredCode="LEGAL_REPRESENTATIVE_REGION_REQUIRED"
      />
    </SectionForm>
  );
}
