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

/** A system marked 单位需经系统审核 and the organisation's state in it: held (审核通过), pending (待业务系统审核) or none. */
export interface HoldingRow {
  key: string;
  name: string;
  state: 'held' | 'pending' | 'none';
}

export const holdingsApi = {
  list: (organizationId: string) => call<{ holdings: HoldingRow[] }>('GET', `/organizations/${id(organizationId)}/holdings`),
  approve: (organizationId: string, systemKey: string) => call<{ state: 'held' }>('PUT', `/organizations/${id(organizationId)}/holdings/${id(systemKey)}`),
  withdraw: (organizationId: string, systemKey: string) => call<{ state: 'none' }>('DELETE', `/organizations/${id(organizationId)}/holdings/${id(systemKey)}`),
};
