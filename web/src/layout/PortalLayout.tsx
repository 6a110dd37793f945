import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ACCOUNT_LOOKUP_PATH } from '../legacy/paths.ts';
import { LanguageToggle, useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { TextSizeToggle } from '../lib/text-size.tsx';
import { useFocusableScrollRegions } from './scroll-regions.ts';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';
import './portal.css';

const NAV = [
  { key: '/', zh: '首页', en: 'Home' },
  { key: '/services', zh: '服务事项', en: 'Services' },
  { key: '/consult', zh: '办事咨询', en: 'Enquiries' },
  { key: '/online/my-info', zh: '在线办事', en: 'Online services' },
  { key: '/results', zh: '结果公示', en: 'Results' },
];

/** The navigation entry the page belongs to (its first path segment), or 首页 at /. */
function currentNav(pathname: string): string | undefined {
  if (pathname === '/') return '/';
  return NAV.find((n) => n.key !== '/' && pathname.startsWith(n.key.split('/').slice(0, 2).join('/')))?.key;
}

function NavLinks({ vertical }: { vertical?: boolean }) {
  const { t } = useI18n();
  const current = currentNav(useLocation().pathname);
  return (
    <ul className={vertical ? 'portal-nav-links portal-nav-links-vertical' : 'portal-nav-links'}>
      {NAV.map((n) => (
        <li key={n.key}>
          <Link to={n.key} aria-current={current === n.key ? 'page' : undefined}>
            {t(n.zh, n.en)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** 当前用户 / 用户类型 / 退出登录, or the ways in for someone logged out. */
function UserArea({ vertical }: { vertical?: boolean }) {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const className = vertical ? 'portal-user portal-user-vertical' : 'portal-user';
  if (!me)
    return (
      <div className={className}>
        <Link to="/login">{t('用户登录', 'Log in')}</Link>
        <Link to="/register">{t('用户注册', 'Register')}</Link>
        <Link to={ACCOUNT_LOOKUP_PATH}>{t('账号检索', 'Account lookup')}</Link>
      </div>
    );
  return (
    <div className={className}>
      <span>
        {t('当前用户：', 'User: ')}
        {me.displayName}
      </span>
      <span>
        {t('用户类型：', 'Account type: ')}
        {me.kind === 'natural' ? t('自然人', 'Natural person') : t('法人（单位管理员）', 'Organisation (administrator)')}
      </span>
      <Button
        type="link"
        onClick={async () => {
          await logout();
          navigate('/');
        }}
      >
        {t('退出登录', 'Log out')}
      </Button>
    </div>
  );
}

/**
 * The seed's portal frame: title bar, main navigation, and the user area at the right. Below the
 * md breakpoint the header is compact and the navigation and user area open in a drawer.
 */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me } = useSession();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => setDrawerOpen(false), [location.pathname]);
  useFocusableScrollRegions(MAIN_ID);

  return (
    <Layout className="portal">
      <SkipLink />
      <header className={phone ? 'portal-title portal-title-phone on-dark' : 'portal-title on-dark'}>
        <div className="portal-brand">
          <div className="portal-subtitle">{t('全国一体化政务服务平台', 'National Integrated Online Government Service Platform')}</div>
          <Link to="/" className="portal-name">
            {t('科学技术部政务服务平台', 'Ministry of Science and Technology Government Service Platform')}
          </Link>
          {!phone && <div className="portal-subtitle">fuwu.most.gov.cn</div>}
          {phone && me && (
            <div className="portal-phone-user">
              {t('当前用户：', 'User: ')}
              {me.displayName}
            </div>
          )}
        </div>
        <div className="portal-tools">
          <TextSizeToggle />
          <LanguageToggle />
          {phone && (
            <Button
              className="portal-menu-button"
              autoInsertSpace={false}
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('打开导航菜单', 'Open the navigation menu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            >
              {t('菜单', 'Menu')}
            </Button>
          )}
        </div>
      </header>
      {phone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="right"
          size="min(320px, 86vw)"
          title={t('导航菜单', 'Navigation menu')}
          className="portal-drawer"
        >
          <nav aria-label={t('主导航', 'Main navigation')}>
            <NavLinks vertical />
            <UserArea vertical />
          </nav>
        </Drawer>
      ) : (
        <nav className="portal-nav on-dark" aria-label={t('主导航', 'Main navigation')}>
          <NavLinks />
          <UserArea />
        </nav>
      )}
      <Layout.Content id={MAIN_ID} tabIndex={-1} className="portal-content">
        {children}
      </Layout.Content>
      <Layout.Footer className="portal-footer">
        {t('科技部政务服务平台技术支持电话：010-88659000', 'Technical support: 010-88659000')}
      </Layout.Footer>
    </Layout>
  );
}
