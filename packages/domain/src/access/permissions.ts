/**
 * The one permission registry (STYLE.md §5). Dotted names, grouped by module.
 * Every check on the server and every action shown in the web app uses these.
 */
export const PERMISSIONS = {
  'person.read': 'Read a person’s record (NIK masked)',
  'person.create': 'Register a person',
  'person.update': 'Edit a person’s record',
  'person.reveal_nik': 'Reveal a full NIK / No. KK, with a reason (audited)',
  'person.history': 'See who processed a person’s data (UU PDP access requests)',
  'person.merge': 'Merge or un-merge duplicate persons',
  'case.read': 'Read PPKS cases',
  'case.create': 'Open a PPKS case',
  'case.transition': 'Move a case through its lifecycle',
  'case.validate': 'Validate a case (Dinsos verification chain)',
  'case.transfer': 'Transfer or accept a case between regencies',
  'case.check': 'Check a submitted case (coordinator step of the verification chain)',
  'case.reopen': 'Reopen a closed case',
  'case.configure': 'Set a regency’s case rules (e.g. whether the verification chain is required)',
  'partner.manage': 'Manage referral partners and link partner (mitra) users to them',
  'referral.respond': 'Accept, reject or complete referrals addressed to one’s organisation',
  'member.read': 'Read the PSM registry',
  'member.create': 'Register a PSM',
  'member.update': 'Edit a PSM record',
  'member.verify': 'Verify a PSM registration (Dinsos)',
  'member.issue_kta': 'Issue a KTA membership card (IPSM)',
  'org.manage': 'Manage IPSM units, boards and terms',
  'report.read': 'Read dashboards and aggregate reports',
  'report.export': 'Export reports and lists (purpose required, audited)',
  'user.read': 'See user accounts',
  'user.manage': 'Create and edit user accounts and their roles',
  'token.manage': 'Create and revoke API tokens',
  'audit.read': 'Read the audit trail',
  'reference.manage': 'Edit reference data (PPKS, PSKS, programmes)',
  'privacy.manage': 'Handle data subject requests, breaches and retention (DPO)',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return Object.hasOwn(PERMISSIONS, p);
}
