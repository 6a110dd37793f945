import { Form, Radio } from 'antd';
import {
  LEGAL_PERSON_TYPES,
  checkOrganizationCode,
  organizationCodeRequirement,
  type LegalPersonType,
  type LegalRegion,
} from '../../../src/accounts/rules.ts';
import { legalRegistrationSchema } from '../../../src/accounts/schemas.ts';
import { InputWithAvailability } from '../components/AvailabilityButton.tsx';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { messageFor, schemaRule } from '../lib/forms.ts';
import { NAME_LIMITS, organizationName } from '../../../src/platform/fields/names.ts';
import { useI18n } from '../lib/i18n.tsx';
import { LEGAL_AGREEMENT } from './agreements.ts';
import { AccuracyWarning, MobileField, NameField, SectionTitle } from './fields.tsx';
import { RegistrationForm } from './RegistrationForm.tsx';

const ORG = 'organization';
const REPRESENTATIVE = 'legalRepresentative';
const AGENT = 'primaryAgent';

/** 请选择注册单位类型, as the seed words the choices. */
const REGION_CHOICES: { value: LegalRegion; zh: string; en: string }[] = [
  { value: 'domestic', zh: '境内单位注册', en: 'Domestic organisation' },
  { value: 'hkmt', zh: '港澳台地区单位注册', en: 'Hong Kong, Macao or Taiwan organisation' },
  { value: 'foreign', zh: '境外单位注册', en: 'Foreign organisation' },
];

const FIELD_OF_CODE: Record<string, (string | number)[]> = {
  LOGIN_NAME_TAKEN: ['loginName'],
  ORGANIZATION_NAME_TAKEN: [ORG, 'name'],
  CREDIT_CODE_TAKEN: [ORG, 'code'],
  SMS_CODE_WRONG: [AGENT, 'smsCode'],
  SMS_CODE_EXPIRED: [AGENT, 'smsCode'],
};

const upperCase = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

/** 法人信息: 单位名称, 注册单位类型, 法人类型 and the code the region asks for. */
function OrganizationFields() {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const region = (Form.useWatch([ORG, 'region'], form) as LegalRegion | undefined) ?? 'domestic';
  const type = (Form.useWatch([ORG, 'legalPersonType'], form) as LegalPersonType | undefined) ?? 'enterprise';
  const requirement = organizationCodeRequirement(region, type);
  const uniqueId = requirement === 'unique_id';
  const required = { required: true, message: messageFor('REQUIRED_FIELD', lang) };
  const regionLabel = t('请选择注册单位类型', 'Organisation registration type');
  const typeLabel = t('法人类型', 'Legal person type');

  return (
    <>
      <InputWithAvailability
        field="organizationName"
        name={[ORG, 'name']}
        fieldLabel={t('单位名称', 'Organisation name')}
        label={{ zh: '检查单位是否已存在', en: 'Check whether the organisation exists' }}
        maxLength={NAME_LIMITS.organization}
        rules={[{ ...required, whitespace: true }, schemaRule(organizationName, lang)]}
      />
      <Form.Item name={[ORG, 'region']} label={regionLabel} rules={[required]}>
        <Radio.Group aria-label={regionLabel} options={REGION_CHOICES.map((r) => ({ value: r.value, label: t(r.zh, r.en) }))} />
      </Form.Item>
      {/* 境内单位必选 (foreigner manual 4.2.2): a Hong Kong or foreign body claims no mainland type. */}
      <Form.Item name={[ORG, 'legalPersonType']} label={typeLabel} rules={[{ ...required, required: region === 'domestic' }]}>
        <Radio.Group aria-label={typeLabel} options={LEGAL_PERSON_TYPES.map((p) => ({ value: p.value, label: t(p.zh, p.en) }))} />
      </Form.Item>
      <InputWithAvailability
        field="creditCode"
        name={[ORG, 'code']}
        fieldLabel={uniqueId ? t('单位唯一标识码', 'Unique organisation identifier') : t('统一社会信用代码', 'Unified social credit code')}
        label={
          uniqueId
            ? { zh: '检查单位唯一标识码是否已存在', en: 'Check whether the identifier is registered' }
            : { zh: '检查统一社会信用代码是否已存在', en: 'Check whether the credit code is registered' }
        }
        required={requirement !== 'optional'}
        dependencies={[
          [ORG, 'region'],
          [ORG, 'legalPersonType'],
        ]}
        normalize={upperCase}
        maxLength={50}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              // Read now, not from the render: a change of region or type re-runs this before the next render.
              const now = {
                region: (form.getFieldValue([ORG, 'region']) as LegalRegion | undefined) ?? 'domestic',
                type: (form.getFieldValue([ORG, 'legalPersonType']) as LegalPersonType | undefined) ?? 'enterprise',
              };
              const result = checkOrganizationCode(now.region, now.type, (value ?? '').trim().toUpperCase());
              if (!result.ok) throw new Error(messageFor(result.code, lang) ?? result.code);
            },
          },
        ]}
      />
    </>
  );
}

/** 单位用户（法人）注册: account, organisation, legal representative, primary agent, agreement. */
export function RegisterLegalPage() {
  const person = { region: 'mainland', documentType: 'resident_id', longTerm: false };
  return (
    <RegistrationForm
      kind="legal"
      schema={legalRegistrationSchema}
      fieldOfCode={FIELD_OF_CODE}
      initialValues={{ [ORG]: { region: 'domestic' }, [REPRESENTATIVE]: person, [AGENT]: person }}
      agreement={LEGAL_AGREEMENT}
    >
      <SectionTitle zh="法人信息" en="Legal person information" />
      <OrganizationFields />

      <SectionTitle zh="法定代表人信息" en="Legal representative" />
      <AccuracyWarning />
      <NameField name={[REPRESENTATIVE, 'name']} label={{ zh: '法定代表人姓名', en: 'Legal representative name' }} />
      <MobileField name={[REPRESENTATIVE, 'mobile']} label={{ zh: '法定代表人手机号码', en: 'Legal representative mobile number' }} />
      <IdentityFields path={[REPRESENTATIVE]} labelPrefix={{ zh: '法定代表人', en: 'Legal representative' }} nameLabel={null} regionRequiredCode="LEGAL_REPRESENTATIVE_REGION_REQUIRED" />

      <SectionTitle zh="主代办人信息" en="Primary agent" />
      <NameField name={[AGENT, 'name']} label={{ zh: '主代办人姓名', en: 'Primary agent name' }} />
      <MobileField name={[AGENT, 'mobile']} label={{ zh: '主代办人手机号码', en: 'Primary agent mobile number' }} />
      <SmsCodeField
        name={[AGENT, 'smsCode']}
        mobileName={[AGENT, 'mobile']}
        label={{ zh: '主代办人手机号验证码', en: 'Primary agent SMS code' }}
      />
      <IdentityFields path={[AGENT]} labelPrefix={{ zh: '主代办人', en: 'Primary agent' }} nameLabel={null} />
    </RegistrationForm>
  );
}
