/**
 * /admin/reviews: the queue of real-name reviews (issue 18.1): who (real name or organisation
 * name, as submitted), 认证主体, the document or legal person type, waiting time and earlier
 * submissions; filtered by each, searched by the start of the name, the longest waiting first.
 * Paged on the server. A case someone opened reads 审核中：<reviewer>.
 */
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DOCUMENT_TYPES, LEGAL_PERSON_TYPES } from '../../../src/accounts/rules.ts';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, type QueueQuery, type ReviewQueueRow, type ReviewStatus, type ReviewSubject } from './admin-api.ts';
import { REVIEW_STATUS_LABELS, SUBJECT_LABELS } from './labels.ts';
import { QueuePage } from './QueuePage.tsx';
import { ReviewQueueFilters } from './ReviewQueueFilters.tsx';

const HOUR = 3_600_000;

/** 2天3小时, 5小时12分钟, 8分钟: from submission to the decision, or to now while waiting. */
export function waitingText(row: { submittedAt: string; decidedAt: string | null }, lang: 'zh' | 'en', now = Date.now()): string {
  const ms = Math.max(0, (row.decidedAt ? Date.parse(row.decidedAt) : now) - Date.parse(row.submittedAt));
  const days = Math.floor(ms / (24 * HOUR));
  const hours = Math.floor((ms % (24 * HOUR)) / HOUR);
  const minutes = Math.floor((ms % HOUR) / 60_000);
  if (days) return lang === 'zh' ? `${days}天${hours}小时` : `${days} d ${hours} h`;
  if (hours) return lang === 'zh' ? `${hours}小时${minutes}分钟` : `${hours} h ${minutes} min`;
  return lang === 'zh' ? `${minutes}分钟` : `${minutes} min`;
}

const typeName = (code: string, lang: 'zh' | 'en') => [...DOCUMENT_TYPES, ...LEGAL_PERSON_TYPES].find((entry) => entry.value === code)?.[lang] ?? code;

/** The address's extra filters as the API takes them (unknown values left out). */
function extraQuery(params: URLSearchParams): Pick<QueueQuery, 'type' | 'submissions' | 'name' | 'order'> {
  const submissions = params.get('submissions');
  return {
    type: params.get('type') || undefined,
    submissions: submissions === 'first' || submissions === 'repeat' ? submissions : undefined,
    name: params.get('name')?.trim() || undefined,
    order: params.get('order') === 'newest' ? 'newest' : undefined,
  };
}

export function ReviewQueuePage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const columns: ColumnsType<ReviewQueueRow> = [
    { title: t('姓名/单位名称', 'Name'), dataIndex: 'name' },
    { title: t('认证主体', 'Subject'), dataIndex: 'subject', render: (subject: ReviewSubject) => SUBJECT_LABELS[subject][lang] },
    { title: t('类型', 'Type'), dataIndex: 'type', render: (type: string) => typeName(type, lang) },
    { title: t('登录名', 'Login name'), dataIndex: 'loginName' },
    { title: t('等待时间', 'Waiting'), key: 'waiting', render: (_, row) => waitingText(row, lang) },
    { title: t('此前提交', 'Earlier submissions'), dataIndex: 'earlierSubmissions', render: (n: number) => (n ? t(`${n}次`, String(n)) : t('首次', 'First')) },
  ];
  return (
    <QueuePage<ReviewSubject, ReviewStatus, ReviewQueueRow>
      title={{ zh: '实名认证审核', en: 'Identity reviews' }}
      listLabel={{ zh: '审核列表', en: 'Reviews' }}
      path="/admin/reviews"
      kindFilter={{ param: 'subject', label: { zh: '认证主体', en: 'Subject' }, values: SUBJECT_LABELS }}
      statuses={REVIEW_STATUS_LABELS}
      load={async ({ kind, ...filter }) => {
        const { total, capped, reviews } = await adminApi.reviews({ subject: kind, ...filter, ...extraQuery(params) });
        return { total, capped, rows: reviews };
      }}
      columns={columns}
      extraFilters={(address) => <ReviewQueueFilters {...address} />}
      statusTag={(row) => (row.status === 'open' && row.claimedBy ? <Tag color="blue">{`${t('审核中：', 'Being reviewed by ')}${row.claimedBy}`}</Tag> : undefined)}
    />
  );
}
