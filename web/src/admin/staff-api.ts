/** 工作人员管理 and 修改密码 calls to /api/admin (shapes of src/backoffice/staff-routes.ts). */
import type { CreateStaffInput } from '../../../src/backoffice/staff-schemas.ts';
import { adminCall, type StaffRole } from './admin-api.ts';

export interface StaffMember {
  id: string;
  loginName: string;
  name: string;
  roles: StaffRole[];
  disabled: boolean;
  passwordChangeRequired: boolean;
  createdAt: string;
}

/** Shown once after 新增 or 重置: the one-time password and the authenticator secret. */
export interface StaffCredentials {
  loginName: string;
  initialPassword: string;
  totpSecret: string;
  totpUri: string;
}

const path = (id: string, action: string) => `/staff/${encodeURIComponent(id)}/${action}`;

export const staffApi = {
  list: () => adminCall<{ staff: StaffMember[] }>('GET', '/staff'),
  create: (body: CreateStaffInput) => adminCall<StaffMember & StaffCredentials>('POST', '/staff', body),
  reset: (id: string) => adminCall<StaffMember & StaffCredentials>('POST', path(id, 'reset')),
  disable: (id: string) => adminCall<StaffMember>('POST', path(id, 'disable')),
  enable: (id: string) => adminCall<StaffMember>('POST', path(id, 'enable')),
  changePassword: (body: { oldPassword: string; password: string; passwordConfirm: string }) => adminCall<{ changed: true }>('POST', '/me/password', body),
};
