import { Button, Checkbox, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { TAIL_LAYOUT } from './formLayout.ts';

export interface Agreement {
  /** 《自然人实名注册协议》 / 《法人实名注册协议》, with the book-title marks. */
  title: { zh: string; en: string };
  /** Paragraphs of the agreement. */
  paragraphs: { zh: string; en: string }[];
}

/**
 * 我已阅读并同意《…协议》: the checkbox must be ticked to register; the title opens the
 * agreement, whose 同意 button ticks the box.
 */
export function AgreementField({ agreement, name = 'agreed' }: { agreement: Agreement; name?: string }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const [open, setOpen] = useState(false);
  const title = t(agreement.title.zh, agreement.title.en);

  return (
    <>
      <Form.Item
        name={name}
        valuePropName="checked"
        {...TAIL_LAYOUT}
        // aria-required on the checkbox: the rule below is a validator, which antd cannot see as required.
        required
        rules={[
          {
            validator: async (_, value: boolean | undefined) => {
              if (!value) throw new Error(messageFor('AGREEMENT_REQUIRED', lang));
            },
          },
        ]}
      >
        <Checkbox>
          {t('我已阅读并同意', 'I have read and agree to ')}
          <a
            href="#agreement"
            onClick={(event) => {
              // Inside the checkbox label: open the text without ticking the box.
              event.preventDefault();
              event.stopPropagation();
              setOpen(true);
            }}
          >
            {title}
          </a>
        </Checkbox>
      </Form.Item>
      <Modal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="close" onClick={() => setOpen(false)}>
            {t('关闭', 'Close')}
          </Button>,
          <Button
            key="agree"
            type="primary"
            onClick={() => {
              form.setFieldValue(name, true);
              void form.validateFields([name]);
              setOpen(false);
            }}
          >
            {t('我已阅读并同意', 'I agree')}
          </Button>,
        ]}
      >
        {agreement.paragraphs.map((p, index) => (
          <Typography.Paragraph key={index}>{t(p.zh, p.en)}</Typography.Paragraph>
        ))}
      </Modal>
    </>
  );
}
