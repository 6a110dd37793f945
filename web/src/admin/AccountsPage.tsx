/**
 * /admin/accounts (operators): 账号管理. One box finds accounts by 登录名, 姓名, 手机号码 or
 * 证件号码 (typed in full: the server compares keyed hashes), 单位名称 or 统一社会信用代码;
 * a row opens the account's page. The search is kept in the address, so 返回 comes back to it.
 */
import { Alert, Button, Card, Form, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { accountsApi, type AccountRow } from './accounts-api.ts';
import { errorText } from './admin-api.ts';
import { formatTime } from './labels.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

export const ACCOUNT_KIND_LABELS = { natural: { zh: '自然人', en: 'Natural person' }, legal: { zh: '法人', en: 'Legal person' } } as const;

export function AccountStatusTag({ disabled }: { disabled: boolean }) {
  const { t } = useI18n();
  return disabled ? <Tag color="red">{t('停用', 'Disabled')}</Tag> : <Tag color="green">{t('正常', 'Active')}</Tag>;
}

export function AccountsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const { data, error, loading } = useLoad(() => (query ? accountsApi.search(query) : Promise.resolve({ accounts: [] })), [query]);

  const columns: ColumnsType<AccountRow> = [
    { title: t('登录名', 'Login name'), dataIndex: 'loginName', render: (name: string, row) => <Link to={`/admin/accounts/${row.id}`}>{name}</Link> },
    { title: t('账号类型', 'Kind'), dataIndex: 'kind', render: (kind: AccountRow['kind']) => ACCOUNT_KIND_LABELS[kind][lang] },
    { title: t('姓名/单位名称', 'Name'), dataIndex: 'name' },
    { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode' },
    { title: t('状态', 'Status'), dataIndex: 'disabled', render: (disabled: boolean) => <AccountStatusTag disabled={disabled} /> },
    { title: t('注册时间', 'Registered'), dataIndex: 'createdAt', render: formatTime },
  ];

  return (
    <Card title={<PageHeading zh="账号管理" en="Accounts" />}>
      <Form layout="inline" className="admin-filters" initialValues={{ q: query }} onFinish={(values: { q?: string }) => setParams({ q: (values.q ?? '').trim() })}>
        <Form.Item name="q" label={t('查询条件', 'Search')} extra={t('登录名、姓名、完整手机号码、证件号码、单位名称或统一社会信用代码', 'Login name, name, full phone, document number, organisation name or credit code')}>
          <Input allowClear maxLength={100} style={{ width: 280, maxWidth: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('查询', 'Search')}
        </Button>
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      <section aria-label={t('账号列表', 'Accounts')} aria-busy={loading}>
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.accounts ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: query ? t('未找到符合条件的账号', 'No account found') : t('请输入查询条件', 'Enter what to search for') }}
        />
      </section>
    </Card>
  );
}
