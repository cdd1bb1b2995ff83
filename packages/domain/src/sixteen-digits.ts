/**
 * What NIK and No. KK share: 16 digits starting with a 6-digit area prefix
 * (PP KK CC, Kemendagri codes) and ending with a 4-digit serial.
 * Internal to this package; use `validateNik` / `validateKk`.
 */
import { issue } from './messages';
import type { Issue } from './messages';

/**
 * Existence of area codes in the reference data (idn-area-data). The server always
 * passes one built from the `areas` table; without it only the form of the province
 * is checked.
 */
export interface AreaLookup {
  hasProvince(code: string): boolean;
  /** `PP.KK` */
  hasRegency(code: string): boolean;
  /** `PP.KK.CC` */
  hasDistrict(code: string): boolean;
}

/** How the identifier is named in messages and issues. */
export type IdLabel = { field: string; name: string };

function describeType(v: unknown): { id: string; en: string } {
  if (v === null) return { id: 'null', en: 'null' };
  if (typeof v === 'number') return { id: 'angka (number)', en: 'a number' };
  return { id: typeof v, en: typeof v };
}

/**
 * Checks that `input` is a string of exactly 16 digits once surrounding whitespace is
 * removed. Returns the digits, or one issue. Never echoes the value (personal data).
 */
export function checkSixteenDigits(
  input: unknown,
  label: IdLabel,
): { digits: string; issue?: undefined } | { digits?: undefined; issue: Issue } {
  const { field, name } = label;
  if (typeof input !== 'string') {
    const t = describeType(input);
    return {
      issue: issue(
        `${field}.type`,
        field,
        `${name} harus berupa teks 16 digit angka (diterima ${t.id}); simpan sebagai teks agar angka 0 di depan tidak hilang`,
        `${name} must be a text of 16 digits (got ${t.en}); keep it as text so leading zeros are not lost`,
      ),
    };
  }
  const s = input.trim();
  if (s.length === 0) {
    return { issue: issue(`${field}.required`, field, `${name} wajib diisi`, `${name} is required`) };
  }
  if (/\D/.test(s)) {
    return {
      issue: issue(
        `${field}.chars`,
        field,
        `${name} hanya boleh berisi angka, tanpa spasi, titik atau tanda lain (diterima ${s.length} karakter)`,
        `${name} may contain digits only, no spaces, dots or other signs (got ${s.length} characters)`,
      ),
    };
  }
  if (s.length !== 16) {
    return {
      issue: issue(
        `${field}.length`,
        field,
        `${name} harus 16 digit angka (diterima ${s.length} karakter)`,
        `${name} must be 16 digits (got ${s.length} characters)`,
      ),
    };
  }
  return { digits: s };
}

/** The area prefix and serial of a 16-digit identifier. */
export function splitArea(digits: string) {
  const pp = digits.slice(0, 2);
  const kk = digits.slice(2, 4);
  const cc = digits.slice(4, 6);
  return {
    provinceCode: pp,
    regencyCode: `${pp}.${kk}`,
    districtCode: `${pp}.${kk}.${cc}`,
    serial: digits.slice(12, 16),
  };
}

/** Hard rule: the province must exist (or, without a lookup, be 01–99). */
export function checkProvince(provinceCode: string, label: IdLabel, areas?: AreaLookup): Issue | null {
  const known = areas ? areas.hasProvince(provinceCode) : provinceCode !== '00';
  if (known) return null;
  return issue(
    `${label.field}.province`,
    label.field,
    `Kode provinsi dalam ${label.name} (digit 1–2) tidak dikenal: ${provinceCode}`,
    `Province code in ${label.name} (digits 1–2) is unknown: ${provinceCode}`,
  );
}

/**
 * Soft rule: regency and district prefixes unknown to the reference data. Regions split
 * over time and the identifier keeps the area of first registration, so never reject.
 */
export function areaWarnings(
  regencyCode: string,
  districtCode: string,
  label: IdLabel,
  areas?: AreaLookup,
): Issue[] {
  if (!areas) return [];
  const { field, name } = label;
  if (!areas.hasRegency(regencyCode)) {
    return [
      issue(
        `${field}.regency.unknown`,
        field,
        `Kode kabupaten/kota dalam ${name} (digit 1–4: ${regencyCode}) tidak ada dalam data wilayah saat ini; mungkin wilayah lama yang sudah dimekarkan. Periksa kembali ${name}.`,
        `Regency code in ${name} (digits 1–4: ${regencyCode}) is not in the current area data; it may be an area that has since been split. Please double-check the ${name}.`,
      ),
    ];
  }
  if (!areas.hasDistrict(districtCode)) {
    return [
      issue(
        `${field}.district.unknown`,
        field,
        `Kode kecamatan dalam ${name} (digit 1–6: ${districtCode}) tidak ada dalam data wilayah saat ini; mungkin wilayah lama yang sudah dimekarkan. Periksa kembali ${name}.`,
        `District code in ${name} (digits 1–6: ${districtCode}) is not in the current area data; it may be an area that has since been split. Please double-check the ${name}.`,
      ),
    ];
  }
  return [];
}

/** Hard rule: the serial is never 0000. */
export function checkSerial(serial: string, label: IdLabel): Issue | null {
  if (serial !== '0000') return null;
  return issue(
    `${label.field}.serial`,
    label.field,
    `Nomor urut ${label.name} (4 digit terakhir) tidak boleh 0000`,
    `The serial number of ${label.name} (last 4 digits) must not be 0000`,
  );
}

/** First 4 digits, 8 asterisks, last 4: '3372********0001'. Anything not 16 characters is fully masked. */
export function maskSixteen(value: string): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s.length !== 16) return '*'.repeat(16);
  return `${s.slice(0, 4)}********${s.slice(12)}`;
}
