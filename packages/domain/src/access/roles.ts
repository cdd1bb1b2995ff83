import { ALL_PERMISSIONS, type Permission } from './permissions';

/**
 * Roles and what each may do. A user holds grants: (role, area code). A grant's
 * permissions apply to targets inside its area (prefix test, DOMAIN.md §5).
 */
export const ROLES = [
  'admin',
  'kemensos',
  'dinsos_prov',
  'dinsos_kab',
  'dinsos_kab_verifier',
  'dinsos_kab_head',
  'ipsm_pengurus',
  'psm',
  'mitra',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

const READ_PEOPLE: Permission[] = ['person.read', 'case.read'];
/** Programme work every regency Dinsos role shares (issue 8); approvals are split by role below. */
const PROGRAMME_DINSOS: Permission[] = [
  'programme.read',
  'programme.enrol',
  'usulan.read',
  'usulan.create',
  'usulan.verify',
  'distribution.read',
  'distribution.checkin',
  'complaint.read',
  'complaint.file',
  'complaint.handle',
];
const PROGRAMME_READ: Permission[] = ['programme.read', 'usulan.read', 'distribution.read', 'complaint.read'];
const DINSOS_KAB_BASE: Permission[] = [
  ...READ_PEOPLE,
  'person.create',
  'person.update',
  'person.reveal_nik',
  'person.history',
  'case.create',
  'case.transition',
  'member.read',
  'report.read',
  'report.export',
  'activity.read',
  'user.read',
  'incident.manage',
  'incident.respond',
  'privacy.request',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // System administration: everything, everywhere it is granted.
  admin: ALL_PERMISSIONS,
  // Kemensos: national reading and reporting; no changes, no NIK reveal.
  kemensos: [...READ_PEOPLE, 'member.read', 'report.read', 'report.export', ...PROGRAMME_READ, 'activity.read'],
  // Provincial Dinsos coordinates the regencies and manages their accounts.
  dinsos_prov: [...READ_PEOPLE, 'member.read', 'report.read', 'report.export', 'user.read', 'user.manage', 'audit.read', ...PROGRAMME_READ, 'incident.manage', 'incident.respond', 'activity.read', 'report.configure'],
  // Regency Dinsos, split into operator, verifier and head of office.
  // The operator is the coordinator of the verification chain (case.check); the verifier validates.
  // Usulan: the operator exports BNBA and imports results; the verifier, then the head, approve.
  dinsos_kab: [...DINSOS_KAB_BASE, 'member.create', 'member.update', 'person.merge', 'case.transfer', 'case.check', 'case.reopen', 'partner.manage', 'user.manage', 'token.manage',
    ...PROGRAMME_DINSOS, 'programme.configure', 'usulan.export_bnba', 'usulan.import_result', 'distribution.manage'],
  dinsos_kab_verifier: [...DINSOS_KAB_BASE, 'member.verify', 'case.validate', 'case.reopen', ...PROGRAMME_DINSOS, 'usulan.approve_verifier'],
  dinsos_kab_head: [...DINSOS_KAB_BASE, 'member.verify', 'case.validate', 'case.transfer', 'case.reopen', 'case.configure', 'partner.manage', 'user.manage', 'audit.read', 'privacy.manage', 'webhook.manage',
    ...PROGRAMME_DINSOS, 'programme.configure', 'usulan.approve_head', 'usulan.export_bnba', 'usulan.import_result', 'distribution.manage', 'report.configure'],
  // IPSM board of a unit: runs the association; sees no PPKS records.
  // IPSM volunteers respond to disasters (seed 000 "respon cepat"): incident work, still no PPKS records.
  ipsm_pengurus: ['member.read', 'member.create', 'member.update', 'member.issue_kta', 'org.manage', 'report.read', 'incident.respond', 'activity.read', 'report.review'],
  // PSM field worker: registers and serves the people of their village.
  psm: [...READ_PEOPLE, 'person.create', 'person.update', 'person.reveal_nik', 'case.create', 'case.transition', 'member.read', 'privacy.request',
    'programme.read', 'programme.enrol', 'usulan.read', 'usulan.create', 'usulan.verify', 'distribution.read', 'distribution.checkin',
    'complaint.read', 'complaint.file', 'incident.respond', 'activity.record'],
  // Partner organisation: only what is referred to it (checked per referral, not by area).
  // For incidents too, a partner user sees only those it is rostered on (checked by the disasters module).
  mitra: ['referral.respond', 'incident.respond'],
};

/**
 * Who may grant which roles (no privilege escalation): the granter needs
 * `user.manage` in a grant whose area contains the new grant's area, and the
 * role granted must be listed here for the granter's role.
 */
export const GRANTABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = {
  admin: ROLES,
  kemensos: [],
  dinsos_prov: ['dinsos_kab', 'dinsos_kab_verifier', 'dinsos_kab_head', 'ipsm_pengurus', 'psm', 'mitra'],
  dinsos_kab: ['ipsm_pengurus', 'psm', 'mitra'],
  dinsos_kab_verifier: [],
  dinsos_kab_head: ['dinsos_kab', 'dinsos_kab_verifier', 'ipsm_pengurus', 'psm', 'mitra'],
  ipsm_pengurus: [],
  psm: [],
  mitra: [],
};

/** The narrowest area level a role's grant may have (a PSM works in one village). */
export const ROLE_AREA_LEVELS: Readonly<Record<Role, readonly ('national' | 'province' | 'regency' | 'district' | 'village')[]>> = {
  admin: ['national'],
  kemensos: ['national'],
  dinsos_prov: ['province'],
  dinsos_kab: ['regency'],
  dinsos_kab_verifier: ['regency'],
  dinsos_kab_head: ['regency'],
  ipsm_pengurus: ['national', 'province', 'regency', 'district', 'village'],
  psm: ['village'],
  mitra: ['national', 'province', 'regency', 'district', 'village'],
};
