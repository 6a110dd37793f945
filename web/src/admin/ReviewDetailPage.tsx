/**
 * /admin/reviews/:id: one review, its data beside its scans (opened large with zoom and rotate,
 * the two sides side by side), the case's history (earlier submissions, their decisions,
 * reasons and reviewers), and the decision: 审核通过 after a confirmation, 审核不通过 with
 * common reasons (常用不通过原因) and / or free text (the user reads it under 详情). Keyboard:
 * N the next waiting case, A 审核通过, R 审核不通过. A decided or withdrawn review only shows
 * its outcome and history.
 */
import { Button, Space, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText, type ReviewSubject } from './admin-api.ts';
import { useAdminOutlet } from './AdminLayout.tsx';
import { ClaimBanner } from './ClaimBanner.tsx';
import { DecisionButtons, DecisionCard, Outcome, useDecisionPage } from './Decision.tsx';
import { REVIEW_STATUS_LABELS, SUBJECT_LABELS } from './labels.ts';
import { ReviewHistory } from './ReviewHistory.tsx';
import { REVIEW_SHORTCUTS, useReviewShortcuts } from './review-shortcuts.ts';
import { SubmittedData } from './SubmittedData.tsx';
import { useLoad } from './use-load.ts';

/** The next waiting case of the queue the page was opened from (its subject), other than this one. */
function useNextCase(currentId: string | undefined) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const { notify } = useAdminOutlet();
  const queue = (location.state as { queue?: string } | null)?.queue ?? '';
  const subject = new URLSearchParams(queue.replace(/^\?/, '')).get('subject') ?? undefined;
  return async () => {
    try {
      const { reviews } = await adminApi.reviews({ status: 'open', subject: subject as ReviewSubject | undefined, page: 1, pageSize: 2 });
      const next = reviews.find((review) => review.id !== currentId);
      if (next) navigate(`/admin/reviews/${next.id}`, { state: location.state });
      else notify(t('暂无其他待审核的案件', 'No other case is waiting'));
    } catch (error) {
      notify(errorText(error, lang));
    }
  };
}

export function ReviewDetailPage() {
  const { t, lang } = useI18n();
  const loaded = useDecisionPage('/admin/reviews', adminApi.review);
  const presets = useLoad(() => adminApi.reviewReasons(), []);
  const review = loaded.data;
  const open = review?.status === 'open' && !loaded.loading;
  const next = useNextCase(review?.id);
  useReviewShortcuts({
    next: () => void next(),
    approve: open && !loaded.decision.busy ? () => loaded.decision.setConfirming(true) : undefined,
    reject: open && !loaded.decision.busy ? () => loaded.decision.setRejecting(true) : undefined,
  });
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
          <ClaimBanner review={review} reload={loaded.reload} />
          <SubmittedData review={review} />
          <ReviewHistory history={review.history} />
          {review.status === 'open' && (
            <DecisionButtons
              decision={loaded.decision}
              approve={() => adminApi.approve(review.id)}
              reject={(reason, chosen) => adminApi.reject(review.id, reason, chosen)}
              presets={presets.data?.reasons ?? []}
              confirmApprove={t('审核通过后，用户的实名认证状态将变为“科技部平台人工审核通过”，并以短信通知用户。', 'The user becomes verified (科技部平台人工审核通过) and is told by SMS.')}
            />
          )}
          <Space wrap className="admin-review-shortcuts">
            <Button onClick={() => void next()}>{t('下一条', 'Next case')}</Button>
            <Typography.Text type="secondary">
              {t('快捷键', 'Shortcuts')}: {REVIEW_SHORTCUTS.next.toUpperCase()} {t('下一条', 'next case')} · {REVIEW_SHORTCUTS.approve.toUpperCase()} {t('审核通过', 'approve')} ·{' '}
              {REVIEW_SHORTCUTS.reject.toUpperCase()} {t('审核不通过', 'reject')}
            </Typography.Text>
          </Space>
        </>
      )}
    </DecisionCard>
  );
}
