import { Alert, Breadcrumb, Card, Descriptions, Empty, List, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AUDIENCE_LABELS, categoryLabel, entryPath } from '../../../src/catalogue/rules.ts';
import { useI18n, useLabel } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { fetchItem, useLoaded, type ServiceItemDetail } from './catalogue-api.ts';
import { ItemActions } from './ItemActions.tsx';
import { SERVICES_PATH, itemPath } from './paths.ts';
import './catalogue.css';
import '../profile/profile.css';
import { PageHeading, usePageTitle } from '../layout/PageHeading.tsx';

/** One service item: its facts, 办理入口 and 关注, the guide's sections as tabs (?section= opens one), its sub-items. */
export function ItemPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const code = useParams().code ?? '';
  const loaded = useLoaded(() => fetchItem(code), [code, me?.loginName]);

  if (loaded.error?.status === 404 || loaded.error?.code === 'VALIDATION_FAILED') {
    return (
      <div className="page-card">
        <PageHeading zh="服务事项" en="Service items" />
        <Result
          status="404"
          title={t('未找到该服务事项', 'Service item not found')}
          subTitle={t(loaded.error.message, loaded.error.messageEn)}
          extra={<Link to={SERVICES_PATH}>{t('返回服务事项', 'Back to service items')}</Link>}
        />
      </div>
    );
  }
  if (loaded.error)
    return (
      <div className="page-card">
        <PageHeading zh="服务事项" en="Service items" />
        <Alert type="error" showIcon title={t(loaded.error.message, loaded.error.messageEn)} />
      </div>
    );
  if (!loaded.data) return <Spin />;
  const item = loaded.data;
  return <ItemView item={item} onFollowChange={(followed) => loaded.setData({ ...item, followed })} />;
}

function ItemView({ item, onFollowChange }: { item: ServiceItemDetail; onFollowChange(followed: boolean): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const section = params.get('section') ?? undefined;
  const activeKey = item.guide.some((s) => s.title === section) ? section : item.guide[0]?.title;
  usePageTitle(item.name, item.name);

  return (
    <div className="page-card">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={SERVICES_PATH}>{t('服务事项', 'Service items')}</Link> },
          ...(item.parent ? [{ title: <Link to={itemPath(item.parent.code)}>{item.parent.name}</Link> }] : []),
          { title: item.name },
        ]}
      />
      <Card>
        <div className="catalogue-item-head">
          <Space wrap>
            <Typography.Title level={1} className="page-heading">
              {item.name}
            </Typography.Title>
            {item.followed !== null && <Tag color={item.followed ? 'red' : 'default'}>{item.followed ? t('已关注', 'Followed') : t('未关注', 'Not followed')}</Tag>}
          </Space>
          <ItemActions code={item.code} system={item.system} followed={item.followed} onFollowChange={onFollowChange} guide={false} />
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('事项编码', 'Item code')}>{item.code}</Descriptions.Item>
          <Descriptions.Item label={t('主办单位', 'Department')}>{item.department}</Descriptions.Item>
          <Descriptions.Item label={t('事项类别', 'Category')}>{label(categoryLabel(item.category))}</Descriptions.Item>
          <Descriptions.Item label={t('服务对象', 'For')}>{label(AUDIENCE_LABELS[item.audience])}</Descriptions.Item>
          {item.system && <Descriptions.Item label={t('业务系统', 'Business system')}>{item.system.name}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card title={<Typography.Title level={2} className="catalogue-card-title">{t('办理指南', 'Guide')}</Typography.Title>} style={{ marginTop: 16 }}>
        {item.guide.length === 0 ? (
          <Empty description={t('暂无办理指南，请参阅所属事项的办理指南', 'No guide yet; see the guide of the parent item')} />
        ) : (
          <Tabs
            className="wrapping-tabs-always"
            activeKey={activeKey}
            onChange={(key) => setParams({ section: key }, { replace: true })}
            items={item.guide.map((s) => ({
              key: s.title,
              label: s.title,
              children: <div className="catalogue-guide-text">{s.text}</div>,
            }))}
          />
        )}
      </Card>

      {item.subItems.length > 0 && (
        <Card title={<Typography.Title level={2} className="catalogue-card-title">{t('子项', 'Sub-items')}</Typography.Title>} style={{ marginTop: 16 }}>
          <List
            dataSource={item.subItems}
            renderItem={(sub) => (
              <List.Item
                actions={[
                  <Link key="guide" to={itemPath(sub.code)}>
                    {t('办理指南', 'Guide')}
                  </Link>,
                  ...(sub.system
                    ? [
                        <a key="entry" href={entryPath(sub.system.key)}>
                          {t('办理入口', 'Go to service')}
                        </a>,
                      ]
                    : []),
                ]}
              >
                {/* Not a heading (antd's Meta title is an h4): the sub-items are a list under 子项. */}
                <div className="catalogue-sub-item">
                  <Link to={itemPath(sub.code)}>{sub.name}</Link>
                  <Typography.Text type="secondary">{`${t('事项编码：', 'Item code: ')}${sub.code}`}</Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
