import type { Msg } from '../messages';

/**
 * The activity taxonomy of PSM reports: the six duties of a PSM in Permensos 10/2019
 * (DOMAIN.md §1: a–b verified, c–f secondary source) plus accompaniment of a named
 * social-assistance programme (PKH, BPNT, BLT…), which the association reports apart.
 */
export const PSM_DUTIES = ['a', 'b', 'c', 'd', 'e', 'f', 'program'] as const;
export type PsmDuty = (typeof PSM_DUTIES)[number];

export const DUTY_LABEL: Readonly<Record<PsmDuty, Msg>> = {
  a: { id: 'a. Prakarsa penanganan masalah sosial', en: 'a. Initiative in handling social problems' },
  b: { id: 'b. Menggerakkan dan mengembangkan kegiatan kesejahteraan sosial', en: 'b. Driving and developing welfare activities' },
  c: { id: 'c. Pendampingan warga yang membutuhkan pelayanan sosial', en: 'c. Accompanying residents who need social services' },
  d: { id: 'd. Pendampingan program kesejahteraan sosial di desa/kelurahan', en: 'd. Accompanying welfare programmes in the village' },
  e: { id: 'e. Berpartisipasi dalam program nasional', en: 'e. Taking part in national programmes' },
  f: { id: 'f. Mitra pemerintah', en: 'f. Acting as government partner' },
  program: { id: 'Pendampingan program bansos (PKH, BPNT, BLT, …)', en: 'Programme accompaniment (PKH, BPNT, BLT, …)' },
};

/** Where an activity entry came from: typed by hand, or derived from case work. */
export const ACTIVITY_SOURCES = ['manual', 'registration', 'assessment', 'visit', 'referral', 'service'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

/**
 * The duty an entry derived from case work is filed under (registration and
 * assessment are "prakarsa penanganan masalah sosial", the rest "pendampingan
 * warga"). Mirrored by migration 0040's trigger; the PSM may dispute it in a report.
 */
export const AUTO_DUTY: Readonly<Record<Exclude<ActivitySource, 'manual'>, PsmDuty>> = {
  registration: 'a',
  assessment: 'a',
  visit: 'c',
  referral: 'c',
  service: 'c',
};
