/**
 * A back-office queue (real-name reviews, appeals): oldest first, filtered by kind, status and
 * waiting time, each row opening its page. The filters live in the address, so coming back
 * from a decision (or reloading) shows the same page of the same queue.
 */
import { Alert, Card, Form, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { WAITING_FILTERS, formatTime, type Label } from './labels.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<string, string> = { open: 'orange', approved: 'green', rejected: 'red', superseded: 'default' };

export interface QueueFilter<K extends string, S extends string> {
  kind?: K;
  status: S;
  minAgeHours?: number;
  page: number;
  pageSize: number;
}

export interface QueueRow<S extends string> {
  id: string;
  status: S;
  submittedAt: string;
}

export interface QueuePageProps<K extends string, S extends string, Row extends QueueRow<S>> {
  title: Label;
  /** Accessible name of the list (tests wait for it to stop being busy). */
  listLabel: Label;
  /** Where the queue lives; a row opens `${path}/${id}`. */
  path: string;
  /** The first filter: its address parameter, label and values (全部 comes first). */
  kindFilter: { param: string; label: Label; values: Record<K, Label> };
  /** Statuses in filter order; the first is the default. */
  statuses: Record<S, Label>;
  /** `capped`: more matches than `total` (shown as 共 10000+ 条). */
  load(filter: QueueFilter<K, S>): Promise<{ total: number; rows: Row[]; capped?: boolean }>;
  /** The row's own columns; 提交时间, 状态 and 审核 follow. */
  columns: ColumnsType<Row>;
  /** More filters after the first three, reading and changing the address's parameters. */
  extraFilters?: (address: { params: URLSearchParams; change(updates: Record<string, string | number | undefined>): void }) => ReactNode;
  /** The 状态 cell instead of the status's tag (e.g. 审核中：<reviewer>), or undefined for the tag. */
  statusTag?: (row: Row) => ReactNode | undefined;
}

const keysOf = <K extends string>(values: Record<K, Label>) => Object.keys(values) as K[];

function filterFrom<K extends string, S extends string>(params: URLSearchParams, kindParam: string, kinds: K[], statuses: S[]): QueueFilter<K, S> {
  const kind = params.get(kindParam) as K;
  const status = params.get('status') as S;
  const age = Number(params.get('minAgeHours'));
  return {
    kind: kinds.includes(kind) ? kind : undefined,
    status: statuses.includes(status) ? status : (statuses[0] as S),
    minAgeHours: WAITING_FILTERS.some((f) => f.value === age) ? age : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
}

/** One labelled select of the filter bar (ReviewQueueFilters adds more). */
export function FilterSelect({ id, label, value, options, onChange }: { id: string; label: string; value: string | number; options: { value: string | number; label: string }[]; onChange(value: string | number): void }) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Select id={id} style={{ width: 140 }} value={value} onChange={onChange} options={options} />
    </Form.Item>
  );
}

export function QueuePage<K extends string, S extends string, Row extends QueueRow<S>>(props: QueuePageProps<K, S, Row>) {
  const { title, listLabel, path, kindFilter, statuses, load, columns, extraFilters, statusTag } = props;
  const { t, lang } = useI18n();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params, kindFilter.param, keysOf(kindFilter.values), keysOf(statuses));
  const { data, error, loading } = useLoad(() => load(filter), [path, params.toString()]);

  const change = (updates: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    next.delete('page'); // a new filter starts again at page 1
    for (const [key, value] of Object.entries(updates)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next);
  };

  const allColumns: ColumnsType<Row> = [
    ...columns,
    { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: formatTime },
    { title: t('状态', 'Status'), dataIndex: 'status', render: (status: S, row) => statusTag?.(row) ?? <Tag color={STATUS_COLORS[status]}>{statuses[status][lang]}</Tag> },
    {
      title: t('操作', 'Action'),
      key: 'open',
      render: (_, row) => (
        <Link to={`${path}/${row.id}`} state={{ queue: location.search }}>
          {t('审核', 'Review')}
        </Link>
      ),
    },
  ];

  return (
    <Card title={<PageHeading zh={title.zh} en={title.en} />}>
      <Form layout="inline" className="admin-filters">
        <FilterSelect
          id="queue-kind"
          label={kindFilter.label[lang]}
          value={filter.kind ?? ''}
          onChange={(value) => change({ [kindFilter.param]: value })}
          options={[{ value: '', label: t('全部', 'All') }, ...keysOf(kindFilter.values).map((k) => ({ value: k, label: kindFilter.values[k][lang] }))]}
        />
        <FilterSelect
          id="queue-status"
          label={t('审核状态', 'Status')}
          value={filter.status}
          onChange={(value) => change({ status: value })}
          options={keysOf(statuses).map((s) => ({ value: s, label: statuses[s][lang] }))}
        />
        <FilterSelect
          id="queue-age"
          label={t('等待时间', 'Waiting')}
          value={filter.minAgeHours ?? ''}
          onChange={(value) => change({ minAgeHours: value })}
          options={WAITING_FILTERS.map((f) => ({ value: f.value ?? '', label: f.label[lang] }))}
        />
        {extraFilters?.({ params, change })}
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      <section aria-label={listLabel[lang]} aria-busy={loading}>
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          scroll={{ x: 'max-content' }}
          columns={allColumns}
          dataSource={data?.rows ?? []}
          pagination={{
            current: filter.page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => (data?.capped ? t(`共 ${total}+ 条`, `${total}+ in total`) : t(`共 ${total} 条`, `${total} in total`)),
            onChange: (page) => change({ page: page > 1 ? page : undefined }),
          }}
        />
      </section>
    </Card>
  );
}
