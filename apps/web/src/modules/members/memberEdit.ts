import type { MemberDraft } from './MemberFormFields';
import type { Member, MemberUpdate } from './members.types';

/** The member fields the edit form offers (not the NIK, not the village). */
export const EDITABLE_FIELDS = [
  'fullName',
  'sex',
  'birthDate',
  'phone',
  'address',
  'rw',
  'livesInVillage',
  'healthStatement',
  'skNumber',
  'skDate',
  'skIssuer',
] as const;

/** The record as the form shows it (empty strings for what is not recorded; the NIK is not edited). */
export function memberToDraft(m: Member): MemberDraft {
  return {
    fullName: m.fullName,
    sex: m.sex,
    birthDate: m.birthDate,
    nik: '',
    phone: m.phone ?? '',
    address: m.address ?? '',
    rw: m.rw ?? '',
    livesInVillage: m.livesInVillage,
    healthStatement: m.healthStatement,
    skNumber: m.sk?.number ?? '',
    skDate: m.sk?.date ?? '',
    skIssuer: m.sk?.issuer ?? '',
  };
}

/**
 * Only the fields the user changed go to the server (with the version they were read
 * at), so an edit never overwrites what it did not touch. A cleared optional field is
 * sent as null; a cleared required one as "" for the server to name it.
 */
export function draftChanges(before: MemberDraft, after: MemberDraft, version: number): MemberUpdate {
  const patch: Record<string, unknown> = { version };
  for (const key of EDITABLE_FIELDS) {
    const value = after[key];
    if (value === before[key]) continue;
    if (typeof value === 'boolean') patch[key] = value;
    else if (key === 'fullName' || key === 'sex' || key === 'birthDate') patch[key] = value.trim();
    else patch[key] = value.trim() === '' ? null : value.trim();
  }
  return patch as MemberUpdate;
}
