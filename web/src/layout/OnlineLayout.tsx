import { CommentOutlined, FileDoneOutlined, FormOutlined, HeartOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';

/** The left menu of 在线办事; entries without a path are not built yet and show disabled. */
const MENU: { key: string; zh: string; en: string; icon: ReactNode; path?: string }[] = [
  { key: 'follows', zh: '我的关注', en: 'My follows', icon: <HeartOutlined aria-hidden />, path: '/online/follows' },
  { key: 'apply', zh: '我要办理', en: 'Apply', icon: <FormOutlined aria-hidden /> },
  { key: 'matters', zh: '我的事项', en: 'My applications', icon: <FileDoneOutlined aria-hidden /> },
  { key: 'reviews', zh: '我的评价', en: 'My reviews', icon: <CommentOutlined aria-hidden /> },
  { key: 'grants', zh: '用户授权管理', en: 'Authorisations', icon: <TeamOutlined aria-hidden />, path: '/online/authorizations' },
  { key: 'my-info', zh: '我的信息', en: 'My information', icon: <IdcardOutlined aria-hidden />, path: '/online/my-info' },
];

/** 在线办事: the vertical menu at the left, the chosen page at the right (seed: quickstart 4.1.1). */
export function OnlineLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const selected = MENU.filter((m) => m.path && location.pathname.startsWith(m.path)).map((m) => m.key);
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <nav aria-label={t('在线办事', 'Online services')} style={{ width: 200, flex: 'none', background: '#fff' }}>
        <div style={{ padding: '12px 24px', fontWeight: 600, color: '#fff', background: '#0b4fa0' }}>{t('在线办事', 'Online services')}</div>
        <Menu
          mode="inline"
          selectedKeys={selected}
          items={MENU.map((m) => ({
            key: m.key,
            icon: m.icon,
            disabled: !m.path,
            label: m.path ? <Link to={m.path}>{t(m.zh, m.en)}</Link> : t(m.zh, m.en),
          }))}
        />
      </nav>
      <main style={{ flex: 1, minWidth: 0, background: '#fff', padding: 16 }}>{children}</main>
    </div>
  );
}
