/**
 * The platform records a decided legacy row becomes: the account (with the legacy hash as it
 * was, `encodeStoredLegacyHash`: no argon2 at import, the first login upgrades it), its
 * identity or organisation with what the export had, and the defaults for what it lacked:
 *
 * - natural account: natural_person identity with the row's name and mobile (for Torch
 *   company and foreign-work rows, the contact's), document if any, 身份类型 (region) from the
 *   document type (none without a document); nothing verified: the user verifies after logging
 *   in ("再进行实名认证");
 * - legal account: the organisation with the row's name and credit code, 境内单位, 企业法人 with
 *   a credit code, else 其他 (SPEC §11.10: a domestic 其他 may have no credit code); the contact,
 *   if any, as primary agent (主代办人, name and mobile); no legal representative. The user
 *   completes the rest in 我的信息 before entering the Torch systems (FAQ 三).
 */
import { DOCUMENT_TYPES, loginNameKey, type DocumentType } from '../../accounts/rules.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { LegacyGrant } from '../cases.ts';
import { organizationNameKey } from '../facts.ts';
import { encodeStoredLegacyHash } from '../password-schemes.ts';
import type { LegacyRow } from '../rows.ts';
import type { NewAccount, NewGrant, NewIdentity, NewOrganization } from './store.ts';

/** A business system a source grants, as resolved at the start of an import. */
export interface GrantSystem {
  id: string;
  key: string;
  name: string;
  roles: { code: string; name: string }[];
}

export interface BatchRecords {
  accounts: NewAccount[];
  identities: NewIdentity[];
  organizations: NewOrganization[];
  grants: NewGrant[];
}

export const emptyRecords = (): BatchRecords => ({ accounts: [], identities: [], organizations: [], grants: [] });

const regionOf = (type: DocumentType | '') => (type ? (DOCUMENT_TYPES.find((d) => d.value === type)?.region ?? null) : null);

export function recordsBuilder(cipher: PersonalDataCipher) {
  const encrypt = (value: string) => (value ? cipher.encrypt(value) : null);
  const hash = (kind: 'mobile' | 'document', value: string) => (value ? cipher.lookupHash(kind, value) : null);

  return {
    /** Adds the records of a created account to `into`. */
    account(into: BatchRecords, id: string, row: LegacyRow, kind: 'natural' | 'legal', loginName: string) {
      into.accounts.push({ id, kind, loginName, loginNameKey: loginNameKey(loginName), passwordHash: encodeStoredLegacyHash(row.password) });
      if (kind === 'natural') {
        const document = row.documentType && row.documentNumber ? `${row.documentType}:${row.documentNumber}` : '';
        into.identities.push({
          accountId: id,
          role: 'natural_person',
          name: row.name,
          mobileEnc: encrypt(row.mobile),
          mobileHash: hash('mobile', row.mobile),
          region: regionOf(row.documentType),
          documentType: row.documentType || null,
          documentNumberEnc: encrypt(row.documentNumber),
          documentHash: hash('document', document),
        });
        return;
      }
      into.organizations.push({
        accountId: id,
        name: row.organizationName,
        nameKey: organizationNameKey(row.organizationName),
        region: 'domestic',
        legalPersonType: row.creditCode ? 'enterprise' : 'other',
        code: row.creditCode || null,
      });
      if (row.name || row.mobile) {
        into.identities.push({
          accountId: id,
          role: 'primary_agent',
          name: row.name,
          mobileEnc: encrypt(row.mobile),
          mobileHash: hash('mobile', row.mobile),
          region: null,
          documentType: null,
          documentNumberEnc: null,
          documentHash: null,
        });
      }
    },

    /** Adds the authorisation of a created natural account by its organisation. */
    grant(into: BatchRecords, authorizationId: string, organizationId: string, personId: string, grant: LegacyGrant, systems: GrantSystem[]) {
      const granted = grant.systems.map((key) => systems.find((s) => s.key === key)!);
      const roleName = (s: GrantSystem) => s.roles.find((r) => r.code === grant.role)?.name ?? grant.role;
      const detail = {
        systems: granted.map((s) => ({ key: s.key, name: s.name, roles: [{ code: grant.role, name: roleName(s) }] })),
        maintainInfo: true,
        validFrom: null,
        validTo: null,
      };
      into.grants.push({ authorizationId, organizationId, personId, systemIds: granted.map((s) => s.id), role: grant.role, detail: JSON.stringify(detail) });
    },
  };
}

