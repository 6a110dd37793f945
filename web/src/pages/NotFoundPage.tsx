import { Result } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page-card">
      <PageHeading zh="页面不存在" en="Page not found" />
      <Result status="404" title="404" subTitle={t('您访问的页面不存在或已被移除。', 'The page you asked for does not exist or was removed.')} extra={<Link to="/">{t('返回首页', 'Back to home')}</Link>} />
    </div>
  );
}
