/**
 * What the catalogue's API accepts (zod, enforced by the server, used by the portal to build
 * queries) and what it answers (types only). Issue messages are error codes of the catalogue.
 */
import { z } from 'zod';
import {
  BROWSE_AUDIENCES,
  CATEGORY_CODES,
  DEPARTMENT_MAX_LENGTH,
  ITEM_CODE_PATTERN,
  SEARCH_MAX_LENGTH,
  normalizeSearch,
  type BrowseAudience,
  type CategoryCode,
  type GuideSection,
  type ItemAudience,
} from './rules.ts';

/** An empty query parameter (?category=) means no filter. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const browseQuerySchema = z.object({
  audience: optional(z.enum(BROWSE_AUDIENCES, { error: 'CATALOGUE_AUDIENCE_INVALID' })),
  category: optional(z.enum(CATEGORY_CODES, { error: 'CATALOGUE_CATEGORY_INVALID' })),
  department: optional(z.string().trim().max(DEPARTMENT_MAX_LENGTH, { error: 'CATALOGUE_DEPARTMENT_TOO_LONG' })),
  q: optional(z.string().transform(normalizeSearch).pipe(z.string().max(SEARCH_MAX_LENGTH, { error: 'CATALOGUE_SEARCH_TOO_LONG' }))),
});

export type BrowseQuery = z.infer<typeof browseQuerySchema>;

export const itemCodeParamsSchema = z.object({
  code: z.string().regex(ITEM_CODE_PATTERN, { error: 'ITEM_CODE_INVALID' }),
});

/** A system an item is handled in, for its 办理入口. */
export interface ItemSystem {
  key: string;
  name: string;
}

/** One row of the list (查询结果): enough for the card, the guide's titles without texts. */
export interface ServiceItemSummary {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  system: ItemSystem | null;
  sections: string[];
  subItems: { code: string; name: string }[];
  /** null when nobody is logged in. */
  followed: boolean | null;
}

export interface ServiceItemDetail extends Omit<ServiceItemSummary, 'sections' | 'subItems'> {
  guide: GuideSection[];
  subItems: { code: string; name: string; audience: ItemAudience; system: ItemSystem | null }[];
  parent: { code: string; name: string } | null;
}

export interface FollowedItem {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  system: ItemSystem | null;
  followedAt: string;
}

export interface CatalogueFacets {
  total: number;
  categories: { code: CategoryCode; count: number }[];
  departments: { name: string; count: number }[];
  audiences: { code: BrowseAudience; count: number }[];
}

/** 热门服务: an item with its measure (accounts following it, accounts that opened it lately). */
export interface PopularItem {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  system: ItemSystem | null;
  followers: number;
  visitors: number;
}

/** 最近使用: an item the signed-in account opened. */
export interface RecentItem {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  system: ItemSystem | null;
  visitedAt: string;
}
