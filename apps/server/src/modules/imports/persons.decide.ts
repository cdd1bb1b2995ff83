import { issue, type Issue } from '@pilar/domain';
import type { ImportRowResult } from './rows';
import type { ExistingPerson } from './persons.store';
import type { PersonCandidate } from './persons.validate';

/**
 * What an import does with a row whose NIK is already registered — the same for the
 * bulk and the service path. Importing a file again changes nothing: a row that says
 * what the record says (and holds no new PPKS category) is "unchanged"; a row that
 * says something else is refused, because an import never overwrites a record
 * someone may have corrected by hand — edits go through the person's page.
 */
export function judgeExisting(c: PersonCandidate, e: ExistingPerson): ImportRowResult {
  const same =
    e.fullName === c.fullName &&
    e.villageCode === c.villageCode &&
    (c.sex === null || e.sex === c.sex) &&
    (c.birthDate === null || e.birthDate === c.birthDate) &&
    c.ppks.every((p) => e.ppks.includes(p));
  if (same) return { row: c.row, status: 'unchanged', entityId: e.id, nikMasked: c.nikMasked, reasons: [], warnings: c.warnings };
  return rejected(c, [
    issue(
      'nik.duplicate_db',
      'nik',
      `NIK sudah terdaftar (id ${e.id}) dengan data berbeda; ubah lewat data orang tersebut`,
      `This NIK is already registered (id ${e.id}) with different data; edit that person's record instead`,
    ),
  ]);
}

export const registeredElsewhere = (c: PersonCandidate) =>
  rejected(c, [
    issue(
      'nik.registered_elsewhere',
      'nik',
      'NIK ini sudah terdaftar di wilayah lain; ajukan perpindahan',
      'This NIK is registered in another area; request a transfer',
    ),
  ]);

export const kkElsewhere = (c: PersonCandidate) =>
  rejected(c, [
    issue(
      'kk.duplicate',
      'kk',
      'No. KK ini sudah tercatat pada keluarga di wilayah lain',
      'This No. KK is already recorded for a household in another area',
    ),
  ]);

export const kkOtherRegency = (c: PersonCandidate) =>
  rejected(c, [
    issue(
      'member.other_regency',
      'kk',
      'Keluarga dengan No. KK ini terdaftar di kabupaten/kota lain',
      'The household with this No. KK is registered in another regency',
    ),
  ]);

export const headExists = (c: PersonCandidate) =>
  rejected(c, [
    issue(
      'member.head_exists',
      'relationship',
      'Keluarga ini sudah memiliki kepala keluarga',
      'This household already has a head',
    ),
  ]);

export function rejected(c: { row: number; nikMasked: string | null; warnings: Issue[] }, reasons: Issue[]): ImportRowResult {
  return { row: c.row, status: 'rejected', entityId: null, nikMasked: c.nikMasked, reasons, warnings: c.warnings };
}
