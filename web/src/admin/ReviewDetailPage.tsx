/**
 * /admin/reviews/:id: one review, its data beside its files, and the decision: 审核通过 at
 * once, 审核不通过 only with a reason (the user reads it under 详情). A decided or withdrawn
 * review only shows its outcome.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Spin } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText, type ReviewDetail } from './admin-api.ts';
import { useAdminOutlet } from './AdminLayout.tsx';
import { REVIEW_STATUS_LABELS, SUBJECT_LABELS, formatTime } from './labels.ts';
import { SubmittedData } from './SubmittedData.tsx';
import { useLoad } from './use-load.ts';

const REASON_MAX_LENGTH = 500;

function Outcome({ review }: { review: ReviewDetail }) {
  const { t, lang } = useI18n();
  const items = [
    { key: 'loginName', label: t('登录名', 'Login name'), children: review.loginName },
    { key: 'subject', label: t('认证主体', 'Subject'), children: SUBJECT_LABELS[review.subject][lang] },
    { key: 'submittedAt', label: t('提交时间', 'Submitted'), children: formatTime(review.submittedAt) },
    { key: 'status', label: t('状态', 'Status'), children: REVIEW_STATUS_LABELS[review.status][lang] },
  ];
  if (review.decidedAt) items.push({ key: 'decidedAt', label: t('审核时间', 'Decided'), children: formatTime(review.decidedAt) });
  if (review.reason) items.push({ key: 'reason', label: t('不通过原因', 'Reason'), children: review.reason });
  return <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={items} style={{ marginBottom: 16 }} />;
}

function RejectDialog({ open, busy, onCancel, onConfirm }: { open: boolean; busy: boolean; onCancel(): void; onConfirm(reason: string): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('审核不通过', 'Reject')}
      okText={t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      destroyOnHidden
      onCancel={onCancel}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => onConfirm(values.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('不通过原因', 'Reason for rejection')}
          rules={[{ required: true, whitespace: true, message: t('请填写审核不通过的原因', 'Please give the reason for the rejection') }]}
        >
          <Input.TextArea rows={4} maxLength={REASON_MAX_LENGTH} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReviewDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { notify } = useAdminOutlet();
  const { data: review, error, loading, reload } = useLoad(() => adminApi.review(id), [id]);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [decisionError, setDecisionError] = useState<string | null>(null);
  const queue = `/admin/reviews${(location.state as { queue?: string } | null)?.queue ?? ''}`;

  const decide = async (decision: () => Promise<unknown>) => {
    setBusy(true);
    setDecisionError(null);
    try {
      await decision();
      notify(t('审核完成', 'Review completed'));
      navigate(queue);
    } catch (caught) {
      setRejecting(false);
      setDecisionError(errorText(caught, lang));
      reload(); // decided by someone else, or withdrawn: show what it is now
    } finally {
      setBusy(false);
    }
  };

  if (loading && !review) return <Spin className="admin-loading" />;
  return (
    <Card
      title={t('实名认证审核', 'Identity review')}
      extra={<Button onClick={() => navigate(queue)}>{t('返回列表', 'Back to the queue')}</Button>}
    >
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {decisionError && <Alert type="error" showIcon title={decisionError} style={{ marginBottom: 16 }} />}
      {review && (
        <>
          <Outcome review={review} />
          <SubmittedData review={review} />
          {review.status === 'open' && (
            <Space style={{ marginTop: 24 }}>
              <Button type="primary" loading={busy && !rejecting} disabled={busy} onClick={() => void decide(() => adminApi.approve(review.id))}>
                {t('审核通过', 'Approve')}
              </Button>
              <Button danger disabled={busy} onClick={() => setRejecting(true)}>
                {t('审核不通过', 'Reject')}
              </Button>
            </Space>
          )}
          <RejectDialog open={rejecting} busy={busy} onCancel={() => setRejecting(false)} onConfirm={(reason) => void decide(() => adminApi.reject(review.id, reason))} />
        </>
      )}
    </Card>
  );
}
