/**
 * The business-system form's values and the request they make (SystemFormPage): addresses are
 * typed one a line, the OIDC and CAS parts exist only when switched on, and a problem at a
 * request path (oidc.redirectUris.1) shows at the form field holding it.
 */
import type { RealNameLevel } from '../../../src/realname/levels.ts';
import type { Audience, EntryRequirement, IdTokenSigning, SystemRole } from '../../../src/sso/systems-store.ts';
import type { SystemView } from './operator-api.ts';
import { linesOf, type NamePath } from './operator-forms.ts';

export interface SystemFormValues {
  name: string;
  department: string;
  key: string;
  audience: Audience;
  requiresVerification: boolean;
  requirements: EntryRequirement[];
  requiresApproval: boolean;
  requiresGrant: boolean;
  roles: SystemRole[];
  useOidc: boolean;
  clientId?: string;
  redirectUris?: string;
  postLogoutRedirectUris?: string;
  backchannelLogoutUri?: string;
  /** ID令牌签名算法: RS256 (default) or SM2SM3 (国密). */
  idTokenSigning?: IdTokenSigning;
  useCas: boolean;
  casServicePrefix?: string;
  /** CAS: also send the old snake_case attribute names (one release only). */
  casLegacyAttributeNames: boolean;
  entryUrl?: string;
  mobileAllowed: boolean;
  /** 最低实名认证级别: 'none' (不要求) or a level; the request sends null for none. */
  minimumLevel: RealNameLevel | 'none';
}

export const NEW_SYSTEM: SystemFormValues = {
  name: '',
  department: '',
  key: '',
  audience: 'both',
  requiresVerification: true,
  requirements: [],
  requiresApproval: false,
  requiresGrant: false,
  roles: [
    { code: 'item_handler', name: '事项办理员' },
    { code: 'item_admin', name: '单位事项管理员' },
  ],
  useOidc: false,
  useCas: false,
  casLegacyAttributeNames: false,
  mobileAllowed: false,
  minimumLevel: 'none',
};

export function valuesOf(system: SystemView): SystemFormValues {
  return {
    ...system,
    useOidc: system.oidc !== null,
    clientId: system.oidc?.clientId,
    redirectUris: system.oidc?.redirectUris.join('\n'),
    postLogoutRedirectUris: system.oidc?.postLogoutRedirectUris.join('\n'),
    backchannelLogoutUri: system.oidc?.backchannelLogoutUri ?? '',
    idTokenSigning: system.oidc?.idTokenSigning ?? 'RS256',
    useCas: system.casServicePrefix !== null,
    casServicePrefix: system.casServicePrefix ?? '',
    entryUrl: system.entryUrl ?? '',
    minimumLevel: system.minimumLevel ?? 'none',
  };
}

/** The request the form's values make: addresses one a line, sign-on parts only when switched on. */
export function requestOf(values: SystemFormValues) {
  return {
    key: values.key,
    name: values.name,
    department: values.department,
    audience: values.audience,
    requiresVerification: values.requiresVerification,
    requirements: values.requirements ?? [],
    requiresApproval: values.requiresApproval,
    requiresGrant: values.requiresGrant,
    roles: values.roles ?? [],
    oidc: values.useOidc
      ? {
          clientId: values.clientId ?? '',
          redirectUris: linesOf(values.redirectUris),
          postLogoutRedirectUris: linesOf(values.postLogoutRedirectUris),
          backchannelLogoutUri: values.backchannelLogoutUri ?? '',
          idTokenSigning: values.idTokenSigning ?? 'RS256',
        }
      : null,
    casServicePrefix: values.useCas ? (values.casServicePrefix ?? '') : null,
    casLegacyAttributeNames: values.useCas && values.casLegacyAttributeNames === true,
    entryUrl: values.entryUrl ?? '',
    mobileAllowed: values.mobileAllowed,
    minimumLevel: values.minimumLevel && values.minimumLevel !== 'none' ? values.minimumLevel : null,
  };
}

/** Where a problem with a request path shows on this form. */
export function fieldOf(path: NamePath): NamePath {
  const [first, second] = path;
  if (first === 'oidc') return second === undefined ? ['useOidc'] : [second];
  if (first === 'roles' && typeof second === 'number') return path.slice(0, 3);
  return [first ?? 'name'];
}

export const FIELD_OF_CODE: Record<string, NamePath> = {
  SYSTEM_KEY_TAKEN: ['key'],
  OIDC_CLIENT_ID_TAKEN: ['clientId'],
  CAS_PREFIX_TAKEN: ['casServicePrefix'],
};
