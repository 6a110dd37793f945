import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ACCOUNT_LOOKUP_PATH } from '../legacy/paths.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import './portal.css';

const NAV = [
  { key: '/', zh: '首页', en: 'Home' },
  { key: '/services', zh: '服务事项', en: 'Services' },
  { key: '/consult', zh: '办事咨询', en: 'Enquiries' },
  { key: '/online/my-info', zh: '在线办事', en: 'Online services' },
  { key: '/results', zh: '结果公示', en: 'Results' },
];

/** The seed's portal frame: title bar, main navigation, and the user area at the right. */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const selected = NAV.filter((n) => n.key !== '/' && location.pathname.startsWith(n.key.split('/').slice(0, 2).join('/'))).map((n) => n.key);

  return (
    <Layout className="portal">
      <header className="portal-title">
        <div>
          <div className="portal-subtitle">{t('全国一体化政务服务平台', 'National Integrated Online Government Service Platform')}</div>
          <Typography.Title level={3} className="portal-name">
            {t('科学技术部政务服务平台', 'Ministry of Science and Technology Government Service Platform')}
          </Typography.Title>
          <div className="portal-subtitle">fuwu.most.gov.cn</div>
        </div>
        <Segmented
          aria-label={t('语言', 'Language')}
          value={lang}
          onChange={(value) => setLang(value as 'zh' | 'en')}
          options={[
            { label: '中文', value: 'zh' },
            { label: 'English', value: 'en' },
          ]}
        />
      </header>
      <nav className="portal-nav" aria-label={t('主导航', 'Main navigation')}>
        <Menu
          mode="horizontal"
          theme="dark"
          selectedKeys={selected.length ? selected : location.pathname === '/' ? ['/'] : []}
          items={NAV.map((n) => ({ key: n.key, label: <Link to={n.key}>{t(n.zh, n.en)}</Link> }))}
          style={{ flex: 1, minWidth: 0 }}
        />
        <div className="portal-user">
          {me ? (
            <Space size="middle">
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
            </Space>
          ) : (
            <Space>
              <Link to="/login">{t('用户登录', 'Log in')}</Link>
              <Link to="/register">{t('用户注册', 'Register')}</Link>
              <Link to={ACCOUNT_LOOKUP_PATH}>{t('账号检索', 'Account lookup')}</Link>
            </Space>
          )}
        </div>
      </nav>
      <Layout.Content className="portal-content">{children}</Layout.Content>
      <Layout.Footer className="portal-footer">
        {t('科技部政务服务平台技术支持电话：010-88659000', 'Technical support: 010-88659000')}
      </Layout.Footer>
    </Layout>
  );
}
