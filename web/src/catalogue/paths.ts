/** Portal paths of the catalogue; the item page stays clear of /services/entry/… (办理入口 pages). */
export const SERVICES_PATH = '/services';
export const FOLLOWS_PATH = '/online/follows';

export function itemPath(code: string, section?: string): string {
  return `/services/item/${encodeURIComponent(code)}${section ? `?section=${encodeURIComponent(section)}` : ''}`;
}
