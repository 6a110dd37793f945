/** Use cases of the service catalogue: browse and search, one item with its guide, facets, follows. */
import type { Session } from '../platform/http/sessions.ts';
import { AppError } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import { CATEGORIES, audienceCounts, audiencesServing, containsPattern, type BrowseAudience, type ItemAudience } from './rules.ts';
import type { BrowseQuery, CatalogueFacets, FollowedItem, ItemSystem, PopularItem, RecentItem, ServiceItemDetail, ServiceItemSummary } from './schemas.ts';
import { catalogueStore, type ServiceItemRow } from './store.ts';

/** 热门服务 counts who opened an item within this window, and shows this many. */
export const POPULAR_WINDOW_DAYS = 30;
export const HOME_LIST_SIZE = 6;

const systemOf = (row: ServiceItemRow): ItemSystem | null => (row.system_key ? { key: row.system_key, name: row.system_name ?? '' } : null);
/** What the home page's lists show of an item. */
const summaryOf = (row: ServiceItemRow) => ({ code: row.code, name: row.name, department: row.department, category: row.category, system: systemOf(row) });

export function catalogueService(db: Db) {
  const store = catalogueStore(db);

  /** Whether the session's account follows each item; null for everyone when nobody is logged in. */
  async function followedFlags(session: Session | null, ids: string[]): Promise<(id: string) => boolean | null> {
    if (!session) return () => null;
    const followed = await store.followedAmong(session.accountId, ids);
    return (id) => followed.has(id);
  }

  async function itemOrNotFound(code: string): Promise<ServiceItemRow> {
    const row = await store.findByCode(code);
    if (!row) throw new AppError('SERVICE_ITEM_NOT_FOUND', 404, { code });
    return row;
  }

  return {
    /** 按用户 / 按类别 / 按主办单位 and 您要办理什么业务，试着检索一下: every given filter applies. */
    async browse(query: BrowseQuery, session: Session | null): Promise<ServiceItemSummary[]> {
      const rows = await store.list({
        audiences: query.audience ? audiencesServing(query.audience) : undefined,
        category: query.category,
        department: query.department || undefined,
        pattern: query.q ? containsPattern(query.q) : undefined,
      });
      const ids = rows.map((r) => r.id);
      const subs = await store.subItemsOf(ids);
      const followed = await followedFlags(session, ids);
      return rows.map((row) => ({
        code: row.code,
        name: row.name,
        department: row.department,
        category: row.category,
        audience: row.audience,
        system: systemOf(row),
        sections: row.guide.map((s) => s.title),
        subItems: subs.filter((s) => s.parent_id === row.id).map((s) => ({ code: s.code, name: s.name })),
        followed: followed(row.id),
      }));
    },

    /** One item (or sub-item) with its guide, its sub-items and, for a sub-item, its parent. */
    async item(code: string, session: Session | null): Promise<ServiceItemDetail> {
      const row = await itemOrNotFound(code);
      const [subs, parent, followed] = await Promise.all([
        store.subItemsOf([row.id]),
        row.parent_id ? store.findById(row.parent_id) : undefined,
        followedFlags(session, [row.id]),
        // 最近使用 and 热门服务 are made of these visits.
        session ? store.recordVisit(session.accountId, row.id) : undefined,
      ]);
      return {
        code: row.code,
        name: row.name,
        department: row.department,
        category: row.category,
        audience: row.audience,
        system: systemOf(row),
        guide: row.guide,
        subItems: subs.map((s) => ({ code: s.code, name: s.name, audience: s.audience, system: systemOf(s) })),
        parent: parent ? { code: parent.code, name: parent.name } : null,
        followed: followed(row.id),
      };
    },

    async facets(): Promise<CatalogueFacets> {
      const counts = await store.counts();
      const of = (dimension: string) => counts.filter((c) => c.dimension === dimension);
      const byCategory = new Map(of('category').map((c) => [c.value, c.count]));
      const stored = Object.fromEntries(of('audience').map((c) => [c.value, c.count])) as Partial<Record<ItemAudience, number>>;
      const audiences = audienceCounts(stored);
      return {
        total: of('category').reduce((sum, c) => sum + c.count, 0),
        // Every category shows, an empty one with 0: the home page lists all four.
        categories: CATEGORIES.map((c) => ({ code: c.code, count: byCategory.get(c.code) ?? 0 })),
        departments: of('department').map((c) => ({ name: c.value, count: c.count })),
        audiences: (Object.keys(audiences) as BrowseAudience[]).map((code) => ({ code, count: audiences[code] })),
      };
    },

    async follow(code: string, session: Session): Promise<{ code: string; followed: true }> {
      const row = await itemOrNotFound(code);
      await store.follow(session.accountId, row.id);
      return { code: row.code, followed: true };
    },

    async unfollow(code: string, session: Session): Promise<{ code: string; followed: false }> {
      const row = await itemOrNotFound(code);
      await store.unfollow(session.accountId, row.id);
      return { code: row.code, followed: false };
    },

    /** 热门服务: the items most followed and most opened lately. */
    async popular(now: Date = new Date()): Promise<PopularItem[]> {
      const since = new Date(now.getTime() - POPULAR_WINDOW_DAYS * 24 * 60 * 60 * 1000);
      const rows = await store.popular(since, HOME_LIST_SIZE);
      return rows.map((row) => ({
        ...summaryOf(row),
        followers: row.followers,
        visitors: row.visitors,
      }));
    },

    /** 最近使用: the items the account opened, the latest first. */
    async recent(session: Session): Promise<RecentItem[]> {
      const rows = await store.recentOf(session.accountId, HOME_LIST_SIZE);
      return rows.map((row) => ({
        ...summaryOf(row),
        visitedAt: new Date(row.visited_at).toISOString(),
      }));
    },

    /** 我的关注 */
    async follows(session: Session): Promise<FollowedItem[]> {
      const rows = await store.followsOf(session.accountId);
      return rows.map((row) => ({
        code: row.code,
        name: row.name,
        department: row.department,
        category: row.category,
        system: systemOf(row),
        followedAt: new Date(row.followed_at).toISOString(),
      }));
    },
  };
}
