/** SQL of authorisations (授权, migrations/014): who acts for which organisation, in which systems, with which roles. */
import type { Db } from '../platform/db.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import type { SystemRole } from '../sso/systems-store.ts';
import type { HeldSystem, ValidityPeriod } from './rules.ts';

export interface GrantedSystem {
  id: string;
  key: string;
  name: string;
  roles: SystemRole[];
}

export interface AuthorizationRecord extends ValidityPeriod {
  id: string;
  organizationId: string;
  personId: string;
  maintainInfo: boolean;
  grantedAt: Date;
  updatedAt: Date;
  systems: GrantedSystem[];
}

/** The authorisation seen from the person's side, with what they need to know of the organisation. */
export interface DelegationRecord extends AuthorizationRecord {
  organizationName: string;
  creditCode: string;
  organizationDisabled: boolean;
}

export interface EventDetail extends ValidityPeriod {
  systems: { key: string; name: string; roles: SystemRole[] }[];
  maintainInfo: boolean;
}

interface AuthorizationRow {
  id: string;
  organization_id: string;
  person_id: string;
  maintain_info: boolean;
  valid_from: string | null;
  valid_to: string | null;
  granted_at: Date;
  updated_at: Date;
}

/** A role an authorisation gives in a system, with the system's own definition of its roles. */
interface RoleRow {
  authorization_id: string;
  id: string;
  key: string;
  name: string;
  defined: SystemRole[];
  role_code: string;
}

// Dates as text: a `date` would come back as a JavaScript Date at midnight in the server's zone.
const AUTH_COLUMNS = `a.id, a.organization_id, a.person_id, a.maintain_info, a.valid_from::text as valid_from,
  a.valid_to::text as valid_to, a.granted_at, a.updated_at`;

export function authorizationStore(db: Db, cipher: PersonalDataCipher) {
  /** The systems and roles of each authorisation, role names as the system defines them now. */
  async function withSystems<R extends AuthorizationRow>(rows: R[], tx: Db = db): Promise<(R & { systems: GrantedSystem[] })[]> {
    if (rows.length === 0) return [];
    const roleRows = await tx.query<RoleRow>(
      `select ar.authorization_id, s.id, s.key, s.name, s.roles as defined, ar.role_code
       from authorization_roles ar join business_systems s on s.id = ar.system_id
       where ar.authorization_id = any($1) order by s.created_at, s.name, ar.role_code`,
      [rows.map((r) => r.id)],
    );
    return attachSystems(rows, roleRows);
  }

  function attachSystems<R extends AuthorizationRow>(rows: R[], roleRows: RoleRow[]): (R & { systems: GrantedSystem[] })[] {
    return rows.map((row) => {
      const systems = new Map<string, GrantedSystem>();
      for (const r of roleRows.filter((x) => x.authorization_id === row.id)) {
        const system = systems.get(r.id) ?? { id: r.id, key: r.key, name: r.name, roles: [] };
        system.roles.push({ code: r.role_code, name: r.defined.find((d) => d.code === r.role_code)?.name ?? r.role_code });
        systems.set(r.id, system);
      }
      // Roles in the order the system defines them.
      for (const system of systems.values()) {
        const defined = roleRows.find((r) => r.id === system.id)!.defined;
        const rank = (code: string) => {
          const index = defined.findIndex((d) => d.code === code);
          return index < 0 ? Number.MAX_SAFE_INTEGER : index; // a role the system no longer defines: last
        };
        system.roles.sort((a, b) => rank(a.code) - rank(b.code));
      }
      return { ...row, systems: [...systems.values()] };
    });
  }

  const toRecord = (row: AuthorizationRow & { systems: GrantedSystem[] }): AuthorizationRecord => ({
    id: row.id,
    organizationId: row.organization_id,
    personId: row.person_id,
    maintainInfo: row.maintain_info,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    grantedAt: row.granted_at,
    updatedAt: row.updated_at,
    systems: row.systems,
  });

  type DelegationRow = AuthorizationRow & { organization_name: string; credit_code: string | null; organization_disabled: boolean };
  const DELEGATION_SELECT = `select ${AUTH_COLUMNS}, o.name as organization_name, o.code as credit_code, oa.disabled as organization_disabled
    from authorizations a join organizations o on o.account_id = a.organization_id join accounts oa on oa.id = a.organization_id`;
  const toDelegation = (row: DelegationRow & { systems: GrantedSystem[] }): DelegationRecord => ({
    ...toRecord(row),
    organizationName: row.organization_name,
    creditCode: row.credit_code ?? '',
    organizationDisabled: row.organization_disabled,
  });

  return {
    /** The enabled systems the organisation holds (FAQ 10.4: only these can be granted). */
    async heldSystems(organizationId: string): Promise<HeldSystem[]> {
      return db.query<HeldSystem>(
        `select s.id, s.key, s.name, s.roles from organization_systems os join business_systems s on s.id = os.system_id
         where os.account_id = $1 and s.enabled order by s.created_at, s.name`,
        [organizationId],
      );
    },
    /** Names of systems by key (to name a system the organisation does not hold). */
    async systemNames(keys: string[]): Promise<Map<string, string>> {
      const rows = await db.query<{ key: string; name: string }>('select key, name from business_systems where key = any($1)', [keys]);
      return new Map(rows.map((r) => [r.key, r.name]));
    },
    /**
     * The enabled natural account verified with one of these documents (keyed hashes of
     * type:number) whose person has exactly this name; one document backs one verified account.
     */
    async findVerifiedPerson(name: string, documentHashes: string[]) {
      const rows = await db.query<{ account_id: string; name: string; document_type: string; document_number_enc: string }>(
        `select a.id as account_id, i.name, i.document_type, i.document_number_enc
         from verifications v join accounts a on a.id = v.account_id and a.kind = 'natural' and not a.disabled
           join identities i on i.account_id = a.id and i.role = 'natural_person'
         where v.subject = 'natural_person' and v.verified_document_hash = any($1) and i.name = $2
           and v.status in ('registry_verified', 'manually_approved')
         limit 1`,
        [documentHashes, name],
      );
      const row = rows[0];
      return row && { personId: row.account_id, name: row.name, documentType: row.document_type, documentNumber: cipher.decrypt(row.document_number_enc) };
    },
    /** Name and document of natural persons, by account id. */
    async people(personIds: string[]): Promise<Map<string, { name: string; documentType: string; documentNumber: string }>> {
      const rows = await db.query<{ account_id: string; name: string; document_type: string | null; document_number_enc: string | null }>(
        `select account_id, name, document_type, document_number_enc from identities where role = 'natural_person' and account_id = any($1)`,
        [personIds],
      );
      return new Map(
        rows.map((r) => [r.account_id, { name: r.name, documentType: r.document_type ?? '', documentNumber: r.document_number_enc ? cipher.decrypt(r.document_number_enc) : '' }]),
      );
    },
    async find(organizationId: string, personId: string, tx: Db = db): Promise<AuthorizationRecord | undefined> {
      const rows = await tx.query<AuthorizationRow>(`select ${AUTH_COLUMNS} from authorizations a where a.organization_id = $1 and a.person_id = $2`, [
        organizationId,
        personId,
      ]);
      return (await withSystems(rows, tx)).map(toRecord)[0];
    },
    async findById(organizationId: string, id: string, tx: Db = db): Promise<AuthorizationRecord | undefined> {
      const rows = await tx.query<AuthorizationRow>(`select ${AUTH_COLUMNS} from authorizations a where a.organization_id = $1 and a.id = $2`, [
        organizationId,
        id,
      ]);
      return (await withSystems(rows, tx)).map(toRecord)[0];
    },
    /** Every authorisation the organisation made, newest first. */
    async listForOrganization(organizationId: string): Promise<AuthorizationRecord[]> {
      const rows = await db.query<AuthorizationRow>(`select ${AUTH_COLUMNS} from authorizations a where a.organization_id = $1 order by a.updated_at desc`, [
        organizationId,
      ]);
      return (await withSystems(rows)).map(toRecord);
    },
    /** The authorisations a person holds, whatever their status (法人(单位)授权办理情况). */
    async listForPerson(personId: string): Promise<DelegationRecord[]> {
      const rows = await db.query<DelegationRow>(`${DELEGATION_SELECT} where a.person_id = $1 order by a.granted_at`, [personId]);
      return (await withSystems(rows)).map(toDelegation);
    },
    /** The person's authorisations with roles in this system, whatever their status. */
    async forPersonInSystem(personId: string, systemId: string): Promise<DelegationRecord[]> {
      const rows = await db.query<DelegationRow>(
        `${DELEGATION_SELECT} where a.person_id = $1
           and exists (select 1 from authorization_roles ar where ar.authorization_id = a.id and ar.system_id = $2)
         order by a.granted_at`,
        [personId, systemId],
      );
      return (await withSystems(rows)).map((row) => toDelegation({ ...row, systems: row.systems.filter((s) => s.id === systemId) }));
    },
    /**
     * The person's authorisation from this organisation with its roles in this system, in one
     * statement (read at every token and ticket of a system that requires 授权, src/sso/claims.ts);
     * undefined when it gives no role in the system.
     */
    async delegationInSystem(personId: string, systemId: string, organizationId: string): Promise<DelegationRecord | undefined> {
      const [row] = await db.query<DelegationRow & { role_rows: RoleRow[] }>(
        `select ${AUTH_COLUMNS}, o.name as organization_name, o.code as credit_code, oa.disabled as organization_disabled,
                (select json_agg(json_build_object('authorization_id', ar.authorization_id, 'id', s.id, 'key', s.key, 'name', s.name,
                                                   'defined', s.roles, 'role_code', ar.role_code) order by ar.role_code)
                   from authorization_roles ar join business_systems s on s.id = ar.system_id
                  where ar.authorization_id = a.id and ar.system_id = $2) as role_rows
           from authorizations a join organizations o on o.account_id = a.organization_id join accounts oa on oa.id = a.organization_id
          where a.person_id = $1 and a.organization_id = $3`,
        [personId, systemId, organizationId],
      );
      return row?.role_rows ? attachSystems([row], row.role_rows).map(toDelegation)[0] : undefined;
    },
    /** The person's authorisation from this organisation. */
    async delegation(personId: string, organizationId: string): Promise<DelegationRecord | undefined> {
      const rows = await db.query<DelegationRow>(`${DELEGATION_SELECT} where a.person_id = $1 and a.organization_id = $2`, [personId, organizationId]);
      return (await withSystems(rows)).map(toDelegation)[0];
    },
    /** Creates or replaces the authorisation of the person by the organisation; returns its id and whether it existed. */
    async save(
      tx: Db,
      organizationId: string,
      personId: string,
      values: ValidityPeriod & { maintainInfo: boolean; roles: { systemId: string; roleCode: string }[] },
    ): Promise<{ id: string; existed: boolean }> {
      const [row] = await tx.query<{ id: string; existed: boolean }>(
        `insert into authorizations (organization_id, person_id, maintain_info, valid_from, valid_to)
         values ($1, $2, $3, $4, $5)
         on conflict (organization_id, person_id) do update set maintain_info = excluded.maintain_info,
           valid_from = excluded.valid_from, valid_to = excluded.valid_to, updated_at = now()
         returning id, (xmax <> 0) as existed`,
        [organizationId, personId, values.maintainInfo, values.validFrom, values.validTo],
      );
      const { id, existed } = row!;
      await tx.query('delete from authorization_roles where authorization_id = $1', [id]);
      await tx.query(
        `insert into authorization_roles (authorization_id, system_id, role_code)
         select $1, system_id, role_code from unnest($2::uuid[], $3::text[]) as r (system_id, role_code)`,
        [id, values.roles.map((r) => r.systemId), values.roles.map((r) => r.roleCode)],
      );
      return { id, existed };
    },
    async remove(tx: Db, id: string): Promise<void> {
      await tx.query('delete from authorizations where id = $1', [id]);
    },
    async addEvent(
      tx: Db,
      event: { organizationId: string; personId: string; action: 'grant' | 'change' | 'revoke'; detail: EventDetail; actor: { accountId: string | null; name: string } },
    ): Promise<void> {
      await tx.query(
        `insert into authorization_events (organization_id, person_id, action, detail, actor_account_id, actor_name)
         values ($1, $2, $3, $4, $5, $6)`,
        [event.organizationId, event.personId, event.action, JSON.stringify(event.detail), event.actor.accountId, event.actor.name],
      );
    },
    async listEvents(organizationId: string, limit = 200) {
      return db.query<{ id: string; person_id: string; action: 'grant' | 'change' | 'revoke'; detail: EventDetail; actor_name: string; at: Date }>(
        `select id, person_id, action, detail, actor_name, at from authorization_events where organization_id = $1 order by id desc limit $2`,
        [organizationId, limit],
      );
    },
  };
}

export type AuthorizationStore = ReturnType<typeof authorizationStore>;
