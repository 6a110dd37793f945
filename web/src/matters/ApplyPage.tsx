import { Alert, Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { ItemActions } from '../catalogue/ItemActions.tsx';
import { SERVICES_PATH, itemPath } from '../catalogue/paths.ts';
import '../catalogue/catalogue.css';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { fetchApplyItems, type ApplyItem } from './matters-api.ts';
import './matters.css';

/** 在线办事 → 我要办理: followed items and recently used ones (applied for through a system or opened here), each with its 办理入口. */
export function ApplyPage() {
  const { t } = useI18n();
  const items = useLoaded(fetchApplyItems, []);

  const section = (id: string, zh: string, en: string, rows: ApplyItem[], emptyZh: string, emptyEn: string) => (
    <section className="apply-section" aria-labelledby={id}>
      <Typography.Title level={2} id={id} style={{ fontSize: 18 }}>
        {t(zh, en)}
      </Typography.Title>
      <List<ApplyItem>
        loading={items.loading && !items.data}
        dataSource={rows}
        rowKey="code"
        locale={{
          emptyText: (
            <Empty description={t(emptyZh, emptyEn)}>
              <Link to={SERVICES_PATH}>{t('去服务事项看看', 'Browse the service items')}</Link>
            </Empty>
          ),
        }}
        renderItem={(item) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <article aria-label={item.name}>
                <div className="catalogue-item-head">
                  <Typography.Text strong>
                    <Link to={itemPath(item.code)}>{item.name}</Link>
                  </Typography.Text>
                  <ItemActions code={item.code} system={item.system} followed={item.followed} onFollowChange={() => items.reload()} guide={false} />
                </div>
                <div className="catalogue-item-meta">
                  <span>{t('主办单位：', 'Department: ') + item.department}</span>
                  <span>{t('事项编码：', 'Item code: ') + item.code}</span>
                  {item.system && <span>{t('办理系统：', 'System: ') + item.system.name}</span>}
                </div>
              </article>
            </Card>
          </List.Item>
        )}
      />
    </section>
  );

  return (
    <OnlineLayout>
      <PageHeading zh="我要办理" en="Apply" />
      {items.error && <Alert type="error" showIcon title={t(items.error.message, items.error.messageEn)} />}
      {section('apply-recent', '最近办理', 'Recently used', items.data?.recent ?? [], '您还没有办理过事项', 'You have not used any item yet')}
      {section('apply-followed', '我的关注', 'Followed', items.data?.followed ?? [], '您还没有关注任何服务事项', 'You do not follow any service item yet')}
    </OnlineLayout>
  );
}
