/** The portal's calls for 我的事项, 我的评价, 我要办理 and 结果公示 (src/matters/routes.ts). */
import type { ApplyItem, MatterView, PublicResult, RatingInput, RatingView } from '../../../src/matters/schemas.ts';
import { api } from '../lib/api.ts';

export type { ApplyItem, MatterView, PublicResult, RatingView };

export const MATTERS_PATH = '/online/matters';
export const REVIEWS_PATH = '/online/reviews';
export const APPLY_PATH = '/online/apply';
export const RESULTS_PATH = '/results';

export const fetchMatters = () => api<{ matters: MatterView[] }>('GET', '/api/me/matters');
export const rateMatter = (id: string, rating: RatingInput) => api<RatingView>('POST', `/api/me/matters/${encodeURIComponent(id)}/rating`, rating);
export const fetchRatings = () => api<{ ratings: RatingView[] }>('GET', '/api/me/ratings');
export const fetchApplyItems = () => api<{ followed: ApplyItem[]; recent: ApplyItem[] }>('GET', '/api/me/apply');

export function fetchResults(query: { page: number; pageSize: number; q: string }) {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize), ...(query.q ? { q: query.q } : {}) });
  return api<{ rows: PublicResult[]; total: number }>('GET', `/api/results?${params}`);
}
