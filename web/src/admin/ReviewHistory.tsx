/**
 * 审核历史 (issue 18.3): the earlier submissions of the same account and subject, newest
 * first, each with its outcome, reason, reviewer and times, so the reviewer sees what was
 * refused before and why.
 */
import { Card, Descriptions, Empty } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import type { EarlierReview } from './admin-api.ts';
import { formatTime, REVIEW_STATUS_LABELS } from './labels.ts';

export function ReviewHistory({ history }: { history: EarlierReview[] }) {
  const { t, lang } = useI18n();
  return (
    <Card type="inner" title={t('审核历史', 'History')} style={{ marginTop: 16 }}>
      <section aria-label={t('审核历史', 'History')}>
        {history.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('无更早的提交', 'No earlier submissions')} />
        ) : (
          history.map((earlier, index) => (
            <article key={earlier.id} aria-label={`${t('第', 'Submission ')}${history.length - index}${t('次提交', '')}`} className="admin-history-entry">
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'submittedAt', label: t('提交时间', 'Submitted'), children: formatTime(earlier.submittedAt) },
                  { key: 'status', label: t('审核结果', 'Outcome'), children: REVIEW_STATUS_LABELS[earlier.status][lang] },
                  { key: 'reviewer', label: t('审核人', 'Reviewer'), children: earlier.reviewerName ?? '—' },
                  { key: 'decidedAt', label: t('审核时间', 'Decided'), children: formatTime(earlier.decidedAt) || '—' },
                  ...(earlier.reason ? [{ key: 'reason', label: t('不通过原因', 'Reason'), children: earlier.reason, span: { xs: 1, md: 2 } }] : []),
                ]}
              />
            </article>
          ))
        )}
      </section>
    </Card>
  );
}
