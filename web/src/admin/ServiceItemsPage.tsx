/**
 * /admin/service-items (operators): 服务事项管理. Every item, disabled ones too, each sub-item
 * below its parent; 新增服务事项, 编辑, and 停用 / 启用 after confirming (a disabled item leaves
 * the portal's catalogue at once).
 */
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { AUDIENCE_LABELS, categoryLabel } from '../../../src/catalogue/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { operatorApi, type ServiceItemView } from './operator-api.ts';
import { useEnableToggle, useStateColumns } from './enable-toggle.tsx';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

export function ServiceItemsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad(() => operatorApi.items(), []);
  const { toggle, modalHolder, problem } = useEnableToggle<ServiceItemView>(
    operatorApi.setItemEnabled,
    (item, disabling) => ({
      title: disabling ? t('停用服务事项', 'Disable service item') : t('启用服务事项', 'Enable service item'),
      content: disabling
        ? t(`确定停用“${item.name}”吗？停用后该事项不再在服务事项中显示。`, `Disable ${item.name}? It no longer shows in the catalogue.`)
        : t(`确定启用“${item.name}”吗？启用后该事项将在服务事项中显示。`, `Enable ${item.name}? It shows in the catalogue again.`),
    }),
    reload,
  );
  const stateColumns = useStateColumns<ServiceItemView>((row) => `/admin/service-items/${row.id}`, toggle);

  const columns: ColumnsType<ServiceItemView> = [
    { title: t('事项编码', 'Item code'), dataIndex: 'code', width: 140 },
    {
      title: t('事项名称', 'Item name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} style={row.parent ? { paddingLeft: 24 } : undefined}>
          {row.parent && <Tag>{t('子项', 'Sub-item')}</Tag>}
          <Link to={`/admin/service-items/${row.id}`}>{name}</Link>
        </Space>
      ),
    },
    { title: t('主办单位', 'Department'), dataIndex: 'department' },
    { title: t('事项类别', 'Category'), dataIndex: 'category', render: (code: string) => categoryLabel(code)[lang] },
    { title: t('服务对象', 'Audience'), dataIndex: 'audience', render: (audience: ServiceItemView['audience']) => AUDIENCE_LABELS[audience][lang] },
    {
      title: t('办理系统', 'Business system'),
      key: 'system',
      render: (_, row) =>
        row.system ? (
          <Space size={4}>
            {row.system.name}
            {!row.system.enabled && <Tag color="red">{t('系统已停用', 'System disabled')}</Tag>}
          </Space>
        ) : (
          t('不在线办理', 'Not online')
        ),
    },
    ...stateColumns,
  ];

  return (
    <Card
      title={<PageHeading zh="服务事项管理" en="Service items" />}
      extra={
        <Button type="primary" onClick={() => navigate('/admin/service-items/new')}>
          {t('新增服务事项', 'Register a service item')}
        </Button>
      }
    >
      {modalHolder}
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <section aria-label={t('服务事项列表', 'Service items')} aria-busy={loading}>
        <Table rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      </section>
    </Card>
  );
}
