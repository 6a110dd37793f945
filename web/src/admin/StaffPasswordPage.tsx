/**
 * /admin/password: a staff member's own 修改密码 (current password, then the new one twice, by
 * the platform's password rule). After a first login with an initial or reset password the
 * back office shows only this page until the password is changed.
 */
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { password as passwordRule } from '../../../src/accounts/schemas.ts';
import { applyServerError, schemaRule } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { useStaff } from './staff-session.tsx';
import { staffApi } from './staff-api.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

interface Values {
  oldPassword: string;
  password: string;
  passwordConfirm: string;
}

export function StaffPasswordPage() {
  const { t, lang } = useI18n();
  const { staff, load } = useStaff();
  const { notify } = useAdminOutlet();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: Values) => {
    setProblem(null);
    setSubmitting(true);
    try {
      await staffApi.changePassword(values);
      notify(t('密码修改成功', 'Password changed'));
      await load();
      navigate('/admin', { replace: true });
    } catch (caught) {
      setProblem(applyServerError(form, caught, lang));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={<PageHeading zh="修改密码" en="Change password" />} className="staff-password">
      {staff?.passwordChangeRequired && (
        <Alert type="warning" showIcon title={t('您正在使用初始密码，请先修改密码', 'You are using an initial password. Please change it first')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} name="staff-password" layout="vertical" requiredMark={false} onFinish={submit} onValuesChange={() => setProblem(null)}>
        <Form.Item name="oldPassword" label={t('原密码', 'Current password')} rules={[{ required: true, message: t('请输入原密码', 'Please enter the current password') }]}>
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('新密码', 'New password')}
          extra={t('密码至少8位，且至少包含大写字母、小写字母、数字、特殊字符中的3种', 'At least 8 characters, with 3 of: upper case, lower case, digits, symbols')}
          rules={[{ required: true, message: t('请输入新密码', 'Please enter the new password') }, schemaRule(passwordRule, lang)]}
        >
          <Input.Password autoComplete="new-password" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('确认新密码', 'Confirm new password')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('请再次输入新密码', 'Please enter the new password again') },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('两次输入的密码不一致', 'The two passwords do not match'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={64} />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('确认修改', 'Change password')}
        </Button>
      </Form>
    </Card>
  );
}
