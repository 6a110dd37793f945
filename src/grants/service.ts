/**
 * Authorisation use cases (授权, SPEC §6): an organisation searches a verified person, grants
 * roles in the systems it holds, changes and revokes them (each recorded); a person sees the
 * organisations acting through them; sign-on asks which organisations a person may act for.
 */
import { pendingSystemNames } from '../sso/approvals/service.ts';
import { DOCUMENT_TYPES, documentKey, maskDocumentNumber } from '../accounts/rules.ts';
import { accountStore } from '../accounts/store.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import {
  STATUS_LABELS,
  UNIT_ADMIN_ROLE,
  delegationStatus,
  grantProblem,
  isLive,
  normalizeRequest,
  periodStatus,
  type AuthorizationStatus,
  type RequestedRoles,
  type ValidityPeriod,
} from './rules.ts';
import { authorizationStore, type AuthorizationRecord, type DelegationRecord, type EventDetail, type GrantedSystem } from './store.ts';

export interface GrantInput extends ValidityPeriod {
  systems: RequestedRoles[];
  maintainInfo: boolean;
}

export interface AuthorizationView extends ValidityPeriod {
  id: string;
  personName: string;
  documentType: string;
  documentNumberMasked: string;
  systems: { key: string; name: string; roles: { code: string; name: string }[] }[];
  maintainInfo: boolean;
  grantedAt: string;
  updatedAt: string;
  status: AuthorizationStatus;
  statusLabel: string;
}

/** An organisation a person may act for in one system, with the roles held there. */
export interface ActingOption {
  organizationId: string;
  organizationName: string;
  creditCode: string;
  roles: { code: string; name: string }[];
}

/** A person's standing in a system that needs an organisation: live options, and the organisations whose authorisation lapsed. */
export interface ActingStanding {
  options: ActingOption[];
  expired: string[];
  suspended: string[];
}

const systemsOf = (systems: GrantedSystem[]) => systems.map(({ key, name, roles }) => ({ key, name, roles }));

export function authorizationService(platform: Platform) {
  const store = authorizationStore(platform.db, platform.cipher);
  const accounts = accountStore(platform.db, platform.cipher);

  async function actor(accountId: string) {
    return { accountId, name: (await accounts.findById(accountId))?.login_name ?? '' };
  }

  async function views(records: AuthorizationRecord[]): Promise<AuthorizationView[]> {
    const people = await store.people(records.map((r) => r.personId));
    return records.map((record) => {
      const person = people.get(record.personId);
      const status = periodStatus(record);
      return {
        id: record.id,
        personName: person?.name ?? '',
        documentType: person?.documentType ?? '',
        documentNumberMasked: person?.documentNumber ? maskDocumentNumber(person.documentNumber) : '',
        systems: systemsOf(record.systems),
        maintainInfo: record.maintainInfo,
        validFrom: record.validFrom,
        validTo: record.validTo,
        grantedAt: record.grantedAt.toISOString(),
        updatedAt: record.updatedAt.toISOString(),
        status,
        statusLabel: STATUS_LABELS[status].zh,
      };
    });
  }

  const eventDetail = (record: Pick<AuthorizationRecord, 'systems' | 'maintainInfo' | 'validFrom' | 'validTo'>): EventDetail => ({
    systems: systemsOf(record.systems),
    maintainInfo: record.maintainInfo,
    validFrom: record.validFrom,
    validTo: record.validTo,
  });

  /** Checks the request against what the organisation holds, then stores it and records the event, in one transaction. */
  async function save(organizationId: string, personId: string, input: GrantInput, expect: 'any' | 'existing'): Promise<AuthorizationView> {
    const systems = normalizeRequest(input.systems);
    const held = await store.heldSystems(organizationId);
    const problem = grantProblem({ ...input, systems }, held, await store.systemNames(systems.map((s) => s.key)));
    if (problem) {
      // A system the organisation entered and waits for the approval of: 待业务系统审核, not "enter once".
      if (problem.code === 'SYSTEM_NOT_HELD') {
        const pending = await pendingSystemNames(platform.db, organizationId, systems.filter((s) => s.roles.length > 0).map((s) => s.key));
        const [name] = [...pending.values()];
        if (name !== undefined) throw new AppError('HOLDING_PENDING', 400, { system: name });
      }
      const { code, ...params } = problem;
      throw new AppError(code, 400, params);
    }
    const roles = systems.flatMap(({ key, roles: codes }) => codes.map((roleCode) => ({ systemId: held.find((h) => h.key === key)!.id, roleCode })));
    const who = await actor(organizationId);
    const saved = await platform.db.transaction(async (tx) => {
      if (expect === 'existing' && !(await store.find(organizationId, personId, tx))) throw new AppError('AUTHORIZATION_NOT_FOUND', 404);
      const { id, existed } = await store.save(tx, organizationId, personId, { ...input, roles });
      const record = (await store.findById(organizationId, id, tx))!;
      await store.addEvent(tx, { organizationId, personId, action: existed ? 'change' : 'grant', detail: eventDetail(record), actor: who });
      return record;
    });
    return (await views([saved]))[0]!;
  }

  return {
    heldSystems: async (organizationId: string) => (await store.heldSystems(organizationId)).map(({ key, name, roles }) => ({ key, name, roles })),

    /**
     * 授权操作's search (FAQ 10.3): the verified natural person with exactly this real name and
     * document number, whatever the document's type; and what this organisation granted them.
     */
    async search(organizationId: string, name: string, documentNumber: string) {
      const hashes = DOCUMENT_TYPES.map((type) => platform.cipher.lookupHash('document', documentKey(type.value, documentNumber)));
      const person = await store.findVerifiedPerson(name.trim(), hashes);
      if (!person) throw new AppError('PERSON_NOT_FOUND', 404);
      const existing = await store.find(organizationId, person.personId);
      return {
        person: { personId: person.personId, name: person.name, documentType: person.documentType, documentNumberMasked: maskDocumentNumber(person.documentNumber) },
        authorization: existing ? (await views([existing]))[0]! : null,
      };
    },

    /** Grants (or replaces) the person's roles; only a verified natural person can be authorised. */
    async grant(organizationId: string, personId: string, input: GrantInput): Promise<AuthorizationView> {
      const people = await store.people([personId]);
      const person = people.get(personId);
      const hashes = person ? DOCUMENT_TYPES.map((t) => platform.cipher.lookupHash('document', documentKey(t.value, person.documentNumber))) : [];
      if (!person || !(await store.findVerifiedPerson(person.name, hashes))) throw new AppError('PERSON_NOT_FOUND', 404);
      return save(organizationId, personId, input, 'any');
    },

    async change(organizationId: string, id: string, input: GrantInput): Promise<AuthorizationView> {
      const existing = await store.findById(organizationId, id);
      if (!existing) throw new AppError('AUTHORIZATION_NOT_FOUND', 404);
      return save(organizationId, existing.personId, input, 'existing');
    },

    async revoke(organizationId: string, id: string): Promise<void> {
      const who = await actor(organizationId);
      await platform.db.transaction(async (tx) => {
        const existing = await store.findById(organizationId, id, tx);
        if (!existing) throw new AppError('AUTHORIZATION_NOT_FOUND', 404);
        await store.remove(tx, id);
        await store.addEvent(tx, { organizationId, personId: existing.personId, action: 'revoke', detail: eventDetail(existing), actor: who });
      });
    },

    /** 授权用户管理: the organisation's authorisations, filtered by person name, system and status. */
    async list(organizationId: string, filter: { name?: string; system?: string; status?: AuthorizationStatus }): Promise<AuthorizationView[]> {
      const all = await views(await store.listForOrganization(organizationId));
      return all.filter(
        (view) =>
          (!filter.name || view.personName.includes(filter.name)) &&
          (!filter.system || view.systems.some((s) => s.key === filter.system)) &&
          (!filter.status || view.status === filter.status),
      );
    },

    async events(organizationId: string) {
      const rows = await store.listEvents(organizationId);
      const people = await store.people([...new Set(rows.map((r) => r.person_id))]);
      const labels = { grant: '授权', change: '修改授权', revoke: '撤销授权' } as const;
      return rows.map((row) => {
        const person = people.get(row.person_id);
        return {
          id: String(row.id),
          at: row.at.toISOString(),
          action: row.action,
          actionLabel: labels[row.action],
          personName: person?.name ?? '',
          documentNumberMasked: person?.documentNumber ? maskDocumentNumber(person.documentNumber) : '',
          actorName: row.actor_name,
          systems: row.detail.systems.map((s) => ({ name: s.name, roles: s.roles.map((r) => r.name) })),
          maintainInfo: row.detail.maintainInfo,
          validFrom: row.detail.validFrom,
          validTo: row.detail.validTo,
        };
      });
    },

    /** 法人(单位)授权办理情况: every organisation that authorised the person, with its status. */
    async delegations(personId: string) {
      const records = await store.listForPerson(personId);
      const representatives = await Promise.all(records.map((r) => accounts.loadIdentity(r.organizationId, 'legal_representative')));
      return records.map((record, index) => {
        const status = delegationStatus(record, record.organizationDisabled);
        return {
          organizationId: record.organizationId,
          organizationName: record.organizationName,
          legalRepresentativeName: representatives[index]?.name ?? '',
          grantedAt: record.grantedAt.toISOString(),
          systems: record.systems.map((s) => ({ name: s.name, roles: s.roles.map((r) => r.name) })),
          validTo: record.validTo,
          status,
          statusLabel: STATUS_LABELS[status].zh,
          canMaintainInfo: canMaintain(record),
        };
      });
    },

    /** The person may maintain the organisation's information; else 403 DELEGATION_CANNOT_MAINTAIN. */
    async requireMaintainer(personId: string, organizationId: string): Promise<{ accountId: string; name: string }> {
      const record = await store.delegation(personId, organizationId);
      if (!record || !canMaintain(record)) throw new AppError('DELEGATION_CANNOT_MAINTAIN', 403);
      const person = (await store.people([personId])).get(personId);
      return { accountId: personId, name: person?.name || (await actor(personId)).name };
    },

    /** The organisations the person may act for in the system now, and those whose authorisation lapsed. */
    async standing(personId: string, systemId: string): Promise<ActingStanding> {
      const standing: ActingStanding = { options: [], expired: [], suspended: [] };
      for (const record of await store.forPersonInSystem(personId, systemId)) {
        const status = delegationStatus(record, record.organizationDisabled);
        if (status === 'suspended') standing.suspended.push(record.organizationName);
        else if (status !== 'normal') standing.expired.push(record.organizationName);
        else standing.options.push(actingOption(record));
      }
      return standing;
    },

    /** The live authorisation of the person by this organisation in the system, as tokens carry it; undefined when it no longer counts. */
    async actingFor(personId: string, systemId: string, organizationId: string): Promise<ActingOption | undefined> {
      const record = await store.delegationInSystem(personId, systemId, organizationId);
      return record && isLive(record, record.organizationDisabled) ? actingOption(record) : undefined;
    },
  };
}

function actingOption(record: DelegationRecord): ActingOption {
  return {
    organizationId: record.organizationId,
    organizationName: record.organizationName,
    creditCode: record.creditCode,
    roles: record.systems.flatMap((s) => s.roles),
  };
}

/** 单位事项管理员 in some system, 维护法人(单位)信息, and the authorisation counts. */
function canMaintain(record: DelegationRecord): boolean {
  return (
    record.maintainInfo &&
    record.systems.some((s) => s.roles.some((r) => r.code === UNIT_ADMIN_ROLE)) &&
    isLive(record, record.organizationDisabled)
  );
}

export type AuthorizationService = ReturnType<typeof authorizationService>;
