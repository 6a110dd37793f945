/**
 * Who holds an open review (issue 18.2): opening it claimed it for a while. Others read
 * 审核中：<reviewer> and cannot decide it (the server refuses, REVIEW_CLAIMED) until the claim
 * runs out or an admin releases it here (释放).
 */
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText, type ReviewClaim } from './admin-api.ts';
import { hasRole, useStaff } from './staff-session.tsx';

export function ClaimBanner({ review, reload }: { review: { id: string; status: string; claim: ReviewClaim | null }; reload(): void }) {
  const { t, lang } = useI18n();
  const { staff } = useStaff();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const claim = review.claim;
  if (review.status !== 'open' || !claim) return null;

  const until = dayjs(claim.until).format('HH:mm');
  const release = async () => {
    setBusy(true);
    setError(null);
    try {
      await adminApi.releaseReview(review.id);
      reload();
    } catch (caught) {
      setError(errorText(caught, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      className="admin-claim"
      role="status"
      type={claim.mine ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={`${t('审核中：', 'Being reviewed by ')}${claim.staffName}`}
      description={
        <>
          {claim.mine
            ? t(`您已领取该案件，${until} 前其他审核员不能处理。`, `You hold this case; no one else can decide it before ${until}.`)
            : t(`该案件已由${claim.staffName}领取，${until} 前您不能作出审核决定。`, `${claim.staffName} holds this case; you cannot decide it before ${until}.`)}
          {!claim.mine && hasRole(staff, 'admin') && (
            <div style={{ marginTop: 8 }}>
              <Button size="small" loading={busy} onClick={() => void release()}>
                {t('释放', 'Release')}
              </Button>
            </div>
          )}
          {error && <div role="alert">{error}</div>}
        </>
      }
    />
  );
}
