/**
 * The back office frame: title bar with the staff member, language switch and 退出登录, a
 * side menu showing only what the staff member's roles allow, and the page. Pages reach the
 * frame's message area through the outlet context (a notice survives moving between pages).
 */
import { Button, Layout, Menu, Segmented, Space, Spin, Typography, message } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useOutletContext } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { hasRole, useStaff } from './staff-session.tsx';
import './admin.css';

export interface AdminOutlet {
  notify(text: string): void;
}

export const useAdminOutlet = () => useOutletContext<AdminOutlet>();

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Segmented
      aria-label={t('语言', 'Language')}
      value={lang}
      onChange={(value) => setLang(value as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}

export function AdminTitle() {
  const { t } = useI18n();
  return (
    <Typography.Title level={4} className="admin-name">
      {t('科学技术部政务服务平台 后台管理系统', 'MOST Government Service Platform · Back office')}
    </Typography.Title>
  );
}

export function AdminLayout() {
  const { t } = useI18n();
  const { staff, load, logout } = useStaff();
  const location = useLocation();
  const [messageApi, messageHolder] = message.useMessage();

  useEffect(() => {
    if (staff === undefined) void load();
  }, [staff, load]);

  if (staff === undefined) return <Spin className="admin-loading" />;
  if (staff === null) return <Navigate to="/admin/login" replace />;
  // An initial or reset password is changed before any other page (the server refuses them meanwhile).
  if (staff.passwordChangeRequired && location.pathname !== '/admin/password') return <Navigate to="/admin/password" replace />;

  const menu = [
    hasRole(staff, 'reviewer') && { key: '/admin/reviews', label: <Link to="/admin/reviews">{t('实名认证审核', 'Identity reviews')}</Link> },
    hasRole(staff, 'reviewer') && { key: '/admin/appeals', label: <Link to="/admin/appeals">{t('申诉找回', 'Recovery appeals')}</Link> },
    hasRole(staff, 'operator') && { key: '/admin/accounts', label: <Link to="/admin/accounts">{t('账号管理', 'Accounts')}</Link> },
    hasRole(staff, 'operator') && { key: '/admin/organizations', label: <Link to="/admin/organizations">{t('单位管理', 'Organisations')}</Link> },
    hasRole(staff, 'operator') && { key: '/admin/systems', label: <Link to="/admin/systems">{t('业务系统管理', 'Business systems')}</Link> },
    hasRole(staff, 'operator') && { key: '/admin/service-items', label: <Link to="/admin/service-items">{t('服务事项管理', 'Service items')}</Link> },
    hasRole(staff, 'admin') && { key: '/admin/audit', label: <Link to="/admin/audit">{t('审计日志', 'Audit log')}</Link> },
    hasRole(staff, 'admin') && { key: '/admin/review-reasons', label: <Link to="/admin/review-reasons">{t('常用不通过原因', 'Preset reasons')}</Link> },
    hasRole(staff, 'admin') && { key: '/admin/staff', label: <Link to="/admin/staff">{t('工作人员管理', 'Staff')}</Link> },
    { key: '/admin/password', label: <Link to="/admin/password">{t('修改密码', 'Change password')}</Link> },
  ].filter((item) => item !== false);
  const selected = menu.map((item) => item.key).filter((key) => location.pathname.startsWith(key));

  return (
    <Layout className="admin">
      {messageHolder}
      <header className="admin-title">
        <AdminTitle />
        <Space size="middle">
          <span>
            {t('工作人员：', 'Staff: ')}
            {staff.name}
          </span>
          <LanguageSwitch />
          <Button type="link" onClick={() => void logout()}>
            {t('退出登录', 'Log out')}
          </Button>
        </Space>
      </header>
      <Layout>
        <Layout.Sider theme="light" width={200}>
          <nav aria-label={t('后台菜单', 'Back-office menu')}>
            <Menu mode="inline" selectedKeys={selected} items={menu} />
          </nav>
        </Layout.Sider>
        <Layout.Content className="admin-content">
          <Outlet context={{ notify: (text: string) => void messageApi.success(text) } satisfies AdminOutlet} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
