import { isWithin, issue, normalizeLabel, type Issue } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';

/**
 * Village resolution for imports: by Kemendagri code, or by name narrowed by the
 * kecamatan / kabupaten-kota names and by the importer's scope (village names repeat
 * across the country: some 7,500 names occur more than once).
 */
interface Village {
  code: string;
  district: string;
  regency: string;
}
export interface VillageIndex {
  byCode: Map<string, Village>;
  byName: Map<string, Village[]>;
}

let cached: Promise<VillageIndex> | null = null;

const stripRegency = (s: string) => normalizeLabel(s).replace(/^(kabupaten|kab|kota|kotamadya|kotamadia|kodya)\s+/, '');
const stripDistrict = (s: string) => normalizeLabel(s).replace(/^(kecamatan|kec)\s+/, '');
const stripVillage = (s: string) => normalizeLabel(s).replace(/^(desa|kelurahan|kel|ds)\s+/, '');

/** Every village with its district and regency names; reference data, loaded once per process. */
export function villageIndex(db: Queryable): Promise<VillageIndex> {
  cached ??= db
    .query(
      `SELECT v.code, v.name, d.name AS district, r.name AS regency
       FROM area v JOIN area d ON d.code = v.parent_code JOIN area r ON r.code = d.parent_code
       WHERE v.level = 'village'`,
    )
    .then(({ rows }) => {
      const byCode = new Map<string, Village>();
      const byName = new Map<string, Village[]>();
      for (const r of rows) {
        const v = { code: r.code as string, district: stripDistrict(r.district), regency: stripRegency(r.regency) };
        byCode.set(v.code, v);
        const key = stripVillage(r.name);
        const list = byName.get(key);
        if (list) list.push(v);
        else byName.set(key, [v]);
      }
      return { byCode, byName };
    });
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

export type VillageResult = { ok: true; code: string } | { ok: false; issue: Issue };

export function resolveVillage(
  index: VillageIndex,
  scopes: string[],
  input: { code?: string | null; name?: string | null; district?: string | null; regency?: string | null },
): VillageResult {
  const inScope = (code: string) => scopes.some((s) => isWithin(code, s));
  const outside = (code: string): VillageResult => ({
    ok: false,
    issue: issue(
      'village.outside_scope',
      'villageCode',
      `Desa/kelurahan ${code} di luar wilayah kewenangan Anda`,
      `Village ${code} is outside your scope`,
    ),
  });
  if (input.code) {
    const code = input.code.trim();
    if (!index.byCode.has(code)) {
      const shown = code.slice(0, 20);
      return {
        ok: false,
        issue: issue(
          'village.unknown',
          'villageCode',
          `Kode desa/kelurahan ${shown} tidak dikenal`,
          `Unknown village code ${shown}`,
        ),
      };
    }
    return inScope(code) ? { ok: true, code } : outside(code);
  }
  if (!input.name) {
    return {
      ok: false,
      issue: issue(
        'cell.required',
        'villageCode',
        'Kode atau nama desa/kelurahan wajib diisi',
        'The village code or name is required',
      ),
    };
  }
  let found = index.byName.get(stripVillage(input.name)) ?? [];
  if (input.district) found = found.filter((v) => v.district === stripDistrict(input.district!));
  if (input.regency) found = found.filter((v) => v.regency === stripRegency(input.regency!));
  const label = input.name.trim().slice(0, 60);
  if (found.length === 0) {
    return {
      ok: false,
      issue: issue(
        'village.unknown',
        'villageName',
        `Desa/kelurahan "${label}" tidak ditemukan (periksa kecamatan/kabupaten)`,
        `Village "${label}" not found (check the district/regency)`,
      ),
    };
  }
  const mine = found.filter((v) => inScope(v.code));
  if (mine.length === 1) return { ok: true, code: mine[0]!.code };
  if (mine.length === 0) return found.length === 1 ? outside(found[0]!.code) : outside(label);
  return {
    ok: false,
    issue: issue(
      'village.ambiguous',
      'villageName',
      `Ada ${mine.length} desa/kelurahan bernama "${label}"; isi kecamatan atau kode desa`,
      `${mine.length} villages are named "${label}"; give the district or the village code`,
    ),
  };
}
