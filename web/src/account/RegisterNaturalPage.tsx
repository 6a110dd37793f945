import { naturalRegistrationSchema } from '../../../src/accounts/schemas.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { NATURAL_AGREEMENT } from './agreements.ts';
import { AccuracyWarning, MobileField, SectionTitle } from './fields.tsx';
import { RegistrationForm } from './RegistrationForm.tsx';

/** Refusals of the server that concern one field of this form. */
const FIELD_OF_CODE: Record<string, (string | number)[]> = {
  LOGIN_NAME_TAKEN: ['loginName'],
  SMS_CODE_WRONG: ['smsCode'],
  SMS_CODE_EXPIRED: ['smsCode'],
  DOCUMENT_TAKEN: ['documentNumber'],
};

/** 自然人注册: 账号信息 and 用户信息, SMS code, agreement; then 注册完成. */
export function RegisterNaturalPage() {
  return (
    <RegistrationForm
      kind="natural"
      schema={naturalRegistrationSchema}
      fieldOfCode={FIELD_OF_CODE}
      initialValues={{ region: 'mainland', documentType: 'resident_id', longTerm: false }}
      agreement={NATURAL_AGREEMENT}
    >
      <SectionTitle zh="用户信息" en="User information" />
      <AccuracyWarning />
      <IdentityFields />
      <MobileField name={['mobile']} label={{ zh: '手机号码', en: 'Mobile number' }} />
      <SmsCodeField name={['smsCode']} mobileName={['mobile']} label={{ zh: '验证码', en: 'SMS code' }} />
    </RegistrationForm>
  );
}
