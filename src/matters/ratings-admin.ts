/** The back office's view of 我的评价: counts per grade by system and by item, the latest ratings, a CSV export. */
import { csvCell } from '../backoffice/audit.ts';
import type { Platform } from '../platform/platform.ts';
import { MATTER_LIMITS, gradeCounts, type RatingGrade } from './rules.ts';
import type { RatingsSummary } from './schemas.ts';
import { ratingView } from './service.ts';
import { mattersStore } from './store.ts';

export interface RatingsFilter {
  systemKey?: string;
  itemCode?: string;
}

/** How many of the latest ratings the page shows. */
const LATEST_SHOWN = 200;

const CSV_HEADER = ['业务系统', '事项编码', '事项名称', '办件标题', '评价', '评价内容', '评价时间'];

export function ratingsAdmin(platform: Platform) {
  const store = mattersStore(platform.db);
  return {
    async summary(filter: RatingsFilter): Promise<RatingsSummary> {
      const counts = await store.gradeCounts(filter);
      const bySystem = new Map<string, { key: string; name: string; rows: { grade: RatingGrade; count: number }[] }>();
      const byItem = new Map<string, { code: string; name: string; systemName: string; rows: { grade: RatingGrade; count: number }[] }>();
      for (const row of counts) {
        const system = bySystem.get(row.system_key) ?? { key: row.system_key, name: row.system_name, rows: [] };
        system.rows.push(row);
        bySystem.set(row.system_key, system);
        const item = byItem.get(row.item_code) ?? { code: row.item_code, name: row.item_name, systemName: row.system_name, rows: [] };
        item.rows.push(row);
        byItem.set(row.item_code, item);
      }
      const total = (rows: { count: number }[]) => rows.reduce((sum, r) => sum + r.count, 0);
      return {
        bySystem: [...bySystem.values()].map(({ rows, ...s }) => ({ ...s, total: total(rows), counts: gradeCounts(rows) })),
        byItem: [...byItem.values()].map(({ rows, ...i }) => ({ ...i, total: total(rows), counts: gradeCounts(rows) })),
        ratings: (await store.ratings(filter, LATEST_SHOWN)).map(ratingView),
      };
    },

    async exportCsv(filter: RatingsFilter): Promise<{ csv: string; rows: number }> {
      const rows = await store.ratings(filter, MATTER_LIMITS.ratingsExportMax);
      const lines = [CSV_HEADER, ...rows.map((r) => [r.system_name, r.item_code, r.item_name, r.title, r.grade, r.comment, new Date(r.rated_at).toISOString()])];
      return { csv: `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`, rows: rows.length };
    },
  };
}
