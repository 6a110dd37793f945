import { Card, Col, List, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { CATEGORIES } from '../../../src/catalogue/rules.ts';
import { useI18n, useLabel } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { fetchFacets, fetchFollows, useLoaded } from './catalogue-api.ts';
import { FOLLOWS_PATH, SERVICES_PATH, itemPath } from './paths.ts';
import './catalogue.css';

const HOME_FOLLOWS_SHOWN = 5;

/** 四类服务 on the home page: each category opens the catalogue on it, with its count. */
export function HomeCategories() {
  const { t } = useI18n();
  const label = useLabel();
  const facets = useLoaded(fetchFacets, []);
  return (
    <Card title={t('四类服务', 'Four kinds of service')}>
      <Row gutter={16} className="home-categories">
        {CATEGORIES.map((category) => {
          const count = facets.data?.categories.find((c) => c.code === category.code)?.count;
          return (
            <Col span={6} key={category.code}>
              <Card size="small">
                <Link to={`${SERVICES_PATH}?category=${category.code}`}>
                  <Typography.Text strong>{label(category)}</Typography.Text>
                  {count !== undefined && <div>{t(`${count}项`, `${count} items`)}</div>}
                </Link>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

/** 我的关注 on the home page, for a logged-in user. */
export function HomeFollows() {
  const { t } = useI18n();
  const { me } = useSession();
  const follows = useLoaded(() => (me ? fetchFollows() : Promise.resolve({ items: [] })), [me?.loginName]);
  if (!me) return null;
  const items = follows.data?.items ?? [];
  return (
    <Card title={t('我的关注', 'My follows')} extra={<Link to={FOLLOWS_PATH}>{t('更多', 'More')}</Link>} style={{ marginTop: 16 }}>
      <section aria-label={t('我的关注', 'My follows')}>
        <List
          size="small"
          loading={follows.loading && !follows.data}
          dataSource={items.slice(0, HOME_FOLLOWS_SHOWN)}
          locale={{ emptyText: <Link to={SERVICES_PATH}>{t('您还没有关注任何服务事项，去服务事项看看', 'You follow no service item yet. Browse the service items')}</Link> }}
          renderItem={(item) => (
            <List.Item extra={<Typography.Text type="secondary">{item.department}</Typography.Text>}>
              <Link to={itemPath(item.code)}>{item.name}</Link>
            </List.Item>
          )}
        />
      </section>
    </Card>
  );
}
