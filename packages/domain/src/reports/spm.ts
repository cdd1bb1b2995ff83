import type { Msg } from '../messages';

/**
 * The five SPM services of the social sector that a kab/kota must deliver to 100 %
 * (Permensos 9/2018, DOMAIN.md §7), and the PPKS categories whose cases count as
 * "needing" each one. The mapping is [S]: the database keeps it as editable reference
 * data (`spm_category`, migration 0041), seeded with these values.
 */
export interface SpmIndicator {
  code: 1 | 2 | 3 | 4 | 5;
  label: Msg;
  ppksCodes: readonly number[];
  /** Counts about these persons are specific personal data (health, children): suppressed in public. */
  sensitive: boolean;
}

export const SPM_INDICATORS: readonly SpmIndicator[] = [
  { code: 1, ppksCodes: [9], sensitive: true, label: { id: 'Rehabilitasi sosial dasar penyandang disabilitas terlantar di luar panti', en: 'Social rehabilitation outside institutions: neglected persons with disability' } },
  { code: 2, ppksCodes: [1, 2], sensitive: true, label: { id: 'Rehabilitasi sosial dasar anak terlantar di luar panti', en: 'Social rehabilitation outside institutions: neglected children' } },
  { code: 3, ppksCodes: [8], sensitive: false, label: { id: 'Rehabilitasi sosial dasar lanjut usia terlantar di luar panti', en: 'Social rehabilitation outside institutions: neglected elderly' } },
  { code: 4, ppksCodes: [11, 12], sensitive: false, label: { id: 'Rehabilitasi sosial dasar gelandangan dan pengemis di luar panti', en: 'Social rehabilitation outside institutions: homeless persons and beggars' } },
  { code: 5, ppksCodes: [21, 22], sensitive: false, label: { id: 'Perlindungan dan jaminan sosial korban bencana', en: 'Protection and social security of disaster victims' } },
];

/** SPM target: every person assessed as needing the service is served (100 %). */
export const SPM_TARGET_PERCENT = 100;

/**
 * The indicator: persons served ÷ persons needing the service per assessment × 100 %,
 * per year (one decimal); null when nobody needed it.
 */
export function spmIndicatorPercent(needing: number, served: number): number | null {
  if (needing <= 0) return null;
  return Math.round((served / needing) * 1000) / 10;
}

/**
 * PPKS categories whose data is "data pribadi spesifik" (UU PDP Pasal 4; DOMAIN.md §2):
 * children 1–7, health 9/16/17, criminal record 15.
 */
export const SENSITIVE_PPKS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 9, 15, 16, 17];
