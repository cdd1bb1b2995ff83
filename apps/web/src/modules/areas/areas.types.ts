// Shapes of the `/api/v1/areas` answers. When packages/domain exports the zod schemas
// for areas, replace these with `z.infer` types imported from there (types only, so the
// schemas stay out of the web bundle).

export type AreaLevel = 'province' | 'regency' | 'district' | 'village';
export type AreaType = 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'kelurahan' | 'desa' | 'desa_adat';
export type TimeZone = 'WIB' | 'WITA' | 'WIT';

export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  type: AreaType | null;
  parentCode: string | null;
  timeZone: TimeZone;
  counts: { children: number; villages: number };
}

export interface AreaAncestor {
  code: string;
  name: string;
  level: string;
}

export interface AreaDetail extends Area {
  /** From the province down to the parent. */
  ancestors: AreaAncestor[];
}

export interface AreaChildren {
  parent: AreaDetail | null;
  items: Area[];
}

export interface AreaSearchResult extends Area {
  /** Ancestors' names, nearest first, joined with " — ". */
  path: string;
}
