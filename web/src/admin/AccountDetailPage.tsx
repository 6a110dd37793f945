/**
 * /admin/accounts/:id (operators): one account's status, login lock, sessions, identities
 * (masked), real-name verification and review history and 信息更新记录, with the actions
 * 解除登录锁定, 结束全部会话 and 停用 / 启用 (a reason required). Every view and action is audited.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { accountReasonSchema } from '../../../src/backoffice/schemas.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { ACCOUNT_KIND_LABELS, AccountStatusTag } from './AccountsPage.tsx';
import { accountsApi, type AccountDetail } from './accounts-api.ts';
import { errorText } from './admin-api.ts';
import { documentTypeName, formatTime, labelOf, REVIEW_STATUS_LABELS, SUBJECT_LABELS } from './labels.ts';
import { checkRequest, requestPath, showRefusal } from './operator-forms.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

const ROLE_LABELS = {
  natural_person: { zh: '自然人', en: 'Natural person' },
  legal_representative: { zh: '法定代表人', en: 'Legal representative' },
  primary_agent: { zh: '主代办人', en: 'Primary agent' },
};

type Detail = AccountDetail;

/** 停用 / 启用: the reason dialog, checked with the server's schema before sending. */
function ReasonDialog({ disabling, onDone, onCancel, accountId }: { disabling: boolean; onDone: () => void; onCancel: () => void; accountId: string }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const body = checkRequest(form, accountReasonSchema, { reason: form.getFieldValue('reason') ?? '' }, lang, requestPath);
    if (!body) return;
    setBusy(true);
    setProblem(null);
    try {
      await (disabling ? accountsApi.disable(accountId, body.reason) : accountsApi.enable(accountId, body.reason));
      onDone();
    } catch (caught) {
      setProblem(showRefusal(form, caught, lang, requestPath, {}));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={disabling ? t('停用账号', 'Disable account') : t('启用账号', 'Enable account')}
      okText={t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ danger: disabling, loading: busy }}
      onOk={() => void submit()}
      onCancel={onCancel}
    >
      {disabling && <p>{t('停用后该账号将无法登录，其全部会话立即结束。', 'A disabled account cannot log in; its sessions end at once.')}</p>}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('原因', 'Reason')} required>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Sections({ data }: { data: Detail }) {
  const { t, lang } = useI18n();
  const scroll = { x: 'max-content' as const };
  const updates = data.updateRecords.flatMap((record) =>
    record.changes.map((change) => ({ key: `${record.id}:${change.field}`, createdAt: record.createdAt, actorName: record.actorName, label: lang === 'zh' ? change.label : change.labelEn, old: change.old, new: change.new })),
  );
  return (
    <>
      <Card type="inner" title={t('身份信息', 'Identities')} className="admin-account-section">
        <Table
          rowKey="role"
          size="small"
          pagination={false}
          scroll={scroll}
          dataSource={data.identities}
          columns={[
            { title: t('身份', 'Role'), dataIndex: 'role', render: (role: string) => labelOf(ROLE_LABELS, role, lang) },
            { title: t('姓名', 'Name'), dataIndex: 'name' },
            { title: t('手机号码', 'Phone'), dataIndex: 'mobile' },
            { title: t('证件类型', 'Document type'), dataIndex: 'documentType', render: (type: string) => (type ? documentTypeName(type, lang) : '') },
            { title: t('证件号码', 'Document number'), dataIndex: 'documentNumber' },
          ]}
        />
      </Card>
      <Card type="inner" title={t('有效会话', 'Sessions')} className="admin-account-section">
        <Table
          rowKey={(row) => `${row.createdAt}:${row.lastSeenAt}`}
          size="small"
          pagination={false}
          scroll={scroll}
          dataSource={data.sessions}
          locale={{ emptyText: t('无有效会话', 'No session') }}
          columns={[
            { title: t('登录时间', 'Logged in'), dataIndex: 'createdAt', render: formatTime },
            { title: t('最近活动', 'Last seen'), dataIndex: 'lastSeenAt', render: formatTime },
            { title: t('过期时间', 'Expires'), dataIndex: 'expiresAt', render: formatTime },
          ]}
        />
      </Card>
      <Card type="inner" title={t('实名认证', 'Verification')} className="admin-account-section">
        <Table
          rowKey="subject"
          size="small"
          pagination={false}
          scroll={scroll}
          dataSource={data.verifications}
          columns={[
            { title: t('认证主体', 'Subject'), dataIndex: 'subject', render: (s: string) => labelOf(SUBJECT_LABELS, s, lang) },
            { title: t('实名认证状态', 'Status'), dataIndex: 'label' },
            { title: t('原因', 'Reason'), dataIndex: 'reason' },
            { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', render: formatTime },
          ]}
        />
        <Table
          rowKey={(row) => `${row.subject}:${row.submittedAt}`}
          size="small"
          pagination={false}
          scroll={scroll}
          dataSource={data.reviews}
          title={() => t('人工审核记录', 'Manual reviews')}
          locale={{ emptyText: t('无人工审核记录', 'No manual review') }}
          columns={[
            { title: t('认证主体', 'Subject'), dataIndex: 'subject', render: (s: string) => labelOf(SUBJECT_LABELS, s, lang) },
            { title: t('审核状态', 'Status'), dataIndex: 'status', render: (s: string) => labelOf(REVIEW_STATUS_LABELS, s, lang) },
            { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: formatTime },
            { title: t('审核时间', 'Decided'), dataIndex: 'decidedAt', render: formatTime },
            { title: t('原因', 'Reason'), dataIndex: 'reason' },
          ]}
        />
      </Card>
      <Card type="inner" title={t('信息更新记录', 'Update records')} className="admin-account-section">
        <Table
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={scroll}
          dataSource={updates}
          locale={{ emptyText: t('无信息更新记录', 'No update record') }}
          columns={[
            { title: t('时间', 'Time'), dataIndex: 'createdAt', render: formatTime },
            { title: t('修改人', 'By'), dataIndex: 'actorName' },
            { title: t('修改项', 'Field'), dataIndex: 'label' },
            { title: t('原值', 'Old'), dataIndex: 'old' },
            { title: t('新值', 'New'), dataIndex: 'new' },
          ]}
        />
      </Card>
    </>
  );
}

export function AccountDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { notify } = useAdminOutlet();
  const [modal, modalHolder] = Modal.useModal();
  const [problem, setProblem] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<'disable' | 'enable' | null>(null);
  const { data, error, loading, reload } = useLoad(() => accountsApi.detail(id), [id]);

  const act = async (question: string, run: () => Promise<unknown>, done: string) => {
    const confirmed = await modal.confirm({ title: question, okText: t('确定', 'OK'), cancelText: t('取消', 'Cancel') });
    if (!confirmed) return;
    setProblem(null);
    try {
      await run();
      notify(done);
      reload();
    } catch (caught) {
      setProblem(errorText(caught, lang));
    }
  };

  const account = data?.account;
  return (
    <Card title={<PageHeading zh="账号详情" en="Account" />} extra={<Link to="/admin/accounts">{t('返回', 'Back')}</Link>}>
      {modalHolder}
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {reasonFor && (
        <ReasonDialog
          accountId={id}
          disabling={reasonFor === 'disable'}
          onCancel={() => setReasonFor(null)}
          onDone={() => {
            notify(reasonFor === 'disable' ? t('账号已停用', 'Account disabled') : t('账号已启用', 'Account enabled'));
            setReasonFor(null);
            reload();
          }}
        />
      )}
      <section aria-label={t('账号信息', 'Account')} aria-busy={loading}>
        {data && account && (
          <>
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} className="admin-account-section">
              <Descriptions.Item label={t('登录名', 'Login name')}>{account.loginName}</Descriptions.Item>
              <Descriptions.Item label={t('账号类型', 'Kind')}>{ACCOUNT_KIND_LABELS[account.kind][lang]}</Descriptions.Item>
              <Descriptions.Item label={t('姓名/单位名称', 'Name')}>{account.name}</Descriptions.Item>
              {account.creditCode && <Descriptions.Item label={t('统一社会信用代码', 'Credit code')}>{account.creditCode}</Descriptions.Item>}
              <Descriptions.Item label={t('账号状态', 'Status')}>
                <AccountStatusTag disabled={account.disabled} />
              </Descriptions.Item>
              {data.statusChange && (
                <Descriptions.Item label={data.statusChange.disabled ? t('停用原因', 'Disabled because') : t('启用原因', 'Enabled because')}>
                  {data.statusChange.reason}（{data.statusChange.staffLoginName} {formatTime(data.statusChange.at)}）
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('登录锁定', 'Login lock')}>
                {data.lock.locked ? (
                  <Tag color="orange">{t(`已锁定（剩余约${data.lock.remainingMinutes}分钟）`, `Locked (about ${data.lock.remainingMinutes} min left)`)}</Tag>
                ) : (
                  <Tag>{t('未锁定', 'Not locked')}</Tag>
                )}
                {data.lock.failures > 0 && t(`连续登录失败${data.lock.failures}次`, `${data.lock.failures} failed logins in a row`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('注册时间', 'Registered')}>{formatTime(account.createdAt)}</Descriptions.Item>
            </Descriptions>
            <Space wrap className="admin-account-actions">
              <Button
                disabled={!data.lock.locked && data.lock.failures === 0}
                onClick={() => void act(t('确定解除该账号的登录锁定吗？', 'Lift the login lock?'), () => accountsApi.unlock(id), t('已解除登录锁定', 'Login lock lifted'))}
              >
                {t('解除登录锁定', 'Lift login lock')}
              </Button>
              <Button
                disabled={data.sessions.length === 0}
                onClick={() => void act(t('确定结束该账号的全部会话吗？', 'End every session of this account?'), () => accountsApi.endSessions(id), t('已结束全部会话', 'Sessions ended'))}
              >
                {t('结束全部会话', 'End all sessions')}
              </Button>
              {account.disabled ? (
                <Button onClick={() => setReasonFor('enable')}>{t('启用账号', 'Enable account')}</Button>
              ) : (
                <Button danger onClick={() => setReasonFor('disable')}>
                  {t('停用账号', 'Disable account')}
                </Button>
              )}
            </Space>
            <Sections data={data} />
          </>
        )}
      </section>
    </Card>
  );
}
