import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { HomeCategories, HomeFollows } from '../catalogue/HomeCatalogue.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';

export function HomePage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <div className="page-card">
      <Typography.Title level={4}>{t('深化“互联网+政务服务” 推进科技政务服务“一网通办”', 'One-stop online government services for science and technology')}</Typography.Title>
      <HomeCategories />
      <HomeFollows />
      {!me && (
        <Typography.Paragraph style={{ marginTop: 24 }}>
          <Link to="/login">{t('用户登录', 'Log in')}</Link> · <Link to="/register">{t('用户注册', 'Register')}</Link>
        </Typography.Paragraph>
      )}
    </div>
  );
}
