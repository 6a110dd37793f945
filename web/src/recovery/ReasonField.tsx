import { Form, Select } from 'antd';
import { PASSWORD_CHANGE_REASONS } from '../../../src/recovery/rules.ts';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';

/** 密码修改原因: one of PASSWORD_CHANGE_REASONS, nothing chosen at first (--请选择--). */
export function ReasonField() {
  const { t, lang } = useI18n();
  return (
    <Form.Item name="reason" label={t('密码修改原因', 'Reason for the change')} rules={[{ required: true, message: messageFor('REQUIRED_FIELD', lang) }]}>
      <Select placeholder={t('--请选择--', '-- Select --')} options={PASSWORD_CHANGE_REASONS.map((r) => ({ value: r.value, label: t(r.label.zh, r.label.en) }))} />
    </Form.Item>
  );
}
