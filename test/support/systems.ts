/** A plain business system registered straight in the store for a test: no protocol, one role, enabled; overrides on top. */
import type { Platform } from '../../src/platform/platform.ts';
import { systemsStore, type NewBusinessSystem } from '../../src/sso/systems-store.ts';

export function registerTestSystem(platform: Platform, overrides: Partial<NewBusinessSystem> & Pick<NewBusinessSystem, 'key' | 'name'>) {
  return systemsStore(platform.db, platform.cipher).create({
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    roles: [{ code: 'item_handler', name: '事项办理员' }],
    oidc: null,
    casServicePrefix: null,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
}
