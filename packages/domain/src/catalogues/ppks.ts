/**
 * PPKS (Pemerlu Pelayanan Kesejahteraan Sosial, formerly PMKS): the 26 categories in
 * the order of Permensos 8/2012, still used by Dinas Sosial. No official codes exist, so
 * the ordinal 1–26 is the stable code, with a slug beside it (DOMAIN.md §2).
 */
import { issue } from '../messages';
import type { Issue } from '../messages';
import { buildFinder } from './normalize';

/** Grouping for screens and reports; ours, not an official classification. */
export type PpksGroup =
  | 'anak'
  | 'lansia'
  | 'disabilitas'
  | 'tuna_sosial'
  | 'rentan'
  | 'kesehatan'
  | 'korban'
  | 'bencana'
  | 'kemiskinan'
  | 'keluarga'
  | 'komunitas';

/**
 * UU 27/2022 PDP Pasal 4(2): children's data, health data and criminal records are
 * "data pribadi yang bersifat spesifik" and need stronger protection.
 */
export type PpksSensitivity = 'umum' | 'spesifik';
export type PpksSensitivityReason = 'anak' | 'kesehatan' | 'pidana';

/** Age band in whole years, both ends inclusive. Secondary source [S]: warn, never block. */
export type AgeBand = { min?: number; max?: number };

export type PpksCategory = {
  code: number;
  slug: string;
  name: string;
  nameEn: string;
  group: PpksGroup;
  sensitivity: PpksSensitivity;
  sensitivityReason?: PpksSensitivityReason;
  ageBand?: AgeBand;
  /** Other names met on import: 'Telantar' spelling, old PMKS names, common abbreviations. */
  aliases: string[];
};

const child = { sensitivity: 'spesifik', sensitivityReason: 'anak', group: 'anak' } as const;
const health = { sensitivity: 'spesifik', sensitivityReason: 'kesehatan' } as const;
const umum = { sensitivity: 'umum' } as const;

/** The 26 PPKS categories, in Permensos 8/2012 order. */
export const PPKS: readonly PpksCategory[] = Object.freeze([
  { code: 1, slug: 'anak-balita-terlantar', name: 'Anak Balita Terlantar', nameEn: 'Neglected child under five', ...child, ageBand: { max: 4 }, aliases: ['Anak Balita Telantar'] },
  { code: 2, slug: 'anak-terlantar', name: 'Anak Terlantar', nameEn: 'Neglected child', ...child, ageBand: { min: 6, max: 18 }, aliases: ['Anak Telantar'] },
  { code: 3, slug: 'anak-yang-berhadapan-dengan-hukum', name: 'Anak yang Berhadapan dengan Hukum', nameEn: 'Child in conflict with the law', ...child, ageBand: { min: 6, max: 18 }, aliases: ['ABH', 'Anak Berhadapan dengan Hukum'] },
  { code: 4, slug: 'anak-jalanan', name: 'Anak Jalanan', nameEn: 'Street child', ...child, ageBand: { min: 5, max: 18 }, aliases: ['Anjal'] },
  { code: 5, slug: 'anak-dengan-kedisabilitasan', name: 'Anak dengan Kedisabilitasan', nameEn: 'Child with disability', ...child, ageBand: { max: 17 }, aliases: ['Anak dengan Disabilitas', 'Anak Cacat'] },
  // No band in the table ("child"); UU 35/2014 Perlindungan Anak: a child is under 18.
  { code: 6, slug: 'anak-yang-menjadi-korban-tindak-kekerasan-atau-diperlakukan-salah', name: 'Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah', nameEn: 'Child victim of violence or mistreatment', ...child, ageBand: { max: 17 }, aliases: ['Anak Korban Tindak Kekerasan'] },
  { code: 7, slug: 'anak-yang-memerlukan-perlindungan-khusus', name: 'Anak yang Memerlukan Perlindungan Khusus', nameEn: 'Child in need of special protection', ...child, ageBand: { min: 6, max: 18 }, aliases: ['AMPK', 'Anak yang Membutuhkan Perlindungan Khusus'] },
  { code: 8, slug: 'lanjut-usia-terlantar', name: 'Lanjut Usia Terlantar', nameEn: 'Neglected older person', group: 'lansia', ...umum, ageBand: { min: 60 }, aliases: ['Lanjut Usia Telantar', 'Lansia Terlantar', 'Lansia Telantar'] },
  // ODGJ (mental illness) falls under 9 (DOMAIN.md §2).
  { code: 9, slug: 'penyandang-disabilitas', name: 'Penyandang Disabilitas', nameEn: 'Person with disability', group: 'disabilitas', ...health, aliases: ['Penyandang Cacat', 'ODGJ', 'Orang dengan Gangguan Jiwa'] },
  { code: 10, slug: 'tuna-susila', name: 'Tuna Susila', nameEn: 'Sex worker', group: 'tuna_sosial', ...umum, aliases: ['Wanita Tuna Susila', 'WTS'] },
  { code: 11, slug: 'gelandangan', name: 'Gelandangan', nameEn: 'Homeless person', group: 'tuna_sosial', ...umum, aliases: [] },
  { code: 12, slug: 'pengemis', name: 'Pengemis', nameEn: 'Beggar', group: 'tuna_sosial', ...umum, aliases: [] },
  { code: 13, slug: 'pemulung', name: 'Pemulung', nameEn: 'Waste picker', group: 'tuna_sosial', ...umum, aliases: [] },
  { code: 14, slug: 'kelompok-minoritas', name: 'Kelompok Minoritas', nameEn: 'Minority group', group: 'rentan', ...umum, aliases: [] },
  { code: 15, slug: 'bekas-warga-binaan-lembaga-pemasyarakatan', name: 'Bekas Warga Binaan Lembaga Pemasyarakatan', nameEn: 'Former prison inmate', group: 'rentan', sensitivity: 'spesifik', sensitivityReason: 'pidana', aliases: ['BWBLP', 'Bekas Narapidana'] },
  { code: 16, slug: 'orang-dengan-hiv-aids', name: 'Orang dengan HIV/AIDS', nameEn: 'Person living with HIV/AIDS', group: 'kesehatan', ...health, aliases: ['ODHA', 'ODHIV'] },
  { code: 17, slug: 'korban-penyalahgunaan-napza', name: 'Korban Penyalahgunaan NAPZA', nameEn: 'Victim of drug abuse (NAPZA)', group: 'kesehatan', ...health, aliases: ['Korban NAPZA'] },
  { code: 18, slug: 'korban-trafficking', name: 'Korban Trafficking', nameEn: 'Victim of trafficking', group: 'korban', ...umum, aliases: ['Korban Perdagangan Orang'] },
  { code: 19, slug: 'korban-tindak-kekerasan', name: 'Korban Tindak Kekerasan', nameEn: 'Victim of violence', group: 'korban', ...umum, aliases: [] },
  { code: 20, slug: 'pekerja-migran-bermasalah-sosial', name: 'Pekerja Migran Bermasalah Sosial', nameEn: 'Migrant worker with social problems', group: 'rentan', ...umum, aliases: ['PMBS'] },
  { code: 21, slug: 'korban-bencana-alam', name: 'Korban Bencana Alam', nameEn: 'Victim of natural disaster', group: 'bencana', ...umum, aliases: [] },
  { code: 22, slug: 'korban-bencana-sosial', name: 'Korban Bencana Sosial', nameEn: 'Victim of social disaster', group: 'bencana', ...umum, aliases: [] },
  { code: 23, slug: 'perempuan-rawan-sosial-ekonomi', name: 'Perempuan Rawan Sosial Ekonomi', nameEn: 'Socially and economically vulnerable woman', group: 'rentan', ...umum, aliases: ['PRSE', 'Wanita Rawan Sosial Ekonomi'] },
  { code: 24, slug: 'fakir-miskin', name: 'Fakir Miskin', nameEn: 'Destitute poor person', group: 'kemiskinan', ...umum, aliases: [] },
  { code: 25, slug: 'keluarga-bermasalah-sosial-psikologis', name: 'Keluarga Bermasalah Sosial Psikologis', nameEn: 'Family with social-psychological problems', group: 'keluarga', ...umum, aliases: [] },
  { code: 26, slug: 'komunitas-adat-terpencil', name: 'Komunitas Adat Terpencil', nameEn: 'Remote indigenous community', group: 'komunitas', ...umum, aliases: ['KAT'] },
] satisfies PpksCategory[]);

const BY_CODE = new Map(PPKS.map((c) => [c.code, c]));
const findByLabel = buildFinder(PPKS, (c) => [String(c.code), c.slug, c.name, c.nameEn, ...c.aliases]);

/**
 * Finds a category by its code (1–26, as number or text), slug, Indonesian or English
 * name or an alias. Case, accents, spacing and punctuation do not matter.
 */
export function findPpks(nameOrAliasOrCode: string | number): PpksCategory | null {
  if (typeof nameOrAliasOrCode === 'number') return BY_CODE.get(nameOrAliasOrCode) ?? null;
  return findByLabel(nameOrAliasOrCode);
}

function describeBand(band: AgeBand): { id: string; en: string } {
  if (band.min !== undefined && band.max !== undefined) {
    return { id: `${band.min}–${band.max} tahun`, en: `${band.min}–${band.max} years` };
  }
  if (band.min !== undefined) return { id: `${band.min} tahun ke atas`, en: `${band.min} years or older` };
  return { id: `di bawah ${(band.max ?? 0) + 1} tahun`, en: `under ${(band.max ?? 0) + 1} years` };
}

/**
 * Warnings for categories whose usual age band does not include `ageYears` (whole years).
 * The bands come from a secondary source [S] (DOMAIN.md §2): warn, never block.
 * Unknown codes and a missing or nonsensical age give no warning.
 */
export function ppksAgeWarnings(codes: number[], ageYears: number): Issue[] {
  if (!Number.isFinite(ageYears) || ageYears < 0) return [];
  const out: Issue[] = [];
  for (const code of new Set(codes)) {
    const cat = BY_CODE.get(code);
    const band = cat?.ageBand;
    if (!cat || !band) continue;
    if ((band.min !== undefined && ageYears < band.min) || (band.max !== undefined && ageYears > band.max)) {
      const b = describeBand(band);
      out.push(
        issue(
          'ppks.age',
          'ppks',
          `Kategori PPKS "${cat.name}" biasanya untuk usia ${b.id}, sedangkan usia tercatat ${ageYears} tahun. Periksa kategori atau tanggal lahir.`,
          `PPKS category "${cat.nameEn}" is usually for ages ${b.en}, but the recorded age is ${ageYears} years. Check the category or the birth date.`,
        ),
      );
    }
  }
  return out;
}
