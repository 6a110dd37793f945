import { Alert, Card, Empty, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { MATTER_LIMITS } from '../../../src/matters/rules.ts';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { itemPath } from '../catalogue/paths.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { fetchResults, type PublicResult } from './matters-api.ts';
import './matters.css';

const PAGE_SIZE = 10;

/** 结果公示: the public results business systems publish, newest first, paged, searchable by title; no login. */
export function ResultsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const results = useLoaded(() => fetchResults({ page, pageSize: PAGE_SIZE, q }), [page, q]);

  return (
    <>
      <PageHeading zh="结果公示" en="Public results" />
      <Input.Search
        className="results-search"
        aria-label={t('公示标题', 'Title')}
        placeholder={t('请输入公示标题', 'Search by title')}
        enterButton={t('查询', 'Search')}
        maxLength={MATTER_LIMITS.resultsSearchMax}
        allowClear
        onSearch={(value) => {
          setPage(1);
          setQ(value.trim());
        }}
      />
      {results.error && <Alert type="error" showIcon title={t(results.error.message, results.error.messageEn)} />}
      <List<PublicResult>
        loading={results.loading}
        dataSource={results.data?.rows ?? []}
        rowKey="id"
        locale={{ emptyText: <Empty description={t('暂无公示信息', 'No results published')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: results.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
        renderItem={(result) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <article aria-label={result.title}>
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0, overflowWrap: 'anywhere' }}>
                  {result.link ? (
                    <a href={result.link} target="_blank" rel="noopener noreferrer">
                      {result.title}
                    </a>
                  ) : (
                    result.title
                  )}
                </Typography.Title>
                <div className="matter-meta">
                  <span>{t('公示日期：', 'Published: ') + result.publishedOn}</span>
                  <span>
                    {t('服务事项：', 'Item: ')}
                    <Link to={itemPath(result.item.code)}>{result.item.name}</Link>
                  </span>
                  <span>{t('发布系统：', 'Published by: ') + result.systemName}</span>
                </div>
                <Typography.Paragraph className="result-summary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {result.summary}
                </Typography.Paragraph>
              </article>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
