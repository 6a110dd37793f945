/**
 * 首页, as the seeds' portal has it: 通知公告 (latest, pinned first), quick links to 用户登录 /
 * 用户注册 / 账号检索 / 忘记密码, 四类服务 with counts, 热门服务, and for a signed-in person
 * 最近使用 and 我的关注. One column on a phone, two on a desktop.
 */
import { Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { NOTICE_LIMITS } from '../../../src/notices/rules.ts';
import { HomeBlock, HomeCategories, HomeFollows, HomePopular, HomeRecent } from '../catalogue/HomeCatalogue.tsx';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { NoticeList } from '../notices/NoticeList.tsx';
import { NOTICES_PATH, fetchNotices } from '../notices/notices-api.ts';
import './home.css';

function HomeNotices() {
  const { t } = useI18n();
  const notices = useLoaded(() => fetchNotices(1, NOTICE_LIMITS.homeCount), []);
  return (
    <HomeBlock id="home-notices" title={t('通知公告', 'Notices')} extra={<Link to={NOTICES_PATH}>{t('更多', 'More')}</Link>}>
      <NoticeList items={notices.data?.items ?? []} loading={notices.loading && !notices.data} />
    </HomeBlock>
  );
}

function QuickLinks() {
  const { t } = useI18n();
  const links: [string, string, string][] = [
    ['/login', '用户登录', 'Log in'],
    ['/register', '用户注册', 'Register'],
    ['/account-lookup', '账号检索', 'Account lookup'],
    ['/password/recover', '忘记密码', 'Forgot password'],
  ];
  return (
    <HomeBlock id="home-quick-links" title={t('统一用户', 'Unified user account')}>
      <nav aria-labelledby="home-quick-links" className="home-quick-links">
        {links.map(([to, zh, en]) => (
          <Link key={to} to={to}>
            {t(zh, en)}
          </Link>
        ))}
      </nav>
    </HomeBlock>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <div className="page-card home">
      <PageHeading zh="首页" en="Home" />
      <Typography.Paragraph className="home-slogan">{t('深化“互联网+政务服务” 推进科技政务服务“一网通办”', 'One-stop online government services for science and technology')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <HomeNotices />
        </Col>
        <Col xs={24} lg={8}>
          <QuickLinks />
        </Col>
        <Col xs={24}>
          <HomeCategories />
        </Col>
        <Col xs={24} lg={me ? 12 : 24}>
          <HomePopular />
        </Col>
        {me && (
          <Col xs={24} lg={12}>
            <HomeRecent />
          </Col>
        )}
        {me && (
          <Col xs={24}>
            <HomeFollows />
          </Col>
        )}
      </Row>
    </div>
  );
}
