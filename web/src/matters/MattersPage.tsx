import { LinkOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { SERVICES_PATH, itemPath } from '../catalogue/paths.ts';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { fetchMatters, type MatterView } from './matters-api.ts';
import { RatingDialog } from './RatingDialog.tsx';
import { StateTag } from './StateTag.tsx';
import './matters.css';

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

/** 在线办事 → 我的事项: items started through 办理入口, in the state their business systems report; a finished one can be rated once. */
export function MattersPage() {
  const { t } = useI18n();
  const matters = useLoaded(fetchMatters, []);
  const [rating, setRating] = useState<MatterView>();
  const [notice, holder] = message.useMessage();

  return (
    <OnlineLayout>
      {holder}
      <PageHeading zh="我的事项" en="My applications" />
      {matters.error && <Alert type="error" showIcon title={t(matters.error.message, matters.error.messageEn)} />}
      <List<MatterView>
        className="matter-list"
        loading={matters.loading && !matters.data}
        dataSource={matters.data?.matters ?? []}
        rowKey="id"
        locale={{
          emptyText: (
            <Empty description={t('您还没有办理中的事项', 'You have no applications yet')}>
              <Link to={SERVICES_PATH}>{t('去服务事项办理', 'Browse the service items')}</Link>
            </Empty>
          ),
        }}
        renderItem={(matter) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <article aria-label={matter.title}>
                <div className="matter-head">
                  <Typography.Title level={2} className="matter-title" style={{ fontSize: 16 }}>
                    {matter.title}
                  </Typography.Title>
                  <StateTag state={matter.state} />
                </div>
                <div className="matter-meta">
                  <span>
                    {t('服务事项：', 'Item: ')}
                    <Link to={itemPath(matter.item.code)}>{matter.item.name}</Link>
                  </span>
                  <span>{t('办理系统：', 'System: ') + matter.system.name}</span>
                  <span>{t('办件编号：', 'Reference: ') + matter.reference}</span>
                  {matter.organizationName && <span>{t('代办单位：', 'On behalf of: ') + matter.organizationName}</span>}
                  <span>{t('提交时间：', 'Submitted: ') + when(matter.createdAt)}</span>
                  <span>{t('更新时间：', 'Updated: ') + when(matter.updatedAt)}</span>
                </div>
                <ol className="matter-history" aria-label={t('办理记录', 'History')}>
                  {matter.history.map((step, index) => (
                    <li key={index}>
                      {step.state} {when(step.at)}
                    </li>
                  ))}
                </ol>
                <Space wrap className="matter-actions">
                  <Button icon={<LinkOutlined aria-hidden />} href={matter.link} target="_blank" rel="noopener noreferrer">
                    {t('查看办件', 'Open in the system')}
                  </Button>
                  {matter.canRate && (
                    <Button type="primary" icon={<StarOutlined aria-hidden />} onClick={() => setRating(matter)}>
                      {t('评价', 'Rate')}
                    </Button>
                  )}
                  {matter.rating && <span>{t('我的评价：', 'My rating: ') + matter.rating.grade}</span>}
                </Space>
              </article>
            </Card>
          </List.Item>
        )}
      />
      {rating && (
        <RatingDialog
          matter={rating}
          onClose={() => setRating(undefined)}
          onRated={() => {
            setRating(undefined);
            notice.success(t('评价成功，感谢您的反馈', 'Thank you for your rating'));
            matters.reload();
          }}
        />
      )}
    </OnlineLayout>
  );
}
