import { findPpks, issue, normalizeLabel, parseIsoDate, type Issue } from '@pilar/domain';

/**
 * Reading single spreadsheet cells the way Indonesian offices type them. Every
 * rejection is an Issue naming the field and never echoing the value (it may be
 * personal data), except category labels, which are reference data.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: Issue };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: string, field: string, id: string, en: string): Parsed<T> => ({
  ok: false,
  issue: issue(code, field, id, en),
});

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  pebruari: 2,
  maret: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  nopember: 11,
  desember: 12,
  des: 12,
};

/** Days between 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date cell: dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy (the Indonesian order), yyyy-mm-dd,
 * "12 Maret 1985", or an Excel serial number (a date cell saved without its format).
 * Two-digit years are refused (the century is a guess), as is a second part above 12
 * (month/day order: the file was written by a US-English spreadsheet), a date that does
 * not exist, and — for a birth date — one in the future.
 */
export function parseDateCell(raw: string, field: string, today: string, opts: { past?: boolean } = {}): Parsed<string> {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s))) {
    if (match[3]!.length === 2) {
      return fail(
        'date.two_digit_year',
        field,
        `${field}: tahun dua angka tidak jelas abadnya; tulis tahun empat angka (dd-mm-yyyy)`,
        `${field}: a two-digit year has no clear century; write the year with four digits (dd-mm-yyyy)`,
      );
    }
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (m > 12 && d <= 12) {
      return fail(
        'date.month_day_order',
        field,
        `${field}: urutan tampaknya bulan/tanggal; gunakan tanggal-bulan-tahun (dd-mm-yyyy)`,
        `${field}: looks like month/day order; use day-month-year (dd-mm-yyyy)`,
      );
    }
  } else if ((match = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(s)) && MONTHS[match[2]!.toLowerCase()]) {
    [d, m, y] = [Number(match[1]), MONTHS[match[2]!.toLowerCase()]!, Number(match[3])];
  } else if (/^\d{1,5}(\.0+)?$/.test(s) && Number(s) >= 1 && Number(s) <= 73050) {
    // Excel serial day number (1 = 1900-01-01 … 73050 = 2099-12-31).
    const date = new Date((Math.floor(Number(s)) - EXCEL_EPOCH_OFFSET) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    return fail(
      'date.format',
      field,
      `${field}: format tanggal tidak dikenal; gunakan dd-mm-yyyy atau yyyy-mm-dd`,
      `${field}: unknown date format; use dd-mm-yyyy or yyyy-mm-dd`,
    );
  }
  const value = iso(y, m, d);
  if (!parseIsoDate(value))
    return fail('date.invalid', field, `${field}: tanggal tidak ada di kalender`, `${field}: the date does not exist`);
  if (y < 1880) return fail('date.too_old', field, `${field}: tahun sebelum 1880`, `${field}: year before 1880`);
  if (opts.past && value > today)
    return fail('date.future', field, `${field}: tanggal di masa depan`, `${field}: the date is in the future`);
  return ok(value);
}

const SEX: Record<string, 'L' | 'P'> = {
  l: 'L',
  p: 'P',
  lk: 'L',
  pr: 'P',
  'laki laki': 'L',
  lakilaki: 'L',
  laki: 'L',
  pria: 'L',
  perempuan: 'P',
  wanita: 'P',
  male: 'L',
  female: 'P',
  m: 'L',
  f: 'P',
  '1': 'L',
  '2': 'P',
};

/** L/P, laki-laki/perempuan, pria/wanita, or the DTKS codes 1/2. */
export function parseSexCell(raw: string): Parsed<'L' | 'P'> {
  const v = SEX[normalizeLabel(raw)];
  return v ? ok(v) : fail('sex.invalid', 'sex', 'Jenis kelamin harus L atau P', 'Sex must be L or P');
}

export const RELATIONSHIPS = ['kepala_keluarga', 'istri', 'suami', 'anak', 'orang_tua', 'lainnya'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
const RELATIONSHIP: Record<string, Relationship> = {
  'kepala keluarga': 'kepala_keluarga',
  kepala: 'kepala_keluarga',
  krt: 'kepala_keluarga',
  'kepala rumah tangga': 'kepala_keluarga',
  '1': 'kepala_keluarga',
  istri: 'istri',
  isteri: 'istri',
  suami: 'suami',
  'istri suami': 'istri',
  '2': 'istri',
  anak: 'anak',
  '3': 'anak',
  'anak kandung': 'anak',
  'anak angkat': 'anak',
  'anak tiri': 'anak',
  'orang tua': 'orang_tua',
  ayah: 'orang_tua',
  ibu: 'orang_tua',
  'orang tua mertua': 'orang_tua',
  mertua: 'orang_tua',
  lainnya: 'lainnya',
  'famili lain': 'lainnya',
  cucu: 'lainnya',
  menantu: 'lainnya',
  famili: 'lainnya',
  lain: 'lainnya',
};

/** Hubungan dengan kepala keluarga (SHDK) in the words of a KK, or the DTKS codes 1–3. */
export function parseRelationshipCell(raw: string): Parsed<Relationship> {
  const v = RELATIONSHIP[normalizeLabel(raw)];
  return v
    ? ok(v)
    : fail(
        'relationship.invalid',
        'relationship',
        'Hubungan keluarga tidak dikenal (kepala keluarga, istri, suami, anak, orang tua, lainnya)',
        'Unknown family relationship (kepala keluarga, istri, suami, anak, orang tua, lainnya)',
      );
}

/** Several PPKS categories in one cell, separated by ; or , — by code, name or alias (findPpks). */
export function parsePpksCell(raw: string): Parsed<number[]> {
  const codes = new Set<number>();
  for (const part of raw
    .split(/[;,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const cat = findPpks(/^\d+$/.test(part) ? Number(part) : part);
    if (!cat) {
      const label = part.slice(0, 60);
      return fail('ppks.unknown', 'ppks', `Kategori PPKS "${label}" tidak dikenal`, `Unknown PPKS category "${label}"`);
    }
    codes.add(cat.code);
  }
  return ok([...codes].sort((a, b) => a - b));
}

/** RT / RW: 1–3 digits, stored zero-padded ("001"), as on a KTP ("RT 001/RW 002" also accepted). */
export function parseRtRwCell(raw: string, field: 'rt' | 'rw'): Parsed<string> {
  const s = raw.trim().replace(/^(rt|rw)\.?\s*/i, '');
  return /^\d{1,3}$/.test(s)
    ? ok(s.padStart(3, '0'))
    : fail(`${field}.invalid`, field, `${field.toUpperCase()} harus 1–3 angka`, `${field.toUpperCase()} must be 1–3 digits`);
}

/** Whitespace collapsed; empty → null. */
export function text(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}
