import { Form, Input } from 'antd';
import { checkPassword } from '../../../src/accounts/rules.ts';
import { messageFor, ruleValidator } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { PasswordStrength } from './PasswordStrength.tsx';

type Label = { zh: string; en: string };

export interface PasswordFieldsProps {
  /** 登录密码 on registration, 新密码 when changing it. */
  passwordLabel?: Label;
  /** 密码确认 on registration, 确认新密码 when changing it. */
  confirmLabel?: Label;
  name?: string;
  confirmName?: string;
  /** Repeats the password rule under the field (the registration forms have it in their notes). */
  showPolicy?: boolean;
}

/** A new password, its 密码强度 meter (弱/中/强) and the repeated password, checked by the shared rules. */
export function PasswordFields({
  passwordLabel = { zh: '登录密码', en: 'Password' },
  confirmLabel = { zh: '密码确认', en: 'Confirm password' },
  name = 'password',
  confirmName = 'passwordConfirm',
  showPolicy = false,
}: PasswordFieldsProps) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const password = Form.useWatch(name, form) as string | undefined;
  const required = { required: true, message: t('请输入密码', 'Please enter a password') };

  return (
    <>
      <Form.Item
        name={name}
        label={t(passwordLabel.zh, passwordLabel.en)}
        rules={[required, { validator: ruleValidator(checkPassword, lang) }]}
        extra={
          showPolicy
            ? t(
                '密码至少包含以下4种类型的3种：大写字母、小写字母、数字、特殊符号，且长度不小于8位。',
                'At least 3 of: upper-case letters, lower-case letters, digits, special symbols; at least 8 characters.',
              )
            : undefined
        }
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={t('密码强度', 'Password strength')}>
        <PasswordStrength password={password} showLabel={false} />
      </Form.Item>
      <Form.Item
        name={confirmName}
        label={t(confirmLabel.zh, confirmLabel.en)}
        dependencies={[name]}
        rules={[
          { required: true, message: t('请再次输入密码', 'Please enter the password again') },
          {
            validator: async (_, value: string | undefined) => {
              if (value && value !== form.getFieldValue(name)) throw new Error(messageFor('PASSWORD_MISMATCH', lang));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
