/**
 * Pure rules of the service catalogue (服务事项), shared by the server and the portal:
 * the four categories and the audiences with their labels, how browsing 按用户 matches an
 * item's audience, the shape of a 事项编码, and how a search text becomes a pattern.
 * Sources: SPEC.md §7; seeds platform-faq.md (服务事项 list), foreigner-work-system-login-quickstart.md.
 */

export interface Label {
  zh: string;
  en: string;
}

/** The four kinds of service of the home page (四类服务), in the seed's order. */
export const CATEGORIES = [
  { code: 'administrative_licensing', zh: '行政许可', en: 'Administrative licensing' },
  { code: 'innovation_services', zh: '科技创新与服务', en: 'Innovation and services' },
  { code: 'programmes_funding', zh: '科技计划与经费', en: 'Programmes and funding' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly ({ code: string } & Label)[];

export type CategoryCode = (typeof CATEGORIES)[number]['code'];
export const CATEGORY_CODES = CATEGORIES.map((c) => c.code) as [CategoryCode, ...CategoryCode[]];

/** Who handles an item: natural persons, legal persons (organisations), or both. */
export type ItemAudience = 'natural' | 'legal' | 'both';

export const AUDIENCE_LABELS: Record<ItemAudience, Label> = {
  natural: { zh: '自然人', en: 'Natural persons' },
  legal: { zh: '法人单位', en: 'Organisations' },
  both: { zh: '自然人、法人单位', en: 'Natural persons and organisations' },
};

/** 按用户 offers the two kinds of user; an item for both shows under each. */
export const BROWSE_AUDIENCES = ['natural', 'legal'] as const;
export type BrowseAudience = (typeof BROWSE_AUDIENCES)[number];

/** The stored audiences an item may have to show when browsing for this kind of user. */
export function audiencesServing(user: BrowseAudience): ItemAudience[] {
  return [user, 'both'];
}

export function servesAudience(item: ItemAudience, user: BrowseAudience): boolean {
  return audiencesServing(user).includes(item);
}

/** Counts per stored audience become counts per kind of user (an item for both counts twice). */
export function audienceCounts(stored: Partial<Record<ItemAudience, number>>): Record<BrowseAudience, number> {
  const both = stored.both ?? 0;
  return { natural: (stored.natural ?? 0) + both, legal: (stored.legal ?? 0) + both };
}

export function categoryLabel(code: string): Label {
  return CATEGORIES.find((c) => c.code === code) ?? { zh: code, en: code };
}

/** The usual guide sections (服务指南 tabs of the seed); an item keeps its own order and may add others. */
export const GUIDE_SECTION_TITLES = ['服务指南', '设定依据', '申请条件', '办理材料', '办理流程', '收费标准', '办理时限', '联系方式', '常见问题'] as const;

export interface GuideSection {
  title: string;
  text: string;
}

/** 事项编码: twelve digits, e.g. 000106003000; sub-items change the last three. */
export const ITEM_CODE_PATTERN = /^\d{12}$/;
export const isItemCode = (value: string): boolean => ITEM_CODE_PATTERN.test(value);

export const SEARCH_MAX_LENGTH = 50;
export const DEPARTMENT_MAX_LENGTH = 60;

/** Blanks at the ends dropped, runs of blanks (also full-width ones) made one; '' means no search. */
export function normalizeSearch(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

/** A case-insensitive LIKE pattern matching the text anywhere, its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Splits a text around the matches of the search text, so the portal can mark them (查询结果). */
export function markMatches(text: string, search: string): { text: string; match: boolean }[] {
  const needle = normalizeSearch(search).toLowerCase();
  if (!needle) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const haystack = text.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** 办理入口: the platform's entry endpoint, which runs the entry checks and signs the user into the system. */
export function entryPath(systemKey: string): string {
  return `/sso/enter/${encodeURIComponent(systemKey)}`;
}
