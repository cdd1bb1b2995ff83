import { apiFetch } from '../../api/client';
import type { AreaChildren, AreaDetail, AreaLevel, AreaSearchResult } from './areas.types';

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

/**
 * Area search limited to some areas (`within`, e.g. the user's grants or the areas
 * where a role may be granted) and levels. One request per area, merged; null
 * `within` (or 'ID') searches all of Indonesia.
 */
export async function searchAreasWithin(
  q: string,
  opts: { within: readonly string[] | null; levels: readonly AreaLevel[] | null },
  signal?: AbortSignal,
): Promise<AreaSearchResult[]> {
  const level = opts.levels?.length === 1 ? opts.levels[0] : undefined;
  const scopes = !opts.within || opts.within.includes('ID') ? [null] : [...new Set(opts.within)];
  const answers = await Promise.all(
    scopes.map((within) => {
      const params = new URLSearchParams({ q, limit: '20' });
      if (level) params.set('level', level);
      if (within) params.set('within', within);
      return apiFetch<{ items: AreaSearchResult[] }>(`/api/v1/areas/search?${params}`, { signal });
    }),
  );
  const seen = new Set<string>();
  return answers
    .flatMap((a) => a.items)
    .filter((area) => {
      if (seen.has(area.code)) return false;
      seen.add(area.code);
      return !opts.levels || opts.levels.includes(area.level);
    });
}
