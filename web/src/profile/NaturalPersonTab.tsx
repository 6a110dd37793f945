import { Form, Input, Select } from 'antd';
import { naturalProfileSchema } from '../../../src/accounts/schemas.ts';
import { IdentityFields, dateProps } from '../components/IdentityFields.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { EditableSection, type EditHandlers } from './EditableSection.tsx';
import { LABELS, displayValue, label, schemaRule, sectionFieldRules, validityText } from './fields.ts';
import { ETHNICITIES, selectOptions } from './options.ts';
import { PersonHeadFields } from './PersonHeadFields.tsx';
import type { NaturalPersonValues, VerificationView } from './profile-api.ts';
import { InfoTable } from './SectionFrame.tsx';
import { SectionForm } from './SectionForm.tsx';
import { useSectionSave } from './useSectionSave.ts';

const SECTION = 'natural_person';
const fields = naturalProfileSchema.shape;

/** 自然人用户信息: 自然人用户信息管理, in view or edit mode. */
export function NaturalPersonTab({ person, missing, status, reload }: { person: NaturalPersonValues; missing: string[]; status?: VerificationView; reload: () => Promise<void> }) {
  return (
    <EditableSection
      title={{ zh: '自然人用户信息管理', en: 'Personal information' }}
      missing={missing}
      status={status}
      editLabel={{ zh: '修改个人信息', en: 'Edit personal information' }}
      uploadSubject="natural_person"
      recordSections={[SECTION, 'password']}
      reload={reload}
      view={<NaturalPersonView person={person} />}
      renderForm={(handlers) => <NaturalPersonForm person={person} {...handlers} />}
    />
  );
}

function NaturalPersonView({ person }: { person: NaturalPersonValues }) {
  const { lang } = useI18n();
  const row = (path: keyof NaturalPersonValues, wide = false) => ({ label: label(SECTION, path), value: displayValue(SECTION, path, person[path], lang), wide });
  return (
    <InfoTable
      caption={{ zh: '自然人用户基本信息', en: 'Basic information' }}
      rows={[
        row('loginName', true),
        row('name'),
        row('gender'),
        row('ethnicity'),
        row('title'),
        row('birthDate'),
        row('email'),
        row('mobile'),
        row('phone'),
        row('region', true),
        row('documentType'),
        row('documentNumber'),
        { label: LABELS.validity, value: validityText(person, lang), wide: true },
        row('address', true),
      ]}
    />
  );
}

function NaturalPersonForm({ person, onSaved, onCancel }: { person: NaturalPersonValues } & EditHandlers) {
  const { t, lang } = useI18n();
  const editor = useSectionSave<NaturalPersonValues>(SECTION, onSaved);
  const documentType = Form.useWatch('documentType', editor.form);
  const { text, required } = sectionFieldRules(SECTION, { documentType }, lang);

  return (
    <SectionForm editor={editor} loaded={person} onCancel={onCancel}>
      <PersonHeadFields section={SECTION} loginName={person.loginName} required={required} />
      <Form.Item name="ethnicity" label={text('ethnicity')}>
        <Select allowClear showSearch placeholder={t('请选择', 'Select')} options={selectOptions(ETHNICITIES, lang)} optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="title" label={text('title')} rules={[schemaRule(fields.title, lang)]}>
        <Input />
      </Form.Item>
      <Form.Item name="birthDate" label={text('birthDate')} {...dateProps}>
        <DateInput />
      </Form.Item>
      <Form.Item name="email" label={text('email')} rules={[schemaRule(fields.email, lang)]}>
        <Input autoComplete="email" />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={text('mobile')}
        extra={t('请务必填写有效的大陆手机号码（台港澳、国外电话除外），系统将通过此号码通知审核结果及申报事宜！', 'Please enter a valid mainland China mobile number; review results and notices are sent to it.')}
        rules={[required('mobile'), schemaRule(fields.mobile, lang, person.mobile)]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={text('phone')} rules={[schemaRule(fields.phone, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <IdentityFields nameLabel={null} regionLabel={{ zh: '类型', en: 'Identity type' }} maskedDocumentNumber={person.documentNumber} />
      <Form.Item name="address" label={text('address')} rules={[schemaRule(fields.address, lang)]}>
        <Input />
      </Form.Item>
    </SectionForm>
  );
}
