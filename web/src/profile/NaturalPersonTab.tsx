import { Alert, Form, Input, Select } from 'antd';
import { naturalProfileSchema } from '../../../src/accounts/schemas.ts';
import { IdentityFields, dateProps } from '../components/IdentityFields.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { DateInput } from './DateInput.tsx';
import { LABELS, displayValue, isRequired, label, requiredRule, schemaRule, validityText } from './fields.ts';
import { ETHNICITIES, GENDERS, selectOptions } from './options.ts';
import { LoginNameField } from './PasswordChange.tsx';
import type { NaturalPersonValues } from './profile-api.ts';
import { EditToolbar, InfoTable, SectionFrame, ViewToolbar } from './SectionFrame.tsx';
import { useEditMode, useSectionSave } from './useSectionSave.ts';

const SECTION = 'natural_person';
const fields = naturalProfileSchema.shape;

/** 自然人用户信息: 自然人用户信息管理, in view or edit mode. */
export function NaturalPersonTab({ person, missing, reload }: { person: NaturalPersonValues; missing: string[]; reload: () => Promise<void> }) {
  const mode = useEditMode(reload);
  return (
    <SectionFrame title={{ zh: '自然人用户信息管理', en: 'Personal information' }} missing={missing}>
      {mode.messageHolder}
      {mode.editing ? (
        <NaturalPersonForm person={person} onSaved={mode.saved} onCancel={mode.cancel} />
      ) : (
        <>
          <ViewToolbar editLabel={{ zh: '修改个人信息', en: 'Edit personal information' }} onEdit={mode.edit} recordSections={[SECTION, 'password']} />
          <NaturalPersonView person={person} />
        </>
      )}
    </SectionFrame>
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

function NaturalPersonForm({ person, onSaved, onCancel }: { person: NaturalPersonValues; onSaved: () => Promise<void>; onCancel(): void }) {
  const { t, lang } = useI18n();
  const { form, saving, problem, messageHolder, save } = useSectionSave<NaturalPersonValues>(SECTION, onSaved);
  const documentType = Form.useWatch('documentType', form);
  const required = (path: string) => requiredRule(isRequired(SECTION, path, { documentType }), lang);
  const text = (path: keyof NaturalPersonValues) => label(SECTION, path)[lang];

  return (
    <Form
      form={form}
      name={SECTION}
      layout="horizontal"
      labelCol={{ span: 6 }}
      wrapperCol={{ span: 14 }}
      initialValues={person}
      onFinish={() => save(person)}
      scrollToFirstError
    >
      {messageHolder}
      <EditToolbar saving={saving} onCancel={onCancel} />
      {problem && <Alert type="error" showIcon title={problem} className="profile-problem" />}
      <LoginNameField loginName={person.loginName} idPrefix={SECTION} />
      <Form.Item name="name" label={text('name')} rules={[required('name'), schemaRule(fields.name, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="gender" label={text('gender')}>
        <Select allowClear placeholder={t('请选择', 'Select')} options={selectOptions(GENDERS, lang)} />
      </Form.Item>
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
    </Form>
  );
}
