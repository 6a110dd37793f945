import { Alert, Spin, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { DELEGATIONS_TAB, DelegationsTab } from '../authorization/DelegationsTab.tsx';
import { OnlineLayout } from '../layout/OnlineLayout.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { MY_INFO_TAB_PARAM } from '../materials/paths.ts';
import { NaturalPersonTab } from './NaturalPersonTab.tsx';
import { NationalLinksTab } from '../federation/national/NationalLinksTab.tsx';
import { NATIONAL_LINKS_TAB } from '../federation/national/paths.ts';
import { OrganizationBasicTab } from './OrganizationBasicTab.tsx';
import { OrganizationOtherTab } from './OrganizationOtherTab.tsx';
import { PrimaryAgentTab } from './PrimaryAgentTab.tsx';
import { useProfile, type Profile } from './profile-api.ts';
import { sectionStatus } from './verification.ts';
import './profile.css';

/** 在线办事 → 我的信息: a natural person's own information, or an organisation's three tabs. */
export function MyInfoPage() {
  const { t } = useI18n();
  const { profile, error, reload } = useProfile();
  return (
    <OnlineLayout>
      <PageHeading zh="我的信息" en="My information" />
      {error && <Alert type="error" showIcon title={t(error.message, error.messageEn)} />}
      {!profile && !error && <Spin />}
      {profile && <ProfileTabs profile={profile} reload={reload} />}
    </OnlineLayout>
  );
}

function ProfileTabs({ profile, reload }: { profile: Profile; reload: () => Promise<void> }) {
  const { t } = useI18n();
  // ?tab=… opens that tab (返回 from an upload page comes back to the tab it left); an unknown key falls back to the first.
  const tab = useSearchParams()[0].get(MY_INFO_TAB_PARAM) ?? undefined;
  if (profile.kind === 'natural') {
    return (
      <Tabs
        className="wrapping-tabs"
        defaultActiveKey={tab}
        items={[
          {
            key: 'natural_person',
            label: t('自然人用户信息', 'Personal information'),
            children: <NaturalPersonTab person={profile.naturalPerson} missing={profile.missing.natural_person} status={sectionStatus(profile.verification, 'natural_person')} reload={reload} />,
          },
          { key: DELEGATIONS_TAB, label: t('法人(单位)授权办理情况', 'Organisations that authorised me'), children: <DelegationsTab /> },
          { key: NATIONAL_LINKS_TAB, label: t('关联账号', 'Linked accounts'), children: <NationalLinksTab /> },
        ]}
      />
    );
  }
  return (
    <Tabs
      className="wrapping-tabs"
      defaultActiveKey={tab}
      items={[
        {
          key: 'organization_basic',
          label: t('法人单位基本信息', 'Organisation basic information'),
          children: <OrganizationBasicTab organization={profile.organizationBasic} missing={profile.missing.organization_basic} status={sectionStatus(profile.verification, 'organization_basic')} reload={reload} />,
        },
        {
          key: 'organization_other',
          label: t('法人单位其他信息', 'Other organisation information'),
          children: <OrganizationOtherTab other={profile.organizationOther} missing={profile.missing.organization_other} reload={reload} />,
        },
        {
          key: 'primary_agent',
          label: t('主代办人信息', 'Primary agent information'),
          children: <PrimaryAgentTab agent={profile.primaryAgent} missing={profile.missing.primary_agent} status={sectionStatus(profile.verification, 'primary_agent')} reload={reload} />,
        },
      ]}
    />
  );
}
