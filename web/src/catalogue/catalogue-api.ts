/** The catalogue endpoints as the pages use them; shapes and query rules come from src/catalogue. */
import { useCallback, useEffect, useState } from 'react';
import type { BrowseQuery, CatalogueFacets, FollowedItem, ServiceItemDetail, ServiceItemSummary } from '../../../src/catalogue/schemas.ts';
import { api, ApiError } from '../lib/api.ts';

export type { BrowseQuery, CatalogueFacets, FollowedItem, ServiceItemDetail, ServiceItemSummary };

export function fetchItems(query: BrowseQuery): Promise<{ items: ServiceItemSummary[] }> {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return api('GET', `/api/catalogue/items${search ? `?${search}` : ''}`);
}

export const fetchFacets = () => api<CatalogueFacets>('GET', '/api/catalogue/facets');
export const fetchItem = (code: string) => api<ServiceItemDetail>('GET', `/api/catalogue/items/${encodeURIComponent(code)}`);
export const fetchFollows = () => api<{ items: FollowedItem[] }>('GET', '/api/me/follows');

export function setFollowed(code: string, follow: boolean): Promise<{ code: string; followed: boolean }> {
  return api(follow ? 'POST' : 'DELETE', `/api/catalogue/items/${encodeURIComponent(code)}/follow`);
}

/**
 * Loads once and again whenever a key changes (e.g. the query, or who is logged in);
 * an answer that arrives after a newer request started is dropped.
 */
export function useLoaded<T>(load: () => Promise<T>, keys: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const run = useCallback(load, keys);
  useEffect(() => {
    let current = true;
    setLoading(true);
    run()
      .then((value) => current && (setData(value), setError(undefined)))
      .catch((reason: unknown) => current && setError(reason instanceof ApiError ? reason : new ApiError(0, {})))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [run, version]);
  return { data, setData, error, loading, reload: () => setVersion((v) => v + 1) };
}
