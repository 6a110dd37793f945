/**
 * /admin/staff (admins): 工作人员管理. 新增工作人员 with roles; 重置密码和动态验证码 and 停用 / 启用
 * after confirming. A new or reset staff member's initial password and TOTP secret are shown
 * once (StaffCredentialsDialog); the server refuses to disable the last enabled admin.
 */
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { createStaffSchema, STAFF_ROLE_VALUES, type CreateStaffInput } from '../../../src/backoffice/staff-schemas.ts';
import { applyServerError, schemaRule } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { errorText, type StaffRole } from './admin-api.ts';
import { useEnableToggle } from './enable-toggle.tsx';
import { StaffCredentialsDialog } from './StaffCredentialsDialog.tsx';
import { staffApi, type StaffCredentials, type StaffMember } from './staff-api.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

export const ROLE_LABELS: Record<StaffRole, { zh: string; en: string }> = {
  reviewer: { zh: '审核员', en: 'Reviewer' },
  operator: { zh: '运维', en: 'Operator' },
  admin: { zh: '管理员', en: 'Admin' },
};

function NewStaffForm({ onCreated }: { onCreated(credentials: StaffCredentials): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CreateStaffInput>();
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: CreateStaffInput) => {
    setProblem(null);
    setSubmitting(true);
    try {
      onCreated(await staffApi.create(values));
      form.resetFields();
    } catch (caught) {
      setProblem(applyServerError(form, caught, lang));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} name="new-staff" layout="vertical" requiredMark={false} onFinish={submit} onValuesChange={() => setProblem(null)} className="staff-new">
      <Form.Item name="loginName" label={t('登录名', 'Login name')} rules={[{ required: true, message: t('请输入登录名', 'Please enter the login name') }, schemaRule(createStaffSchema.shape.loginName, lang)]}>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Please enter the name') }, schemaRule(createStaffSchema.shape.name, lang)]}>
        <Input maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item name="roles" label={t('角色', 'Roles')} rules={[{ required: true, type: 'array', min: 1, message: t('请至少选择一个角色', 'Choose at least one role') }]}>
        <RolesGroup options={STAFF_ROLE_VALUES.map((role) => ({ value: role, label: ROLE_LABELS[role][lang] }))} />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t('新增工作人员', 'Add staff member')}
      </Button>
    </Form>
  );
}

/**
 * The roles' checkboxes: Form.Item marks its control aria-required, which a group (role=group)
 * may not carry (axe aria-allowed-attr); the rule's message still tells a missing choice.
 */
function RolesGroup({ 'aria-required': _required, ...props }: CheckboxGroupProps & { 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} />;
}

export function StaffPage() {
  const { t, lang } = useI18n();
  const { notify } = useAdminOutlet();
  const { data, error, loading, reload } = useLoad(() => staffApi.list(), []);
  const [credentials, setCredentials] = useState<StaffCredentials | null>(null);
  const [resetProblem, setResetProblem] = useState<string | null>(null);
  const [modal, resetHolder] = Modal.useModal();
  const { toggle, modalHolder, problem } = useEnableToggle<StaffMember>(
    (id, enabled) => (enabled ? staffApi.enable(id) : staffApi.disable(id)),
    (row, disabling) => ({
      title: disabling ? t('停用工作人员', 'Disable staff member') : t('启用工作人员', 'Enable staff member'),
      content: disabling
        ? t(`确定停用“${row.name}（${row.loginName}）”吗？其登录将立即失效。`, `Disable ${row.name} (${row.loginName})? Their sessions end now.`)
        : t(`确定启用“${row.name}（${row.loginName}）”吗？`, `Enable ${row.name} (${row.loginName})?`),
    }),
    reload,
    (row) => !row.disabled,
  );

  const reset = async (row: StaffMember) => {
    const confirmed = await modal.confirm({
      title: t('重置密码和动态验证码', 'Reset password and authenticator'),
      content: t(
        `确定重置“${row.name}（${row.loginName}）”的密码和动态验证码吗？原密码和原动态验证码将立即失效。`,
        `Reset the password and authenticator of ${row.name} (${row.loginName})? The old ones stop working now.`,
      ),
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: true },
    });
    if (!confirmed) return;
    setResetProblem(null);
    try {
      // The list reloads once the dialog is closed: resetting oneself ends one's session, and the secret must be seen first.
      setCredentials(await staffApi.reset(row.id));
    } catch (caught) {
      setResetProblem(errorText(caught, lang));
    }
  };

  const columns: ColumnsType<StaffMember> = [
    { title: t('登录名', 'Login name'), dataIndex: 'loginName' },
    { title: t('姓名', 'Name'), dataIndex: 'name' },
    { title: t('角色', 'Roles'), dataIndex: 'roles', render: (roles: StaffRole[]) => roles.map((role) => <Tag key={role}>{ROLE_LABELS[role][lang]}</Tag>) },
    {
      title: t('状态', 'Status'),
      key: 'state',
      render: (_, row) =>
        row.disabled ? (
          <Tag color="red">{t('停用', 'Disabled')}</Tag>
        ) : row.passwordChangeRequired ? (
          <Tag color="gold">{t('待修改初始密码', 'Initial password not yet changed')}</Tag>
        ) : (
          <Tag color="green">{t('正常', 'Active')}</Tag>
        ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, row) => (
        <Space wrap>
          <Button size="small" onClick={() => void reset(row)}>
            {t('重置密码和动态验证码', 'Reset password and authenticator')}
          </Button>
          <Button size="small" danger={!row.disabled} onClick={() => void toggle(row)}>
            {row.disabled ? t('启用', 'Enable') : t('停用', 'Disable')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card title={<PageHeading zh="工作人员管理" en="Staff" />}>
      {modalHolder}
      {resetHolder}
      <StaffCredentialsDialog
        credentials={credentials}
        onClose={() => {
          setCredentials(null);
          notify(t('已保存', 'Saved'));
          reload();
        }}
      />
      <NewStaffForm
        onCreated={setCredentials}
      />
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ margin: '16px 0' }} />}
      {(problem ?? resetProblem) && <Alert type="error" showIcon title={problem ?? resetProblem} style={{ margin: '16px 0' }} />}
      <section aria-label={t('工作人员列表', 'Staff list')} aria-busy={loading} style={{ marginTop: 24 }}>
        <Table rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.staff ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      </section>
    </Card>
  );
}
