/** A list of notices (通知公告): 置顶 first as the server orders them, title and date, each a link. */
import { List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { chinaDay, noticePath, type PublicNotice } from './notices-api.ts';
import './notices.css';

export function NoticeList({ items, loading, headingLevel }: { items: PublicNotice[]; loading: boolean; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const Title = headingLevel ? (`h${headingLevel}` as 'h2' | 'h3') : 'span';
  return (
    <List
      className="notice-list"
      size="small"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('暂无通知公告', 'No notices yet') }}
      renderItem={(notice) => (
        <List.Item>
          <Title className="notice-list-title" style={headingLevel ? { fontSize: 'inherit', fontWeight: 'normal', margin: 0 } : undefined}>
            {notice.pinned && <Tag color="red">{t('置顶', 'Pinned')}</Tag>}
            <Link to={noticePath(notice.id)}>{notice.title}</Link>
          </Title>
          <Typography.Text type="secondary" className="notice-list-date">
            {chinaDay(notice.publishAt)}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
