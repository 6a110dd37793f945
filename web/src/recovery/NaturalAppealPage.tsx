import { Form } from 'antd';
import { useState } from 'react';
import { naturalAppealSchema } from '../../../src/recovery/schemas.ts';
import { MobileField, SubmitRow } from '../account/fields.tsx';
import { useCheckedSubmit } from '../account/submit.ts';
import { FORM_LAYOUT } from '../components/formLayout.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { AppealFileField } from './AppealFileField.tsx';
import { AppealSubmitted } from './AppealSubmitted.tsx';
import { RecoveryFrame } from './RecoveryFrame.tsx';
import { submitNaturalAppeal } from './recovery-api.ts';
import { NATURAL_APPEAL } from './texts.ts';

/** Refusals of the server that concern one field of this form. */
const FIELD_OF_CODE: Record<string, string[]> = {
  SMS_CODE_WRONG: ['smsCode'],
  SMS_CODE_EXPIRED: ['smsCode'],
};

/** 自然人申诉找回密码: 上传证件 (the person, the signed scans, the SMS code) → 等待审核. */
export function NaturalAppealPage() {
  const { t } = useI18n();
  const [submitted, setSubmitted] = useState(false);
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(naturalAppealSchema, FIELD_OF_CODE, async (input) => {
    await submitNaturalAppeal(input);
    setSubmitted(true);
  });

  return (
    <RecoveryFrame steps={NATURAL_APPEAL.steps} current={submitted ? 1 : 0} notes={submitted ? undefined : NATURAL_APPEAL.notes} title={NATURAL_APPEAL.title}>
      {submitted ? (
        <AppealSubmitted />
      ) : (
        <Form
          form={form}
          name="natural-appeal"
          {...FORM_LAYOUT}
          labelWrap
          onFinish={submit}
          onValuesChange={clearError}
          scrollToFirstError={{ focus: true, block: 'center' }}
          initialValues={{ region: 'mainland', documentType: 'resident_id' }}
        >
          <IdentityFields withValidity={false} />
          <MobileField name={['mobile']} label={{ zh: '手机号', en: 'Mobile number' }} />
          <AppealFileField name="frontUploadId" label={{ zh: '证件正面', en: 'Document, front' }} hint={NATURAL_APPEAL.hint} />
          <AppealFileField name="backUploadId" label={{ zh: '证件反面', en: 'Document, back' }} hint={NATURAL_APPEAL.hint} />
          <SmsCodeField name={['smsCode']} mobileName={['mobile']} label={{ zh: '手机验证码', en: 'SMS code' }} buttonLabel={{ zh: '获取验证码', en: 'Get code' }} purpose="appeal" />
          <SubmitRow error={error} submitting={submitting}>
            {t('下一步', 'Next')}
          </SubmitRow>
        </Form>
      )}
    </RecoveryFrame>
  );
}
