import { Alert, Button, Empty, Space } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { categoryLabel, entryPath } from '../../../src/catalogue/rules.ts';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { useI18n, useLabel } from '../lib/i18n.tsx';
import { fetchFollows, useLoaded, type FollowedItem } from './catalogue-api.ts';
import { FollowButton } from './FollowButton.tsx';
import { SERVICES_PATH, itemPath } from './paths.ts';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';

/** 在线办事 → 我的关注: the items the account follows, the latest first. */
export function FollowsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const follows = useLoaded(fetchFollows, []);
  const unfollowed = (code: string) => follows.setData((current) => current && { items: current.items.filter((item) => item.code !== code) });

  return (
    <OnlineLayout>
      <PageHeading zh="我的关注" en="My follows" />
      {follows.error && <Alert type="error" showIcon title={t(follows.error.message, follows.error.messageEn)} />}
      <ResponsiveTable<FollowedItem>
        rowKey="code"
        loading={follows.loading && !follows.data}
        dataSource={follows.data?.items ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty description={t('您还没有关注任何服务事项', 'You do not follow any service item yet')}>
              <Link to={SERVICES_PATH}>{t('去服务事项看看', 'Browse the service items')}</Link>
            </Empty>
          ),
        }}
        columns={[
          { title: t('事项名称', 'Item'), dataIndex: 'name', render: (name: string, item) => <Link to={itemPath(item.code)}>{name}</Link> },
          { title: t('事项编码', 'Item code'), dataIndex: 'code' },
          { title: t('主办单位', 'Department'), dataIndex: 'department' },
          { title: t('事项类别', 'Category'), dataIndex: 'category', render: (code: string) => label(categoryLabel(code)) },
          { title: t('关注时间', 'Followed on'), dataIndex: 'followedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            render: (_: unknown, item) => (
              <Space wrap>
                <Button onClick={() => navigate(itemPath(item.code))}>{t('办理指南', 'Guide')}</Button>
                {item.system && (
                  <Button type="primary" href={entryPath(item.system.key)}>
                    {t('办理入口', 'Go to service')}
                  </Button>
                )}
                <FollowButton code={item.code} followed onChange={(followed) => !followed && unfollowed(item.code)} />
              </Space>
            ),
          },
        ]}
      />
    </OnlineLayout>
  );
}
