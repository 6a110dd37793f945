/** SQL of business systems (业务系统) and of the systems an organisation holds (migrations/007). */
import { maybeOne, type Db } from '../platform/db.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import type { RealNameLevel } from '../realname/levels.ts';
import type { IdTokenSigning } from './id-token-signing.ts';

export type Audience = 'natural' | 'legal' | 'both';

/** Extra entry requirements a system may set (the Torch systems set all three). */
export type { IdTokenSigning } from './id-token-signing.ts';

export type EntryRequirement = 'organization_basic_complete' | 'organization_other_complete' | 'primary_agent_verified';

export interface SystemRole {
  code: string;
  name: string;
}

export interface BusinessSystem {
  id: string;
  key: string;
  name: string;
  department: string;
  audience: Audience;
  requiresVerification: boolean;
  requirements: EntryRequirement[];
  requiresApproval: boolean;
  /** A natural person enters only on behalf of an organisation that authorised them in this system (授权). */
  requiresGrant: boolean;
  roles: SystemRole[];
  oidc: {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    backchannelLogoutUri: string | null;
    /** How its ID tokens are signed: RS256 (left out: the default) or SM2SM3 (src/sso/oidc/sm2-id-tokens.ts, migrations/030). */
    idTokenSigning?: IdTokenSigning;
  } | null;
  casServicePrefix: string | null;
  /** CAS: also send the old snake_case attribute names (account_id ...) beside the camelCase ones; removed next release. */
  casLegacyAttributeNames: boolean;
  /** Where 办理入口 sends the user (the OIDC sign-in start, or the CAS service URL); null: no online entry. */
  entryUrl: string | null;
  mobileAllowed: boolean;
  enabled: boolean;
  /** The lowest real-name level (src/realname/levels.ts) an account needs to enter; null: none (migrations/028). */
  minimumLevel: RealNameLevel | null;
}

interface SystemRow {
  id: string;
  key: string;
  name: string;
  department: string;
  audience: Audience;
  requires_verification: boolean;
  requirements: EntryRequirement[];
  requires_approval: boolean;
  requires_grant: boolean;
  roles: SystemRole[];
  oidc_client_id: string | null;
  oidc_client_secret_enc: string | null;
  oidc_redirect_uris: string[];
  oidc_post_logout_redirect_uris: string[];
  oidc_backchannel_logout_uri: string | null;
  oidc_id_token_signing: IdTokenSigning;
  cas_service_prefix: string | null;
  cas_legacy_attribute_names: boolean;
  entry_url: string | null;
  mobile_allowed: boolean;
  enabled: boolean;
  minimum_realname_level: RealNameLevel | null;
}

/** entryUrl may be left out (registered before 办理入口 existed, or no online entry yet). */
export type NewBusinessSystem = Omit<BusinessSystem, 'id' | 'entryUrl' | 'requiresGrant' | 'casLegacyAttributeNames' | 'minimumLevel'> & {
  entryUrl?: string | null;
  requiresGrant?: boolean;
  casLegacyAttributeNames?: boolean;
  minimumLevel?: RealNameLevel | null;
};

/** What an operator changes in a registered system: all but enabled and the OIDC client secret. */
export type SystemChanges = Omit<BusinessSystem, 'id' | 'enabled' | 'oidc'> & {
  oidc: Omit<NonNullable<BusinessSystem['oidc']>, 'clientSecret'> | null;
};

/** The columns an operator edits, shared by the insert and the update. */
type EditedColumns = Omit<SystemChanges, 'entryUrl' | 'requiresGrant' | 'casLegacyAttributeNames' | 'minimumLevel'> & {
  entryUrl?: string | null;
  requiresGrant?: boolean;
  casLegacyAttributeNames?: boolean;
  minimumLevel?: RealNameLevel | null;
};

/**
 * The values of the edited columns, in the order of both statements: key, name, department,
 * audience, requires_verification, requirements, requires_approval, roles, oidc_client_id,
 * oidc_redirect_uris, oidc_post_logout_redirect_uris, oidc_backchannel_logout_uri,
 * cas_service_prefix, entry_url, mobile_allowed, requires_grant, cas_legacy_attribute_names,
 * minimum_realname_level, oidc_id_token_signing.
 */
const editedValues = (system: EditedColumns): unknown[] => [
  system.key,
  system.name,
  system.department,
  system.audience,
  system.requiresVerification,
  system.requirements,
  system.requiresApproval,
  JSON.stringify(system.roles),
  system.oidc?.clientId ?? null,
  system.oidc?.redirectUris ?? [],
  system.oidc?.postLogoutRedirectUris ?? [],
  system.oidc?.backchannelLogoutUri ?? null,
  system.casServicePrefix,
  system.entryUrl ?? null,
  system.mobileAllowed,
  system.requiresGrant ?? false,
  system.casLegacyAttributeNames ?? false,
  system.minimumLevel ?? null,
  system.oidc?.idTokenSigning ?? 'RS256',
];

export function systemsStore(db: Db, cipher: PersonalDataCipher) {
  const fromRow = (row: SystemRow): BusinessSystem => ({
    id: row.id,
    key: row.key,
    name: row.name,
    department: row.department,
    audience: row.audience,
    requiresVerification: row.requires_verification,
    requirements: row.requirements,
    requiresApproval: row.requires_approval,
    requiresGrant: row.requires_grant,
    roles: row.roles,
    oidc: row.oidc_client_id
      ? {
          clientId: row.oidc_client_id,
          clientSecret: row.oidc_client_secret_enc ? cipher.decrypt(row.oidc_client_secret_enc) : '',
          redirectUris: row.oidc_redirect_uris,
          postLogoutRedirectUris: row.oidc_post_logout_redirect_uris,
          backchannelLogoutUri: row.oidc_backchannel_logout_uri,
          idTokenSigning: row.oidc_id_token_signing,
        }
      : null,
    casServicePrefix: row.cas_service_prefix,
    casLegacyAttributeNames: row.cas_legacy_attribute_names,
    entryUrl: row.entry_url,
    mobileAllowed: row.mobile_allowed,
    enabled: row.enabled,
    minimumLevel: row.minimum_realname_level ?? null,
  });

  return {
    async create(system: NewBusinessSystem, tx: Db = db): Promise<BusinessSystem> {
      const rows = await tx.query<SystemRow>(
        `insert into business_systems (key, name, department, audience, requires_verification, requirements, requires_approval, roles,
           oidc_client_id, oidc_redirect_uris, oidc_post_logout_redirect_uris, oidc_backchannel_logout_uri,
           cas_service_prefix, entry_url, mobile_allowed, requires_grant, cas_legacy_attribute_names, minimum_realname_level, oidc_id_token_signing,
           oidc_client_secret_enc, enabled)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) returning *`,
        [...editedValues(system), system.oidc?.clientSecret ? cipher.encrypt(system.oidc.clientSecret) : null, system.enabled],
      );
      return fromRow(rows[0] as SystemRow);
    },
    async findByKey(key: string): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(db, 'select * from business_systems where key = $1', [key]);
      return row && fromRow(row);
    },
    async findByClientId(clientId: string): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(db, 'select * from business_systems where oidc_client_id = $1', [clientId]);
      return row && fromRow(row);
    },
    /** The enabled CAS system whose service prefix the URL starts with (the longest prefix wins). */
    async findByCasService(serviceUrl: string): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(
        db,
        `select * from business_systems where enabled and cas_service_prefix is not null and starts_with($1, cas_service_prefix)
         order by length(cas_service_prefix) desc limit 1`,
        [serviceUrl],
      );
      return row && fromRow(row);
    },
    async list(): Promise<BusinessSystem[]> {
      return (await db.query<SystemRow>('select * from business_systems order by created_at, name')).map(fromRow);
    },
    async setEntryUrl(systemId: string, entryUrl: string | null): Promise<void> {
      await db.query('update business_systems set entry_url = $2 where id = $1', [systemId, entryUrl]);
    },
    async holds(accountId: string, systemId: string): Promise<boolean> {
      return (await db.query('select 1 from organization_systems where account_id = $1 and system_id = $2', [accountId, systemId])).length > 0;
    },
    /** Records that the organisation holds the system (idempotent: the first time is kept). */
    async recordHolding(accountId: string, systemId: string, how: 'first_entry' | 'approved'): Promise<void> {
      await db.query('insert into organization_systems (account_id, system_id, how) values ($1, $2, $3) on conflict do nothing', [accountId, systemId, how]);
    },

    // Back office (operators): the writes of src/backoffice/systems-admin.ts.

    async findById(id: string, tx: Db = db): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(tx, 'select * from business_systems where id = $1', [id]);
      return row && fromRow(row);
    },
    /** The system registered with exactly this CAS prefix, enabled or not. */
    async findByCasPrefix(prefix: string, tx: Db = db): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(tx, 'select * from business_systems where cas_service_prefix = $1 limit 1', [prefix]);
      return row && fromRow(row);
    },
    /**
     * Everything an operator edits; enabled and the client secret are left alone, except that
     * a system losing its OIDC client loses its secret too. Undefined when no such system.
     */
    async update(id: string, system: SystemChanges, tx: Db = db): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(
        tx,
        `update business_systems set key = $2, name = $3, department = $4, audience = $5, requires_verification = $6, requirements = $7,
           requires_approval = $8, roles = $9, oidc_client_id = $10, oidc_redirect_uris = $11, oidc_post_logout_redirect_uris = $12,
           oidc_backchannel_logout_uri = $13, cas_service_prefix = $14, entry_url = $15, mobile_allowed = $16, requires_grant = $17,
           cas_legacy_attribute_names = $18, minimum_realname_level = $19, oidc_id_token_signing = $20,
           oidc_client_secret_enc = case when $10::text is null then null else oidc_client_secret_enc end
         where id = $1 returning *`,
        [id, ...editedValues(system)],
      );
      return row && fromRow(row);
    },
    async setEnabled(id: string, enabled: boolean, tx: Db = db): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(tx, 'update business_systems set enabled = $2 where id = $1 returning *', [id, enabled]);
      return row && fromRow(row);
    },
    /** Replaces the OIDC client secret (stored encrypted); undefined when the system has no OIDC client. */
    async setClientSecret(id: string, secret: string, tx: Db = db): Promise<BusinessSystem | undefined> {
      const row = await maybeOne<SystemRow>(
        tx,
        'update business_systems set oidc_client_secret_enc = $2 where id = $1 and oidc_client_id is not null returning *',
        [id, cipher.encrypt(secret)],
      );
      return row && fromRow(row);
    },
  };
}

export type SystemsStore = ReturnType<typeof systemsStore>;
