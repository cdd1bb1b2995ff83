import { parseAreaCode } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';
import { badRequest, notFound } from '../../platform/errors';
import { searchForms } from './areas.search';
import * as store from './areas.store';
import type { AreaRecord } from './areas.store';

export type { AreaRecord };
export interface AreaDetail extends AreaRecord {
  ancestors: { code: string; name: string; level: AreaRecord['level'] }[];
}

/** Ancestor codes from the province down to the parent, derived from the code itself. */
function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

function validCode(code: string, field: string): string {
  const parsed = parseAreaCode(code);
  if (!parsed.ok) throw badRequest([{ ...parsed.issue, field }]);
  return code;
}

export async function getArea(db: Queryable, code: string): Promise<AreaDetail> {
  validCode(code, 'code');
  const area = await store.findArea(db, code);
  if (!area) {
    throw notFound({ id: `Wilayah dengan kode ${code} tidak ditemukan`, en: `No area with code ${code}` });
  }
  const ancestors = await store.findAreas(db, ancestorCodes(code));
  return { ...area, ancestors: ancestors.map((a) => ({ code: a.code, name: a.name, level: a.level })) };
}

export async function listAreas(db: Queryable, parent?: string): Promise<{ parent: AreaDetail | null; items: AreaRecord[] }> {
  if (!parent) return { parent: null, items: await store.listChildren(db, null) };
  const detail = await getAreaForParam(db, parent, 'parent');
  return { parent: detail, items: await store.listChildren(db, parent) };
}

async function getAreaForParam(db: Queryable, code: string, field: string): Promise<AreaDetail> {
  validCode(code, field);
  try {
    return await getArea(db, code);
  } catch (err) {
    if ((err as { status?: number }).status === 404) {
      throw notFound({ id: `${field}: wilayah dengan kode ${code} tidak ditemukan`, en: `${field}: no area with code ${code}` });
    }
    throw err;
  }
}

export async function searchAreas(
  db: Queryable,
  q: string,
  opts: { limit: number; level?: string; within?: string },
): Promise<(AreaRecord & { path: string })[]> {
  const forms = searchForms(q);
  if (forms.compact.length < 2) {
    throw badRequest([
      {
        field: 'q',
        code: 'search.too_short',
        message: { id: 'q minimal 2 huruf atau angka', en: 'q needs at least 2 letters or digits' },
      },
    ]);
  }
  if (opts.within) validCode(opts.within, 'within');
  const found = await store.searchAreas(db, forms, opts);
  const ancestorSet = [...new Set(found.flatMap((a) => ancestorCodes(a.code)))];
  const names = new Map((await store.findAreas(db, ancestorSet)).map((a) => [a.code, a.name]));
  return found.map((a) => ({
    ...a,
    path: ancestorCodes(a.code)
      .reverse()
      .map((c) => names.get(c) ?? c)
      .join(' — '),
  }));
}

/** The village with `code`, or a 400 naming `field` (for forms that pick a desa/kelurahan). */
export async function requireVillage(db: Queryable, code: string, field: string): Promise<AreaRecord> {
  const area = await store.findArea(db, code);
  if (!area || area.level !== 'village') {
    throw badRequest([
      {
        field,
        code: 'area.not_village',
        message: {
          id: `${field}: ${code} bukan kode desa/kelurahan yang dikenal`,
          en: `${field}: ${code} is not a known village (desa/kelurahan) code`,
        },
      },
    ]);
  }
  return area;
}
