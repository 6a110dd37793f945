/**
 * The back office at /admin (SPEC §9), outside the portal's frame: staff login, the
 * real-name review and recovery-appeal queues and decisions (reviewers), business systems and
 * service items (operators), the audit log (admins).
 */
import { ConfigProvider, Empty } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { READ_AS_WRITTEN } from '../lib/button-config.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { AdminLayout } from './AdminLayout.tsx';
import { AdminLoginPage } from './AdminLoginPage.tsx';
import { AppealDetailPage } from './AppealDetailPage.tsx';
import { AppealQueuePage } from './AppealQueuePage.tsx';
import { AccountDetailPage } from './AccountDetailPage.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditLogPage } from './AuditLogPage.tsx';
import { RatingsPage } from './RatingsPage.tsx';
import { OrganizationsPage } from './OrganizationsPage.tsx';
import { ReviewDetailPage } from './ReviewDetailPage.tsx';
import { ReviewQueuePage } from './ReviewQueuePage.tsx';
import { ReviewReasonsPage } from './ReviewReasonsPage.tsx';
import { ServiceItemFormPage } from './ServiceItemFormPage.tsx';
import { ServiceItemsPage } from './ServiceItemsPage.tsx';
import { NoticeFormPage } from './NoticeFormPage.tsx';
import { NoticesPage } from './NoticesPage.tsx';
import { SystemFormPage } from './SystemFormPage.tsx';
import { SystemsPage } from './SystemsPage.tsx';
import { StaffPage } from './StaffPage.tsx';
import { StaffPasswordPage } from './StaffPasswordPage.tsx';
import { hasRole, StaffProvider, useStaff } from './staff-session.tsx';

/** /admin itself: the first page the staff member's roles open. */
function AdminHome() {
  const { t } = useI18n();
  const { staff } = useStaff();
  if (hasRole(staff, 'reviewer')) return <Navigate to="/admin/reviews" replace />;
  if (hasRole(staff, 'operator')) return <Navigate to="/admin/systems" replace />;
  if (hasRole(staff, 'admin')) return <Navigate to="/admin/audit" replace />;
  return <Empty description={t('当前工作人员角色暂无可用的后台功能', 'Your staff role has no back-office pages yet')} />;
}

export function AdminApp() {
  return (
    <ConfigProvider button={READ_AS_WRITTEN}>
      <StaffProvider>
        <Routes>
          <Route path="login" element={<AdminLoginPage />} />
          <Route element={<AdminLayout />}>
            <Route index element={<AdminHome />} />
            <Route path="reviews" element={<ReviewQueuePage />} />
            <Route path="reviews/:id" element={<ReviewDetailPage />} />
            <Route path="review-reasons" element={<ReviewReasonsPage />} />
            <Route path="appeals" element={<AppealQueuePage />} />
            <Route path="appeals/:id" element={<AppealDetailPage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="ratings" element={<RatingsPage />} />
            <Route path="organizations" element={<OrganizationsPage />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="accounts/:id" element={<AccountDetailPage />} />
            <Route path="systems" element={<SystemsPage />} />
            <Route path="systems/new" element={<SystemFormPage />} />
            <Route path="systems/:id" element={<SystemFormPage />} />
            <Route path="service-items" element={<ServiceItemsPage />} />
            <Route path="service-items/new" element={<ServiceItemFormPage />} />
            <Route path="service-items/:id" element={<ServiceItemFormPage />} />
            <Route path="notices" element={<NoticesPage />} />
            <Route path="notices/new" element={<NoticeFormPage />} />
            <Route path="notices/:id" element={<NoticeFormPage />} />
            <Route path="staff" element={<StaffPage />} />
            <Route path="password" element={<StaffPasswordPage />} />
            <Route path="*" element={<Navigate to="/admin" replace />} />
          </Route>
        </Routes>
      </StaffProvider>
    </ConfigProvider>
  );
}
