import { CommentOutlined, DownOutlined, FileDoneOutlined, FormOutlined, HeartOutlined, IdcardOutlined, TeamOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Grid, Menu } from 'antd';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';

/** The left menu of 在线办事; entries without a path are not built yet and show disabled. */
const MENU: { key: string; zh: string; en: string; icon: ReactNode; path?: string }[] = [
  { key: 'follows', zh: '我的关注', en: 'My follows', icon: <HeartOutlined aria-hidden />, path: '/online/follows' },
  { key: 'apply', zh: '我要办理', en: 'Apply', icon: <FormOutlined aria-hidden />, path: '/online/apply' },
  { key: 'matters', zh: '我的事项', en: 'My applications', icon: <FileDoneOutlined aria-hidden />, path: '/online/matters' },
  { key: 'reviews', zh: '我的评价', en: 'My reviews', icon: <CommentOutlined aria-hidden />, path: '/online/reviews' },
  { key: 'grants', zh: '用户授权管理', en: 'Authorisations', icon: <TeamOutlined aria-hidden />, path: '/online/authorizations' },
  { key: 'my-info', zh: '我的信息', en: 'My information', icon: <IdcardOutlined aria-hidden />, path: '/online/my-info' },
];

/**
 * 在线办事: the vertical menu at the left, the chosen page at the right (seed: quickstart 4.1.1).
 * Below the md breakpoint the menu folds into a button above the page (a disclosure: its links
 * leave the tab order while folded). The page is not a second `main`: PortalLayout's content is.
 */
export function OnlineLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const phone = Grid.useBreakpoint().md === false;
  const [open, setOpen] = useState(false);
  const listId = useId();
  const current = MENU.filter((m) => m.path && location.pathname.startsWith(m.path));
  const selected = current.map((m) => m.key);

  useEffect(() => setOpen(false), [location.pathname]);

  const menu = (
    <Menu
      id={listId}
      mode="inline"
      selectedKeys={selected}
      items={MENU.map((m) => ({
        key: m.key,
        icon: m.icon,
        disabled: !m.path,
        label: m.path ? (
          <Link to={m.path} aria-current={selected.includes(m.key) ? 'page' : undefined}>
            {t(m.zh, m.en)}
          </Link>
        ) : (
          t(m.zh, m.en)
        ),
      }))}
    />
  );

  return (
    <div className={phone ? 'online online-phone' : 'online'}>
      <nav aria-label={t('在线办事', 'Online services')} className="online-nav">
        {phone ? (
          <Button className="online-nav-toggle" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={() => setOpen(!open)}>
            <span>
              {t('在线办事', 'Online services')}
              {current[0] ? `${t('：', ': ')}${t(current[0].zh, current[0].en)}` : ''}
            </span>
            {open ? <UpOutlined aria-hidden /> : <DownOutlined aria-hidden />}
          </Button>
        ) : (
          <div className="online-nav-title">{t('在线办事', 'Online services')}</div>
        )}
        {(!phone || open) && menu}
      </nav>
      <div className="online-page">{children}</div>
    </div>
  );
}
