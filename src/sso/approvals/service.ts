/**
 * Systems marked 单位需经系统审核 (requiresApproval, e.g. 外国人来华工作许可, 外国专家项目管理信息系统,
 * FAQ 五.1(2)) approve the organisations that hold them. An organisation entering such a system
 * is recorded as waiting (待业务系统审核); the system (system API, its own client-credentials
 * token) or an operator (back office) approves it, so it holds the system and can authorise
 * persons there, or withdraws the holding. Both idempotent, both audited.
 */
import { recordAudit } from '../../backoffice/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db.ts';
import type { Platform } from '../../platform/platform.ts';
import { systemsStore, type BusinessSystem } from '../systems-store.ts';

/** The state of an organisation's holding of a system: held, waiting for approval, or neither. */
export type HoldingState = 'held' | 'pending' | 'none';

export interface HoldingOutcome {
  organizationId: string;
  system: string;
  state: HoldingState;
  /** Whether this call changed the state (false: a repeat). */
  changed: boolean;
}

/** Who acts: a staff member, or a system (audited as system:<key>). */
export interface HoldingActor {
  id: string | null;
  loginName: string;
  ip: string;
}

export async function holdingState(db: Db, accountId: string, systemId: string): Promise<HoldingState> {
  const [row] = await db.query<{ held: boolean; pending: boolean }>(
    `select exists (select 1 from organization_systems where account_id = $1 and system_id = $2) as held,
            exists (select 1 from holding_requests where account_id = $1 and system_id = $2) as pending`,
    [accountId, systemId],
  );
  return row?.held ? 'held' : row?.pending ? 'pending' : 'none';
}

/** An organisation entered a system that approves organisations: it waits, unless it holds it already. */
export async function requestHolding(db: Db, accountId: string, systemId: string): Promise<void> {
  await db.query(
    `insert into holding_requests (account_id, system_id)
     select $1, $2 where not exists (select 1 from organization_systems where account_id = $1 and system_id = $2)
     on conflict do nothing`,
    [accountId, systemId],
  );
}

/** Names of the systems among these the organisation waits for (grant screens). */
export async function pendingSystemNames(db: Db, accountId: string, keys: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ key: string; name: string }>(
    `select s.key, s.name from holding_requests r join business_systems s on s.id = r.system_id where r.account_id = $1 and s.key = any($2)`,
    [accountId, keys],
  );
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** The systems the organisation waits for, by key and name. */
export async function pendingSystems(db: Db, accountId: string): Promise<{ key: string; name: string }[]> {
  return db.query<{ key: string; name: string }>(
    `select s.key, s.name from holding_requests r join business_systems s on s.id = r.system_id
     where r.account_id = $1 and s.enabled order by r.requested_at, s.name`,
    [accountId],
  );
}

/** The organisation account with this credit code (as stored: upper case), else 404. */
export async function organizationByCreditCode(db: Db, creditCode: string): Promise<{ id: string; name: string }> {
  const [row] = await db.query<{ id: string; name: string }>(
    `select a.id, o.name from organizations o join accounts a on a.id = o.account_id where o.code_key = $1`,
    [creditCode.toUpperCase()],
  );
  if (!row) throw new AppError('HOLDING_ORGANIZATION_NOT_FOUND', 404);
  return row;
}

export function approvalsService(platform: Platform) {
  const db = platform.db;

  async function change(actor: HoldingActor, organizationId: string, system: Pick<BusinessSystem, 'id' | 'key' | 'name' | 'requiresApproval'>, approve: boolean): Promise<HoldingOutcome> {
    if (!system.requiresApproval) throw new AppError('HOLDING_APPROVAL_NOT_REQUIRED', 409, { system: system.name });
    const changed = await db.transaction(async (tx) => {
      if (approve) {
        await tx.query('delete from holding_requests where account_id = $1 and system_id = $2', [organizationId, system.id]);
        const inserted = await tx.query(
          `insert into organization_systems (account_id, system_id, how) values ($1, $2, 'approved') on conflict do nothing returning 1`,
          [organizationId, system.id],
        );
        return inserted.length > 0;
      }
      const held = await tx.query('delete from organization_systems where account_id = $1 and system_id = $2 returning 1', [organizationId, system.id]);
      const pending = await tx.query('delete from holding_requests where account_id = $1 and system_id = $2 returning 1', [organizationId, system.id]);
      return held.length + pending.length > 0;
    });
    if (changed) {
      await recordAudit(db, {
        staff: { id: actor.id, loginName: actor.loginName },
        action: approve ? 'holding.approve' : 'holding.withdraw',
        target: { type: 'account', id: organizationId },
        detail: { system: system.key },
        ip: actor.ip,
      });
    }
    return { organizationId, system: system.key, state: approve ? 'held' : 'none', changed };
  }

  return {
    /** The system approves the organisation: it holds the system from now on. */
    approve: (actor: HoldingActor, organizationId: string, system: Pick<BusinessSystem, 'id' | 'key' | 'name' | 'requiresApproval'>) => change(actor, organizationId, system, true),
    /** The holding (or the waiting) ends; grants in the system can no longer be made. */
    withdraw: (actor: HoldingActor, organizationId: string, system: Pick<BusinessSystem, 'id' | 'key' | 'name' | 'requiresApproval'>) => change(actor, organizationId, system, false),
    async systemByKey(key: string) {
      const system = await systemsStore(db, platform.cipher).findByKey(key);
      if (!system) throw new AppError('SYSTEM_NOT_FOUND', 404);
      return system;
    },
  };
}
