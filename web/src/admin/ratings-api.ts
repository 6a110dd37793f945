/** The back office's calls for 评价管理 (src/matters/admin-routes.ts). */
import type { RatingsSummary } from '../../../src/matters/schemas.ts';
import { adminCall } from './admin-api.ts';

export type { RatingsSummary };

export interface RatingsFilter {
  system: string;
  itemCode: string;
}

const query = (filter: RatingsFilter) => new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== '')).toString();

export const fetchRatingsSummary = (filter: RatingsFilter) => adminCall<RatingsSummary>('GET', `/ratings?${query(filter)}`);
export const ratingsExportUrl = (filter: RatingsFilter) => `/api/admin/ratings/export?${query(filter)}`;
