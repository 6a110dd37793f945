import { Button, Form, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { maskEmail, maskPhone } from '../../../src/accounts/rules.ts';
import { InputRow } from './InputRow.tsx';
import { api, ApiError } from '../lib/api.ts';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';

type NamePath = (string | number)[];

/** The server refuses a new code for the same phone within a minute (SMS_RESEND_COOLDOWN_MS). */
export const SMS_RESEND_SECONDS = 60;

export interface SmsCodeFieldProps {
  /** Field of the code, e.g. ['smsCode'] or ['primaryAgent', 'smsCode']. */
  name: NamePath;
  /** Field of the phone the code is sent to; it is validated before sending. */
  mobileName: NamePath;
  /** 验证码 on the natural form, 主代办人手机号验证码 on the legal one. */
  label: { zh: string; en: string };
  purpose?: 'register' | 'appeal';
  /** The button: 获取短信验证码 unless given (获取验证码 on the appeal pages, 获取邮箱验证码 for e-mail). */
  buttonLabel?: { zh: string; en: string };
  /** 'email' when the code goes to the e-mail address typed in `mobileName` (邮箱验证码). */
  channel?: 'sms' | 'email';
  /** Sends the code to the address typed in `mobileName`; POST /api/sms-codes with `purpose` unless given. */
  request?: (address: string) => Promise<void>;
  /** Refusals of the send that belong to another field (e.g. 确认预留手机号与预留手机号不一致). */
  fieldOfCode?: Record<string, NamePath>;
}

type Status = { kind: 'sent'; phone: string } | { kind: 'error'; message: string } | null;

/**
 * 手机验证码 with 获取短信验证码: checks the phone field, asks the server to send a code,
 * then counts down before another may be requested. Server refusals (e.g.
 * 短信发送过于频繁) are shown under the field, or under the field they concern.
 */
export function SmsCodeField({ name, mobileName, label, purpose = 'register', buttonLabel, channel = 'sms', request, fieldOfCode = {} }: SmsCodeFieldProps) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const [seconds, setSeconds] = useState(0);
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [seconds]);

  const send = async () => {
    try {
      await form.validateFields([mobileName]);
    } catch {
      return;
    }
    const mobile = String(form.getFieldValue(mobileName) ?? '').trim();
    setSending(true);
    try {
      if (request) await request(mobile);
      else await api('POST', '/api/sms-codes', { mobile, purpose });
      setStatus({ kind: 'sent', phone: mobile });
      setSeconds(SMS_RESEND_SECONDS);
    } catch (error) {
      const target = error instanceof ApiError ? fieldOfCode[error.code] : undefined;
      if (error instanceof ApiError && target) {
        setStatus(null);
        form.setFields([{ name: target, errors: [lang === 'zh' ? error.message : error.messageEn] }]);
        return;
      }
      const message = error instanceof ApiError ? (lang === 'zh' ? error.message : error.messageEn) : (messageFor('INTERNAL', lang) ?? '');
      const problem = error instanceof ApiError ? error.fields[0] : undefined;
      setStatus({ kind: 'error', message: problem ? (lang === 'zh' ? problem.message : problem.messageEn) : message });
    } finally {
      setSending(false);
    }
  };

  const email = channel === 'email';
  const sentTo = (address: string) => (email ? maskEmail(address) : maskPhone(address));
  const extra =
    status?.kind === 'sent' ? (
      <Typography.Text type="secondary" role="status">
        {t(`验证码已发送至 ${sentTo(status.phone)}，有效期为5分钟。`, `A code was sent to ${sentTo(status.phone)}; it is valid for 5 minutes.`)}
      </Typography.Text>
    ) : status?.kind === 'error' ? (
      <Typography.Text type="danger" role="alert">
        {status.message}
      </Typography.Text>
    ) : undefined;

  return (
    <Form.Item
      name={name}
      label={t(label.zh, label.en)}
      extra={extra}
      rules={[
        { required: true, message: email ? t('请输入邮箱验证码', 'Please enter the e-mail code') : t('请输入手机验证码', 'Please enter the SMS code') },
        { pattern: /^\s*\d{6}\s*$/, message: email ? t('请输入6位邮箱验证码', 'Enter the 6-digit e-mail code') : messageFor('SMS_CODE_FORMAT', lang) },
      ]}
    >
      <InputRow
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        after={
          <Button onClick={send} loading={sending} disabled={seconds > 0}>
            {seconds > 0 ? t(`${seconds}秒后重新获取`, `Resend in ${seconds} s`) : buttonLabel ? t(buttonLabel.zh, buttonLabel.en) : t('获取短信验证码', 'Get SMS code')}
          </Button>
        }
      />
    </Form.Item>
  );
}
