/**
 * Needs of disaster victims and the groups counted in a rapid assessment. The need
 * kinds follow the SPM bundle for disaster victims (Permensos 9/2018: food, clothing,
 * shelter, clean water, health services, psychosocial support) [V].
 */
import type { Msg } from '../messages';

export const NEED_KINDS = ['pangan', 'air_bersih', 'hunian', 'kesehatan', 'sandang', 'psikososial'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const NEED_LABELS: Readonly<Record<NeedKind, Msg>> = {
  pangan: { id: 'Pangan', en: 'Food' },
  air_bersih: { id: 'Air bersih', en: 'Water' },
  hunian: { id: 'Hunian/tempat berlindung', en: 'Shelter' },
  kesehatan: { id: 'Kesehatan', en: 'Health' },
  sandang: { id: 'Sandang', en: 'Clothing' },
  psikososial: { id: 'Dukungan psikososial', en: 'Psychosocial support' },
};

/** How pressing a need is in an assessed village. */
export const NEED_LEVELS = ['tidak', 'rendah', 'sedang', 'tinggi'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

export const VULNERABLE_GROUPS = ['lansia', 'anak', 'disabilitas', 'ibu_hamil'] as const;
export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];

export const VULNERABLE_LABELS: Readonly<Record<VulnerableGroup, Msg>> = {
  lansia: { id: 'Lansia', en: 'Elderly' },
  anak: { id: 'Anak', en: 'Children' },
  disabilitas: { id: 'Penyandang disabilitas', en: 'People with disability' },
  ibu_hamil: { id: 'Ibu hamil', en: 'Pregnant women' },
};

export const VICTIM_CONDITIONS = ['selamat', 'luka_ringan', 'luka_berat', 'meninggal', 'hilang'] as const;
export type VictimCondition = (typeof VICTIM_CONDITIONS)[number];

export const DISPLACEMENTS = ['tidak_mengungsi', 'posko', 'rumah_kerabat', 'lainnya'] as const;
export type Displacement = (typeof DISPLACEMENTS)[number];

/**
 * SPM indicator 5 counts a victim as served when their basic needs were met: every
 * need declared at registration has received aid of that kind. A victim who declared
 * no need is not yet counted (the assessment of their needs is not done).
 */
export function basicNeedsMet(needs: readonly NeedKind[], served: readonly string[]): boolean {
  return needs.length > 0 && needs.every((n) => served.includes(n));
}

/** Victims served ÷ victims, in percent with one decimal; null when no victim is registered. */
export function victimsServedPercent(met: number, victims: number): number | null {
  if (victims <= 0) return null;
  return Math.round((met / victims) * 1000) / 10;
}
