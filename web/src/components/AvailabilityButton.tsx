import { Button, Form, Typography, type FormItemProps } from 'antd';
import { useState } from 'react';
import { InputRow } from './InputRow.tsx';
import { api, ApiError } from '../lib/api.ts';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';

type NamePath = (string | number)[];
export type AvailabilityField = 'loginName' | 'organizationName' | 'creditCode';

interface Availability {
  available: boolean;
  message?: string;
  messageEn?: string;
}

type Result = { value: string; available: boolean; message: string } | null;

export interface AvailabilityButtonProps {
  /** What the server looks up. */
  field: AvailabilityField;
  /** The form field whose value is checked; it is validated first. */
  name: NamePath;
  /** 检查登录名是否已注册 / 检查单位是否已存在 / 检查统一社会信用代码是否已存在. */
  label: { zh: string; en: string };
}

/**
 * A 检查…是否已注册 button: validates the field, asks the server, and shows 可以使用 or the
 * server's message on its own line. The answer disappears once the value changes.
 */
export function AvailabilityButton({ field, name, label }: AvailabilityButtonProps) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const current = String(Form.useWatch(name, form) ?? '').trim();
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<Result>(null);

  const check = async () => {
    try {
      await form.validateFields([name]);
    } catch {
      return;
    }
    const value = String(form.getFieldValue(name) ?? '').trim();
    if (!value) return;
    setChecking(true);
    try {
      const query = new URLSearchParams({ field, value: field === 'creditCode' ? value.toUpperCase() : value });
      const answer = await api<Availability>('GET', `/api/availability?${query}`);
      const message = answer.available ? t('可以使用', 'Available') : ((lang === 'zh' ? answer.message : answer.messageEn) ?? '');
      setResult({ value, available: answer.available, message });
    } catch (error) {
      const message = error instanceof ApiError ? (lang === 'zh' ? error.message : error.messageEn) : (messageFor('INTERNAL', lang) ?? '');
      setResult({ value, available: false, message });
    } finally {
      setChecking(false);
    }
  };

  const shown = result && result.value === current ? result : null;
  return (
    <>
      <Button onClick={check} loading={checking}>
        {t(label.zh, label.en)}
      </Button>
      {shown && (
        <Typography.Text type={shown.available ? 'success' : 'danger'} role="status" style={{ flexBasis: '100%' }}>
          {shown.message}
        </Typography.Text>
      )}
    </>
  );
}

export interface InputWithAvailabilityProps extends AvailabilityButtonProps {
  /** The field's label, e.g. 登录名. */
  fieldLabel: string;
  rules?: FormItemProps['rules'];
  required?: boolean;
  dependencies?: NamePath[];
  normalize?: FormItemProps['normalize'];
  maxLength?: number;
}

/** A labelled text field with its availability check beside it. */
export function InputWithAvailability({ fieldLabel, rules, required = true, dependencies, normalize, maxLength, ...check }: InputWithAvailabilityProps) {
  return (
    <Form.Item name={check.name} label={fieldLabel} required={required} rules={rules} dependencies={dependencies} normalize={normalize}>
      <InputRow autoComplete="off" maxLength={maxLength} wrap inputStyle={{ minWidth: 200 }} after={<AvailabilityButton {...check} />} />
    </Form.Item>
  );
}
