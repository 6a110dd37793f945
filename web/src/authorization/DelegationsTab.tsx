/**
 * 我的信息 → 法人(单位)授权办理情况 of a natural person (FAQ 三.4, quickstart 5): the
 * organisations that authorised them. With 单位事项管理员 and 维护法人(单位)信息 the unit's
 * name is a link to its information pages; 查看 lists the systems and roles.
 */
import { Alert, Button, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { authorizationApi, delegationPath, statusText, type Delegation } from './authorization-api.ts';
import { dateOf, periodText } from './format.ts';
import './authorization.css';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';

/** The tab's key in 我的信息 (?tab=delegations). */
export const DELEGATIONS_TAB = 'delegations';

const NOTES = {
  zh: [
    '1.具有法人(单位)事项管理员角色且有维护法人(单位)信息权限的自然人用户，可以点击“授权单位名称”蓝色字体，进行维护法人(单位)信息。',
    '2.若授权单位已被停用，则授权单位相关操作也将被停用。',
  ],
  en: [
    '1. A person holding the unit administrator role (单位事项管理员) with permission to maintain the organisation’s information can click the organisation’s name (in blue) to maintain it.',
    '2. When an organisation is suspended, everything done on its behalf is suspended too.',
  ],
};

const STATUS_COLOURS: Record<string, string> = { normal: 'success', suspended: 'default', expired: 'error', not_yet_valid: 'warning' };

export function DelegationsTab() {
  const { t, lang } = useI18n();
  const delegations = useLoaded(() => authorizationApi.delegations(), []);
  const [shown, setShown] = useState<Delegation | null>(null);
  const rows = (delegations.data?.delegations ?? []).map((d, index) => ({ ...d, index: index + 1 }));

  return (
    <section aria-label={t('单位授权办理情况', 'Authorisations by organisations')} aria-busy={delegations.loading}>
      <Typography.Title level={2} className="delegation-heading">
        {t('单位授权办理情况', 'Authorisations by organisations')}
      </Typography.Title>
      <ul className="delegation-notes">
        {NOTES[lang].map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {delegations.error && <Alert type="error" showIcon title={t(delegations.error.message, delegations.error.messageEn)} />}
      <ResponsiveTable
        rowKey="organizationId"
        size="middle"
        bordered
        loading={delegations.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('暂无单位授权', 'No organisation has authorised you yet') }}
        columns={[
          { title: t('序号', 'No.'), dataIndex: 'index', width: 70 },
          {
            title: t('授权单位名称', 'Organisation'),
            dataIndex: 'organizationName',
            render: (name: string, row) => (row.canMaintainInfo ? <Link to={delegationPath(row.organizationId)}>{name}</Link> : name),
          },
          { title: t('授权法人姓名', 'Legal representative'), dataIndex: 'legalRepresentativeName' },
          { title: t('授权时间', 'Granted on'), dataIndex: 'grantedAt', render: dateOf },
          {
            title: t('授权信息', 'Details'),
            key: 'details',
            render: (_, row) => (
              <Button type="link" size="small" autoInsertSpace={false} onClick={() => setShown(row)} aria-label={t(`查看 ${row.organizationName} 的授权信息`, `View the authorisation by ${row.organizationName}`)}>
                {t('查看', 'View')}
              </Button>
            ),
          },
          {
            title: t('授权单位状态', 'Status'),
            dataIndex: 'status',
            render: (status: string, row) => <Tag color={STATUS_COLOURS[status]}>{statusText(status, row.statusLabel, lang)}</Tag>,
          },
        ]}
      />
      <Modal
        open={shown !== null}
        title={t('授权信息', 'Authorisation')}
        footer={null}
        onCancel={() => setShown(null)}
        destroyOnHidden
      >
        {shown && (
          <>
            <p>
              {t('授权单位：', 'Organisation: ')}
              {shown.organizationName}
            </p>
            <ResponsiveTable
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={shown.systems}
              columns={[
                { title: t('业务系统', 'Business system'), dataIndex: 'name' },
                { title: t('授权角色', 'Roles'), dataIndex: 'roles', render: (roles: string[]) => roles.join(lang === 'zh' ? '、' : ', ') },
              ]}
            />
            <p style={{ marginTop: 12 }}>
              {t('有效期：', 'Valid: ')}
              {periodText(null, shown.validTo, lang)}
            </p>
          </>
        )}
      </Modal>
    </section>
  );
}
