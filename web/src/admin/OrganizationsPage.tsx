/**
 * /admin/organizations (operators): 单位管理. Find organisations by 单位名称 or 统一社会信用代码,
 * 停用 or 启用 one after confirming. 停用 suspends every authorisation it made: the persons it
 * authorised see 停用 and can no longer enter systems on its behalf (SPEC §6, §9).
 */
import { Alert, Button, Card, Form, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { useEnableToggle } from './enable-toggle.tsx';
import { organizationsApi, type OrganizationRow } from './organizations-api.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { HoldingsDialog } from './HoldingsDialog.tsx';

export function OrganizationsPage() {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const { data, error, loading, reload } = useLoad(() => organizationsApi.search(query), [query]);
  // 系统审核: the organisation whose holdings of 单位需经系统审核 systems are shown.
  const [reviewing, setReviewing] = useState<OrganizationRow | null>(null);
  const { toggle, modalHolder, problem } = useEnableToggle<OrganizationRow>(
    (id, enabled) => (enabled ? organizationsApi.enable(id) : organizationsApi.disable(id)),
    (row, disabling) => ({
      title: disabling ? t('停用单位', 'Disable organisation') : t('启用单位', 'Enable organisation'),
      content: disabling
        ? t(`确定停用“${row.name}”吗？停用后该单位的全部授权将被停用。`, `Disable ${row.name}? Every authorisation it made is suspended.`)
        : t(`确定启用“${row.name}”吗？启用后该单位的授权将恢复。`, `Enable ${row.name}? Its authorisations are restored.`),
    }),
    reload,
    (row) => !row.disabled,
  );

  const columns: ColumnsType<OrganizationRow> = [
    { title: t('单位名称', 'Organisation'), dataIndex: 'name' },
    { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode' },
    { title: t('登录名', 'Login name'), dataIndex: 'loginName' },
    {
      title: t('状态', 'Status'),
      dataIndex: 'disabled',
      render: (disabled: boolean) => (disabled ? <Tag color="red">{t('停用', 'Disabled')}</Tag> : <Tag color="green">{t('正常', 'Active')}</Tag>),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, row) => (
        <>
          {row.disabled ? (
            <Button size="small" onClick={() => void toggle(row)}>
              {t('启用', 'Enable')}
            </Button>
          ) : (
            <Button size="small" danger onClick={() => void toggle(row)}>
              {t('停用', 'Disable')}
            </Button>
          )}{' '}
          <Button size="small" onClick={() => setReviewing(row)}>
            {t('系统审核', 'System approval')}
          </Button>
        </>
      ),
    },
  ];

  return (
    <Card title={<PageHeading zh="单位管理" en="Organisations" />}>
      {modalHolder}
      {reviewing && <HoldingsDialog organization={reviewing} onClose={() => setReviewing(null)} />}
      <Form layout="inline" className="admin-filters" onFinish={(values: { q?: string }) => setQuery((values.q ?? '').trim())}>
        <Form.Item name="q" label={t('单位名称或统一社会信用代码', 'Name or credit code')}>
          <Input allowClear maxLength={100} style={{ width: 280 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('查询', 'Search')}
        </Button>
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <section aria-label={t('单位列表', 'Organisations')} aria-busy={loading}>
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.organizations ?? []}
          pagination={false}
          locale={{ emptyText: query ? t('未找到符合条件的单位', 'No organisation found') : t('请输入单位名称或统一社会信用代码查询', 'Search by name or credit code') }}
        />
      </section>
    </Card>
  );
}
