import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { CaptchaField } from '../components/CaptchaField.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { api } from '../lib/api.ts';
import { applyServerError } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ACCOUNT_LOOKUP_PATH, prefilledLoginName } from '../legacy/paths.ts';
import { returnTarget, useFollowReturn, useReturnPath, withReturnPath, type ReturnTarget } from '../lib/return-path.ts';
import { useSession } from '../lib/session.tsx';
import { RECOVER_PATH } from '../recovery/paths.ts';
import { PASSWORD_CHANGE_PATH } from './PasswordExpiredPage.tsx';
import { NationalLoginButton } from '../federation/national/NationalLoginButton.tsx';
import { QrLoginPanel } from '../federation/qr/QrLoginPanel.tsx';
import './account.css';

type Kind = 'natural' | 'legal';

interface LoginResult {
  kind: Kind;
  loginName: string;
  passwordChangeReason: 'expired' | 'one_time' | 'weak' | null;
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
 * 统一用户登录: 自然人登录 / 法人登录 with login name, password and image captcha. Whoever sends
 * users here (OIDC, CAS, 办理入口, pages behind login) says where to go after with ?return= (or
 * the old ?next=); the forced password change, registration and 忘记密码 carry it on. A session
 * waiting for its password change is sent to the change instead.
 */
export function LoginPage() {
  const { t, lang } = useI18n();
  const { me, refresh } = useSession();
  const follow = useFollowReturn();
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<Kind>(params.get('kind') === 'legal' ? 'legal' : 'natural');
  const [qr, setQr] = useState(false);
  const [captchaSignal, setCaptchaSignal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const returnPath = useReturnPath();
  const force = Boolean(returnPath) && params.get('force') === '1';
  const loggedOut = useForcedLogout(force);

  const submit = async (values: { loginName: string; password: string; captchaId: string; captcha: string }) => {
    setError(null);
    setSubmitting(true);
    try {
      const result = await api<LoginResult>('POST', '/api/login', { kind, ...values });
      // A pending password change comes first; the way back waits in its query.
      const target: ReturnTarget = result.passwordChangeReason ? { load: 'portal', path: withReturnPath(PASSWORD_CHANGE_PATH, returnPath) } : returnTarget(returnPath);
      // The portal's guards and header read the session; a server path loads the page anew.
      if (target.load === 'portal') await refresh();
      follow(target);
    } catch (caught) {
      setError(applyServerError(form, caught, lang));
      // The server spent the captcha on this attempt.
      setCaptchaSignal((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  // Logged in already, with a password change pending (the header says so): the change, not
  // this form, then on to the way back (issue 14.13). Not while a new login is asked for.
  if (me?.passwordChangeReason && !force && !submitting) return <Navigate to={withReturnPath(PASSWORD_CHANGE_PATH, returnPath)} replace />;

  const tabs = [
    { key: 'natural', label: t('自然人登录', 'Personal login') },
    { key: 'legal', label: t('法人登录', 'Organisation login') },
    { key: 'qr', label: t('二维码登录', 'QR login') },
  ];

  return (
    <div className="login-page">
      <Typography.Paragraph className="registration-system">
        {t('科学技术部政务服务平台（试运行）· 统一用户登录', 'MOST Government Service Platform (trial) · Unified login')}
      </Typography.Paragraph>
      <div className="login-window">
        <Intro kind={kind} />
        <Card className="login-card">
          <PageHeading zh="统一用户登录" en="Unified login" />
          <Tabs
            tabBarGutter={24}
            activeKey={qr ? 'qr' : kind}
            onChange={(key) => {
              setQr(key === 'qr');
              if (key !== 'qr') setKind(key as Kind);
              setError(null);
            }}
            items={tabs}
          />
          {qr && <QrLoginPanel />}
          {/* 账号检索 links here with the window and the login name to use (?kind=legal&loginName=HJ_…). */}
          {!qr && <Form
            form={form}
            name="login"
            layout="vertical"
            onFinish={submit}
            onValuesChange={() => setError(null)}
            requiredMark={false}
            initialValues={{ loginName: prefilledLoginName(params) }}
          >
            <Form.Item name="loginName" label={t('登录名', 'Login name')} rules={[{ required: true, whitespace: true, message: t('请输入登录名', 'Please enter your login name') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('请输入登录名', 'Login name')} autoComplete="username" maxLength={100} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('登录密码', 'Password')}
              rules={[{ required: true, message: t('请输入密码', 'Please enter your password') }]}
              extra={<Link to={withReturnPath(RECOVER_PATH, returnPath)}>{t('忘记密码？', 'Forgot password?')}</Link>}
            >
              <Input.Password prefix={<LockOutlined />} placeholder={t('请输入密码', 'Password')} autoComplete="current-password" maxLength={200} />
            </Form.Item>
            <CaptchaField refreshSignal={captchaSignal} />
            {force && <Alert type="info" showIcon title={t('业务系统要求您重新登录', 'The business system asks you to log in again')} style={{ marginBottom: 16 }} />}
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block size="large" loading={submitting || !loggedOut}>
              {t('用户登录', 'Log in')}
            </Button>
          </Form>}
          <div className="login-register">
            {t('没有账号？', 'No account? ')}
            <Link to={withReturnPath('/register', returnPath)}>{t('立即注册账号', 'Register now')}</Link>
          </div>
          <div className="login-register">
            {t('原系统用户？', 'Coming from a former system? ')}
            <Link to={withReturnPath(ACCOUNT_LOOKUP_PATH, returnPath)}>{t('账号检索', 'Account lookup')}</Link>
          </div>
          <NationalLoginButton returnPath={returnPath} />
        </Card>
      </div>
    </div>
  );
}
