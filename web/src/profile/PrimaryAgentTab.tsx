import { Form, Input } from 'antd';
import { primaryAgentProfileSchema } from '../../../src/accounts/schemas.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { EditableSection, type EditHandlers } from './EditableSection.tsx';
import { LABELS, displayValue, label, schemaRule, sectionFieldRules, validityText } from './fields.ts';
import { PersonHeadFields } from './PersonHeadFields.tsx';
import type { PrimaryAgentValues, VerificationView } from './profile-api.ts';
import { InfoTable } from './SectionFrame.tsx';
import { SectionForm } from './SectionForm.tsx';
import { useSectionSave } from './useSectionSave.ts';

const SECTION = 'primary_agent';
const fields = primaryAgentProfileSchema.shape;

/** 主代办人信息: the person operating the organisation account; its password is the account's. */
export function PrimaryAgentTab({ agent, missing, status, reload }: { agent: PrimaryAgentValues; missing: string[]; status?: VerificationView; reload: () => Promise<void> }) {
  return (
    <EditableSection
      title={{ zh: '系统已确认的主代办人信息', en: 'Primary agent information on record' }}
      missing={missing}
      status={status}
      editLabel={{ zh: '修改主代办人信息', en: 'Edit primary agent information' }}
      uploadSubject="primary_agent"
      recordSections={[SECTION, 'password']}
      reload={reload}
      view={<PrimaryAgentView agent={agent} />}
      renderForm={(handlers) => <PrimaryAgentForm agent={agent} {...handlers} />}
    />
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

function PrimaryAgentForm({ agent, onSaved, onCancel }: { agent: PrimaryAgentValues } & EditHandlers) {
  const { lang } = useI18n();
  const editor = useSectionSave<PrimaryAgentValues>(SECTION, onSaved);
  const documentType = Form.useWatch('documentType', editor.form);
  const { text, required } = sectionFieldRules(SECTION, { documentType }, lang);

  return (
    <SectionForm editor={editor} loaded={agent} onCancel={onCancel}>
      <PersonHeadFields section={SECTION} loginName={agent.loginName} required={required} />
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
    </SectionForm>
  );
}
