import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { AUDIENCE_LABELS, categoryLabel } from '../../../src/catalogue/rules.ts';
import { useI18n, useLabel } from '../lib/i18n.tsx';
import type { ServiceItemSummary } from './catalogue-api.ts';
import { ItemActions } from './ItemActions.tsx';
import { Marked } from './Marked.tsx';
import { itemPath } from './paths.ts';

/** One item of the results as the seed shows it: name, 主办单位, 事项编码, 已关注, sub-items, guide sections, buttons. */
export function ItemCard({ item, search, onFollowChange }: { item: ServiceItemSummary; search?: string; onFollowChange(followed: boolean): void }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <article aria-label={item.name} className="catalogue-item">
      <Card size="small">
        <div className="catalogue-item-head">
          <Space wrap>
            <Typography.Title level={3} className="catalogue-item-name">
              <Link to={itemPath(item.code)}>
                <Marked text={item.name} search={search} />
              </Link>
            </Typography.Title>
            {item.followed !== null && <Tag color={item.followed ? 'red' : 'default'}>{item.followed ? t('已关注', 'Followed') : t('未关注', 'Not followed')}</Tag>}
          </Space>
          <ItemActions code={item.code} system={item.system} followed={item.followed} onFollowChange={onFollowChange} />
        </div>
        <div className="catalogue-item-meta">
          <span>
            {t('主办单位：', 'Department: ')}
            <Marked text={item.department} search={search} />
          </span>
          <span>
            {t('事项编码：', 'Item code: ')}
            <Marked text={item.code} search={search} />
          </span>
          <Tag>{label(categoryLabel(item.category))}</Tag>
          <span>
            {t('服务对象：', 'For: ')}
            {label(AUDIENCE_LABELS[item.audience])}
          </span>
        </div>
        {item.subItems.length > 0 && (
          <ul className="catalogue-sub-items" aria-label={t('子项', 'Sub-items')}>
            {item.subItems.map((sub) => (
              <li key={sub.code}>
                <Link to={itemPath(sub.code)} title={sub.name}>
                  <Marked text={sub.name} search={search} />
                </Link>
              </li>
            ))}
          </ul>
        )}
        {item.sections.length > 0 && (
          <nav className="catalogue-sections" aria-label={t('办理指南', 'Guide')}>
            {item.sections.map((title) => (
              <Link key={title} to={itemPath(item.code, title)}>
                {title}
              </Link>
            ))}
          </nav>
        )}
      </Card>
    </article>
  );
}
