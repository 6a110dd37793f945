import { Alert, Form, Input, Select } from 'antd';
import { primaryAgentProfileSchema } from '../../../src/accounts/schemas.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { LABELS, displayValue, isRequired, label, requiredRule, schemaRule, validityText } from './fields.ts';
import { GENDERS, selectOptions } from './options.ts';
import { LoginNameField } from './PasswordChange.tsx';
import type { PrimaryAgentValues } from './profile-api.ts';
import { EditToolbar, InfoTable, SectionFrame, ViewToolbar } from './SectionFrame.tsx';
import { useEditMode, useSectionSave } from './useSectionSave.ts';

const SECTION = 'primary_agent';
const fields = primaryAgentProfileSchema.shape;

/** 主代办人信息: the person operating the organisation account; its password is the account's. */
export function PrimaryAgentTab({ agent, missing, reload }: { agent: PrimaryAgentValues; missing: string[]; reload: () => Promise<void> }) {
  const mode = useEditMode(reload);
  return (
    <SectionFrame title={{ zh: '系统已确认的主代办人信息', en: 'Primary agent information on record' }} missing={missing}>
      {mode.messageHolder}
      {mode.editing ? (
        <PrimaryAgentForm agent={agent} onSaved={mode.saved} onCancel={mode.cancel} />
      ) : (
        <>
          <ViewToolbar editLabel={{ zh: '修改主代办人信息', en: 'Edit primary agent information' }} onEdit={mode.edit} recordSections={[SECTION, 'password']} />
          <PrimaryAgentView agent={agent} />
        </>
      )}
    </SectionFrame>
  );
}

function PrimaryAgentView({ agent }: { agent: PrimaryAgentValues }) {
  const { lang } = useI18n();
  const row = (path: keyof PrimaryAgentValues, wide = false) => ({ label: label(SECTION, path), value: displayValue(SECTION, path, agent[path], lang), wide });
  return (
    <InfoTable
      caption={{ zh: '主代办人基本信息', en: 'Primary agent' }}
      rows={[
        row('loginName', true),
        row('name'),
        row('gender'),
        row('mobile'),
        row('phone'),
        row('fax'),
        row('email'),
        row('region', true),
        row('documentType'),
        row('documentNumber'),
        { label: LABELS.validity, value: validityText(agent, lang), wide: true },
      ]}
    />
  );
}

function PrimaryAgentForm({ agent, onSaved, onCancel }: { agent: PrimaryAgentValues; onSaved: () => Promise<void>; onCancel(): void }) {
  const { t, lang } = useI18n();
  const { form, saving, problem, messageHolder, save } = useSectionSave<PrimaryAgentValues>(SECTION, onSaved);
  const documentType = Form.useWatch('documentType', form);
  const required = (path: string) => requiredRule(isRequired(SECTION, path, { documentType }), lang);
  const text = (path: keyof PrimaryAgentValues) => label(SECTION, path)[lang];

  return (
    <Form form={form} name={SECTION} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 14 }} initialValues={agent} onFinish={() => save(agent)} scrollToFirstError>
      {messageHolder}
      <EditToolbar saving={saving} onCancel={onCancel} />
      {problem && <Alert type="error" showIcon title={problem} className="profile-problem" />}
      <LoginNameField loginName={agent.loginName} idPrefix={SECTION} />
      <Form.Item name="name" label={text('name')} rules={[required('name'), schemaRule(fields.name, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="gender" label={text('gender')}>
        <Select allowClear placeholder={t('请选择', 'Select')} options={selectOptions(GENDERS, lang)} />
      </Form.Item>
      <Form.Item name="mobile" label={text('mobile')} rules={[required('mobile'), schemaRule(fields.mobile, lang, agent.mobile)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={text('phone')} rules={[schemaRule(fields.phone, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="fax" label={text('fax')} rules={[schemaRule(fields.fax, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="email" label={text('email')} rules={[schemaRule(fields.email, lang)]}>
        <Input autoComplete="email" />
      </Form.Item>
      <IdentityFields nameLabel={null} regionLabel={label(SECTION, 'region')} maskedDocumentNumber={agent.documentNumber} />
    </Form>
  );
}
