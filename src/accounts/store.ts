import { maybeOne, type Db } from '../platform/db.ts';
import { uniqueViolationsAs } from '../platform/errors.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import type { PersonData } from '../realname/rules.ts';
import type { AccountKind } from './schemas.ts';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  login_name: string;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  /** Logged in with a legacy password that breaks today's policy: must choose a new one. */
  weak_password: boolean;
  disabled: boolean;
}

export type IdentityRole = 'natural_person' | 'legal_representative' | 'primary_agent';

/** An identity as the application sees it: personal fields decrypted, descriptive fields in details. */
export interface Identity extends PersonData {
  mobile: string;
  details: Record<string, string>;
}

export interface Organization {
  name: string;
  region: string;
  legalPersonType: string;
  code: string;
  basic: Record<string, string>;
  other: Record<string, string>;
}

/** Organisation names compare without case, spacing or full-width/half-width bracket differences. */
export function organizationNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const CONSTRAINT_ERRORS = {
  accounts_login_name_key_key: 'LOGIN_NAME_TAKEN',
  organizations_name_key_key: 'ORGANIZATION_NAME_TAKEN',
  organizations_code_key_key: 'CREDIT_CODE_TAKEN',
} as const;

/** The same races lost while saving 我的信息 (FAQ 八.4, 八.5: ……已存在). */
const PROFILE_CONSTRAINT_ERRORS = {
  organizations_name_key_key: 'ORGANIZATION_NAME_EXISTS',
  organizations_code_key_key: 'CREDIT_CODE_EXISTS',
} as const;

/** A uniqueness race lost to a concurrent registration reads as the same message as the pre-check. */
export const translateUniqueViolation = <T>(work: () => Promise<T>) => uniqueViolationsAs(CONSTRAINT_ERRORS, work);
/** A uniqueness race lost while saving 我的信息 reads as the same message as its pre-check. */
export const translateProfileUniqueViolation = <T>(work: () => Promise<T>) => uniqueViolationsAs(PROFILE_CONSTRAINT_ERRORS, work);

export function accountStore(db: Db, cipher: PersonalDataCipher) {
  const encryptOrNull = (value: string) => (value ? cipher.encrypt(value) : null);
  const decryptOrEmpty = (value: string | null) => (value ? cipher.decrypt(value) : '');

  return {
    findByLoginName(loginNameKey: string, tx: Db = db) {
      return maybeOne<AccountRow>(tx, 'select * from accounts where login_name_key = $1', [loginNameKey]);
    },
    findById(id: string, tx: Db = db) {
      return maybeOne<AccountRow>(tx, 'select * from accounts where id = $1', [id]);
    },
    async loginNameTaken(loginNameKey: string) {
      return (await db.query('select 1 from accounts where login_name_key = $1', [loginNameKey])).length > 0;
    },
    async organizationNameTaken(name: string, exceptAccountId?: string) {
      const rows = await db.query('select 1 from organizations where name_key = $1 and account_id is distinct from $2', [organizationNameKey(name), exceptAccountId ?? null]);
      return rows.length > 0;
    },
    async creditCodeTaken(code: string, exceptAccountId?: string) {
      const rows = await db.query('select 1 from organizations where code_key = $1 and account_id is distinct from $2', [code.toUpperCase(), exceptAccountId ?? null]);
      return rows.length > 0;
    },

    async insertAccount(tx: Db, kind: AccountKind, loginName: string, loginNameKey: string, passwordHash: string): Promise<string> {
      const rows = await tx.query<{ id: string }>(
        'insert into accounts (kind, login_name, login_name_key, password_hash) values ($1, $2, $3, $4) returning id',
        [kind, loginName, loginNameKey, passwordHash],
      );
      return (rows[0] as { id: string }).id;
    },
    async setPassword(accountId: string, passwordHash: string, mustChange = false, tx: Db = db) {
      await tx.query(
        'update accounts set password_hash = $2, password_changed_at = now(), must_change_password = $3, weak_password = false where id = $1',
        [accountId, passwordHash, mustChange],
      );
    },
    /** Replaces a hash with a stronger one without touching the password's age; `weak`: the password breaks today's policy. */
    async upgradeHash(accountId: string, passwordHash: string, weak = false) {
      await db.query('update accounts set password_hash = $2, weak_password = weak_password or $3 where id = $1', [accountId, passwordHash, weak]);
    },

    async saveIdentity(tx: Db, accountId: string, role: IdentityRole, identity: Identity) {
      await tx.query(
        `insert into identities (account_id, role, name, mobile_enc, mobile_hash, region, document_type,
           document_number_enc, document_hash, document_valid_from, document_valid_to, document_long_term, details, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
         on conflict (account_id, role) do update set name = excluded.name, mobile_enc = excluded.mobile_enc,
           mobile_hash = excluded.mobile_hash, region = excluded.region, document_type = excluded.document_type,
           document_number_enc = excluded.document_number_enc, document_hash = excluded.document_hash,
           document_valid_from = excluded.document_valid_from, document_valid_to = excluded.document_valid_to,
           document_long_term = excluded.document_long_term, details = excluded.details, updated_at = now()`,
        [
          accountId,
          role,
          identity.name,
          encryptOrNull(identity.mobile),
          identity.mobile ? cipher.lookupHash('mobile', identity.mobile) : null,
          identity.region || null,
          identity.documentType || null,
          encryptOrNull(identity.documentNumber),
          identity.documentNumber ? cipher.lookupHash('document', `${identity.documentType}:${identity.documentNumber}`) : null,
          identity.validFrom || null,
          identity.validTo || null,
          identity.longTerm,
          JSON.stringify(identity.details),
        ],
      );
    },
    async loadIdentity(accountId: string, role: IdentityRole, tx: Db = db): Promise<Identity | undefined> {
      const row = await maybeOne<{
        name: string; mobile_enc: string | null; region: string | null; document_type: string | null; document_number_enc: string | null;
        document_valid_from: string | null; document_valid_to: string | null; document_long_term: boolean; details: Record<string, string>;
      }>(tx, 'select * from identities where account_id = $1 and role = $2', [accountId, role]);
      if (!row) return undefined;
      return {
        name: row.name,
        mobile: decryptOrEmpty(row.mobile_enc),
        region: row.region ?? '',
        documentType: row.document_type ?? '',
        documentNumber: decryptOrEmpty(row.document_number_enc),
        validFrom: row.document_valid_from ?? '',
        validTo: row.document_valid_to ?? '',
        longTerm: row.document_long_term,
        details: row.details ?? {},
      };
    },

    async saveOrganization(tx: Db, accountId: string, org: Organization) {
      await tx.query(
        `insert into organizations (account_id, name, name_key, region, legal_person_type, code, code_key, basic, other, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
         on conflict (account_id) do update set name = excluded.name, name_key = excluded.name_key, region = excluded.region,
           legal_person_type = excluded.legal_person_type, code = excluded.code, code_key = excluded.code_key,
           basic = excluded.basic, other = excluded.other, updated_at = now()`,
        [accountId, org.name, organizationNameKey(org.name), org.region, org.legalPersonType, org.code || null, org.code ? org.code.toUpperCase() : null, JSON.stringify(org.basic), JSON.stringify(org.other)],
      );
    },
    async loadOrganization(accountId: string, tx: Db = db): Promise<Organization | undefined> {
      const row = await maybeOne<{ name: string; region: string; legal_person_type: string; code: string | null; basic: Record<string, string>; other: Record<string, string> }>(
        tx, 'select * from organizations where account_id = $1', [accountId]);
      return row && { name: row.name, region: row.region, legalPersonType: row.legal_person_type, code: row.code ?? '', basic: row.basic ?? {}, other: row.other ?? {} };
    },
  };
}

export type AccountStore = ReturnType<typeof accountStore>;
