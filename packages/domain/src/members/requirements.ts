import { civilDateOf, compareDates, parseIsoDate, type CivilDate } from '../civil-date';

/**
 * Requirements to become a PSM (DOMAIN.md §1, [S]): a configurable checklist. The
 * definitions and their defaults live in the `member_requirement` table; a regency can
 * switch one off. Here: how each is judged from what the registry knows.
 */
export const REQUIREMENT_CODES = ['wni', 'usia_18', 'domisili', 'pelatihan', 'sehat', 'sk_desa'] as const;
export type RequirementCode = (typeof REQUIREMENT_CODES)[number];

export interface RequirementFacts {
  hasNik: boolean;
  birthDate: string | null;
  livesInVillage: boolean;
  trainings: number;
  healthStatement: boolean;
  skNumber: string | null;
}

/** Full years between `birth` and `on` (birthday not yet reached this year: one less). */
export function ageOn(birth: CivilDate, on: CivilDate): number {
  const years = on.year - birth.year;
  return compareDates({ ...birth, year: on.year }, on) > 0 ? years - 1 : years;
}

/** Whole years from `from` (YYYY-MM-DD) to `now`; null without a date. */
export function yearsSince(from: string | null, now: Date): number | null {
  const d = parseIsoDate(from);
  return d ? ageOn(d, civilDateOf(now)) : null;
}

/** Whether one requirement is met. Unknown codes (added as reference data later) count as not met. */
export function requirementMet(code: string, f: RequirementFacts, now: Date): boolean {
  switch (code) {
    case 'wni':
      return f.hasNik;
    case 'usia_18': {
      const b = parseIsoDate(f.birthDate);
      return b !== null && ageOn(b, civilDateOf(now)) >= 18;
    }
    case 'domisili':
      return f.livesInVillage;
    case 'pelatihan':
      return f.trainings > 0;
    case 'sehat':
      return f.healthStatement;
    case 'sk_desa':
      return !!f.skNumber;
    default:
      return false;
  }
}
