/** /admin/appeals: the queue of password-recovery appeals (申诉找回密码), filtered by 申诉类型, status and waiting time. */
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, type AppealKind, type AppealStatus, type AppealSummary } from './admin-api.ts';
import { APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS } from './labels.ts';
import { QueuePage } from './QueuePage.tsx';

export function AppealQueuePage() {
  const { t, lang } = useI18n();
  const columns: ColumnsType<AppealSummary> = [
    { title: t('申诉人', 'Appellant'), dataIndex: 'name' },
    { title: t('单位名称', 'Organisation'), dataIndex: 'organizationName', render: (name: string | null) => name ?? '—' },
    { title: t('申诉类型', 'Appeal type'), dataIndex: 'kind', render: (kind: AppealKind) => APPEAL_KIND_LABELS[kind][lang] },
  ];
  return (
    <QueuePage<AppealKind, AppealStatus, AppealSummary>
      title={{ zh: '申诉找回', en: 'Recovery appeals' }}
      listLabel={{ zh: '申诉列表', en: 'Appeals' }}
      path="/admin/appeals"
      kindFilter={{ param: 'kind', label: { zh: '申诉类型', en: 'Appeal type' }, values: APPEAL_KIND_LABELS }}
      statuses={APPEAL_STATUS_LABELS}
      load={async (filter) => {
        const { total, appeals } = await adminApi.appeals(filter);
        return { total, rows: appeals };
      }}
      columns={columns}
    />
  );
}
