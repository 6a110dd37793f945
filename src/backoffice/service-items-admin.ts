/**
 * Operators register service items (服务事项, SPEC §7 and §9): every item, enabled or not,
 * create, change, enable / disable. An item names its business system by key and its parent
 * by 事项编码; sub-items sit one level below a top-level item. Every write is audited.
 */
import type { CategoryCode, GuideSection, ItemAudience } from '../catalogue/rules.ts';
import { catalogueStore, type BackOfficeItemRow, type ServiceItemRecord } from '../catalogue/store.ts';
import { AppError, uniqueViolationsAs } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { systemsStore } from '../sso/systems-store.ts';
import { recordAudit } from './audit.ts';
import type { ServiceItemInput } from './schemas.ts';

export interface ServiceItemView {
  id: string;
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  /** The business system its 办理入口 enters, whether that system is enabled or not. */
  system: { key: string; name: string; enabled: boolean } | null;
  parent: { code: string; name: string } | null;
  guide: GuideSection[];
  sortOrder: number;
  enabled: boolean;
}

export function toItemView(row: BackOfficeItemRow): ServiceItemView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    department: row.department,
    category: row.category,
    audience: row.audience,
    system: row.system_key ? { key: row.system_key, name: row.system_name ?? '', enabled: row.system_enabled ?? false } : null,
    parent: row.parent_code ? { code: row.parent_code, name: row.parent_name ?? '' } : null,
    guide: row.guide,
    sortOrder: row.sort_order,
    enabled: row.enabled,
  };
}

/** A code taken by a concurrent save reads as the same message as the pre-check. */
const translateUniqueViolation = <T>(work: () => Promise<T>) => uniqueViolationsAs({ service_items_code_key: 'ITEM_CODE_TAKEN' }, work);

/** The names of the fields that differ, for the audit log. */
function changedFields(before: ServiceItemView, after: ServiceItemInput): string[] {
  const old: Record<string, unknown> = { ...before, systemKey: before.system?.key ?? null, parentCode: before.parent?.code ?? null };
  return Object.entries(after)
    .filter(([key, value]) => JSON.stringify(old[key]) !== JSON.stringify(value))
    .map(([key]) => key);
}

export function serviceItemsAdmin(platform: Platform) {
  const items = catalogueStore(platform.db);
  const systems = systemsStore(platform.db, platform.cipher);

  async function found(id: string, tx: Db = platform.db): Promise<ServiceItemView> {
    const row = await items.findForBackOffice({ id }, tx);
    if (!row) throw new AppError('ITEM_NOT_FOUND', 404);
    return toItemView(row);
  }

  /** The input with its system and parent as ids, after the checks that need the database (`self`: the item being changed). */
  async function resolve(input: ServiceItemInput, self?: string): Promise<ServiceItemRecord> {
    const sameCode = await items.findForBackOffice({ code: input.code });
    if (sameCode && sameCode.id !== self) throw new AppError('ITEM_CODE_TAKEN', 409);
    const system = input.systemKey ? await systems.findByKey(input.systemKey) : undefined;
    if (input.systemKey && !system) throw new AppError('ITEM_SYSTEM_NOT_FOUND', 400);
    const parent = input.parentCode ? await items.findForBackOffice({ code: input.parentCode }) : undefined;
    if (input.parentCode && !parent) throw new AppError('ITEM_PARENT_NOT_FOUND', 400);
    if (parent && parent.id === self) throw new AppError('ITEM_PARENT_SELF', 400);
    if (parent?.parent_id) throw new AppError('ITEM_PARENT_NOT_TOP', 400);
    if (parent && self && (await items.hasSubItems(self))) throw new AppError('ITEM_HAS_SUB_ITEMS', 400);
    const { systemKey: _key, parentCode: _code, ...fields } = input;
    return { ...fields, systemId: system?.id ?? null, parentId: parent?.id ?? null };
  }

  return {
    async list(): Promise<ServiceItemView[]> {
      return (await items.listForBackOffice()).map(toItemView);
    },

    detail: (id: string) => found(id),

    async create(ctx: StaffContext, input: ServiceItemInput): Promise<ServiceItemView> {
      const record = await resolve(input);
      return translateUniqueViolation(() =>
        platform.db.transaction(async (tx) => {
          const id = await items.insertItem(record, tx);
          await recordAudit(tx, { staff: ctx.staff, action: 'item.create', target: { type: 'item', id }, detail: { code: input.code, name: input.name }, ip: ctx.ip });
          return found(id, tx);
        }),
      );
    },

    async update(ctx: StaffContext, id: string, input: ServiceItemInput): Promise<ServiceItemView> {
      const before = await found(id);
      const record = await resolve(input, id);
      return translateUniqueViolation(() =>
        platform.db.transaction(async (tx) => {
          if (!(await items.updateItem(id, record, tx))) throw new AppError('ITEM_NOT_FOUND', 404);
          const changed = changedFields(before, input);
          await recordAudit(tx, { staff: ctx.staff, action: 'item.update', target: { type: 'item', id }, detail: { code: input.code, changed: changed.join(', ') }, ip: ctx.ip });
          return found(id, tx);
        }),
      );
    },

    async setEnabled(ctx: StaffContext, id: string, enabled: boolean): Promise<ServiceItemView> {
      return platform.db.transaction(async (tx) => {
        if (!(await items.setItemEnabled(id, enabled, tx))) throw new AppError('ITEM_NOT_FOUND', 404);
        const item = await found(id, tx);
        await recordAudit(tx, { staff: ctx.staff, action: enabled ? 'item.enable' : 'item.disable', target: { type: 'item', id }, detail: { code: item.code }, ip: ctx.ip });
        return item;
      });
    },
  };
}
