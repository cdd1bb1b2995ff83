/**
 * The usulan (assistance proposal) lifecycle (DOMAIN.md §3 [S]): a resident registers at
 * the desa → the list is decided in a musyawarah desa/kelurahan (minutes signed) or
 * covered by an SPTJM → field verification (often by a PSM) → approval by the Dinsos
 * verifier, then by the head of office → sent to SIKS-NG → set or rejected there (the
 * result is imported back). A pure state machine: each action names where it may start,
 * where it leads and the permission it needs, so the role per step lives in one place.
 */
import type { Permission } from '../access/permissions';
import { issue, type Issue } from '../messages';

export const USULAN_STATUSES = [
  'draft',
  'proposed',
  'deliberated',
  'verified',
  'verifier_approved',
  'approved',
  'sent',
  'set',
  'rejected',
  'returned',
  'withdrawn',
] as const;
export type UsulanStatus = (typeof USULAN_STATUSES)[number];

export const USULAN_ACTIONS = [
  'propose',
  'deliberate',
  'verify',
  'approve_verifier',
  'approve_head',
  'send',
  'set',
  'reject',
  'return',
  'withdraw',
] as const;
export type UsulanAction = (typeof USULAN_ACTIONS)[number];

export const USULAN_STATUS_LABELS: Readonly<Record<UsulanStatus, { id: string; en: string }>> = {
  draft: { id: 'Draf', en: 'Draft' },
  proposed: { id: 'Diusulkan desa/kelurahan', en: 'Proposed by the village' },
  deliberated: { id: 'Disepakati musdes/muskel atau SPTJM', en: 'Agreed in musdes or by SPTJM' },
  verified: { id: 'Terverifikasi lapangan', en: 'Field-verified' },
  verifier_approved: { id: 'Disetujui verifikator Dinsos', en: 'Approved by the Dinsos verifier' },
  approved: { id: 'Disetujui Kepala Dinas', en: 'Approved by the head of office' },
  sent: { id: 'Dikirim ke SIKS-NG', en: 'Sent to SIKS-NG' },
  set: { id: 'Ditetapkan', en: 'Set' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  returned: { id: 'Dikembalikan untuk perbaikan', en: 'Returned for correction' },
  withdrawn: { id: 'Dibatalkan', en: 'Withdrawn' },
};

interface Rule {
  from: readonly UsulanStatus[];
  to: UsulanStatus;
  permission: Permission;
}

/** Each step, where it may start, where it leads, and who may take it (by permission). */
export const USULAN_TRANSITIONS: Readonly<Record<Exclude<UsulanAction, 'return'>, Rule>> = {
  // The desa side (PSM or Dinsos staff acting for the desa/kelurahan).
  propose: { from: ['draft', 'returned'], to: 'proposed', permission: 'usulan.create' },
  deliberate: { from: ['proposed'], to: 'deliberated', permission: 'usulan.create' },
  // Verifikasi dan validasi lapangan, often by a PSM or TKSK.
  verify: { from: ['deliberated'], to: 'verified', permission: 'usulan.verify' },
  // Dinsos: verifier first, then the head of office.
  approve_verifier: { from: ['verified'], to: 'verifier_approved', permission: 'usulan.approve_verifier' },
  approve_head: { from: ['verifier_approved'], to: 'approved', permission: 'usulan.approve_head' },
  // Export of the BNBA list for the SIKS-NG upload.
  send: { from: ['approved', 'sent'], to: 'sent', permission: 'usulan.export_bnba' },
  // Results imported back from the national system.
  set: { from: ['sent'], to: 'set', permission: 'usulan.import_result' },
  reject: { from: ['sent'], to: 'rejected', permission: 'usulan.import_result' },
  withdraw: { from: ['draft', 'proposed', 'returned'], to: 'withdrawn', permission: 'usulan.create' },
};

/** Returning for correction is done by whoever holds the current step. */
export function returnPermission(status: UsulanStatus): Permission | null {
  switch (status) {
    case 'proposed':
    case 'deliberated':
      return 'usulan.verify';
    case 'verified':
      return 'usulan.approve_verifier';
    case 'verifier_approved':
      return 'usulan.approve_head';
    default:
      return null;
  }
}

export interface UsulanFacts {
  status: UsulanStatus;
  verifierApprovedBy: string | null;
}

export interface UsulanStepInput {
  reason?: string | null;
  /** For deliberate: minutes of a musdes/muskel, or an SPTJM statement. */
  deliberation?: 'musdes' | 'sptjm' | null;
  /** For verify: every checklist item answered. */
  checklistComplete?: boolean;
}

export type UsulanPlan =
  | { ok: true; from: UsulanStatus; to: UsulanStatus; permission: Permission }
  | { ok: false; permission: Permission | null; errors: Issue[] };

export function isUsulanAction(a: string): a is UsulanAction {
  return (USULAN_ACTIONS as readonly string[]).includes(a);
}

/** Decides what `action` does from `facts.status`, or why it cannot be done. */
export function planUsulan(facts: UsulanFacts, action: UsulanAction, actorId: string | null, input: UsulanStepInput = {}): UsulanPlan {
  if (action === 'return') {
    const permission = returnPermission(facts.status);
    if (!permission) {
      return { ok: false, permission: null, errors: [fromError(action, facts.status)] };
    }
    if (!input.reason?.trim()) {
      return { ok: false, permission, errors: [issue('usulan.reason', 'reason', 'Tuliskan alasan pengembalian', 'Give the reason for returning the usulan')] };
    }
    return { ok: true, from: facts.status, to: 'returned', permission };
  }
  const rule = USULAN_TRANSITIONS[action];
  if (!rule.from.includes(facts.status)) return { ok: false, permission: rule.permission, errors: [fromError(action, facts.status)] };
  const errors: Issue[] = [];
  if (action === 'deliberate' && !input.deliberation) {
    errors.push(issue('usulan.deliberation', 'deliberation', 'Lampirkan berita acara musdes/muskel atau SPTJM', 'Attach musdes minutes or an SPTJM'));
  }
  if (action === 'verify' && !input.checklistComplete) {
    errors.push(issue('usulan.checklist', 'checklist', 'Lengkapi semua butir daftar periksa verifikasi', 'Answer every item of the verification checklist'));
  }
  // Four eyes: the head of office is not the person who approved as verifier.
  if (action === 'approve_head' && actorId !== null && actorId === facts.verifierApprovedBy) {
    errors.push(issue('usulan.four_eyes', 'action', 'Persetujuan kepala dinas harus oleh orang lain, bukan verifikator', 'The head’s approval must come from someone other than the verifier'));
  }
  if (action === 'reject' && !input.reason?.trim()) {
    errors.push(issue('usulan.reason', 'reason', 'Alasan penolakan wajib diisi', 'The rejection reason is required'));
  }
  if (errors.length) return { ok: false, permission: rule.permission, errors };
  return { ok: true, from: facts.status, to: rule.to, permission: rule.permission };
}

function fromError(action: UsulanAction, status: UsulanStatus): Issue {
  const label = USULAN_STATUS_LABELS[status];
  return issue('usulan.transition.from', 'action', `Langkah "${action}" tidak dapat dilakukan pada status ${label.id}`, `Step "${action}" is not possible in status ${label.en}`);
}

/** Steps whose starting status matches (guards aside): what a screen may offer. */
export function usulanActionsFrom(status: UsulanStatus): UsulanAction[] {
  const out = (Object.keys(USULAN_TRANSITIONS) as Exclude<UsulanAction, 'return'>[]).filter((a) => USULAN_TRANSITIONS[a].from.includes(status)) as UsulanAction[];
  if (returnPermission(status)) out.push('return');
  return out;
}

/** The default field-verification checklist [U]: configurable per regency later, kept editable. */
export const VERIFICATION_CHECKLIST = [
  { code: 'domisili', id: 'Tinggal di alamat yang diusulkan', en: 'Lives at the proposed address' },
  { code: 'identitas', id: 'KTP dan KK sesuai dengan data usulan', en: 'KTP and KK match the proposal' },
  { code: 'kondisi_rumah', id: 'Kondisi rumah sesuai kriteria', en: 'Housing condition meets the criteria' },
  { code: 'belum_penerima', id: 'Belum menerima bantuan sejenis', en: 'Not already receiving similar aid' },
  { code: 'bukan_asn', id: 'Bukan ASN/TNI/Polri atau keluarganya', en: 'Not a civil servant, soldier or police (or their family)' },
] as const;
export type VerificationChecklistCode = (typeof VERIFICATION_CHECKLIST)[number]['code'];
