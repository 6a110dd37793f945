import { Button, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';

interface Captcha {
  id: string;
  svg: string;
  /** Which request produced it: an image from an older request is never shown. */
  key: string;
}

export interface CaptchaFieldProps {
  /**
   * Bump it (e.g. a counter increased after a failed submit) to show a new captcha:
   * the server spends a captcha on every attempt, right or wrong.
   */
  refreshSignal?: number;
  /** Field of the typed answer; the captcha id goes into `idName` (a hidden field). */
  name?: string;
  idName?: string;
  label?: { zh: string; en: string };
}

/**
 * 验证码: the answer input, the image (click it to get another) and 换一张. The image
 * carries `data-captcha-id` so that browser tests can read its answer in development.
 */
export function CaptchaField({ refreshSignal = 0, name = 'captcha', idName = 'captchaId', label }: CaptchaFieldProps) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const inputId = useId();
  const [clicks, setClicks] = useState(0);
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [failed, setFailed] = useState(false);
  const key = `${refreshSignal}:${clicks}`;

  useEffect(() => {
    let current = true;
    setFailed(false);
    form.setFieldValue(name, '');
    form.setFieldValue(idName, undefined);
    api<{ id: string; svg: string }>('GET', '/api/captcha').then(
      (created) => {
        if (!current) return;
        setCaptcha({ ...created, key });
        form.setFieldValue(idName, created.id);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [key, form, name, idName]);

  const refresh = () => setClicks((n) => n + 1);
  const shown = captcha && captcha.key === key ? captcha : null;

  return (
    <>
      <Form.Item name={idName} hidden>
        <Input />
      </Form.Item>
      <Form.Item label={label ? t(label.zh, label.en) : t('验证码', 'Verification code')} htmlFor={inputId} required>
        <Flex gap={8} align="center">
          <Form.Item name={name} noStyle rules={[{ required: true, whitespace: true, message: t('请输入验证码', 'Please enter the verification code') }]}>
            <Input id={inputId} autoComplete="off" maxLength={10} placeholder={t('请输入验证码', 'Enter the code')} style={{ flex: 1 }} />
          </Form.Item>
          <button type="button" className="captcha-image" onClick={refresh} title={t('看不清？点击换一张', 'Click for another image')}>
            {shown ? (
              <img
                data-captcha-id={shown.id}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.svg)}`}
                alt={t('验证码图片', 'Verification code image')}
                width={120}
                height={40}
              />
            ) : (
              <Typography.Text type={failed ? 'danger' : 'secondary'}>
                {failed ? t('加载失败，点击重试', 'Failed, click to retry') : t('加载中…', 'Loading…')}
              </Typography.Text>
            )}
          </button>
          <Button type="link" onClick={refresh} style={{ paddingInline: 0 }}>
            {t('换一张', 'Another one')}
          </Button>
        </Flex>
      </Form.Item>
    </>
  );
}
