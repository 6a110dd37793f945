import { Alert, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { LEGAL_PERSON_TYPES, checkEmail } from '../../../src/accounts/rules.ts';
import { legalAppealSchema } from '../../../src/recovery/schemas.ts';
import { MobileField } from '../account/fields.tsx';
import { useCheckedSubmit } from '../account/submit.ts';
import { FORM_LAYOUT } from '../components/formLayout.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { ApiError } from '../lib/api.ts';
import { messageFor, ruleValidator } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { AppealFileField } from './AppealFileField.tsx';
import { ExpiredOrSubmit } from './ExpiredOrSubmit.tsx';
import { submitLegalAppeal, type FoundOrganization } from './recovery-api.ts';
import { ReasonField } from './ReasonField.tsx';
import { ShownValue } from './ShownValue.tsx';
import { LEGAL_APPEAL } from './texts.ts';

/** Refusals of the server that concern one field of this form. */
const FIELD_OF_CODE: Record<string, string[]> = {
  SMS_CODE_WRONG: ['smsCode'],
  SMS_CODE_EXPIRED: ['smsCode'],
};

export interface LegalAppealFormProps {
  found: FoundOrganization;
  onSubmitted: () => void;
  /** Back to 检索单位 (the search's ticket expired). */
  onRestart: () => void;
}

/**
 * 上传文件: the organisation as the appellant knows it, the new primary agent (anyone in the
 * organisation, FAQ 3.1) with the signed and stamped scans, the reason and the agent's SMS code.
 */
export function LegalAppealForm({ found, onSubmitted, onRestart }: LegalAppealFormProps) {
  const { t, lang } = useI18n();
  const [expired, setExpired] = useState(false);
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(legalAppealSchema, FIELD_OF_CODE, async (input) => {
    try {
      await submitLegalAppeal(input);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'ORGANIZATION_SEARCH_EXPIRED') setExpired(true);
      throw caught;
    }
    onSubmitted();
  });
  const required = { required: true, message: messageFor('REQUIRED_FIELD', lang) };
  const typeLabel = t('法人类型', 'Legal person type');

  return (
    <>
      <Alert
        className="recovery-note"
        type="info"
        showIcon
        title={t(LEGAL_APPEAL.anyone.zh, LEGAL_APPEAL.anyone.en)}
        description={t(LEGAL_APPEAL.renamed.zh, LEGAL_APPEAL.renamed.en)}
      />
      <Form
        form={form}
        name="legal-appeal"
        {...FORM_LAYOUT}
        labelWrap
        onFinish={(values: Record<string, unknown>) => submit({ ...values, ticket: found.ticket })}
        onValuesChange={clearError}
        scrollToFirstError={{ focus: true, block: 'center' }}
        initialValues={{ agent: { region: 'mainland', documentType: 'resident_id' } }}
      >
        <ShownValue label={{ zh: '单位名称', en: 'Organisation name' }} value={found.organizationName} />
        <Form.Item name="legalPersonType" label={typeLabel} rules={[required]}>
          <Radio.Group aria-label={typeLabel} options={LEGAL_PERSON_TYPES.map((type) => ({ value: type.value, label: t(type.zh, type.en) }))} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('统一社会信用代码', 'Unified social credit code')} rules={[required, { max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <IdentityFields path={['agent']} labelPrefix={{ zh: '主代办人', en: 'Primary agent' }} withValidity={false} />
        <MobileField name={['agent', 'mobile']} label={{ zh: '主代办人移动电话', en: 'Primary agent mobile' }} />
        <Form.Item name="email" label={t('电子邮箱', 'E-mail')} rules={[{ validator: ruleValidator((value) => checkEmail(value.trim()), lang) }]}>
          <Input autoComplete="off" inputMode="email" maxLength={254} />
        </Form.Item>
        <AppealFileField name="frontUploadId" label={{ zh: '主代办人证件正面', en: 'Primary agent document, front' }} hint={LEGAL_APPEAL.hint} />
        <AppealFileField name="backUploadId" label={{ zh: '主代办人证件反面', en: 'Primary agent document, back' }} hint={LEGAL_APPEAL.hint} />
        <ReasonField />
        <SmsCodeField
          name={['smsCode']}
          mobileName={['agent', 'mobile']}
          label={{ zh: '手机验证码', en: 'SMS code' }}
          buttonLabel={{ zh: '获取验证码', en: 'Get code' }}
          purpose="appeal"
        />
        <ExpiredOrSubmit expired={expired} expiredCode="ORGANIZATION_SEARCH_EXPIRED" onRestart={onRestart} error={error} submitting={submitting}>
          {t('下一步', 'Next')}
        </ExpiredOrSubmit>
      </Form>
    </>
  );
}
