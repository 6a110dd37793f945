/**
 * 在线办事 → 用户授权管理 (/online/authorizations, FAQ 10): for an organisation account,
 * 授权操作, 授权用户管理 and 授权记录 as tabs; a natural person is pointed to the
 * organisations that authorised them (我的信息 → 法人(单位)授权办理情况).
 */
import { Alert, Spin, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { MY_INFO_TAB_PARAM } from '../materials/paths.ts';
import { authorizationApi } from './authorization-api.ts';
import { AuthorizationEvents } from './AuthorizationEvents.tsx';
import { DELEGATIONS_TAB } from './DelegationsTab.tsx';
import { GrantedUsers } from './GrantedUsers.tsx';
import { GrantOperation } from './GrantOperation.tsx';
import './authorization.css';
import { PageHeading } from '../layout/PageHeading.tsx';
import '../profile/profile.css';

const TABS = ['grant', 'users', 'records'] as const;
type Tab = (typeof TABS)[number];

export function AuthorizationsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <OnlineLayout>
      <PageHeading zh="用户授权管理" en="Authorisations" />
      {me?.kind === 'natural' ? (
        <Alert
          type="info"
          showIcon
          title={t('用户授权管理供法人(单位管理员)账号给自然人用户授权。', 'Organisation accounts authorise natural persons here.')}
          description={
            <Link to={`/online/my-info?${MY_INFO_TAB_PARAM}=${DELEGATIONS_TAB}`}>{t('查看我的法人(单位)授权办理情况', 'See the organisations that authorised me')}</Link>
          }
        />
      ) : (
        <OrganizationTabs />
      )}
    </OnlineLayout>
  );
}

function OrganizationTabs() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const held = useLoaded(() => authorizationApi.heldSystems(), []);
  const requested = params.get('tab') as Tab | null;
  const active: Tab = requested && TABS.includes(requested) ? requested : 'grant';

  if (held.error) return <Alert type="error" showIcon title={t(held.error.message, held.error.messageEn)} />;
  if (!held.data) return <Spin />;
  const systems = held.data.systems;
  return (
    <Tabs
      className="wrapping-tabs"
      activeKey={active}
      onChange={(key) => setParams({ tab: key }, { replace: true })}
      // Each tab loads afresh when opened: a grant made in 授权操作 shows in the list and the records.
      destroyOnHidden
      items={[
        { key: 'grant', label: t('授权操作', 'Grant'), children: <GrantOperation held={systems} pending={held.data.pending} /> },
        { key: 'users', label: t('授权用户管理', 'Authorised persons'), children: <GrantedUsers held={systems} /> },
        { key: 'records', label: t('授权记录', 'Records'), children: <AuthorizationEvents /> },
      ]}
    />
  );
}
