/** 用户授权管理 → 授权记录: every grant, change and revocation, newest first: when, who did it, to whom, what. */
import { Alert } from 'antd';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { authorizationApi, type AuthorizationEvent } from './authorization-api.ts';
import { periodText, systemLines, timeOf } from './format.ts';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';

const ACTIONS_EN: Record<AuthorizationEvent['action'], string> = { grant: 'Granted', change: 'Changed', revoke: 'Revoked' };

export function AuthorizationEvents() {
  const { t, lang } = useI18n();
  const events = useLoaded(() => authorizationApi.events(), []);
  return (
    <section aria-label={t('授权记录', 'Authorisation records')} aria-busy={events.loading}>
      {events.error && <Alert type="error" showIcon title={t(events.error.message, events.error.messageEn)} className="grant-alert" />}
      <ResponsiveTable<AuthorizationEvent>
        listBelow="lg"
        rowKey="id"
        size="middle"
        loading={events.loading}
        dataSource={events.data?.events ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('暂无授权记录', 'No records yet') }}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'at', render: timeOf, width: 170 },
          { title: t('操作', 'Action'), dataIndex: 'action', render: (action: AuthorizationEvent['action'], row) => (lang === 'zh' ? row.actionLabel : ACTIONS_EN[action]) },
          { title: t('授权用户', 'Person'), dataIndex: 'personName' },
          { title: t('证件号码', 'Document number'), dataIndex: 'documentNumberMasked' },
          {
            title: t('授权内容', 'Authorisation'),
            key: 'detail',
            render: (_, row) => (
              <>
                {systemLines(row.systems, lang).map((line) => (
                  <div key={line}>{line}</div>
                ))}
                <div>
                  {t('维护法人(单位)信息：', 'Maintains information: ')}
                  {row.maintainInfo ? t('是', 'Yes') : t('否', 'No')}
                </div>
                <div>
                  {t('有效期：', 'Valid: ')}
                  {periodText(row.validFrom, row.validTo, lang)}
                </div>
              </>
            ),
          },
          { title: t('操作人', 'Operator'), dataIndex: 'actorName' },
        ]}
      />
    </section>
  );
}
