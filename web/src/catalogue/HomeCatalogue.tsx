/**
 * The catalogue's blocks of the home page (首页): 四类服务 with their item counts, 热门服务 (the
 * items most followed and opened lately, measured by the server), and for a signed-in person
 * 最近使用 and 我的关注. Each block's title is a level-2 heading under the page's h1.
 */
import { Card, Col, List, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CATEGORIES } from '../../../src/catalogue/rules.ts';
import type { PopularItem, RecentItem } from '../../../src/catalogue/schemas.ts';
import { api } from '../lib/api.ts';
import { useI18n, useLabel } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { fetchFacets, fetchFollows, useLoaded } from './catalogue-api.ts';
import { FOLLOWS_PATH, SERVICES_PATH, itemPath } from './paths.ts';

const HOME_FOLLOWS_SHOWN = 5;

const fetchPopular = () => api<{ items: PopularItem[] }>('GET', '/api/catalogue/popular');
const fetchRecent = () => api<{ items: RecentItem[] }>('GET', '/api/me/recent-items');

/** A home block: a card whose title is a level-2 heading, its content labelled by it. */
export function HomeBlock({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      className="home-block"
      title={
        <Typography.Title level={2} id={id} className="home-block-title">
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      <section aria-labelledby={id}>{children}</section>
    </Card>
  );
}

/** 四类服务: each category opens the catalogue on it, with its count. Two a row on a phone, four on a desktop. */
export function HomeCategories() {
  const { t } = useI18n();
  const label = useLabel();
  const facets = useLoaded(fetchFacets, []);
  return (
    <HomeBlock id="home-categories" title={t('四类服务', 'Four kinds of service')}>
      <Row gutter={[12, 12]} className="home-category-grid">
        {CATEGORIES.map((category) => {
          const count = facets.data?.categories.find((c) => c.code === category.code)?.count;
          return (
            <Col xs={12} md={6} key={category.code}>
              <Link to={`${SERVICES_PATH}?category=${category.code}`} className="home-category">
                <span className="home-category-name">{label(category)}</span>
                {count !== undefined && <span className="home-category-count">{t(`${count}项`, `${count} items`)}</span>}
              </Link>
            </Col>
          );
        })}
      </Row>
    </HomeBlock>
  );
}

function ItemList<T extends { code: string; name: string; department: string }>({ items, loading, empty, note }: { items: T[]; loading: boolean; empty: ReactNode; note?: (item: T) => ReactNode }) {
  return (
    <List
      size="small"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(item) => (
        <List.Item className="home-item">
          <Link to={itemPath(item.code)} className="home-item-name">
            {item.name}
          </Link>
          <Typography.Text type="secondary" className="home-item-note">
            {note ? note(item) : item.department}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** 热门服务: what the server measured (followers and recent visitors), nothing hard-coded. */
export function HomePopular() {
  const { t } = useI18n();
  const popular = useLoaded(fetchPopular, []);
  return (
    <HomeBlock id="home-popular" title={t('热门服务', 'Popular services')} extra={<Link to={SERVICES_PATH}>{t('全部服务', 'All services')}</Link>}>
      <ItemList
        items={popular.data?.items ?? []}
        loading={popular.loading && !popular.data}
        empty={t('暂无热门服务', 'No popular services yet')}
        note={(item) => t(`${item.followers}人关注 · ${item.visitors}人近期使用`, `${item.followers} following · ${item.visitors} lately`)}
      />
    </HomeBlock>
  );
}

/** 最近使用, for a signed-in person: the items they opened, latest first. */
export function HomeRecent() {
  const { t } = useI18n();
  const { me } = useSession();
  const recent = useLoaded(() => (me ? fetchRecent() : Promise.resolve({ items: [] as RecentItem[] })), [me?.loginName]);
  if (!me) return null;
  return (
    <HomeBlock id="home-recent" title={t('最近使用', 'Recently used')}>
      <ItemList items={recent.data?.items ?? []} loading={recent.loading && !recent.data} empty={<Link to={SERVICES_PATH}>{t('您最近没有使用服务事项，去服务事项看看', 'No recently used services. Browse the service items')}</Link>} />
    </HomeBlock>
  );
}

/** 我的关注 on the home page, for a signed-in person. */
export function HomeFollows() {
  const { t } = useI18n();
  const { me } = useSession();
  const follows = useLoaded(() => (me ? fetchFollows() : Promise.resolve({ items: [] })), [me?.loginName]);
  if (!me) return null;
  return (
    <HomeBlock id="home-follows" title={t('我的关注', 'My follows')} extra={<Link to={FOLLOWS_PATH}>{t('更多', 'More')}</Link>}>
      <ItemList
        items={(follows.data?.items ?? []).slice(0, HOME_FOLLOWS_SHOWN)}
        loading={follows.loading && !follows.data}
        empty={<Link to={SERVICES_PATH}>{t('您还没有关注任何服务事项，去服务事项看看', 'You follow no service item yet. Browse the service items')}</Link>}
      />
    </HomeBlock>
  );
}
