import { apiFetch } from '../../api/client';
import type { AreaChildren, AreaDetail, AreaSearchResult } from './areas.types';

// Reference data changes once a year: keep what was fetched for this page session so
// going back up the tree is instant. (The service worker keeps it across sessions.)
const cache = new Map<string, Promise<unknown>>();

function cached<T>(path: string): Promise<T> {
  let hit = cache.get(path) as Promise<T> | undefined;
  if (!hit) {
    hit = apiFetch<T>(path);
    cache.set(path, hit);
    hit.catch(() => cache.delete(path)); // never keep a failure
  }
  return hit;
}

/** Villages are the leaves of the tree: `PP.KK.CC.NNNN`. */
export function isVillageCode(code: string): boolean {
  return code.split('.').length === 4;
}

/** The 38 provinces (`code` null) or the children of an area, with the area itself. */
export function fetchChildren(code: string | null): Promise<AreaChildren> {
  return cached(code ? `/api/v1/areas?parent=${encodeURIComponent(code)}` : '/api/v1/areas');
}

export function fetchArea(code: string): Promise<AreaDetail> {
  return cached(`/api/v1/areas/${encodeURIComponent(code)}`);
}

export async function searchAreas(q: string, signal?: AbortSignal): Promise<AreaSearchResult[]> {
  const params = new URLSearchParams({ q, limit: '20' });
  const body = await apiFetch<{ items: AreaSearchResult[] }>(`/api/v1/areas/search?${params}`, { signal });
  return body.items;
}
