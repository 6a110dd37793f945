/**
 * The operators' calls for business systems (业务系统) and service items (服务事项) under
 * /api/admin (shapes of src/backoffice/systems-admin.ts and service-items-admin.ts).
 */
import type { BusinessSystemInput, ServiceItemInput } from '../../../src/backoffice/schemas.ts';
import type { ServiceItemView } from '../../../src/backoffice/service-items-admin.ts';
import type { SystemView, SystemWrite } from '../../../src/backoffice/systems-admin.ts';
import { adminCall } from './admin-api.ts';

export type { BusinessSystemInput, ServiceItemInput, ServiceItemView, SystemView, SystemWrite };

const call = adminCall;

const id = (value: string) => encodeURIComponent(value);

export const operatorApi = {
  systems: () => call<{ systems: SystemView[] }>('GET', '/systems'),
  system: (systemId: string) => call<SystemView>('GET', `/systems/${id(systemId)}`),
  createSystem: (body: BusinessSystemInput) => call<SystemWrite>('POST', '/systems', body),
  updateSystem: (systemId: string, body: BusinessSystemInput) => call<SystemWrite>('PUT', `/systems/${id(systemId)}`, body),
  setSystemEnabled: (systemId: string, enabled: boolean) => call<SystemWrite>('POST', `/systems/${id(systemId)}/${enabled ? 'enable' : 'disable'}`),
  /** A new OIDC client secret, answered once; the old one stops working. */
  regenerateSecret: (systemId: string) => call<SystemWrite & { clientSecret: string }>('POST', `/systems/${id(systemId)}/secret`),

  items: () => call<{ items: ServiceItemView[] }>('GET', '/service-items'),
  item: (itemId: string) => call<ServiceItemView>('GET', `/service-items/${id(itemId)}`),
  createItem: (body: ServiceItemInput) => call<ServiceItemView>('POST', '/service-items', body),
  updateItem: (itemId: string, body: ServiceItemInput) => call<ServiceItemView>('PUT', `/service-items/${id(itemId)}`, body),
  setItemEnabled: (itemId: string, enabled: boolean) => call<ServiceItemView>('POST', `/service-items/${id(itemId)}/${enabled ? 'enable' : 'disable'}`),
};
