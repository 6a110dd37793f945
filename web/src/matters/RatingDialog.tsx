import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { MATTER_LIMITS, RATING_GRADES, commentRequired, type RatingGrade } from '../../../src/matters/rules.ts';
import { applyServerError, messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { rateMatter, type MatterView, type RatingView } from './matters-api.ts';

const GRADE_EN: Record<RatingGrade, string> = { 非常满意: 'Very satisfied', 满意: 'Satisfied', 基本满意: 'Fairly satisfied', 不满意: 'Dissatisfied', 非常不满意: 'Very dissatisfied' };

/** 政务服务“好差评”: one of the five grades, a comment required for the two lowest; sent once. */
export function RatingDialog({ matter, onClose, onRated }: { matter: MatterView; onClose(): void; onRated(rating: RatingView): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ grade?: RatingGrade; comment?: string }>();
  const grade = Form.useWatch('grade', form);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  async function submit() {
    const values = await form.validateFields().catch(() => undefined);
    if (!values?.grade) return;
    setSending(true);
    setError(undefined);
    try {
      onRated(await rateMatter(matter.id, { grade: values.grade, comment: values.comment ?? '' }));
    } catch (reason) {
      setError(applyServerError(form, reason, lang));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      title={t('评价：', 'Rate: ') + matter.title}
      okText={t('提交评价', 'Submit')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={sending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="grade" label={t('评价', 'Grade')} rules={[{ required: true, message: messageFor('RATING_GRADE_INVALID', lang) }]}>
          <Radio.Group className="matter-grades" options={RATING_GRADES.map((g) => ({ value: g, label: lang === 'zh' ? g : `${g} (${GRADE_EN[g]})` }))} />
        </Form.Item>
        <Form.Item
          name="comment"
          className="matter-comment"
          label={t('评价内容', 'Comment')}
          required={grade ? commentRequired(grade) : false}
          rules={[
            {
              validator: async (_, value?: string) => {
                if (grade && commentRequired(grade) && !value?.trim()) throw new Error(messageFor('RATING_COMMENT_REQUIRED', lang));
              },
            },
          ]}
          dependencies={['grade']}
        >
          <Input.TextArea rows={4} maxLength={MATTER_LIMITS.commentMax} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
