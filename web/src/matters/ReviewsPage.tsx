import { Alert, Card, Descriptions, Empty, List } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { itemPath } from '../catalogue/paths.ts';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { MATTERS_PATH, fetchRatings, type RatingView } from './matters-api.ts';
import './matters.css';

/** 在线办事 → 我的评价: the ratings the account gave (政务服务“好差评”), the latest first; one card each, at every width. */
export function ReviewsPage() {
  const { t } = useI18n();
  const ratings = useLoaded(fetchRatings, []);
  return (
    <OnlineLayout>
      <PageHeading zh="我的评价" en="My reviews" />
      {ratings.error && <Alert type="error" showIcon title={t(ratings.error.message, ratings.error.messageEn)} />}
      <List<RatingView>
        loading={ratings.loading && !ratings.data}
        dataSource={ratings.data?.ratings ?? []}
        rowKey="matterId"
        locale={{
          emptyText: (
            <Empty description={t('您还没有评价过事项', 'You have not rated any item yet')}>
              <Link to={MATTERS_PATH}>{t('去我的事项评价', 'Rate in My applications')}</Link>
            </Empty>
          ),
        }}
        renderItem={(rating) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 1, md: 2 }}
                items={[
                  { key: 'title', label: t('办件', 'Application'), children: rating.title },
                  { key: 'item', label: t('服务事项', 'Item'), children: <Link to={itemPath(rating.item.code)}>{rating.item.name}</Link> },
                  { key: 'system', label: t('办理系统', 'System'), children: rating.system.name },
                  { key: 'grade', label: t('评价', 'Grade'), children: rating.grade },
                  { key: 'at', label: t('评价时间', 'Rated on'), children: dayjs(rating.ratedAt).format('YYYY-MM-DD HH:mm') },
                  { key: 'comment', label: t('评价内容', 'Comment'), children: <span className="result-summary">{rating.comment || '—'}</span> },
                ]}
              />
            </Card>
          </List.Item>
        )}
      />
    </OnlineLayout>
  );
}
