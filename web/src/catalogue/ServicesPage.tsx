import { Alert, Card, Empty, Input, Radio, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AUDIENCE_LABELS, CATEGORIES, SEARCH_MAX_LENGTH } from '../../../src/catalogue/rules.ts';
import { useI18n, useLabel } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { fetchFacets, fetchItems, useLoaded, type BrowseQuery, type CatalogueFacets } from './catalogue-api.ts';
import { ItemCard } from './ItemCard.tsx';
import './catalogue.css';
import '../profile/profile.css';
import { PageHeading } from '../layout/PageHeading.tsx';

type Dimension = 'audience' | 'category' | 'department';
const DIMENSIONS: Dimension[] = ['audience', 'category', 'department'];

/** 服务事项: browse 按用户 / 按类别 / 按主办单位 at the left, search and results at the right; the filters live in the URL. */
export function ServicesPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const query: BrowseQuery = {
    audience: (params.get('audience') ?? undefined) as BrowseQuery['audience'],
    category: (params.get('category') ?? undefined) as BrowseQuery['category'],
    department: params.get('department') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const [tab, setTab] = useState<Dimension>(DIMENSIONS.find((d) => params.get(d)) ?? 'audience');
  const facets = useLoaded(fetchFacets, []);
  const items = useLoaded(() => fetchItems(query), [query.audience, query.category, query.department, query.q, me?.loginName]);

  // Browsing one dimension at a time, as the seed's left menu does; the search text stays.
  const choose = (dimension: Dimension, value: string) => {
    const next = new URLSearchParams(params);
    for (const d of DIMENSIONS) next.delete(d);
    if (value) next.set(dimension, value);
    setParams(next);
  };
  const search = (text: string) => {
    const next = new URLSearchParams(params);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setParams(next);
  };
  const followChanged = (code: string, followed: boolean) =>
    items.setData((current) => current && { items: current.items.map((item) => (item.code === code ? { ...item, followed } : item)) });

  return (
    <div className="catalogue-layout">
      <Card className="catalogue-browse" title={<PageHeading zh="服务事项" en="Service items" />} size="small">
        <Tabs
          className="wrapping-tabs"
          activeKey={tab}
          onChange={(key) => setTab(key as Dimension)}
          items={DIMENSIONS.map((dimension) => ({
            key: dimension,
            label: label(DIMENSION_LABELS[dimension]),
            children: <Choices dimension={dimension} facets={facets.data} value={params.get(dimension) ?? ''} onChoose={(value) => choose(dimension, value)} />,
          }))}
        />
      </Card>
      <section className="catalogue-results" aria-label={t('查询结果', 'Results')}>
        <Input.Search
          key={query.q ?? ''}
          defaultValue={query.q}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={t('您要办理什么业务，试着检索一下', 'What do you want to do? Try a search')}
          aria-label={t('检索服务事项', 'Search service items')}
          enterButton={t('检索', 'Search')}
          allowClear
          onSearch={search}
          size="large"
        />
        <Typography.Title level={2} className="catalogue-results-title">
          {t('查询结果', 'Results')}
          {items.data && <Typography.Text type="secondary">{t(`（共${items.data.items.length}项）`, ` (${items.data.items.length})`)}</Typography.Text>}
        </Typography.Title>
        {items.error && <Alert type="error" showIcon title={t(items.error.message, items.error.messageEn)} />}
        {items.loading && !items.data && <Spin />}
        {items.data?.items.length === 0 && <Empty description={t('没有找到相关的服务事项', 'No service items found')} />}
        {items.data?.items.map((item) => (
          <ItemCard key={item.code} item={item} search={query.q} onFollowChange={(followed) => followChanged(item.code, followed)} />
        ))}
      </section>
    </div>
  );
}

const DIMENSION_LABELS: Record<Dimension, { zh: string; en: string }> = {
  audience: { zh: '按用户', en: 'By user' },
  category: { zh: '按类别', en: 'By category' },
  department: { zh: '按主办单位', en: 'By department' },
};

/** The values of one dimension with their counts, and 全部. */
function Choices({ dimension, facets, value, onChoose }: { dimension: Dimension; facets?: CatalogueFacets; value: string; onChoose(value: string): void }) {
  const { t } = useI18n();
  const label = useLabel();
  if (!facets) return <Spin />;
  const options =
    dimension === 'audience'
      ? facets.audiences.map((a) => ({ value: a.code, text: label(AUDIENCE_LABELS[a.code]), count: a.count }))
      : dimension === 'category'
        ? facets.categories.map((c) => ({ value: c.code, text: label(CATEGORIES.find((k) => k.code === c.code)!), count: c.count }))
        : facets.departments.map((d) => ({ value: d.name, text: d.name, count: d.count }));
  return (
    <Radio.Group
      className="catalogue-choices"
      optionType="button"
      value={value}
      onChange={(event) => onChoose(event.target.value as string)}
      aria-label={label(DIMENSION_LABELS[dimension])}
      options={[{ value: '', text: t('全部', 'All'), count: facets.total }, ...options].map((o) => ({ value: o.value, label: t(`${o.text}（${o.count}）`, `${o.text} (${o.count})`) }))}
    />
  );
}
