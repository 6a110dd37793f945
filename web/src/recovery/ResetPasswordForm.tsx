import { Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { checkEmail, checkMobile } from '../../../src/accounts/rules.ts';
import { resetCompleteSchema } from '../../../src/recovery/schemas.ts';
import { useCheckedSubmit } from '../account/submit.ts';
import { FORM_LAYOUT } from '../components/formLayout.ts';
import { PasswordFields } from '../components/PasswordFields.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { ApiError } from '../lib/api.ts';
import { messageFor, ruleValidator } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ExpiredOrSubmit } from './ExpiredOrSubmit.tsx';
import { completeReset, sendResetCode, type AccountKind, type FoundUser, type Method } from './recovery-api.ts';
import { ReasonField } from './ReasonField.tsx';
import { ShownValue } from './ShownValue.tsx';

/** Refusals of 获取验证码 and 确定 that concern one field. */
const FIELD_OF_CODE: Record<string, string[]> = {
  RESERVED_PHONE_MISMATCH: ['confirm'],
  RESERVED_EMAIL_MISMATCH: ['confirm'],
  NO_RESERVED_EMAIL: ['method'],
  SMS_CODE_WRONG: ['code'],
  SMS_CODE_EXPIRED: ['code'],
  EMAIL_CODE_WRONG: ['code'],
  EMAIL_CODE_EXPIRED: ['code'],
  PASSWORD_SAME_AS_OLD: ['password'],
};

/** What changes with 验证方式: the reserved address shown, its confirmation, the code and its button. */
const BY_METHOD = {
  phone: {
    reserved: { zh: '预留手机号', en: 'Reserved phone' },
    confirm: { zh: '确认预留手机号', en: 'Confirm the reserved phone' },
    code: { zh: '手机验证码', en: 'SMS code' },
    button: { zh: '获取短信验证码', en: 'Get SMS code' },
    check: checkMobile,
  },
  email: {
    reserved: { zh: '预留电子邮箱', en: 'Reserved e-mail' },
    confirm: { zh: '确认预留电子邮箱', en: 'Confirm the reserved e-mail' },
    code: { zh: '邮箱验证码', en: 'E-mail code' },
    button: { zh: '获取邮箱验证码', en: 'Get e-mail code' },
    check: checkEmail,
  },
} as const;

export interface ResetPasswordFormProps {
  found: FoundUser;
  onDone: (kind: AccountKind) => void;
  /** Back to 检索用户 (the ticket expired or was spent on wrong confirmations). */
  onRestart: () => void;
}

/**
 * 重置密码: the reserved phone (or e-mail) typed in full, for legal accounts the organisation's
 * name and credit code, the reason, the new password twice and the code sent to that address.
 */
export function ResetPasswordForm({ found, onDone, onRestart }: ResetPasswordFormProps) {
  const { t, lang } = useI18n();
  const [expired, setExpired] = useState(false);
  /** An expired ticket sends the user back to the search, from either button. */
  const watchTicket = async <T,>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'RESET_TICKET_EXPIRED') setExpired(true);
      throw error;
    }
  };
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(resetCompleteSchema, FIELD_OF_CODE, async (input) => {
    const result = await watchTicket(() => completeReset(input));
    onDone(result.kind);
  });
  const method = (Form.useWatch('method', form) as Method | undefined) ?? 'phone';
  const texts = BY_METHOD[method];
  const required = { required: true, message: messageFor('REQUIRED_FIELD', lang) };

  const switchMethod = () => {
    form.setFields([
      { name: 'confirm', value: '', errors: [] },
      { name: 'code', value: '', errors: [] },
    ]);
  };

  return (
    <Form
      form={form}
      name="reset-password"
      {...FORM_LAYOUT}
      labelWrap
      initialValues={{ method: 'phone' }}
      onFinish={(values: Record<string, unknown>) => submit({ ...values, ticket: found.ticket })}
      onValuesChange={clearError}
      scrollToFirstError={{ focus: true, block: 'center' }}
    >
      <Form.Item
        name="method"
        label={t('验证方式', 'Verify by')}
        rules={[required]}
        // Why 电子邮箱 cannot be chosen (issue 14.17): the account has no reserved e-mail.
        extra={found.maskedEmail === null ? t('该账号未预留电子邮箱，请通过手机号验证', 'This account has no reserved e-mail: verify by phone') : undefined}
      >
        <Radio.Group
          aria-label={t('验证方式', 'Verify by')}
          onChange={switchMethod}
          options={[
            { value: 'phone', label: t('手机号', 'Phone') },
            { value: 'email', label: t('电子邮箱', 'E-mail'), disabled: found.maskedEmail === null },
          ]}
        />
      </Form.Item>
      <ShownValue label={{ zh: '登录名', en: 'Login name' }} value={found.loginName} />
      <ShownValue label={texts.reserved} value={(method === 'phone' ? found.maskedMobile : found.maskedEmail) ?? ''} />
      <Form.Item
        name="confirm"
        label={t(texts.confirm.zh, texts.confirm.en)}
        rules={[required, { validator: ruleValidator((value) => texts.check(value.trim()), lang) }]}
      >
        <Input autoComplete="off" inputMode={method === 'phone' ? 'tel' : 'email'} maxLength={200} />
      </Form.Item>
      {found.kind === 'legal' && (
        <>
          <Form.Item name="organizationName" label={t('单位名称', 'Organisation name')} rules={[required, { max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="creditCode" label={t('统一社会信用代码', 'Unified social credit code')} rules={[required, { max: 50 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </>
      )}
      <ReasonField />
      <PasswordFields passwordLabel={{ zh: '新密码', en: 'New password' }} confirmLabel={{ zh: '确认新密码', en: 'Confirm new password' }} />
      <SmsCodeField
        key={method}
        name={['code']}
        mobileName={['confirm']}
        label={texts.code}
        buttonLabel={texts.button}
        channel={method === 'phone' ? 'sms' : 'email'}
        request={(confirm) => watchTicket(() => sendResetCode({ ticket: found.ticket, method, confirm })).then(() => undefined)}
        fieldOfCode={FIELD_OF_CODE}
      />
      <ExpiredOrSubmit expired={expired} expiredCode="RESET_TICKET_EXPIRED" onRestart={onRestart} error={error} submitting={submitting}>
        {t('确定', 'OK')}
      </ExpiredOrSubmit>
    </Form>
  );
}
