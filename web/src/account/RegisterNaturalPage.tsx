import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { naturalRegistrationSchema } from '../../../src/accounts/schemas.ts';
import { AgreementField } from '../components/AgreementField.tsx';
import { FORM_LAYOUT, TAIL_LAYOUT } from '../components/formLayout.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { PasswordFields } from '../components/PasswordFields.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { NATURAL_AGREEMENT } from './agreements.ts';
import { LoginNameField, MobileField, SectionTitle } from './fields.tsx';
import { RegistrationFrame } from './RegistrationFrame.tsx';
import { checkWithSchema, showSubmitError } from './submit.ts';

/** Refusals of the server that concern one field of this form. */
const FIELD_OF_CODE: Record<string, (string | number)[]> = {
  LOGIN_NAME_TAKEN: ['loginName'],
  SMS_CODE_WRONG: ['smsCode'],
  SMS_CODE_EXPIRED: ['smsCode'],
  DOCUMENT_TAKEN: ['documentNumber'],
};

/** 自然人注册: 账号信息 and 用户信息, SMS code, agreement; then 注册完成. */
export function RegisterNaturalPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Record<string, unknown>) => {
    setError(null);
    const input = checkWithSchema(form, naturalRegistrationSchema, values, lang);
    if (!input) return;
    setSubmitting(true);
    try {
      const result = await api<{ loginName: string }>('POST', '/api/register/natural', input);
      navigate('/register/done', { state: { kind: 'natural', loginName: result.loginName } });
    } catch (caught) {
      setError(showSubmitError(form, caught, lang, FIELD_OF_CODE));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <RegistrationFrame step={0} kind="natural" title={{ zh: '填写账号以及用户信息', en: 'Account and user information' }}>
      <Form
        form={form}
        name="register-natural"
        {...FORM_LAYOUT}
        labelWrap
        onFinish={submit}
        onValuesChange={() => setError(null)}
        scrollToFirstError
        initialValues={{ region: 'mainland', documentType: 'resident_id', longTerm: false }}
      >
        <SectionTitle zh="账号信息" en="Account information" />
        <LoginNameField />
        <PasswordFields />
        <SectionTitle zh="用户信息" en="User information" />
        <IdentityFields />
        <MobileField name={['mobile']} label={{ zh: '手机号码', en: 'Mobile number' }} />
        <SmsCodeField name={['smsCode']} mobileName={['mobile']} label={{ zh: '验证码', en: 'SMS code' }} />
        <AgreementField agreement={NATURAL_AGREEMENT} />
        {error && (
          <Form.Item {...TAIL_LAYOUT}>
            <Alert type="error" showIcon title={error} />
          </Form.Item>
        )}
        <Form.Item {...TAIL_LAYOUT}>
          <Button type="primary" htmlType="submit" loading={submitting} size="large">
            {t('注册账号', 'Register')}
          </Button>
        </Form.Item>
      </Form>
    </RegistrationFrame>
  );
}
