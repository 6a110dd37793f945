/**
 * /admin/systems (operators): 业务系统管理. Every registered business system with its sign-on
 * (OIDC / CAS), its 办理入口 and its state; 新增业务系统, 编辑, and 停用 / 启用 after confirming
 * (a disabled system's sign-ins are refused at once).
 */
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { AUDIENCE_LABELS } from '../../../src/catalogue/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { operatorApi, type SystemView } from './operator-api.ts';
import { useEnableToggle, useStateColumns } from './enable-toggle.tsx';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

export function SystemsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad(() => operatorApi.systems(), []);
  const { toggle, modalHolder, problem } = useEnableToggle<SystemView>(
    operatorApi.setSystemEnabled,
    (system, disabling) => ({
      title: disabling ? t('停用业务系统', 'Disable business system') : t('启用业务系统', 'Enable business system'),
      content: disabling
        ? t(`确定停用“${system.name}”吗？停用后用户将无法通过单点登录进入该系统。`, `Disable ${system.name}? Users can no longer sign in to it.`)
        : t(`确定启用“${system.name}”吗？启用后用户即可通过单点登录进入该系统。`, `Enable ${system.name}? Users can sign in to it again.`),
    }),
    reload,
  );
  const stateColumns = useStateColumns<SystemView>((row) => `/admin/systems/${row.id}`, toggle);

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
    ...stateColumns,
  ];

  return (
    <Card
      title={<PageHeading zh="业务系统管理" en="Business systems" />}
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
