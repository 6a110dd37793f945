/**
 * After 国家政务服务平台账号登录 came back without logging in at once (src/federation/national/service.ts):
 *   confirm        a verified account holds the document: confirm the link once (登录密码 or 短信验证码);
 *   login_to_link  only unverified accounts hold it: log in once with one of them to link;
 *   register       nobody holds it: the prefilled registration (name and document read-only).
 * Every way ends logged in, where a password login would have gone (?return=).
 */
import { Alert, Card, Descriptions, Form, Input, Radio, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { isServerPath } from '../../../../src/sso/return-path.ts';
import { confirmLinkSchema, loginToLinkSchema, nationalRegistrationSchema } from '../../../../src/federation/national/schemas.ts';
import { NATURAL_AGREEMENT } from '../../account/agreements.ts';
import { LoginNameField, MobileField, SubmitRow } from '../../account/fields.tsx';
import { useCheckedSubmit } from '../../account/submit.ts';
import { AgreementField } from '../../components/AgreementField.tsx';
import { FORM_LAYOUT } from '../../components/formLayout.ts';
import { PasswordFields } from '../../components/PasswordFields.tsx';
import { SmsCodeField } from '../../components/SmsCodeField.tsx';
import { PageHeading } from '../../layout/PageHeading.tsx';
import { api, ApiError } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useFollowReturn, useReturnPath, withReturnPath } from '../../lib/return-path.ts';
import { useSession } from '../../lib/session.tsx';
import { NATIONAL_PREFIX } from './paths.ts';
import './national.css';

interface PendingView {
  step: 'confirm' | 'login_to_link' | 'register';
  name: string;
  documentTypeLabel: string;
  documentTypeLabelEn: string;
  documentNumber: string;
  maskedMobile?: string;
}

const HEADINGS = {
  confirm: { zh: '确认关联国家政务服务平台账号', en: 'Confirm the link to your national platform account' },
  login_to_link: { zh: '登录并关联国家政务服务平台账号', en: 'Log in to link your national platform account' },
  register: { zh: '注册并关联国家政务服务平台账号', en: 'Register and link your national platform account' },
  expired: { zh: '关联国家政务服务平台账号', en: 'Link your national platform account' },
} as const;

/** After the server logged the person in: where it says to go, the portal's session refreshed first. */
function useEntered() {
  const { refresh } = useSession();
  const follow = useFollowReturn();
  return async (result: { location: string }) => {
    const load = isServerPath(result.location) ? 'server' : 'portal';
    if (load === 'portal') await refresh();
    follow({ load, path: result.location });
  };
}

export function NationalLinkPage() {
  const { t, lang } = useI18n();
  const returnPath = useReturnPath();
  const [view, setView] = useState<PendingView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    api<PendingView>('GET', `${NATIONAL_PREFIX}/pending`)
      .then(setView)
      .catch((caught: unknown) => setProblem(caught instanceof ApiError ? (lang === 'zh' ? caught.message : caught.messageEn) : String(caught)));
  }, [lang]);

  const heading = HEADINGS[view?.step ?? 'expired'];
  return (
    <div className="national-link-page">
      <Card className="national-link-card">
        <PageHeading zh={heading.zh} en={heading.en} />
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem}
            description={<Link to={withReturnPath('/login', returnPath)}>{t('返回登录', 'Back to login')}</Link>}
          />
        )}
        {!view && !problem && <Spin />}
        {view && <UpstreamPerson view={view} />}
        {view?.step === 'confirm' && <ConfirmForm view={view} />}
        {view?.step === 'login_to_link' && <LoginToLinkForm />}
        {view?.step === 'register' && <RegisterForm />}
      </Card>
    </div>
  );
}

/** Who the national platform says the person is (the document masked). */
function UpstreamPerson({ view }: { view: PendingView }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Typography.Paragraph>
        {view.step === 'confirm'
          ? t(
              '本平台已有与您的国家政务服务平台账号证件信息一致的实名认证账号。首次使用时，请用该账号的登录密码或预留手机号验证码确认关联。',
              'A verified account here holds the same identity document as your national platform account. The first time, confirm the link with its password or an SMS code to its reserved mobile.',
            )
          : view.step === 'login_to_link'
            ? t(
                '本平台已有使用相同证件注册、尚未实名认证的账号。请用该账号的登录名和密码登录一次，登录后即完成关联。',
                'An account here was registered with the same identity document but is not verified. Log in once with its login name and password to link it.',
              )
            : t(
                '本平台尚无与您的证件对应的账号。以下实名信息来自国家政务服务平台，不可修改；设置登录名、密码和手机号后即完成注册，并保留国家政务服务平台的实名认证。',
                'No account here holds your identity document. The identity below comes from the national platform and cannot be changed; choose a login name, password and mobile to register, keeping the national platform\'s verification.',
              )}
      </Typography.Paragraph>
      <Descriptions
        className="national-person"
        bordered
        size="small"
        column={1}
        title={t('国家政务服务平台实名信息', 'Identity from the national platform')}
        items={[
          { key: 'name', label: t('姓名', 'Name'), children: view.name },
          { key: 'type', label: t('证件类型', 'Document type'), children: lang === 'zh' ? view.documentTypeLabel : view.documentTypeLabelEn },
          { key: 'number', label: t('证件号码', 'Document number'), children: view.documentNumber },
        ]}
      />
    </>
  );
}

function ConfirmForm({ view }: { view: PendingView }) {
  const { t } = useI18n();
  const entered = useEntered();
  const [method, setMethod] = useState<'password' | 'sms'>('password');
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(confirmLinkSchema, { NATIONAL_PASSWORD_WRONG: ['password'], SMS_CODE_WRONG: ['smsCode'], SMS_CODE_EXPIRED: ['smsCode'] }, async (input) => {
    await entered(await api<{ location: string }>('POST', `${NATIONAL_PREFIX}/pending/confirm`, input));
  });
  return (
    <Form form={form} name="national-confirm" {...FORM_LAYOUT} labelWrap onFinish={(values) => submit({ ...values, method })} onValuesChange={clearError} initialValues={{ reserved: view.maskedMobile ?? '' }}>
      <Typography.Title level={2} className="national-section">
        {t('确认关联', 'Confirm the link')}
      </Typography.Title>
      <Form.Item label={t('确认方式', 'How to confirm')}>
        <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as 'password' | 'sms')}>
          <Radio value="password">{t('使用登录密码', 'With the password')}</Radio>
          <Radio value="sms" disabled={!view.maskedMobile}>
            {t('使用预留手机号验证码', 'With an SMS code to the reserved mobile')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {method === 'password' ? (
        <Form.Item name="password" label={t('登录密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Please enter your password') }]}>
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="reserved" label={t('预留手机号', 'Reserved mobile')}>
            <Input readOnly />
          </Form.Item>
          <SmsCodeField name={['smsCode']} mobileName={['reserved']} label={{ zh: '手机验证码', en: 'SMS code' }} request={() => api('POST', `${NATIONAL_PREFIX}/pending/sms-code`)} />
        </>
      )}
      <SubmitRow error={error} submitting={submitting}>
        {t('确认关联并登录', 'Confirm the link and log in')}
      </SubmitRow>
    </Form>
  );
}

function LoginToLinkForm() {
  const { t } = useI18n();
  const entered = useEntered();
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(loginToLinkSchema, {}, async (input) => {
    await entered(await api<{ location: string }>('POST', `${NATIONAL_PREFIX}/pending/login`, input));
  });
  return (
    <Form form={form} name="national-login-link" {...FORM_LAYOUT} labelWrap onFinish={submit} onValuesChange={clearError}>
      <Typography.Title level={2} className="national-section">
        {t('登录本平台账号', 'Log in to your account here')}
      </Typography.Title>
      <Form.Item name="loginName" label={t('登录名', 'Login name')} rules={[{ required: true, whitespace: true, message: t('请输入登录名', 'Please enter your login name') }]}>
        <Input autoComplete="username" maxLength={100} />
      </Form.Item>
      <Form.Item name="password" label={t('登录密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Please enter your password') }]}>
        <Input.Password autoComplete="current-password" maxLength={200} />
      </Form.Item>
      <SubmitRow error={error} submitting={submitting}>
        {t('登录并关联', 'Log in and link')}
      </SubmitRow>
    </Form>
  );
}

function RegisterForm() {
  const { t } = useI18n();
  const entered = useEntered();
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(
    nationalRegistrationSchema,
    { LOGIN_NAME_TAKEN: ['loginName'], SMS_CODE_WRONG: ['smsCode'], SMS_CODE_EXPIRED: ['smsCode'] },
    async (input) => {
      await entered(await api<{ location: string }>('POST', `${NATIONAL_PREFIX}/pending/register`, input));
    },
  );
  return (
    <Form form={form} name="national-register" {...FORM_LAYOUT} labelWrap onFinish={submit} onValuesChange={clearError} scrollToFirstError={{ focus: true, block: 'center' }}>
      <Typography.Title level={2} className="national-section">
        {t('账号信息', 'Account information')}
      </Typography.Title>
      <LoginNameField />
      <PasswordFields />
      <MobileField name={['mobile']} label={{ zh: '手机号码', en: 'Mobile number' }} />
      <SmsCodeField name={['smsCode']} mobileName={['mobile']} label={{ zh: '验证码', en: 'SMS code' }} />
      <AgreementField agreement={NATURAL_AGREEMENT} />
      <SubmitRow error={error} submitting={submitting}>
        {t('注册账号', 'Register')}
      </SubmitRow>
    </Form>
  );
}
