/**
 * The back office frame: title bar with the staff member, language switch and 退出登录, a
 * side menu showing only what the staff member's roles allow, and the page. Pages reach the
 * frame's message area through the outlet context (a notice survives moving between pages).
 */
import { MenuOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Menu, Space, Spin, message } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useOutletContext } from 'react-router-dom';
import { LanguageToggle, useI18n } from '../lib/i18n.tsx';
import { TextSizeToggle } from '../lib/text-size.tsx';
import { useFocusableScrollRegions } from '../layout/scroll-regions.ts';
import { MAIN_ID, SkipLink } from '../layout/SkipLink.tsx';
import { hasRole, useStaff } from './staff-session.tsx';
import './admin.css';

export interface AdminOutlet {
  notify(text: string): void;
}

export const useAdminOutlet = () => useOutletContext<AdminOutlet>();

/** The header's switches: 大字版 and the language, one tab stop each. */
export function LanguageSwitch() {
  return (
    <Space size="small" wrap>
      <TextSizeToggle />
      <LanguageToggle />
    </Space>
  );
}

/** The back office's name in the header: not a heading (the page's h1 is the page's name). */
export function AdminTitle() {
  const { t } = useI18n();
  return <div className="admin-name">{t('科学技术部政务服务平台 后台管理系统', 'MOST Government Service Platform · Back office')}</div>;
}

export function AdminLayout() {
  const { t } = useI18n();
  const { staff, load, logout } = useStaff();
  const location = useLocation();
  const [messageApi, messageHolder] = message.useMessage();
  // Below lg (992 px: tablets, phones) the side menu becomes a bar of links above the page; the
  // header's button folds it away (and unfolds it) at any width, its links then out of the tab order.
  const narrow = Grid.useBreakpoint().lg === false;
  const [menuOpen, setMenuOpen] = useState(true);
  useFocusableScrollRegions(MAIN_ID, !!staff && !(staff.passwordChangeRequired && location.pathname !== '/admin/password'));

  useEffect(() => {
    if (staff === undefined) void load();
  }, [staff, load]);

  if (staff === undefined) return <Spin className="admin-loading" />;
  if (staff === null) return <Navigate to="/admin/login" replace />;
  // An initial or reset password is changed before any other page (the server refuses them meanwhile).
  if (staff.passwordChangeRequired && location.pathname !== '/admin/password') return <Navigate to="/admin/password" replace />;

  const menu = [
    hasRole(staff, 'reviewer') && { key: '/admin/reviews', label: t('实名认证审核', 'Identity reviews') },
    hasRole(staff, 'reviewer') && { key: '/admin/appeals', label: t('申诉找回', 'Recovery appeals') },
    hasRole(staff, 'operator') && { key: '/admin/accounts', label: t('账号管理', 'Accounts') },
    hasRole(staff, 'operator') && { key: '/admin/organizations', label: t('单位管理', 'Organisations') },
    hasRole(staff, 'operator') && { key: '/admin/systems', label: t('业务系统管理', 'Business systems') },
    hasRole(staff, 'operator') && { key: '/admin/service-items', label: t('服务事项管理', 'Service items') },
    hasRole(staff, 'operator') && { key: '/admin/notices', label: t('通知公告管理', 'Notices') },
    hasRole(staff, 'operator') && { key: '/admin/ratings', label: t('评价管理', 'Ratings') },
    hasRole(staff, 'admin') && { key: '/admin/audit', label: t('审计日志', 'Audit log') },
    hasRole(staff, 'admin') && { key: '/admin/review-reasons', label: t('常用不通过原因', 'Preset reasons') },
    hasRole(staff, 'admin') && { key: '/admin/staff', label: t('工作人员管理', 'Staff') },
    { key: '/admin/password', label: t('修改密码', 'Change password') },
  ].filter((item) => item !== false);
  const selected = menu.map((item) => item.key).filter((key) => location.pathname.startsWith(key));

  // An entry's label is its text (or, from older entries, a ready <Link>).
  const linkOf = (item: { key: string; label: ReactNode }) =>
    typeof item.label === 'string' ? (
      <Link to={item.key} aria-current={selected.includes(item.key) ? 'page' : undefined}>
        {item.label}
      </Link>
    ) : (
      item.label
    );
  const menuItems = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      items={menu.map((item) => ({ key: item.key, label: linkOf(item) }))}
    />
  );
  const menuLabel = t('后台菜单', 'Back-office menu');
  const bar = (
    <ul className="admin-menu-bar">
      {menu.map((item) => (
        <li key={item.key}>
          {linkOf(item)}
        </li>
      ))}
    </ul>
  );

  return (
    <Layout className="admin">
      <SkipLink />
      {messageHolder}
      <header className="admin-title on-dark">
        <AdminTitle />
        <div className="admin-tools">
          <span>
            {t('工作人员：', 'Staff: ')}
            {staff.name}
          </span>
          <LanguageSwitch />
          <Button type="link" onClick={() => void logout()}>
            {t('退出登录', 'Log out')}
          </Button>
          <Button
            className="admin-menu-toggle"
            icon={<MenuOutlined aria-hidden />}
            aria-expanded={menuOpen}
            aria-controls={menuOpen ? 'admin-menu' : undefined}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {menuOpen ? t('收起菜单', 'Hide menu') : t('展开菜单', 'Show menu')}
          </Button>
        </div>
      </header>
      {narrow && menuOpen && (
        <nav id="admin-menu" className="admin-menu-top" aria-label={menuLabel}>
          {bar}
        </nav>
      )}
      <Layout>
        {!narrow && menuOpen && (
          <Layout.Sider theme="light" width={200}>
            <nav id="admin-menu" aria-label={menuLabel}>
              {menuItems}
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content id={MAIN_ID} tabIndex={-1} className="admin-content">
          <Outlet context={{ notify: (text: string) => void messageApi.success(text) } satisfies AdminOutlet} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
