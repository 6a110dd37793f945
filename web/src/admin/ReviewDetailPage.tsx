/**
 * /admin/reviews/:id: one review, its data beside its files, and the decision: 审核通过 at
 * once, 审核不通过 only with a reason (the user reads it under 详情). A decided or withdrawn
 * review only shows its outcome.
 */
import { useI18n } from '../lib/i18n.tsx';
import { adminApi } from './admin-api.ts';
import { DecisionButtons, DecisionCard, Outcome, useDecisionPage } from './Decision.tsx';
import { REVIEW_STATUS_LABELS, SUBJECT_LABELS } from './labels.ts';
import { SubmittedData } from './SubmittedData.tsx';

export function ReviewDetailPage() {
  const { t, lang } = useI18n();
  const loaded = useDecisionPage('/admin/reviews', adminApi.review);
  const review = loaded.data;
  return (
    <DecisionCard title={{ zh: '实名认证审核', en: 'Identity review' }} loaded={loaded}>
      {review && (
        <>
          <Outcome
            lead={[
              { key: 'loginName', label: t('登录名', 'Login name'), children: review.loginName },
              { key: 'subject', label: t('认证主体', 'Subject'), children: SUBJECT_LABELS[review.subject][lang] },
            ]}
            record={review}
            status={REVIEW_STATUS_LABELS[review.status][lang]}
          />
          <SubmittedData review={review} />
          {review.status === 'open' && (
            <DecisionButtons decision={loaded.decision} approve={() => adminApi.approve(review.id)} reject={(reason) => adminApi.reject(review.id, reason)} />
          )}
        </>
      )}
    </DecisionCard>
  );
}
