/**
 * 账号管理 (operators): accounts found by login name, real name, phone, document number,
 * organisation name or credit code (src/backoffice/accounts-routes.ts), and the actions on one.
 */
import type { accountsAdmin, AccountSummary } from '../../../src/backoffice/accounts-admin.ts';
import { adminCall } from './admin-api.ts';

type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type AccountRow = Json<AccountSummary>;
export type AccountDetail = Json<Awaited<ReturnType<ReturnType<typeof accountsAdmin>['detail']>>>;

const id = (value: string) => `/accounts/${encodeURIComponent(value)}`;

export const accountsApi = {
  search: (q: string) => adminCall<{ accounts: AccountRow[] }>('GET', `/accounts?${new URLSearchParams({ q })}`),
  detail: (accountId: string) => adminCall<AccountDetail>('GET', id(accountId)),
  unlock: (accountId: string) => adminCall<{ locked: false; wasLocked: boolean }>('POST', `${id(accountId)}/unlock`),
  endSessions: (accountId: string) => adminCall<{ ended: number }>('POST', `${id(accountId)}/end-sessions`),
  disable: (accountId: string, reason: string) => adminCall<AccountRow>('POST', `${id(accountId)}/disable`, { reason }),
  enable: (accountId: string, reason: string) => adminCall<AccountRow>('POST', `${id(accountId)}/enable`, { reason }),
};
