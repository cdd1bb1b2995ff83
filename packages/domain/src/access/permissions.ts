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
  'report.review': 'Review PSM monthly reports, answer disputes and finalise them (IPSM coordinator)',
  'report.configure': 'Configure the office letterhead (kop surat) used on exported reports',
  'activity.record': 'Record one’s own PSM activities, submit one’s monthly report and dispute its entries',
  'activity.read': 'Read the PSM activity logs and monthly reports of an area',
  'user.read': 'See user accounts',
  'user.manage': 'Create and edit user accounts and their roles',
  'token.manage': 'Create and revoke API tokens',
  'webhook.manage': 'Subscribe integrations to event webhooks for an area (payloads carry ids, never NIK or names)',
  'audit.read': 'Read the audit trail',
  'reference.manage': 'Edit reference data (PPKS, PSKS, programmes)',
  'privacy.manage': 'Handle data subject requests, breaches and retention (DPO)',
  'privacy.request': 'Register a data subject request (UU PDP) for the DPO to handle (operators, PSM)',
  'incident.manage': 'Declare and run disaster incidents: status, posts, items, roster, sitreps (Dinsos)',
  'incident.respond': 'Respond to incidents in one’s area: assessments, victims, aid issues, check-in (PSM, IPSM, rostered partners)',
  'programme.read': 'Read programme memberships (bansos) of persons and households',
  'programme.enrol': 'Record or edit a programme membership (status, period, external ids, decile)',
  'programme.configure': 'Add local programmes and BNBA column templates of one’s government',
  'usulan.read': 'Read assistance proposals (usulan) and musdes minutes',
  'usulan.create': 'Draft and propose usulan; record musdes minutes or an SPTJM (desa side)',
  'usulan.verify': 'Record the field verification of an usulan (checklist, photos)',
  'usulan.approve_verifier': 'Approve or return an usulan as the Dinsos verifier',
  'usulan.approve_head': 'Approve or return an usulan as the head of the Dinsos office',
  'usulan.export_bnba': 'Export a BNBA list with full NIK for SIKS-NG (purpose required, audited)',
  'usulan.import_result': 'Import SIKS-NG results (set / rejected) back into usulan',
  'distribution.read': 'Read distribution events (penyaluran), recipients and discrepancy reports',
  'distribution.manage': 'Create distribution events (frozen recipient lists) and close them',
  'distribution.checkin': 'Check recipients in at a distribution (also offline)',
  'complaint.read': 'Read complaints (pengaduan) in one’s area',
  'complaint.file': 'File a complaint on someone’s behalf (PSM, Dinsos staff)',
  'complaint.handle': 'Move complaints through their stages and record the outcome',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return Object.hasOwn(PERMISSIONS, p);
}
