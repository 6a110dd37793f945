import { Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('页面不存在', 'Page not found')} extra={<Link to="/">{t('返回首页', 'Back to home')}</Link>} />;
}
