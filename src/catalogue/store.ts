/** SQL of the service catalogue (服务事项) and of follows (我的关注) (migrations/011). */
import type { Db } from '../platform/db.ts';
import type { CategoryCode, GuideSection, ItemAudience } from './rules.ts';

export interface ServiceItemRow {
  id: string;
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  guide: GuideSection[];
  parent_id: string | null;
  /** The entered system, only while it is enabled. */
  system_key: string | null;
  system_name: string | null;
}

export interface ItemFilter {
  audiences?: ItemAudience[];
  category?: CategoryCode;
  department?: string;
  /** A LIKE pattern matched against name, code, department, system name and sub-items. */
  pattern?: string;
}

/** An item as the seed or an operator creates it; the system is named by its key. */
export interface NewServiceItem {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  systemKey: string | null;
  parentCode: string | null;
  guide: GuideSection[];
  sortOrder: number;
}

const ITEM_COLUMNS = `i.id, i.code, i.name, i.department, i.category, i.audience, i.guide, i.parent_id,
  s.key as system_key, s.name as system_name`;
const ITEMS_WITH_SYSTEM = 'service_items i left join business_systems s on s.id = i.system_id and s.enabled';
const SELECT_ITEM = `select ${ITEM_COLUMNS} from ${ITEMS_WITH_SYSTEM}`;

export function catalogueStore(db: Db) {
  return {
    /** Enabled top-level items matching every given filter, in catalogue order. */
    async list(filter: ItemFilter): Promise<ServiceItemRow[]> {
      return db.query<ServiceItemRow>(
        `${SELECT_ITEM}
         where i.parent_id is null and i.enabled
           and ($1::text[] is null or i.audience = any($1))
           and ($2::text is null or i.category = $2)
           and ($3::text is null or i.department = $3)
           and ($4::text is null or i.name ilike $4 or i.code ilike $4 or i.department ilike $4 or s.name ilike $4
                or exists (select 1 from service_items c
                           where c.parent_id = i.id and c.enabled and (c.name ilike $4 or c.code ilike $4)))
         order by i.sort_order, i.code`,
        [filter.audiences ?? null, filter.category ?? null, filter.department ?? null, filter.pattern ?? null],
      );
    },

    /** Enabled sub-items of these items, in order. */
    async subItemsOf(parentIds: string[]): Promise<ServiceItemRow[]> {
      if (!parentIds.length) return [];
      return db.query<ServiceItemRow>(`${SELECT_ITEM} where i.parent_id = any($1) and i.enabled order by i.sort_order, i.code`, [parentIds]);
    },

    async findByCode(code: string): Promise<ServiceItemRow | undefined> {
      const rows = await db.query<ServiceItemRow>(`${SELECT_ITEM} where i.code = $1 and i.enabled`, [code]);
      return rows[0];
    },

    async findById(id: string): Promise<ServiceItemRow | undefined> {
      const rows = await db.query<ServiceItemRow>(`${SELECT_ITEM} where i.id = $1 and i.enabled`, [id]);
      return rows[0];
    },

    /** Counts of enabled top-level items by category, department and stored audience. */
    async counts(): Promise<{ dimension: 'category' | 'department' | 'audience'; value: string; count: number }[]> {
      return db.query(
        `with top as (select * from service_items where parent_id is null and enabled)
         select 'category' as dimension, category as value, count(*)::int as count, min(sort_order) as first_order from top group by category
         union all
         select 'department', department, count(*)::int, min(sort_order) from top group by department
         union all
         select 'audience', audience, count(*)::int, min(sort_order) from top group by audience
         order by first_order, value`,
      );
    },

    /** Following twice is following once. */
    async follow(accountId: string, itemId: string): Promise<void> {
      await db.query('insert into item_follows (account_id, item_id) values ($1, $2) on conflict do nothing', [accountId, itemId]);
    },

    async unfollow(accountId: string, itemId: string): Promise<void> {
      await db.query('delete from item_follows where account_id = $1 and item_id = $2', [accountId, itemId]);
    },

    /** Which of these items the account follows. */
    async followedAmong(accountId: string, itemIds: string[]): Promise<Set<string>> {
      if (!itemIds.length) return new Set();
      const rows = await db.query<{ item_id: string }>('select item_id from item_follows where account_id = $1 and item_id = any($2)', [accountId, itemIds]);
      return new Set(rows.map((r) => r.item_id));
    },

    /** 我的关注: enabled items the account follows, the latest first. */
    async followsOf(accountId: string): Promise<(ServiceItemRow & { followed_at: Date })[]> {
      return db.query(
        `select ${ITEM_COLUMNS}, f.followed_at from ${ITEMS_WITH_SYSTEM} join item_follows f on f.item_id = i.id
         where f.account_id = $1 and i.enabled
         order by f.followed_at desc, i.code`,
        [accountId],
      );
    },

    /** Creates the item unless its code exists; false when it did. */
    async createIfMissing(item: NewServiceItem): Promise<boolean> {
      const rows = await db.query(
        `insert into service_items (code, name, department, category, audience, system_id, parent_id, guide, sort_order)
         values ($1, $2, $3, $4, $5,
                 (select id from business_systems where key = $6),
                 (select id from service_items where code = $7),
                 $8::jsonb, $9)
         on conflict (code) do nothing
         returning id`,
        [item.code, item.name, item.department, item.category, item.audience, item.systemKey, item.parentCode, JSON.stringify(item.guide), item.sortOrder],
      );
      return rows.length === 1;
    },

    // 首页: 热门服务 and 最近使用 (item_visits, migrations/024).

    /** Remembers that the account opened the item now (one row per account and item). */
    async recordVisit(accountId: string, itemId: string): Promise<void> {
      await db.query(
        `insert into item_visits (account_id, item_id) values ($1, $2)
         on conflict (account_id, item_id) do update set visited_at = now()`,
        [accountId, itemId],
      );
    },

    /** Enabled items the account opened, the latest first. */
    async recentOf(accountId: string, limit: number): Promise<(ServiceItemRow & { visited_at: Date })[]> {
      return db.query(
        `select ${ITEM_COLUMNS}, v.visited_at from ${ITEMS_WITH_SYSTEM} join item_visits v on v.item_id = i.id
         where v.account_id = $1 and i.enabled
         order by v.visited_at desc, i.code limit $2`,
        [accountId, limit],
      );
    },

    /**
     * Enabled top-level items by how many accounts follow them plus how many opened them (or
     * one of their sub-items) since `since`; items nobody followed or opened are not hot.
     */
    async popular(since: Date, limit: number): Promise<(ServiceItemRow & { followers: number; visitors: number })[]> {
      return db.query(
        `with followers as (select item_id, count(*)::int as n from item_follows group by item_id),
              visitors as (select coalesce(c.parent_id, c.id) as item_id, count(distinct v.account_id)::int as n
                           from item_visits v join service_items c on c.id = v.item_id
                           where v.visited_at >= $1 group by 1)
         select ${ITEM_COLUMNS}, coalesce(f.n, 0) as followers, coalesce(vi.n, 0) as visitors
         from ${ITEMS_WITH_SYSTEM}
         left join followers f on f.item_id = i.id
         left join visitors vi on vi.item_id = i.id
         where i.parent_id is null and i.enabled and coalesce(f.n, 0) + coalesce(vi.n, 0) > 0
         order by coalesce(f.n, 0) + coalesce(vi.n, 0) desc, i.sort_order, i.code
         limit $2`,
        [since, limit],
      );
    },

    // Back office (operators): every item, enabled or not, and the writes of src/backoffice/service-items-admin.ts.

    /** All items with their parent's code and their system (enabled or not), parents before their sub-items. */
    async listForBackOffice(): Promise<BackOfficeItemRow[]> {
      return db.query<BackOfficeItemRow>(
        `${SELECT_BACK_OFFICE_ITEM}
         order by coalesce(p.sort_order, i.sort_order), coalesce(p.code, i.code), i.parent_id nulls first, i.sort_order, i.code`,
      );
    },

    async findForBackOffice(by: { id: string } | { code: string }, tx: Db = db): Promise<BackOfficeItemRow | undefined> {
      const [column, value] = 'id' in by ? ['i.id', by.id] : ['i.code', by.code];
      const rows = await tx.query<BackOfficeItemRow>(`${SELECT_BACK_OFFICE_ITEM} where ${column} = $1`, [value]);
      return rows[0];
    },

    async hasSubItems(id: string, tx: Db = db): Promise<boolean> {
      return (await tx.query('select 1 from service_items where parent_id = $1 limit 1', [id])).length > 0;
    },

    /** A new item (enabled); returns its id. */
    async insertItem(item: ServiceItemRecord, tx: Db = db): Promise<string> {
      const rows = await tx.query<{ id: string }>(
        `insert into service_items (code, name, department, category, audience, system_id, parent_id, guide, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) returning id`,
        [item.code, item.name, item.department, item.category, item.audience, item.systemId, item.parentId, JSON.stringify(item.guide), item.sortOrder],
      );
      return (rows[0] as { id: string }).id;
    },

    /** Everything but enabled; false when no such item. */
    async updateItem(id: string, item: ServiceItemRecord, tx: Db = db): Promise<boolean> {
      const rows = await tx.query(
        `update service_items set code = $2, name = $3, department = $4, category = $5, audience = $6, system_id = $7, parent_id = $8,
           guide = $9::jsonb, sort_order = $10
         where id = $1 returning id`,
        [id, item.code, item.name, item.department, item.category, item.audience, item.systemId, item.parentId, JSON.stringify(item.guide), item.sortOrder],
      );
      return rows.length === 1;
    },

    async setItemEnabled(id: string, enabled: boolean, tx: Db = db): Promise<boolean> {
      return (await tx.query('update service_items set enabled = $2 where id = $1 returning id', [id, enabled])).length === 1;
    },
  };
}

/** An item as the back office sees it: disabled ones too, its system whatever the system's state. */
export interface BackOfficeItemRow {
  id: string;
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  guide: GuideSection[];
  sort_order: number;
  enabled: boolean;
  parent_id: string | null;
  parent_code: string | null;
  parent_name: string | null;
  system_key: string | null;
  system_name: string | null;
  system_enabled: boolean | null;
}

/** An item as an operator saves it, its system and parent resolved to ids. */
export interface ServiceItemRecord {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  systemId: string | null;
  parentId: string | null;
  guide: GuideSection[];
  sortOrder: number;
}

const SELECT_BACK_OFFICE_ITEM = `select i.id, i.code, i.name, i.department, i.category, i.audience, i.guide, i.sort_order, i.enabled, i.parent_id,
    p.code as parent_code, p.name as parent_name, s.key as system_key, s.name as system_name, s.enabled as system_enabled
  from service_items i
  left join service_items p on p.id = i.parent_id
  left join business_systems s on s.id = i.system_id`;

export type CatalogueStore = ReturnType<typeof catalogueStore>;
