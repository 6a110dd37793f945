import { Form } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import { AgreementField, type Agreement } from '../components/AgreementField.tsx';
import { FORM_LAYOUT } from '../components/formLayout.ts';
import { PasswordFields } from '../components/PasswordFields.tsx';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useReturnPath, withReturnPath } from '../lib/return-path.ts';
import { LoginNameField, SectionTitle, SubmitRow } from './fields.tsx';
import { RegistrationFrame } from './RegistrationFrame.tsx';
import { useCheckedSubmit } from './submit.ts';

type Kind = 'natural' | 'legal';

const FORMS: Record<Kind, { name: string; endpoint: string; heading: { zh: string; en: string } }> = {
  natural: { name: 'register-natural', endpoint: '/api/register/natural', heading: { zh: '自然人注册', en: 'Register as a natural person' } },
  legal: { name: 'register-legal', endpoint: '/api/register/legal', heading: { zh: '单位用户（法人）注册', en: 'Register as an organisation (legal person)' } },
};

export interface RegistrationFormProps {
  kind: Kind;
  /** The request schema the server enforces, checked before sending. */
  schema: z.ZodType;
  /** Refusals of the server that concern one field of this form. */
  fieldOfCode: Record<string, (string | number)[]>;
  initialValues: Record<string, unknown>;
  agreement: Agreement;
  /** The fields between 账号信息 and the agreement. */
  children: ReactNode;
}

/** 填写账号以及用户信息 of either registration: 账号信息 first, the agreement and 注册账号 last. */
export function RegistrationForm({ kind, schema, fieldOfCode, initialValues, agreement, children }: RegistrationFormProps) {
  const { t } = useI18n();
  const { form, submitting, error, clearError, submit } = useRegistrationSubmit(kind, schema, fieldOfCode);
  return (
    <RegistrationFrame step={0} kind={kind} heading={FORMS[kind].heading} title={{ zh: '填写账号以及用户信息', en: 'Account and user information' }}>
      <Form
        form={form}
        name={FORMS[kind].name}
        {...FORM_LAYOUT}
        labelWrap
        onFinish={submit}
        onValuesChange={clearError}
        scrollToFirstError={{ focus: true, block: 'center' }}
        initialValues={initialValues}
      >
        <SectionTitle zh="账号信息" en="Account information" />
        <LoginNameField />
        <PasswordFields />
        {children}
        <AgreementField agreement={agreement} />
        <SubmitRow error={error} submitting={submitting} size="large">
          {t('注册账号', 'Register')}
        </SubmitRow>
      </Form>
    </RegistrationFrame>
  );
}

/** Sends the registration, then shows 注册完成 with the login name the server registered. */
function useRegistrationSubmit(kind: Kind, schema: z.ZodType, fieldOfCode: Record<string, (string | number)[]>) {
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  return useCheckedSubmit(schema, fieldOfCode, async (input) => {
    const result = await api<{ loginName: string }>('POST', FORMS[kind].endpoint, input);
    navigate(withReturnPath('/register/done', returnPath), { state: { kind, loginName: result.loginName } });
  });
}
