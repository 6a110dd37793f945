/**
 * /admin/reviews: the queue of real-name reviews, oldest first, filtered by subject, status
 * and waiting time. The filters live in the address, so coming back from a review (or
 * reloading) shows the same page of the same queue.
 */
import { Alert, Card, Form, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { REVIEW_STATUSES, REVIEW_SUBJECTS } from '../../../src/backoffice/schemas.ts';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText, type QueueQuery, type ReviewStatus, type ReviewSubject, type ReviewSummary } from './admin-api.ts';
import { REVIEW_STATUS_LABELS, SUBJECT_LABELS, WAITING_FILTERS, formatTime } from './labels.ts';
import { useLoad } from './use-load.ts';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<ReviewStatus, string> = { open: 'orange', approved: 'green', rejected: 'red', superseded: 'default' };

function queryFrom(params: URLSearchParams): QueueQuery {
  const subject = params.get('subject');
  const status = params.get('status');
  const age = Number(params.get('minAgeHours'));
  return {
    subject: REVIEW_SUBJECTS.includes(subject as ReviewSubject) ? (subject as ReviewSubject) : undefined,
    status: REVIEW_STATUSES.includes(status as ReviewStatus) ? (status as ReviewStatus) : 'open',
    minAgeHours: WAITING_FILTERS.some((f) => f.value === age) ? age : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
}

export function ReviewQueuePage() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const { data, error, loading } = useLoad(() => adminApi.reviews(query), [params.toString()]);

  const change = (updates: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    next.delete('page'); // a new filter starts again at page 1
    for (const [key, value] of Object.entries(updates)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next);
  };

  const columns: ColumnsType<ReviewSummary> = [
    { title: t('登录名', 'Login name'), dataIndex: 'loginName' },
    { title: t('认证主体', 'Subject'), dataIndex: 'subject', render: (subject: ReviewSubject) => SUBJECT_LABELS[subject][lang] },
    { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: formatTime },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      render: (status: ReviewStatus) => <Tag color={STATUS_COLORS[status]}>{REVIEW_STATUS_LABELS[status][lang]}</Tag>,
    },
    {
      title: t('操作', 'Action'),
      key: 'open',
      render: (_, review) => (
        <Link to={`/admin/reviews/${review.id}`} state={{ queue: location.search }}>
          {t('审核', 'Review')}
        </Link>
      ),
    },
  ];

  return (
    <Card title={t('实名认证审核', 'Identity reviews')}>
      <Form layout="inline" className="admin-filters">
        <Form.Item label={t('认证主体', 'Subject')} htmlFor="queue-subject">
          <Select
            id="queue-subject"
            style={{ width: 140 }}
            value={query.subject ?? ''}
            onChange={(value) => change({ subject: value })}
            options={[{ value: '', label: t('全部', 'All') }, ...REVIEW_SUBJECTS.map((s) => ({ value: s, label: SUBJECT_LABELS[s][lang] }))]}
          />
        </Form.Item>
        <Form.Item label={t('审核状态', 'Status')} htmlFor="queue-status">
          <Select
            id="queue-status"
            style={{ width: 140 }}
            value={query.status}
            onChange={(value) => change({ status: value })}
            options={REVIEW_STATUSES.map((s) => ({ value: s, label: REVIEW_STATUS_LABELS[s][lang] }))}
          />
        </Form.Item>
        <Form.Item label={t('等待时间', 'Waiting')} htmlFor="queue-age">
          <Select
            id="queue-age"
            style={{ width: 140 }}
            value={query.minAgeHours ?? ''}
            onChange={(value) => change({ minAgeHours: value })}
            options={WAITING_FILTERS.map((f) => ({ value: f.value ?? '', label: f.label[lang] }))}
          />
        </Form.Item>
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      <section aria-label={t('审核列表', 'Reviews')} aria-busy={loading}>
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.reviews ?? []}
          pagination={{
            current: query.page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t(`共 ${total} 条`, `${total} in total`),
            onChange: (page) => change({ page: page > 1 ? page : undefined }),
          }}
        />
      </section>
    </Card>
  );
}
