import { ConfigProvider } from 'antd';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { LoginPage } from './account/LoginPage.tsx';
import { NationalLinkPage } from './federation/national/NationalLinkPage.tsx';
import { NATIONAL_LINK_PAGE } from './federation/national/paths.ts';
import { PasswordExpiredPage } from './account/PasswordExpiredPage.tsx';
import { RegisterChoicePage } from './account/RegisterChoicePage.tsx';
import { RegisterDonePage } from './account/RegisterDonePage.tsx';
import { RegisterLegalPage } from './account/RegisterLegalPage.tsx';
import { RegisterNaturalPage } from './account/RegisterNaturalPage.tsx';
import { PortalLayout } from './layout/PortalLayout.tsx';
import { RequireLogin } from './layout/RequireLogin.tsx';
import { ANTD_LOCALES } from './lib/antd-locale.ts';
import { PLAIN_LOADING } from './lib/button-config.tsx';
import { FormErrorAnnouncer } from './components/FormErrorAnnouncer.tsx';
import { FOCUS_FIRST_ERROR } from './lib/forms.ts';
import { I18nProvider, useI18n } from './lib/i18n.tsx';
import { TextSizeProvider, useTextSize } from './lib/text-size.tsx';
import { themeFor } from './lib/theme.ts';
import { SessionProvider } from './lib/session.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NoticeDetailPage, NoticesListPage } from './notices/NoticesPages.tsx';
import { ConsultPage } from './consult/ConsultPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { MyInfoPage } from './profile/MyInfoPage.tsx';
import { AdminApp } from './admin/AdminApp.tsx';
import { AuthorizationsPage } from './authorization/AuthorizationsPage.tsx';
import { DelegatedOrganizationPage } from './authorization/DelegatedOrganizationPage.tsx';
import { MaterialsUploadPage } from './materials/MaterialsUploadPage.tsx';
import { EntryPage } from './entry/EntryPage.tsx';
import { FollowsPage } from './catalogue/FollowsPage.tsx';
import { ItemPage } from './catalogue/ItemPage.tsx';
import { ServicesPage } from './catalogue/ServicesPage.tsx';
import { ChooseWayPage } from './recovery/ChooseWayPage.tsx';
import { LegalAppealPage } from './recovery/LegalAppealPage.tsx';
import { LoginNameResetPage } from './recovery/LoginNameResetPage.tsx';
import { NaturalAppealPage } from './recovery/NaturalAppealPage.tsx';
import { AccountLookupPage } from './legacy/AccountLookupPage.tsx';
import { ApplyPage } from './matters/ApplyPage.tsx';
import { MattersPage } from './matters/MattersPage.tsx';
import { ResultsPage } from './matters/ResultsPage.tsx';
import { ReviewsPage } from './matters/ReviewsPage.tsx';
import { ScanPage } from './federation/qr/ScanPage.tsx';
import { SCAN_PATH } from '../../src/federation/qr/paths.ts';
import { PASSWORD_CHANGE_PATH } from '../../src/sso/return-path.ts';

function Localised() {
  const { lang } = useI18n();
  const { large } = useTextSize();
  return (
    <ConfigProvider locale={ANTD_LOCALES[lang]} button={PLAIN_LOADING} theme={themeFor(large)} form={{ scrollToFirstError: FOCUS_FIRST_ERROR }}>
      <FormErrorAnnouncer />
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="*" element={<Portal />} />
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </ConfigProvider>
  );
}

function Portal() {
  return (
    <PortalLayout>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterChoicePage />} />
        <Route path="/register/natural" element={<RegisterNaturalPage />} />
        <Route path="/register/legal" element={<RegisterLegalPage />} />
        <Route path="/register/done" element={<RegisterDonePage />} />
        <Route path={PASSWORD_CHANGE_PATH} element={<PasswordExpiredPage />} />
        <Route path="/password/recover" element={<ChooseWayPage />} />
        <Route path="/password/recover/login-name" element={<LoginNameResetPage />} />
        <Route path="/password/recover/natural-appeal" element={<NaturalAppealPage />} />
        <Route path="/password/recover/legal-appeal" element={<LegalAppealPage />} />
        <Route path="/account-lookup" element={<AccountLookupPage />} />
        <Route path={NATIONAL_LINK_PAGE} element={<NationalLinkPage />} />
        <Route path="/online/my-info" element={<RequireLogin><MyInfoPage /></RequireLogin>} />
        <Route path="/online/my-info/upload/:subject" element={<RequireLogin><MaterialsUploadPage /></RequireLogin>} />
        <Route path="/services" element={<ServicesPage />} />
        <Route path="/services/item/:code" element={<ItemPage />} />
        <Route path="/online/follows" element={<RequireLogin><FollowsPage /></RequireLogin>} />
        <Route path="/online/apply" element={<RequireLogin><ApplyPage /></RequireLogin>} />
        <Route path="/online/matters" element={<RequireLogin><MattersPage /></RequireLogin>} />
        <Route path="/online/reviews" element={<RequireLogin><ReviewsPage /></RequireLogin>} />
        <Route path="/results" element={<ResultsPage />} />
        <Route path="/notices" element={<NoticesListPage />} />
        <Route path="/notices/:id" element={<NoticeDetailPage />} />
        <Route path="/consult" element={<ConsultPage />} />
        <Route path="/online/authorizations" element={<RequireLogin><AuthorizationsPage /></RequireLogin>} />
        <Route path="/online/delegations/:organizationId" element={<RequireLogin><DelegatedOrganizationPage /></RequireLogin>} />
        <Route path="/services/entry/:systemKey" element={<EntryPage />} />
        <Route path={SCAN_PATH} element={<RequireLogin><ScanPage /></RequireLogin>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </PortalLayout>
  );
}

export function App() {
  return (
    <I18nProvider>
      <TextSizeProvider>
        <Localised />
      </TextSizeProvider>
    </I18nProvider>
  );
}
