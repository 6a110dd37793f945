import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CaptchaField } from '../components/CaptchaField.tsx';
import { FORM_LAYOUT, TAIL_LAYOUT } from '../components/formLayout.ts';
import { ApiError } from '../lib/api.ts';
import { applyServerError, messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { RECOVERY_PATHS } from './paths.ts';
import type { Captcha } from './recovery-api.ts';
import type { Text } from './texts.ts';

type AppealKind = 'natural' | 'legal';

/** Refusals after which the seed sends the user to the appeals (FAQ 2.1 登录名不存在, 五.2(3) 无预留手机号): which ones. */
const APPEALS_OF_CODE: Record<string, AppealKind[]> = {
  LOGIN_NAME_NOT_FOUND: ['natural', 'legal'],
  NO_RESERVED_PHONE_NATURAL: ['natural'],
  NO_RESERVED_PHONE_LEGAL: ['legal'],
};

export interface CaptchaSearchFormProps<T> {
  /** The form's name (its fields' ids start with it). */
  formName: string;
  /** The searched field: 登录名 or 单位名称. */
  field: { name: string; label: Text; maxLength: number };
  /** 检索登录名 / 检索单位名. */
  button: Text;
  /** The request: the typed name (trimmed) and the captcha answer. */
  search: (name: string, captcha: Captcha) => Promise<T>;
  onFound: (found: T) => void;
  /** A value to start with (after 重新检索, the name searched before). */
  initialValue?: string;
}

type Problem = { message: string; appeals: AppealKind[] };

/** Step 1 of 登录名重置密码 and of the organisation appeal: one name, the image captcha, the search button. */
export function CaptchaSearchForm<T>({ formName, field, button, search, onFound, initialValue }: CaptchaSearchFormProps<T>) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [captchaSignal, setCaptchaSignal] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [searching, setSearching] = useState(false);

  const submit = async (values: Record<string, string>) => {
    setProblem(null);
    setSearching(true);
    try {
      const found = await search(values[field.name]?.trim() ?? '', { captchaId: values.captchaId ?? '', captcha: values.captcha ?? '' });
      onFound(found);
    } catch (error) {
      // Every attempt spends the captcha, right or wrong; a new one clears the typed answer.
      setCaptchaSignal((n) => n + 1);
      setProblem({ message: applyServerError(form, error, lang), appeals: (error instanceof ApiError && APPEALS_OF_CODE[error.code]) || [] });
    } finally {
      setSearching(false);
    }
  };

  return (
    <Form form={form} name={formName} {...FORM_LAYOUT} onFinish={submit} onValuesChange={() => setProblem(null)} initialValues={{ [field.name]: initialValue }}>
      <Form.Item
        name={field.name}
        label={t(field.label.zh, field.label.en)}
        rules={[{ required: true, whitespace: true, message: messageFor('REQUIRED_FIELD', lang) }, { max: field.maxLength }]}
      >
        <Input autoComplete="off" maxLength={field.maxLength} />
      </Form.Item>
      <CaptchaField refreshSignal={captchaSignal} />
      {problem && (
        <Form.Item {...TAIL_LAYOUT}>
          <Alert type="error" showIcon title={problem.message} description={problem.appeals.length ? <AppealLinks kinds={problem.appeals} /> : undefined} />
        </Form.Item>
      )}
      <Form.Item {...TAIL_LAYOUT}>
        <Button type="primary" htmlType="submit" loading={searching}>
          {t(button.zh, button.en)}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** The appeals for a login name that cannot be reset by phone: both, or the one that fits the account. */
export function AppealLinks({ kinds = ['natural', 'legal'] }: { kinds?: AppealKind[] }) {
  const { t } = useI18n();
  return (
    <Space wrap size="large">
      {kinds.includes('natural') && <Link to={RECOVERY_PATHS['natural-appeal']}>{t('自然人申诉找回密码', 'Personal appeal')}</Link>}
      {kinds.includes('legal') && <Link to={RECOVERY_PATHS['legal-appeal']}>{t('单位法人用户申诉找回密码', 'Organisation appeal')}</Link>}
    </Space>
  );
}
