/**
 * /admin/ratings (operators): 政务服务“好差评” — counts per grade by business system and by
 * service item, the latest ratings with their comments, a CSV export; filtered by system key
 * and item code. Every view and export is audited on the server.
 */
import { Alert, Button, Card, Descriptions, Form, Grid, Input, List, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { RATING_GRADES, type RatingGrade } from '../../../src/matters/rules.ts';
import { ratingsQuerySchema } from '../../../src/matters/schemas.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { formatTime } from './labels.ts';
import { checkRequest, requestPath } from './operator-forms.ts';
import { fetchRatingsSummary, ratingsExportUrl, type RatingsFilter, type RatingsSummary } from './ratings-api.ts';
import { useLoad } from './use-load.ts';

const rated = (row: Row) => row.rating as RatingsSummary['ratings'][number];

const NO_FILTER: RatingsFilter = { system: '', itemCode: '' };

/** One column of a table: its title and the cell of a row. */
interface Column {
  key: string;
  title: string;
  cell(row: Row): ReactNode;
}
type Row = { key: string } & Record<string, unknown>;

const gradeColumns = (): Column[] => RATING_GRADES.map((grade) => ({ key: grade, title: grade, cell: (row) => (row.counts as Record<RatingGrade, number>)[grade] }));

/**
 * A table from lg up (the back office's side menu beside it); below (tablets, phones) a list of
 * one-column descriptions: eight columns of grades do not fit 768 px without breaking their names.
 */
function Rows({ rows, columns, loading, pageSize }: { rows: Row[]; columns: Column[]; loading: boolean; pageSize?: number }) {
  const phone = Grid.useBreakpoint().lg === false;
  const pagination = pageSize ? { pageSize, showSizeChanger: false, hideOnSinglePage: true } : false;
  if (phone) {
    return (
      <List
        loading={loading}
        dataSource={rows}
        rowKey="key"
        pagination={pagination ? { ...pagination, size: 'small' } : false}
        renderItem={(row: Row) => (
          <List.Item>
            <Descriptions size="small" bordered column={1} style={{ width: '100%' }} items={columns.map((c) => ({ key: c.key, label: c.title, children: c.cell(row) }))} />
          </List.Item>
        )}
      />
    );
  }
  return <Table rowKey="key" size="small" loading={loading} pagination={pagination} dataSource={rows} columns={columns.map((c) => ({ key: c.key, title: c.title, render: (_: unknown, row: Row) => c.cell(row) }))} />;
}

export function RatingsPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<RatingsFilter>();
  const [filter, setFilter] = useState<RatingsFilter>(NO_FILTER);
  const { data, error, loading } = useLoad(() => fetchRatingsSummary(filter), [filter]);

  return (
    <Card title={<PageHeading zh="评价管理" en="Ratings" />}>
      <Form
        form={form}
        layout="inline"
        className="admin-filters"
        initialValues={filter}
        onFinish={(values) => {
          const next = { system: String(values.system ?? '').trim(), itemCode: String(values.itemCode ?? '').trim() };
          if (!checkRequest(form, ratingsQuerySchema, next, lang, requestPath)) return;
          setFilter(next);
        }}
      >
        <Form.Item name="system" label={t('系统标识', 'System key')}>
          <Input allowClear maxLength={100} />
        </Form.Item>
        <Form.Item name="itemCode" label={t('事项编码', 'Item code')}>
          <Input allowClear maxLength={12} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('查询', 'Search')}
        </Button>
        <Button href={ratingsExportUrl(filter)} download="ratings.csv">
          {t('导出CSV', 'Export CSV')}
        </Button>
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      <section aria-labelledby="ratings-by-system" aria-busy={loading}>
        <Typography.Title level={2} id="ratings-by-system" style={{ fontSize: 18 }}>
          {t('按业务系统', 'By business system')}
        </Typography.Title>
        <Rows
          loading={loading}
          rows={(data?.bySystem ?? []).map((row) => ({ ...row }))}
          columns={[{ key: 'name', title: t('业务系统', 'System'), cell: (row) => String(row.name) }, { key: 'total', title: t('评价数', 'Ratings'), cell: (row) => Number(row.total) }, ...gradeColumns()]}
        />
      </section>
      <section aria-labelledby="ratings-by-item" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="ratings-by-item" style={{ fontSize: 18 }}>
          {t('按服务事项', 'By service item')}
        </Typography.Title>
        <Rows
          loading={loading}
          rows={(data?.byItem ?? []).map((row) => ({ ...row, key: row.code }))}
          columns={[
            { key: 'name', title: t('服务事项', 'Item'), cell: (row) => `${String(row.name)}（${String(row.code)}）` },
            { key: 'systemName', title: t('业务系统', 'System'), cell: (row) => String(row.systemName) },
            { key: 'total', title: t('评价数', 'Ratings'), cell: (row) => Number(row.total) },
            ...gradeColumns(),
          ]}
        />
      </section>
      <section aria-labelledby="ratings-latest" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="ratings-latest" style={{ fontSize: 18 }}>
          {t('最新评价', 'Latest ratings')}
        </Typography.Title>
        <Rows
          loading={loading}
          pageSize={20}
          rows={(data?.ratings ?? []).map((rating) => ({ key: rating.matterId, rating }))}
          columns={[
            { key: 'ratedAt', title: t('评价时间', 'Rated on'), cell: (row) => formatTime(rated(row).ratedAt) },
            { key: 'system', title: t('业务系统', 'System'), cell: (row) => rated(row).system.name },
            { key: 'item', title: t('服务事项', 'Item'), cell: (row) => rated(row).item.name },
            { key: 'title', title: t('办件', 'Application'), cell: (row) => rated(row).title },
            { key: 'grade', title: t('评价', 'Grade'), cell: (row) => rated(row).grade },
            { key: 'comment', title: t('评价内容', 'Comment'), cell: (row) => rated(row).comment },
          ]}
        />
      </section>
    </Card>
  );
}
