/**
 * Which rollup tables and rows an area reads (ARCHITECTURE.md decision 8). Nasional reads
 * the province-level twins (38 provinces), provinsi the regency-level twins of its
 * regencies, kab/kota and below the village-level rollups of one regency (its
 * primary-key prefix). `child` is the SQL
 * expression giving the child area's code of a rollup row (drill-down one level down).
 */
export interface Slice {
  area: string;
  /** '' (village-level tables), '_regency' or '_province' (twins; a province twin's regency_code is the province). */
  suffix: '' | '_regency' | '_province';
  /** Predicate on alias r; parameters start at $1. */
  where: string;
  params: unknown[];
  /** The child's code of row r, or null at village level (no children). */
  child: string | null;
}

export function sliceOf(area: string): Slice {
  if (area === 'ID') return { area, suffix: '_province', where: 'TRUE', params: [], child: 'r.regency_code' };
  const depth = area.split('.').length;
  if (depth === 1) return { area, suffix: '_regency', where: 'r.regency_code LIKE $1', params: [`${area}.%`], child: 'r.regency_code' };
  if (depth === 2) return { area, suffix: '', where: 'r.regency_code = $1', params: [area], child: 'left(r.village_code, 8)' };
  if (depth === 3) return { area, suffix: '', where: 'r.regency_code = $1 AND r.village_code LIKE $2', params: [area.slice(0, 5), `${area}.%`], child: 'r.village_code' };
  return { area, suffix: '', where: 'r.regency_code = $1 AND r.village_code = $2', params: [area.slice(0, 5), area], child: null };
}

/** `sql` with the slice's predicate, its own extra parameters numbered after the slice's. */
export function withParams(s: Slice, extra: unknown[]): { params: unknown[]; p: (i: number) => string } {
  return { params: [...s.params, ...extra], p: (i: number) => `$${s.params.length + i}` };
}
