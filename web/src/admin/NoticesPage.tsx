/**
 * /admin/notices (operators): 通知公告管理. Every notice with its state (草稿 / 已发布 / 已撤回 /
 * 已过期) and 置顶; 新增通知公告, 编辑, 发布 / 撤回, 置顶 / 取消置顶. A list, not a table, so
 * it reads on a tablet as on a desktop.
 */
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatChinaDateTime } from '../../../src/platform/fields/datetime.ts';
import { NOTICE_STATUS_LABELS, type NoticeStatus } from '../../../src/notices/rules.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { noticesApi, type AdminNotice, type NoticeAction } from './notices-api.ts';
import { useLoad } from './use-load.ts';

// Colours whose text keeps 4.5:1 on their tint (antd's green and orange tags do not).
const STATUS_COLORS: Record<NoticeStatus, string> = { draft: 'default', published: 'blue', withdrawn: 'magenta', expired: 'default' };

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{NOTICE_STATUS_LABELS[status][lang]}</Tag>;
}

/** The actions a notice's state allows, as the server's rules (src/notices/rules.ts) do. */
export function noticeActions(notice: AdminNotice): NoticeAction[] {
  const actions: NoticeAction[] = [];
  if (notice.state !== 'published' && notice.status !== 'expired') actions.push('publish');
  if (notice.state === 'published') actions.push('withdraw');
  if (notice.pinned) actions.push('unpin');
  else if (notice.state !== 'withdrawn') actions.push('pin');
  return actions;
}

export const ACTION_LABELS: Record<NoticeAction, { zh: string; en: string }> = {
  publish: { zh: '发布', en: 'Publish' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  pin: { zh: '置顶', en: 'Pin' },
  unpin: { zh: '取消置顶', en: 'Unpin' },
};

export function NoticesPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad(() => noticesApi.list(), []);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState<string>();

  async function act(notice: AdminNotice, action: NoticeAction) {
    setBusy(`${notice.id}:${action}`);
    setProblem(undefined);
    try {
      await noticesApi.act(notice.id, action);
      reload();
    } catch (failure) {
      setProblem(errorText(failure, lang));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Card
      title={<PageHeading zh="通知公告管理" en="Notices" />}
      extra={
        <Button type="primary" onClick={() => navigate('/admin/notices/new')}>
          {t('新增通知公告', 'New notice')}
        </Button>
      }
    >
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <section aria-label={t('通知公告列表', 'Notices')} aria-busy={loading}>
        <List
          loading={loading && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('暂无通知公告', 'No notices yet') }}
          renderItem={(notice) => (
            <List.Item
              actions={noticeActions(notice).map((action) => (
                <Button key={action} size="small" loading={busy === `${notice.id}:${action}`} onClick={() => act(notice, action)} aria-label={`${ACTION_LABELS[action][lang]}：${notice.title}`}>
                  {ACTION_LABELS[action][lang]}
                </Button>
              ))}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <NoticeStatusTag status={notice.status} />
                    {notice.pinned && <Tag color="red">{t('置顶', 'Pinned')}</Tag>}
                    <Link to={`/admin/notices/${notice.id}`}>{notice.title}</Link>
                  </Space>
                }
                description={
                  <Typography.Text type="secondary">
                    {t('发布时间：', 'Publish time: ')}
                    {formatChinaDateTime(new Date(notice.publishAt))}
                    {notice.expiresAt && `　${t('到期时间：', 'Expiry time: ')}${formatChinaDateTime(new Date(notice.expiresAt))}`}
                    {notice.attachments.length > 0 && `　${t(`附件${notice.attachments.length}个`, `${notice.attachments.length} attachment(s)`)}`}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      </section>
    </Card>
  );
}
