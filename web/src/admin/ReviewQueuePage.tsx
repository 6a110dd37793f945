/** /admin/reviews: the queue of real-name reviews, filtered by subject (认证主体), status and waiting time. */
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, type ReviewStatus, type ReviewSubject, type ReviewSummary } from './admin-api.ts';
import { REVIEW_STATUS_LABELS, SUBJECT_LABELS } from './labels.ts';
import { QueuePage } from './QueuePage.tsx';

export function ReviewQueuePage() {
  const { t, lang } = useI18n();
  const columns: ColumnsType<ReviewSummary> = [
    { title: t('登录名', 'Login name'), dataIndex: 'loginName' },
    { title: t('认证主体', 'Subject'), dataIndex: 'subject', render: (subject: ReviewSubject) => SUBJECT_LABELS[subject][lang] },
  ];
  return (
    <QueuePage<ReviewSubject, ReviewStatus, ReviewSummary>
      title={{ zh: '实名认证审核', en: 'Identity reviews' }}
      listLabel={{ zh: '审核列表', en: 'Reviews' }}
      path="/admin/reviews"
      kindFilter={{ param: 'subject', label: { zh: '认证主体', en: 'Subject' }, values: SUBJECT_LABELS }}
      statuses={REVIEW_STATUS_LABELS}
      load={async ({ kind, ...filter }) => {
        const { total, reviews } = await adminApi.reviews({ subject: kind, ...filter });
        return { total, rows: reviews };
      }}
      columns={columns}
    />
  );
}
