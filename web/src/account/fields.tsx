import { Alert, Button, Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { checkLoginName, checkMobile } from '../../../src/accounts/rules.ts';
import { InputWithAvailability } from '../components/AvailabilityButton.tsx';
import { TAIL_LAYOUT } from '../components/formLayout.ts';
import { personName } from '../../../src/platform/fields/names.ts';
import { messageFor, ruleValidator, schemaRule } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';

type NamePath = (string | number)[];

/** 账号信息 / 用户信息 / 法人信息 …: a section heading of the registration forms. */
export function SectionTitle({ zh, en }: { zh: string; en: string }) {
  const { t } = useI18n();
  return (
    <Typography.Title level={3} className="form-section">
      {t(zh, en)}
    </Typography.Title>
  );
}

/** Under 用户信息 (technology-contract manual, 1. 注册): the warning before the identity fields. */
export function AccuracyWarning() {
  const { t } = useI18n();
  return (
    <Form.Item {...TAIL_LAYOUT}>
      <Alert
        type="warning"
        showIcon
        title={t('为避免影响实名认证，请务必准确填写本人的证件信息，填写后请仔细核对！', 'To avoid failing real-name verification, enter your document details exactly and check them carefully.')}
      />
    </Form.Item>
  );
}

/** 登录名 with 检查登录名是否已注册. */
export function LoginNameField() {
  const { t, lang } = useI18n();
  return (
    <InputWithAvailability
      field="loginName"
      name={['loginName']}
      fieldLabel={t('登录名', 'Login name')}
      label={{ zh: '检查登录名是否已注册', en: 'Check whether the login name is registered' }}
      maxLength={50}
      rules={[{ required: true, message: messageFor('LOGIN_NAME_EMPTY', lang) }, { validator: ruleValidator(checkLoginName, lang) }]}
    />
  );
}

/** A mainland mobile number (手机号码, 法定代表人手机号码, 主代办人手机号码). */
export function MobileField({ name, label }: { name: NamePath; label: { zh: string; en: string } }) {
  const { t, lang } = useI18n();
  return (
    <Form.Item
      name={name}
      label={t(label.zh, label.en)}
      rules={[
        { required: true, message: t('请输入手机号码', 'Please enter a mobile number') },
        { validator: ruleValidator((value) => checkMobile(value.trim()), lang) },
      ]}
    >
      <Input inputMode="tel" autoComplete="off" maxLength={20} />
    </Form.Item>
  );
}

/** A required text field such as 法定代表人姓名. */
export function NameField({ name, label }: { name: NamePath; label: { zh: string; en: string } }) {
  const { t, lang } = useI18n();
  return (
    <Form.Item name={name} label={t(label.zh, label.en)} rules={[{ required: true, whitespace: true, message: messageFor('REQUIRED_FIELD', lang) }, schemaRule(personName, lang)]}>
      <Input autoComplete="off" />
    </Form.Item>
  );
}

/** Under the fields: the form's error, when there is one, above its submit button. */
export function SubmitRow({ error, submitting, size, children }: { error: string | null; submitting: boolean; size?: 'large'; children: ReactNode }) {
  return (
    <>
      {error && (
        <Form.Item {...TAIL_LAYOUT}>
          <Alert type="error" showIcon title={error} />
        </Form.Item>
      )}
      <Form.Item {...TAIL_LAYOUT}>
        <Button type="primary" htmlType="submit" loading={submitting} size={size}>
          {children}
        </Button>
      </Form.Item>
    </>
  );
}
