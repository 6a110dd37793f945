import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { safeReturnPath } from '../../../src/sso/return-path.ts';
import { CaptchaField } from '../components/CaptchaField.tsx';
import { api } from '../lib/api.ts';
import { applyServerError } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { RECOVER_PATH } from '../recovery/paths.ts';
import { safeNext } from './submit.ts';
import './account.css';

type Kind = 'natural' | 'legal';

interface LoginResult {
  kind: Kind;
  loginName: string;
  passwordChangeReason: 'expired' | 'one_time' | null;
}

/** What each window's users may do, beside the login box (seed: 统一用户登录). */
function Intro({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  return (
    <div className="login-intro">
      <Typography.Paragraph>
        {t(
          '原国家科技计划项目申报中心注册用户均可登录本系统。您注册后，可以及时了解国家科技政策、科技信息、办理科技政务相关业务。如您尚未注册，请您点击“注册”，注册信息通过审核后进行登录。',
          'Users registered with the former national S&T plan application centre can log in here. Once registered you can follow national S&T policy and news and handle S&T government business. If you have not registered yet, click "Register" and log in once your registration is verified.',
        )}
      </Typography.Paragraph>
      {kind === 'natural' ? (
        <Typography.Paragraph>
          {t(
            '自然人用户可以查阅有关信息、办理众筹等面向自然人的服务事项。如获得法人的授权许可，可以代替法人办理指定的服务事项。您获得的授权事项可以在“在线办理”-“我的信息”中进行查看。',
            'Natural persons can consult information and handle services for individuals such as crowdfunding. Authorised by an organisation, you can handle the designated items on its behalf; your authorisations are listed under "Online services" - "My information".',
          )}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph>
          {t(
            '法人用户可以办理人类遗传资源行政审批、申报科技计划项目等事项，并可为本单位人员授权代办。法人账号由主代办人登录使用。',
            'Organisations can apply for human genetic resources approval, S&T plan projects and more, and authorise their staff to act for them. The primary agent logs in with the organisation account.',
          )}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/**
 * A business system's sign-in that asks for a new login (?force=1, e.g. prompt=login) ends
 * the current session first; the form waits until it has.
 */
function useForcedLogout(force: boolean): boolean {
  const { logout } = useSession();
  const [done, setDone] = useState(!force);
  useEffect(() => {
    if (!force) return;
    logout()
      .catch(() => {})
      .finally(() => setDone(true));
  }, [force, logout]);
  return done;
}

/**
 * 统一用户登录: 自然人登录 / 法人登录 with login name, password and image captcha. Single
 * sign-on (OIDC, CAS) sends users here with ?return=<path of this site>, followed after login.
 */
export function LoginPage() {
  const { t, lang } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<Kind>(params.get('kind') === 'legal' ? 'legal' : 'natural');
  const [captchaSignal, setCaptchaSignal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const returnPath = safeReturnPath(params.get('return'));
  const force = Boolean(returnPath) && params.get('force') === '1';
  const loggedOut = useForcedLogout(force);

  const submit = async (values: { loginName: string; password: string; captchaId: string; captcha: string }) => {
    setError(null);
    setSubmitting(true);
    try {
      const result = await api<LoginResult>('POST', '/api/login', { kind, ...values });
      if (returnPath && !result.passwordChangeReason) {
        // The sign-in in progress is served by the platform, not by this app's router.
        window.location.assign(returnPath);
        return;
      }
      await refresh();
      navigate(result.passwordChangeReason ? '/password/expired' : safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(applyServerError(form, caught, lang));
      // The server spent the captcha on this attempt.
      setCaptchaSignal((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  const tabs = [
    { key: 'natural', label: t('自然人登录', 'Personal login') },
    { key: 'legal', label: t('法人登录', 'Organisation login') },
    {
      key: 'qr',
      disabled: true,
      label: (
        <Tooltip title={t('暂未开放', 'Not available yet')}>
          <span>{t('二维码登录', 'QR login')}</span>
        </Tooltip>
      ),
    },
  ];

  return (
    <div className="login-page">
      <Typography.Title level={3} className="registration-system">
        {t('科学技术部政务服务平台（试运行）· 统一用户登录', 'MOST Government Service Platform (trial) · Unified login')}
      </Typography.Title>
      <div className="login-window">
        <Intro kind={kind} />
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('统一用户登录', 'Unified login')}
          </Typography.Title>
          <Tabs
            tabBarGutter={24}
            activeKey={kind}
            onChange={(key) => {
              setKind(key as Kind);
              setError(null);
            }}
            items={tabs}
          />
          <Form form={form} name="login" layout="vertical" onFinish={submit} onValuesChange={() => setError(null)} requiredMark={false}>
            <Form.Item name="loginName" label={t('登录名', 'Login name')} rules={[{ required: true, whitespace: true, message: t('请输入登录名', 'Please enter your login name') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('请输入登录名', 'Login name')} autoComplete="username" maxLength={100} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('登录密码', 'Password')}
              rules={[{ required: true, message: t('请输入密码', 'Please enter your password') }]}
              extra={<Link to={RECOVER_PATH}>{t('忘记密码？', 'Forgot password?')}</Link>}
            >
              <Input.Password prefix={<LockOutlined />} placeholder={t('请输入密码', 'Password')} autoComplete="current-password" maxLength={200} />
            </Form.Item>
            <CaptchaField refreshSignal={captchaSignal} />
            {force && <Alert type="info" showIcon title={t('业务系统要求您重新登录', 'The business system asks you to log in again')} style={{ marginBottom: 16 }} />}
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block size="large" loading={submitting || !loggedOut}>
              {t('用户登录', 'Log in')}
            </Button>
          </Form>
          <div className="login-register">
            {t('没有账号？', 'No account? ')}
            <Link to="/register">{t('立即注册账号', 'Register now')}</Link>
          </div>
        </Card>
      </div>
    </div>
  );
}
