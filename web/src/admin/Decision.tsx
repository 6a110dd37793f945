/**
 * The frame of a page where a reviewer decides (a real-name review, an appeal): back to the
 * queue the page was opened from, the outcome line, and 审核通过 / 审核不通过 (the latter only
 * with a reason: presets (常用不通过原因) and / or free text; the former, where the page asks for
 * it, only after 确定 in a confirmation). After a decision the page notifies 审核完成 and returns to the queue; a
 * refused decision (decided by someone else meanwhile) is shown and the page reloaded.
 */
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { REVIEW_REASON_LIMITS } from '../../../src/backoffice/review-reason-schemas.ts';
import { useI18n } from '../lib/i18n.tsx';
import { errorText, type ReviewReason } from './admin-api.ts';
import { useAdminOutlet } from './AdminLayout.tsx';
import type { DataItem } from './DataBesideFiles.tsx';
import { formatTime, type Label } from './labels.ts';
import { useLoad, type Loaded } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

const REASON_MAX_LENGTH = REVIEW_REASON_LIMITS.freeTextMaxLength;

export interface Decision {
  busy: boolean;
  rejecting: boolean;
  setRejecting(open: boolean): void;
  /** The confirmation of 审核通过 is open. */
  confirming: boolean;
  setConfirming(open: boolean): void;
  error: string | null;
  decide(call: () => Promise<unknown>): Promise<void>;
  /** The queue as it was left (its filters and page). */
  queue: string;
}

/** The record of the page's :id, loaded, and the decision state around it. */
export function useDecisionPage<T>(queuePath: string, load: (id: string) => Promise<T>): Loaded<T> & { decision: Decision } {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { notify } = useAdminOutlet();
  const loaded = useLoad(() => load(id), [queuePath, id]);
  const [rejecting, setRejecting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queue = `${queuePath}${(location.state as { queue?: string } | null)?.queue ?? ''}`;

  const decide = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      notify(t('审核完成', 'Review completed'));
      navigate(queue);
    } catch (caught) {
      setRejecting(false);
      setConfirming(false);
      setError(errorText(caught, lang));
      loaded.reload(); // decided by someone else, or withdrawn: show what it is now
    } finally {
      setBusy(false);
    }
  };

  return { ...loaded, decision: { busy, rejecting, setRejecting, confirming, setConfirming, error, decide, queue } };
}

/** The page's card: title, 返回列表, and the load and decision errors above the content. */
export function DecisionCard({ title, loaded, children }: { title: Label; loaded: Loaded<unknown> & { decision: Decision }; children: ReactNode }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  if (loaded.loading && !loaded.data) return <Spin className="admin-loading" />;
  return (
    <Card title={<PageHeading zh={title.zh} en={title.en} />} extra={<Button onClick={() => navigate(loaded.decision.queue)}>{t('返回列表', 'Back to the queue')}</Button>}>
      {loaded.error !== undefined && <Alert type="error" showIcon title={errorText(loaded.error, lang)} style={{ marginBottom: 16 }} />}
      {loaded.decision.error && <Alert type="error" showIcon title={loaded.decision.error} style={{ marginBottom: 16 }} />}
      {loaded.data !== undefined && children}
    </Card>
  );
}

/** Who and what (`lead`), then when it was submitted, its status and, once decided, when and why. */
export function Outcome({ lead, record, status }: { lead: DataItem[]; record: { submittedAt: string; decidedAt: string | null; reason: string | null }; status: string }) {
  const { t } = useI18n();
  const items: DataItem[] = [
    ...lead,
    { key: 'submittedAt', label: t('提交时间', 'Submitted'), children: formatTime(record.submittedAt) },
    { key: 'status', label: t('状态', 'Status'), children: status },
  ];
  if (record.decidedAt) items.push({ key: 'decidedAt', label: t('审核时间', 'Decided'), children: formatTime(record.decidedAt) });
  if (record.reason) items.push({ key: 'reason', label: t('不通过原因', 'Reason'), children: record.reason });
  return <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={items} style={{ marginBottom: 16 }} />;
}

interface RejectDialogProps {
  open: boolean;
  busy: boolean;
  /** 常用原因 to tick; without them the reason is free text only. */
  presets?: ReviewReason[];
  onCancel(): void;
  onConfirm(reason: string, presets: string[]): void;
}

function RejectDialog({ open, busy, presets = [], onCancel, onConfirm }: RejectDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string; presets?: string[] }>();
  const chosen = Form.useWatch('presets', form) ?? [];
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
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => onConfirm((values.reason ?? '').trim(), values.presets ?? [])}>
        {presets.length > 0 && (
          <div role="group" aria-label={t('常用原因', 'Common reasons')}>
            <Form.Item name="presets" label={t('常用原因', 'Common reasons')}>
              <Checkbox.Group className="admin-reason-presets">
                {presets.map((preset) => (
                  <Checkbox key={preset.id} value={preset.id} disabled={!chosen.includes(preset.id) && chosen.length >= REVIEW_REASON_LIMITS.maxPresets}>
                    {preset.text}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          </div>
        )}
        <Form.Item
          name="reason"
          label={t('不通过原因', 'Reason for rejection')}
          extra={presets.length ? t('可只勾选常用原因，也可补充说明', 'Tick common reasons, add words, or both') : undefined}
          dependencies={['presets']}
          rules={[
            {
              validator: async (_, value?: string) => {
                if ((value ?? '').trim() || (form.getFieldValue('presets') ?? []).length) return;
                throw new Error(t('请填写审核不通过的原因', 'Please give the reason for the rejection'));
              },
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={REASON_MAX_LENGTH} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DecisionButtonsProps {
  decision: Decision;
  approve(): Promise<unknown>;
  reject(reason: string, presets: string[]): Promise<unknown>;
  approveDisabled?: boolean;
  /** When given, 审核通过 first asks 确认审核通过？ with this text; 取消 decides nothing. */
  confirmApprove?: ReactNode;
  presets?: ReviewReason[];
}

/** 审核通过 (with its confirmation, where asked) and 审核不通过 (with its reason dialog), for an open record. */
export function DecisionButtons({ decision, approve, reject, approveDisabled = false, confirmApprove, presets }: DecisionButtonsProps) {
  const { t } = useI18n();
  const { busy, rejecting, setRejecting, confirming, setConfirming, decide } = decision;
  return (
    <>
      <Space style={{ marginTop: 24 }}>
        <Button
          type="primary"
          loading={busy && !rejecting}
          disabled={busy || approveDisabled}
          onClick={() => (confirmApprove === undefined ? void decide(approve) : setConfirming(true))}
        >
          {t('审核通过', 'Approve')}
        </Button>
        <Button danger disabled={busy} onClick={() => setRejecting(true)}>
          {t('审核不通过', 'Reject')}
        </Button>
      </Space>
      <RejectDialog open={rejecting} busy={busy} presets={presets} onCancel={() => setRejecting(false)} onConfirm={(reason, chosen) => void decide(() => reject(reason, chosen))} />
      {confirmApprove !== undefined && (
        <Modal
          open={confirming}
          title={t('确认审核通过？', 'Approve?')}
          okText={t('确定', 'OK')}
          cancelText={t('取消', 'Cancel')}
          confirmLoading={busy}
          destroyOnHidden
          onCancel={() => setConfirming(false)}
          onOk={() => void decide(approve)}
        >
          {confirmApprove}
        </Modal>
      )}
    </>
  );
}
