/**
 * Operators register business systems (业务系统, SPEC §9): list, view, create, change,
 * enable / disable, and a new OIDC client secret. The platform makes the secret; it is
 * answered once (create, regenerate, a client added) and never listed, logged or audited.
 * Every write is audited and told to sign-on (systemsChanged), so it applies at once.
 */
import { randomBytes } from 'node:crypto';
import { AppError, uniqueViolationsAs } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { systemsChanged } from '../sso/oidc/provider.ts';
import { systemsStore, type BusinessSystem, type SystemChanges } from '../sso/systems-store.ts';
import { recordAudit } from './audit.ts';
import type { BusinessSystemInput } from './schemas.ts';

/** 32 random bytes: 43 characters of base64url, far beyond guessing. */
export const CLIENT_SECRET_BYTES = 32;
export const newClientSecret = () => randomBytes(CLIENT_SECRET_BYTES).toString('base64url');

/** A business system as the back office shows it: whether a client secret is set, never the secret. */
export interface SystemView extends Omit<BusinessSystem, 'oidc'> {
  oidc: (Omit<NonNullable<BusinessSystem['oidc']>, 'clientSecret'> & { hasSecret: boolean }) | null;
}

/** A write's answer; clientSecret only when one was just made (shown once). */
export interface SystemWrite {
  system: SystemView;
  clientSecret?: string;
}

export function toSystemView(system: BusinessSystem): SystemView {
  const { oidc, ...rest } = system;
  if (!oidc) return { ...rest, oidc: null };
  const { clientSecret, ...client } = oidc;
  return { ...rest, oidc: { ...client, hasSecret: clientSecret !== '' } };
}

const CONSTRAINT_ERRORS = {
  business_systems_key_key: 'SYSTEM_KEY_TAKEN',
  business_systems_oidc_client_id_key: 'OIDC_CLIENT_ID_TAKEN',
} as const;

/** A uniqueness race lost to another operator reads as the same message as the pre-check. */
const translateUniqueViolation = <T>(work: () => Promise<T>) => uniqueViolationsAs(CONSTRAINT_ERRORS, work);

/** The fields that differ, by name (oidc.redirectUris ...), for the audit log. */
function changedFields(before: BusinessSystem, after: SystemChanges): string[] {
  const old: Record<string, unknown> = { ...before, oidc: before.oidc && { ...before.oidc, clientSecret: undefined } };
  const next: Record<string, unknown> = { ...after };
  const fields: string[] = [];
  for (const key of Object.keys(next)) {
    if (key === 'oidc' && old.oidc && next.oidc) {
      for (const sub of Object.keys(next.oidc as object)) {
        if (JSON.stringify((old.oidc as Record<string, unknown>)[sub]) !== JSON.stringify((next.oidc as Record<string, unknown>)[sub])) fields.push(`oidc.${sub}`);
      }
    } else if (JSON.stringify(old[key]) !== JSON.stringify(next[key])) fields.push(key);
  }
  return fields;
}

const toChanges = (input: BusinessSystemInput): SystemChanges => ({ ...input, oidc: input.oidc && { ...input.oidc } });

export function systemsAdmin(platform: Platform) {
  const systems = systemsStore(platform.db, platform.cipher);

  async function found(id: string, tx: Db = platform.db): Promise<BusinessSystem> {
    const system = await systems.findById(id, tx);
    if (!system) throw new AppError('SYSTEM_NOT_FOUND', 404);
    return system;
  }

  /** Key, client id and CAS prefix belong to one system each (another than `self`). */
  async function assertUnique(input: BusinessSystemInput, self?: string): Promise<void> {
    const byKey = await systems.findByKey(input.key);
    if (byKey && byKey.id !== self) throw new AppError('SYSTEM_KEY_TAKEN', 409);
    const byClient = input.oidc ? await systems.findByClientId(input.oidc.clientId) : undefined;
    if (byClient && byClient.id !== self) throw new AppError('OIDC_CLIENT_ID_TAKEN', 409);
    const byPrefix = input.casServicePrefix ? await systems.findByCasPrefix(input.casServicePrefix) : undefined;
    if (byPrefix && byPrefix.id !== self) throw new AppError('CAS_PREFIX_TAKEN', 409);
  }

  /** The write, its audit row in the same transaction, then sign-on told. */
  async function write(work: (tx: Db) => Promise<SystemWrite>): Promise<SystemWrite> {
    const result = await translateUniqueViolation(() => platform.db.transaction(work));
    systemsChanged(platform);
    return result;
  }

  return {
    async list(): Promise<SystemView[]> {
      return (await systems.list()).map(toSystemView);
    },

    async detail(id: string): Promise<SystemView> {
      return toSystemView(await found(id));
    },

    async create(ctx: StaffContext, input: BusinessSystemInput): Promise<SystemWrite> {
      await assertUnique(input);
      const clientSecret = input.oidc ? newClientSecret() : undefined;
      return write(async (tx) => {
        const created = await systems.create({ ...input, oidc: input.oidc && { ...input.oidc, clientSecret: clientSecret ?? '' }, enabled: true }, tx);
        await recordAudit(tx, { staff: ctx.staff, action: 'system.create', target: { type: 'system', id: created.id }, detail: { key: created.key, name: created.name }, ip: ctx.ip });
        return { system: toSystemView(created), ...(clientSecret ? { clientSecret } : {}) };
      });
    },

    /** A system given an OIDC client it did not have gets a new secret, answered once. */
    async update(ctx: StaffContext, id: string, input: BusinessSystemInput): Promise<SystemWrite> {
      const before = await found(id);
      await assertUnique(input, id);
      const changes = toChanges(input);
      const clientSecret = input.oidc && !before.oidc?.clientSecret ? newClientSecret() : undefined;
      return write(async (tx) => {
        let updated = await systems.update(id, changes, tx);
        if (!updated) throw new AppError('SYSTEM_NOT_FOUND', 404);
        if (clientSecret) updated = (await systems.setClientSecret(id, clientSecret, tx)) ?? updated;
        const changed = changedFields(before, changes);
        await recordAudit(tx, { staff: ctx.staff, action: 'system.update', target: { type: 'system', id }, detail: { key: updated.key, changed: changed.join(', ') }, ip: ctx.ip });
        return { system: toSystemView(updated), ...(clientSecret ? { clientSecret } : {}) };
      });
    },

    async setEnabled(ctx: StaffContext, id: string, enabled: boolean): Promise<SystemWrite> {
      return write(async (tx) => {
        const updated = await systems.setEnabled(id, enabled, tx);
        if (!updated) throw new AppError('SYSTEM_NOT_FOUND', 404);
        await recordAudit(tx, { staff: ctx.staff, action: enabled ? 'system.enable' : 'system.disable', target: { type: 'system', id }, detail: { key: updated.key }, ip: ctx.ip });
        return { system: toSystemView(updated) };
      });
    },

    /** A new client secret; the old one stops working at once. */
    async regenerateSecret(ctx: StaffContext, id: string): Promise<SystemWrite> {
      const clientSecret = newClientSecret();
      return write(async (tx) => {
        const system = await found(id, tx);
        if (!system.oidc) throw new AppError('SYSTEM_NO_OIDC_CLIENT', 409);
        const updated = await systems.setClientSecret(id, clientSecret, tx);
        if (!updated) throw new AppError('SYSTEM_NO_OIDC_CLIENT', 409);
        await recordAudit(tx, { staff: ctx.staff, action: 'system.secret', target: { type: 'system', id }, detail: { key: updated.key, clientId: system.oidc.clientId }, ip: ctx.ip });
        return { system: toSystemView(updated), clientSecret };
      });
    },
  };
}
