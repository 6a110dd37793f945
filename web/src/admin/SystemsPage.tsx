/**
 * /admin/systems (operators): 业务系统管理. Every registered business system with its sign-on
 * (OIDC / CAS), its 办理入口 and its state; 新增业务系统, 编辑, and 停用 / 启用 after confirming
 * (a disabled system's sign-ins are refused at once).
 */
import { Alert, Button, Card, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { AUDIENCE_LABELS } from '../../../src/catalogue/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { errorText } from './admin-api.ts';
import { operatorApi, type SystemView } from './operator-api.ts';
import { useLoad } from './use-load.ts';

export function SystemsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { notify } = useAdminOutlet();
  const { data, error, loading, reload } = useLoad(() => operatorApi.systems(), []);
  const [modal, modalHolder] = Modal.useModal();
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = async (system: SystemView) => {
    const disabling = system.enabled;
    const confirmed = await modal.confirm({
      title: disabling ? t('停用业务系统', 'Disable business system') : t('启用业务系统', 'Enable business system'),
      content: disabling
        ? t(`确定停用“${system.name}”吗？停用后用户将无法通过单点登录进入该系统。`, `Disable ${system.name}? Users can no longer sign in to it.`)
        : t(`确定启用“${system.name}”吗？启用后用户即可通过单点登录进入该系统。`, `Enable ${system.name}? Users can sign in to it again.`),
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: disabling },
    });
    if (!confirmed) return;
    setProblem(null);
    try {
      await operatorApi.setSystemEnabled(system.id, !disabling);
      notify(disabling ? t('已停用', 'Disabled') : t('已启用', 'Enabled'));
      reload();
    } catch (caught) {
      setProblem(errorText(caught, lang));
    }
  };

  const columns: ColumnsType<SystemView> = [
    { title: t('系统名称', 'Name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/admin/systems/${row.id}`}>{name}</Link> },
    { title: t('系统标识', 'Key'), dataIndex: 'key' },
    { title: t('主管司局', 'Department'), dataIndex: 'department' },
    { title: t('可办理对象', 'Who may enter'), dataIndex: 'audience', render: (audience: SystemView['audience']) => AUDIENCE_LABELS[audience][lang] },
    {
      title: t('单点登录', 'Sign-on'),
      key: 'sso',
      render: (_, row) => (
        <Space size={4}>
          {row.oidc && <Tag color="blue">OIDC</Tag>}
          {row.casServicePrefix && <Tag color="purple">CAS</Tag>}
          {!row.oidc && !row.casServicePrefix && <Tag>{t('未接入', 'None')}</Tag>}
        </Space>
      ),
    },
    { title: t('办理入口地址', 'Entry address'), dataIndex: 'entryUrl', render: (url: string | null) => url ?? t('未开通', 'None') },
    {
      title: t('状态', 'Status'),
      dataIndex: 'enabled',
      render: (enabled: boolean) => (enabled ? <Tag color="green">{t('启用', 'Enabled')}</Tag> : <Tag color="red">{t('停用', 'Disabled')}</Tag>),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, row) => (
        <Space>
          <Button size="small" onClick={() => navigate(`/admin/systems/${row.id}`)} aria-label={t(`编辑${row.name}`, `Edit ${row.name}`)}>
            {t('编辑', 'Edit')}
          </Button>
          <Button size="small" danger={row.enabled} onClick={() => void toggle(row)} aria-label={row.enabled ? t(`停用${row.name}`, `Disable ${row.name}`) : t(`启用${row.name}`, `Enable ${row.name}`)}>
            {row.enabled ? t('停用', 'Disable') : t('启用', 'Enable')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('业务系统管理', 'Business systems')}
      extra={
        <Button type="primary" onClick={() => navigate('/admin/systems/new')}>
          {t('新增业务系统', 'Register a business system')}
        </Button>
      }
    >
      {modalHolder}
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <section aria-label={t('业务系统列表', 'Business systems')} aria-busy={loading}>
        <Table rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.systems ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </section>
    </Card>
  );
}
