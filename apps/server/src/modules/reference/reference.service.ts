import { validateNik, type AreaLookup } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';
import * as store from './reference.store';

let lookup: Promise<AreaLookup> | null = null;

/**
 * Known province/regency/district codes, loaded once per process (≈ 7,800 codes):
 * reference data changes only through a migration, which restarts the server.
 */
export function areaLookup(db: Queryable): Promise<AreaLookup> {
  lookup ??= store.loadAreaCodeSets(db).then((s) => ({
    hasProvince: (c: string) => s.province.has(c),
    hasRegency: (c: string) => s.regency.has(c),
    hasDistrict: (c: string) => s.district.has(c),
  }));
  lookup.catch(() => {
    lookup = null;
  });
  return lookup;
}

export async function checkNik(db: Queryable, input: { nik: string; sex?: 'L' | 'P'; birthDate?: string }) {
  const declared = {
    ...(input.sex ? { sex: input.sex } : {}),
    ...(input.birthDate ? { birthDate: input.birthDate } : {}),
  };
  const result = validateNik(input.nik, declared, await areaLookup(db));
  return {
    valid: result.valid,
    errors: result.errors,
    warnings: result.warnings,
    parsed: result.parsed
      ? {
          provinceCode: result.parsed.provinceCode,
          regencyCode: result.parsed.regencyCode,
          districtCode: result.parsed.districtCode,
          birthDate: result.parsed.birthDate,
          sex: result.parsed.sex,
        }
      : null,
  };
}

export const listPpks = store.listPpks;
export const listPsks = store.listPsks;
export const listProgrammes = store.listProgrammes;
