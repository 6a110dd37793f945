/**
 * /admin/login: staff log in with login name, password and the six-digit code of their
 * authenticator app (SPEC §9: a second factor). Any mistake gets the server's one message.
 */
import { Alert, Button, Card, Form, Input, Layout } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText } from './admin-api.ts';
import { AdminTitle, LanguageSwitch } from './AdminLayout.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { MAIN_ID, SkipLink } from '../layout/SkipLink.tsx';
import { useStaff } from './staff-session.tsx';

interface Credentials {
  loginName: string;
  password: string;
  totp: string;
}

export function AdminLoginPage() {
  const { t, lang } = useI18n();
  const { setStaff } = useStaff();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: Credentials) => {
    setError(null);
    setSubmitting(true);
    try {
      setStaff(await adminApi.login({ ...values, totp: values.totp.trim() }));
      navigate('/admin', { replace: true });
    } catch (caught) {
      setError(errorText(caught, lang));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Layout className="admin">
      <SkipLink />
      <header className="admin-title on-dark">
        <AdminTitle />
        <LanguageSwitch />
      </header>
      <Layout.Content id={MAIN_ID} tabIndex={-1} className="admin-login-content">
        <Card className="admin-login" title={<PageHeading zh="工作人员登录" en="Staff login" />}>
          <Form name="staff-login" layout="vertical" requiredMark={false} onFinish={submit} onValuesChange={() => setError(null)}>
            <Form.Item name="loginName" label={t('登录名', 'Login name')} rules={[{ required: true, whitespace: true, message: t('请输入登录名', 'Please enter your login name') }]}>
              <Input autoComplete="username" maxLength={64} />
            </Form.Item>
            <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Please enter your password') }]}>
              <Input.Password autoComplete="current-password" maxLength={128} />
            </Form.Item>
            <Form.Item
              name="totp"
              label={t('动态验证码', 'Authenticator code')}
              extra={t('身份验证器应用中显示的6位数字', 'The 6 digits shown in your authenticator app')}
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('请输入6位数字动态验证码', 'Please enter the 6-digit code') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('登录', 'Log in')}
            </Button>
          </Form>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
