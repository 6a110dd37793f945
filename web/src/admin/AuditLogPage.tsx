/**
 * /admin/audit (admins): the append-only log of staff actions, newest first, filtered by
 * action, staff login name, subject account and days, and downloaded as CSV with the same
 * filters (the download is audited). Actions show their Chinese names, unknown ones their code.
 */
import { Alert, Button, Card, Form, Input, Select, Table } from 'antd';
import { auditFilterSchema } from '../../../src/backoffice/schemas.ts';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText, type AuditRow } from './admin-api.ts';
import { AUDIT_ACTION_LABELS, AUDIT_DETAIL_LABELS, AUDIT_DETAIL_VALUE_LABELS, AUDIT_TARGET_LABELS, formatTime, labelOf } from './labels.ts';
import { checkRequest, requestPath } from './operator-forms.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

const PAGE_SIZE = 20;

interface Filters {
  action: string;
  staff: string;
  account: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { action: '', staff: '', account: '', from: '', to: '' };

/** detail as "认证主体：自然人；原因：…", with known keys and coded values (subjects, appeal kinds) named. */
function detailText(detail: Record<string, unknown>, lang: 'zh' | 'en'): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      const values = AUDIT_DETAIL_VALUE_LABELS[key];
      const shown = values ? labelOf(values, String(value), lang) : typeof value === 'string' ? value : JSON.stringify(value);
      return `${labelOf(AUDIT_DETAIL_LABELS, key, lang)}${lang === 'zh' ? '：' : ': '}${shown}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

export function AuditLogPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(() => adminApi.audit({ ...filters, page, pageSize: PAGE_SIZE }), [filters, page]);

  const columns: ColumnsType<AuditRow> = [
    { title: t('时间', 'Time'), dataIndex: 'createdAt', render: formatTime, width: 180 },
    { title: t('工作人员', 'Staff'), dataIndex: 'staffLoginName' },
    { title: t('操作', 'Action'), dataIndex: 'action', render: (action: string) => labelOf(AUDIT_ACTION_LABELS, action, lang) },
    {
      title: t('对象', 'Target'),
      key: 'target',
      render: (_, row) => (row.targetType ? `${labelOf(AUDIT_TARGET_LABELS, row.targetType, lang)} ${row.targetId ?? ''}` : ''),
    },
    { title: 'IP', dataIndex: 'ip' },
    { title: t('详情', 'Details'), dataIndex: 'detail', render: (detail: Record<string, unknown>) => detailText(detail ?? {}, lang) },
  ];

  const actionOptions = [
    { value: '', label: t('全部', 'All') },
    ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: label[lang] })),
  ];

  return (
    <Card title={<PageHeading zh="审计日志" en="Audit log" />}>
      <Form
        form={form}
        layout="inline"
        className="admin-filters"
        initialValues={filters}
        onFinish={(values) => {
          const next = { ...NO_FILTERS, ...Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value ?? '').trim()])) } as Filters;
          form.setFields([{ name: 'from', errors: [] }, { name: 'to', errors: [] }]);
          if (!checkRequest(form, auditFilterSchema, next, lang, requestPath)) return;
          setFilters(next);
          setPage(1);
        }}
      >
        <Form.Item name="action" label={t('操作', 'Action')}>
          <Select style={{ width: 160 }} options={actionOptions} />
        </Form.Item>
        <Form.Item name="staff" label={t('工作人员', 'Staff')}>
          <Input placeholder={t('登录名', 'Login name')} allowClear maxLength={64} />
        </Form.Item>
        <Form.Item name="account" label={t('对象账号', 'Account')}>
          <Input placeholder={t('登录名或账号ID', 'Login name or account ID')} allowClear maxLength={64} />
        </Form.Item>
        <Form.Item name="from" label={t('起始日期', 'From')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('终止日期', 'To')}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('查询', 'Search')}
        </Button>
        <Button href={adminApi.auditExportUrl(filters)} download="audit-log.csv">
          {t('导出CSV', 'Export CSV')}
        </Button>
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      <section aria-label={t('日志列表', 'Log entries')} aria-busy={loading} className="admin-wide-table">
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.rows ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t(`共 ${total} 条`, `${total} in total`),
            onChange: setPage,
          }}
        />
      </section>
    </Card>
  );
}
