import { performance } from 'node:perf_hooks';

/**
 * Where an import's time goes, summed per phase since the last reset (bench B1 prints
 * it). A few clock reads per batch of thousands of rows: negligible.
 */
export const importTimings: Record<string, number> = {};

export function resetImportTimings(): void {
  for (const k of Object.keys(importTimings)) delete importTimings[k];
}

export async function timed<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    importTimings[phase] = (importTimings[phase] ?? 0) + performance.now() - t0;
  }
}
