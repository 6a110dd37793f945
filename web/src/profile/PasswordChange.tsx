import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { password as passwordSchema } from '../../../src/accounts/schemas.ts';
import { PasswordStrength } from '../components/PasswordStrength.tsx';
import { ApiError } from '../lib/api.ts';
import { applyServerError, messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { schemaRule } from './fields.ts';
import { changePassword } from './profile-api.ts';
import { useIsPhone } from '../components/ResponsiveTable.tsx';

interface PasswordValues {
  oldPassword: string;
  password: string;
  passwordConfirm: string;
}

/** Codes the server reports without a field, shown beside the field they are about. */
const FIELD_OF_CODE: Record<string, keyof PasswordValues> = { OLD_PASSWORD_WRONG: 'oldPassword', PASSWORD_SAME_AS_OLD: 'password' };

/**
 * 原密码, 新密码 (with its strength), 确认新密码 and 确认修改. It sits inside the profile form's
 * markup without a <form> of its own, so Enter here confirms the password, not the profile.
 */
function PasswordChangePanel({ onChanged }: { onChanged(): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const newPassword = Form.useWatch('password', form);
  const phone = useIsPhone();
  const required = { required: true, message: messageFor('REQUIRED_FIELD', lang) };

  const submit = async (values: PasswordValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await changePassword(values);
      form.resetFields();
      onChanged();
    } catch (error) {
      const message = applyServerError(form, error, lang);
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [message] }]);
      else if (!(error instanceof ApiError && error.fields.length)) setProblem(message);
    } finally {
      setBusy(false);
    }
  };
  const confirmOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    form.submit();
  };

  return (
    <div className="profile-password" onKeyDown={confirmOnEnter} role="group" aria-label={t('修改密码', 'Change password')}>
      {problem && <Alert type="error" showIcon title={problem} />}
      <Form form={form} component={false} name="password_change" {...(phone ? { layout: 'vertical' as const } : { labelCol: { span: 6 }, wrapperCol: { span: 12 } })} onFinish={submit}>
        <Form.Item name="oldPassword" label={t('原密码', 'Current password')} rules={[required]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="password" label={t('新密码', 'New password')} rules={[required, schemaRule(passwordSchema, lang)]} extra={<PasswordStrength password={newPassword} />}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('确认新密码', 'Confirm new password')}
          dependencies={['password']}
          rules={[
            required,
            {
              validator: async (_, value: string | undefined) => {
                if (value && value !== form.getFieldValue('password')) throw new Error(messageFor('PASSWORD_MISMATCH', lang));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item wrapperCol={phone ? undefined : { offset: 6, span: 12 }}>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('确认修改', 'Confirm change')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}

/**
 * 登录名 (read-only) with the 修改密码 / 取消密码修改 toggle beside it, as in the seed's edit
 * mode of 自然人用户信息 and 主代办人信息 (a legal account's password is the primary agent's).
 */
export function LoginNameField({ loginName, idPrefix }: { loginName: string; idPrefix: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  const id = `${idPrefix}_loginName`;
  return (
    <>
      <Form.Item label={t('登录名', 'Login name')} htmlFor={id}>
        <Space wrap>
          <Input id={id} value={loginName} readOnly variant="borderless" />
          <Button
            icon={<KeyOutlined aria-hidden />}
            onClick={() => {
              setOpen(!open);
              setChanged(false);
            }}
          >
            {open ? t('取消密码修改', 'Cancel password change') : t('修改密码', 'Change password')}
          </Button>
        </Space>
      </Form.Item>
      {changed && <Alert className="profile-password-done" type="success" showIcon title={t('密码修改成功', 'Password changed')} />}
      {open && (
        <PasswordChangePanel
          onChanged={() => {
            setOpen(false);
            setChanged(true);
          }}
        />
      )}
    </>
  );
}
