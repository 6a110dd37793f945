/**
 * 单位管理 (operators): organisations found by 单位名称 or 统一社会信用代码, disabled and enabled.
 * Disabling suspends every authorisation the organisation made (授权单位状态 停用).
 */
import { adminCall } from './admin-api.ts';

export interface OrganizationRow {
  id: string;
  name: string;
  creditCode: string;
  loginName: string;
  disabled: boolean;
}

const call = adminCall;

const id = (value: string) => encodeURIComponent(value);

export const organizationsApi = {
  search: (q: string) => call<{ organizations: OrganizationRow[] }>('GET', `/organizations?${new URLSearchParams({ q })}`),
  disable: (organizationId: string) => call<{ disabled: true }>('POST', `/organizations/${id(organizationId)}/disable`),
  enable: (organizationId: string) => call<{ disabled: false }>('POST', `/organizations/${id(organizationId)}/enable`),
};
