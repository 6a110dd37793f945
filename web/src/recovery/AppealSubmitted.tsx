import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { APPEAL_SUBMITTED_NOTICE } from '../../../src/recovery/rules.ts';
import { useI18n } from '../lib/i18n.tsx';

/** 等待审核: the appeal is in; the login name and a one-time password will come by SMS (FAQ 3.2). */
export function AppealSubmitted() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      title={t('等待审核', 'Waiting for review')}
      subTitle={t(APPEAL_SUBMITTED_NOTICE.zh, APPEAL_SUBMITTED_NOTICE.en)}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('返回首页', 'Back to the home page')}
        </Button>
      }
    />
  );
}
