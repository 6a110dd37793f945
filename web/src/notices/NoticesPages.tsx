/**
 * The portal's 通知公告: /notices, every visible notice (置顶 first, newest first, 10 a page),
 * and /notices/:id, one notice with its attachments to download. Drafts, withdrawn, future and
 * expired notices do not exist for the portal (the server answers 404).
 */
import { Alert, Breadcrumb, Card, List, Pagination, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { NOTICE_LIMITS } from '../../../src/notices/rules.ts';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { NoticeList } from './NoticeList.tsx';
import { NOTICES_PATH, attachmentPath, chinaDay, fetchNotice, fetchNotices, fileSize } from './notices-api.ts';
import { RichText } from './RichText.tsx';
import './notices.css';

export function NoticesListPage() {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const pageSize = NOTICE_LIMITS.pageSizeDefault;
  const loaded = useLoaded(() => fetchNotices(page, pageSize), [page]);
  return (
    <div className="page-card">
      <Card>
        <PageHeading zh="通知公告" en="Notices" />
        {loaded.error && <Alert type="error" showIcon title={lang === 'zh' ? loaded.error.message : loaded.error.messageEn} />}
        <section aria-label={t('通知公告列表', 'List of notices')}>
          <NoticeList items={loaded.data?.items ?? []} loading={loaded.loading} headingLevel={2} />
        </section>
        {(loaded.data?.total ?? 0) > pageSize && (
          <Pagination
            style={{ marginTop: 16, textAlign: 'center' }}
            current={page}
            pageSize={pageSize}
            total={loaded.data?.total ?? 0}
            showSizeChanger={false}
            simple
            onChange={setPage}
          />
        )}
      </Card>
    </div>
  );
}

export function NoticeDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const loaded = useLoaded(() => fetchNotice(id), [id]);
  const notice = loaded.data;
  const breadcrumb = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: <Link to="/">{t('首页', 'Home')}</Link> }, { title: <Link to={NOTICES_PATH}>{t('通知公告', 'Notices')}</Link> }]}
    />
  );
  if (loaded.error) {
    return (
      <div className="page-card">
        <Card>
          {breadcrumb}
          <PageHeading zh="通知公告" en="Notices" />
          <Result
            status={loaded.error.status === 404 ? '404' : 'error'}
            subTitle={lang === 'zh' ? loaded.error.message : loaded.error.messageEn}
            extra={<Link to={NOTICES_PATH}>{t('返回通知公告列表', 'Back to the notices')}</Link>}
          />
        </Card>
      </div>
    );
  }
  return (
    <div className="page-card">
      <Card loading={!notice}>
        {breadcrumb}
        {notice && (
          <article>
            <PageHeading zh={notice.title} en={notice.title} />
            <Typography.Text type="secondary" className="notice-meta" style={{ display: 'block' }}>
              {t('发布时间：', 'Published: ')}
              {chinaDay(notice.publishAt)}
            </Typography.Text>
            <RichText source={notice.body} />
            {notice.attachments.length > 0 && (
              <section aria-labelledby="notice-attachments">
                <Typography.Title level={2} id="notice-attachments" style={{ fontSize: 16 }}>
                  {t('附件', 'Attachments')}
                </Typography.Title>
                <List
                  className="notice-attachments"
                  size="small"
                  bordered
                  dataSource={notice.attachments}
                  renderItem={(file) => (
                    <List.Item>
                      <a className="notice-attachment-name" href={attachmentPath(notice.id, file.id)} download={file.fileName}>
                        {file.fileName}
                      </a>
                      <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
                    </List.Item>
                  )}
                />
              </section>
            )}
          </article>
        )}
      </Card>
    </div>
  );
}
