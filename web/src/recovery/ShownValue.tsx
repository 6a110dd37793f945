import { Form, Input } from 'antd';
import { useId } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import type { Text } from './texts.ts';

/** A value the page shows but the user does not type (登录名, 预留手机号, 单位名称): read-only, still named by its label. */
export function ShownValue({ label, value }: { label: Text; value: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Form.Item label={t(label.zh, label.en)} htmlFor={id}>
      <Input id={id} readOnly variant="borderless" value={value} className="recovery-shown" />
    </Form.Item>
  );
}
