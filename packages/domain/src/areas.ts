/**
 * Kemendagri area codes (kode wilayah), Kepmendagri 300.2.2-2138/2025:
 * `PP` province, `PP.KK` regency, `PP.KK.CC` district (kecamatan),
 * `PP.KK.CC.NNNN` village (desa/kelurahan).
 *
 * Codes are not contiguous: never derive or increment them. Whether a code exists is a
 * question for the reference data (idn-area-data), not for this module; here we only
 * check the form and read what the form tells.
 */
import { issue } from './messages';
import type { Issue } from './messages';

/** The four levels of the Kemendagri hierarchy. */
export type AreaLevel = 'province' | 'regency' | 'district' | 'village';

/** The administrative type of an area, as far as its code tells it. */
export type AreaType =
  | 'provinsi'
  | 'kabupaten'
  | 'kota'
  | 'kecamatan'
  | 'kelurahan'
  | 'desa'
  | 'desa_adat';

/** A well-formed area code, split into its ancestors. */
export type ParsedAreaCode = {
  ok: true;
  code: string;
  level: AreaLevel;
  /** `null` when the code's digits do not say (regency `00`/`70`, village not 1/2/3xxx): the caller decides whether to warn. */
  type: AreaType | null;
  parentCode: string | null;
  provinceCode: string;
  regencyCode: string | null;
  districtCode: string | null;
};

export type AreaCodeResult = ParsedAreaCode | { ok: false; issue: Issue };

const PATTERNS: ReadonlyArray<[AreaLevel, RegExp]> = [
  ['province', /^\d{2}$/],
  ['regency', /^\d{2}\.\d{2}$/],
  ['district', /^\d{2}\.\d{2}\.\d{2}$/],
  ['village', /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/],
];

/** Code of the whole country, used as the widest access scope. */
export const NATIONAL_SCOPE = 'ID';

/** Regency type from its two digits: 01–69 kabupaten, 71–99 kota (Kepmendagri 300.2.2-2138/2025). */
function regencyType(kk: string): AreaType | null {
  const n = Number(kk);
  if (n >= 1 && n <= 69) return 'kabupaten';
  if (n >= 71 && n <= 99) return 'kota';
  return null;
}

/** Village type from the first digit of NNNN: 1 kelurahan, 2 desa, 3 desa adat. */
function villageType(nnnn: string): AreaType | null {
  switch (nnnn[0]) {
    case '1':
      return 'kelurahan';
    case '2':
      return 'desa';
    case '3':
      return 'desa_adat';
    default:
      return null;
  }
}

/**
 * Checks the form of a Kemendagri area code and splits it into its ancestors.
 * Strict: no surrounding whitespace, dots exactly where the format puts them.
 */
export function parseAreaCode(code: string): AreaCodeResult {
  const level = typeof code === 'string' ? PATTERNS.find(([, re]) => re.test(code))?.[0] : undefined;
  if (level === undefined) {
    return {
      ok: false,
      issue: issue(
        'area.format',
        'code',
        'Kode wilayah harus berbentuk PP, PP.KK, PP.KK.CC atau PP.KK.CC.NNNN (angka dipisah titik)',
        'Area code must look like PP, PP.KK, PP.KK.CC or PP.KK.CC.NNNN (digits separated by dots)',
      ),
    };
  }
  const parts = code.split('.');
  const provinceCode = parts[0] ?? '';
  const regencyCode = parts.length >= 2 ? parts.slice(0, 2).join('.') : null;
  const districtCode = parts.length >= 3 ? parts.slice(0, 3).join('.') : null;
  const parentCode = parts.length >= 2 ? parts.slice(0, -1).join('.') : null;
  let type: AreaType | null;
  switch (level) {
    case 'province':
      type = 'provinsi';
      break;
    case 'regency':
      type = regencyType(parts[1] ?? '');
      break;
    case 'district':
      type = 'kecamatan';
      break;
    case 'village':
      type = villageType(parts[3] ?? '');
      break;
  }
  return { ok: true, code, level, type, parentCode, provinceCode, regencyCode, districtCode };
}

function isNational(scope: string): boolean {
  return scope === NATIONAL_SCOPE;
}

/**
 * True when `code` is `scope` itself or lies below it. Used for access control, so it
 * is strict: both must be well-formed codes ('11.0' is not a scope and contains
 * nothing), and containment goes by whole segments ('11.01' contains '11.01.02' but
 * not '11.010'). A national scope is only the explicit 'ID' (an empty string, e.g. from a
 * missing value, contains nothing) and contains every well-formed code.
 */
export function isWithin(code: string, scope: string): boolean {
  if (typeof code !== 'string' || typeof scope !== 'string') return false;
  if (isNational(scope)) return isNational(code) || parseAreaCode(code).ok;
  if (!parseAreaCode(code).ok || !parseAreaCode(scope).ok) return false;
  return code === scope || code.startsWith(scope + '.');
}

/** Indonesian time zones. */
export type TimeZone = 'WIB' | 'WITA' | 'WIT';

/**
 * Time zone of each of the 38 provinces (Keppres 41/1987): WIB for Sumatra, Riau
 * Islands, Java, Banten, West and Central Kalimantan; WITA for Bali, NTB, NTT, South,
 * East and North Kalimantan and all of Sulawesi; WIT for Maluku, Maluku Utara and all
 * Papua provinces (including the 2022 splits 93–96).
 */
export const TIME_ZONE_BY_PROVINCE: Readonly<Record<string, TimeZone>> = Object.freeze({
  '11': 'WIB', // Aceh
  '12': 'WIB', // Sumatera Utara
  '13': 'WIB', // Sumatera Barat
  '14': 'WIB', // Riau
  '15': 'WIB', // Jambi
  '16': 'WIB', // Sumatera Selatan
  '17': 'WIB', // Bengkulu
  '18': 'WIB', // Lampung
  '19': 'WIB', // Kepulauan Bangka Belitung
  '21': 'WIB', // Kepulauan Riau
  '31': 'WIB', // DKI Jakarta
  '32': 'WIB', // Jawa Barat
  '33': 'WIB', // Jawa Tengah
  '34': 'WIB', // DI Yogyakarta
  '35': 'WIB', // Jawa Timur
  '36': 'WIB', // Banten
  '51': 'WITA', // Bali
  '52': 'WITA', // Nusa Tenggara Barat
  '53': 'WITA', // Nusa Tenggara Timur
  '61': 'WIB', // Kalimantan Barat
  '62': 'WIB', // Kalimantan Tengah
  '63': 'WITA', // Kalimantan Selatan
  '64': 'WITA', // Kalimantan Timur
  '65': 'WITA', // Kalimantan Utara
  '71': 'WITA', // Sulawesi Utara
  '72': 'WITA', // Sulawesi Tengah
  '73': 'WITA', // Sulawesi Selatan
  '74': 'WITA', // Sulawesi Tenggara
  '75': 'WITA', // Gorontalo
  '76': 'WITA', // Sulawesi Barat
  '81': 'WIT', // Maluku
  '82': 'WIT', // Maluku Utara
  '91': 'WIT', // Papua
  '92': 'WIT', // Papua Barat
  '93': 'WIT', // Papua Selatan
  '94': 'WIT', // Papua Tengah
  '95': 'WIT', // Papua Pegunungan
  '96': 'WIT', // Papua Barat Daya
});

/** IANA zone names for the three Indonesian time zones. */
export const IANA_TIME_ZONE: Readonly<Record<TimeZone, string>> = Object.freeze({
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
});

/** Time zone of the province an area code belongs to; `null` for malformed codes or unknown provinces. */
export function timeZoneOf(areaCode: string): TimeZone | null {
  const parsed = parseAreaCode(areaCode);
  if (!parsed.ok) return null;
  return TIME_ZONE_BY_PROVINCE[parsed.provinceCode] ?? null;
}
