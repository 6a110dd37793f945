/**
 * /online/delegations/:organizationId: an organisation's information maintained by a person it
 * authorised as 单位事项管理员 with 维护法人(单位)信息 (FAQ 三.4 (2), quickstart 5):
 * 授权法人(单位)基本信息 and 授权法人(单位)其他信息, the organisation's own 我的信息 forms
 * saving under /api/me/delegations/:id; the edits go into the organisation's update records.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Spin, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { MY_INFO_TAB_PARAM } from '../materials/paths.ts';
import { OrganizationBasicTab } from '../profile/OrganizationBasicTab.tsx';
import { OrganizationOtherTab } from '../profile/OrganizationOtherTab.tsx';
import { ProfileApiContext, useProfile, type ProfileApi } from '../profile/profile-api.ts';
import { sectionStatus } from '../profile/verification.ts';
import '../profile/profile.css';
import { delegationProfileBase } from './authorization-api.ts';
import { DELEGATIONS_TAB } from './DelegationsTab.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';

export function DelegatedOrganizationPage() {
  const { organizationId = '' } = useParams();
  const { t } = useI18n();
  const api = useMemo<ProfileApi>(() => ({ base: delegationProfileBase(organizationId), uploads: false }), [organizationId]);
  const { profile, error, reload } = useProfile(api.base);
  const name = profile?.kind === 'legal' ? profile.organizationBasic.name : undefined;

  return (
    <OnlineLayout>
      <Link to={`/online/my-info?${MY_INFO_TAB_PARAM}=${DELEGATIONS_TAB}`}>
        <ArrowLeftOutlined aria-hidden /> {t('返回法人(单位)授权办理情况', 'Back to the organisations that authorised me')}
      </Link>
      <PageHeading zh="授权法人(单位)信息" en="Organisation information" />
      {name && <Typography.Paragraph className="delegated-name">{name}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={t(error.message, error.messageEn)} />}
      {!profile && !error && <Spin />}
      {profile?.kind === 'legal' && (
        <ProfileApiContext value={api}>
          <Tabs
            className="wrapping-tabs"
            items={[
              {
                key: 'organization_basic',
                label: t('授权法人(单位)基本信息', 'Organisation basic information'),
                children: (
                  <OrganizationBasicTab
                    organization={profile.organizationBasic}
                    missing={profile.missing.organization_basic}
                    status={sectionStatus(profile.verification, 'organization_basic')}
                    reload={reload}
                  />
                ),
              },
              {
                key: 'organization_other',
                label: t('授权法人(单位)其他信息', 'Other organisation information'),
                children: <OrganizationOtherTab other={profile.organizationOther} missing={profile.missing.organization_other} reload={reload} />,
              },
            ]}
          />
        </ProfileApiContext>
      )}
    </OnlineLayout>
  );
}
