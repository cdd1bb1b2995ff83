/**
 * The PPKS case lifecycle (DOMAIN.md §2, seed 004: pendataan → asesmen → intervensi →
 * monitoring → closure) as a pure state machine. The server asks it which transition an
 * action makes, which permission it needs and what must be true first; it never blocks
 * on anything it cannot see (the facts are passed in).
 */
import type { Permission } from '../access/permissions';
import { issue, type Issue } from '../messages';

export const CASE_STATUSES = ['identified', 'assessed', 'planned', 'in_intervention', 'monitoring', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['assess', 'plan', 'start', 'monitor', 'resume', 'close', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CLOSURE_REASONS = [
  'tujuan_tercapai',
  'dirujuk_tuntas',
  'pindah_domisili',
  'meninggal_dunia',
  'menolak_layanan',
  'tidak_memenuhi_kriteria',
  'tidak_dapat_ditemukan',
  'lainnya',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, { id: string; en: string }>> = {
  identified: { id: 'Pendataan', en: 'Identified' },
  assessed: { id: 'Asesmen', en: 'Assessed' },
  planned: { id: 'Rencana intervensi', en: 'Planned' },
  in_intervention: { id: 'Intervensi', en: 'In intervention' },
  monitoring: { id: 'Monitoring', en: 'Monitoring' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

const OPEN: CaseStatus[] = ['identified', 'assessed', 'planned', 'in_intervention', 'monitoring'];

interface Rule {
  from: readonly CaseStatus[];
  /** 'previous': back to the status held before closing. */
  to: CaseStatus | 'previous';
  permission: Permission;
}

/** Each action: where it may start, where it leads, and the permission it needs. */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, Rule>> = {
  assess: { from: ['identified'], to: 'assessed', permission: 'case.transition' },
  plan: { from: ['assessed'], to: 'planned', permission: 'case.transition' },
  start: { from: ['planned'], to: 'in_intervention', permission: 'case.transition' },
  monitor: { from: ['in_intervention'], to: 'monitoring', permission: 'case.transition' },
  resume: { from: ['monitoring'], to: 'in_intervention', permission: 'case.transition' },
  close: { from: OPEN, to: 'closed', permission: 'case.transition' },
  // Reopening undoes a closure: a supervisory decision, kept to Dinsos.
  reopen: { from: ['closed'], to: 'previous', permission: 'case.reopen' },
};

/** What the server knows about the case when asked for a transition. */
export interface CaseFacts {
  status: CaseStatus;
  /** Status before the last closure (for reopen). */
  closedFrom?: CaseStatus | null;
  assessments: number;
  /** Goals plus planned services. */
  planItems: number;
}

export interface TransitionInput {
  closureReason?: string | null;
  note?: string | null;
}

export type TransitionPlan =
  | { ok: true; from: CaseStatus; to: CaseStatus; permission: Permission }
  | { ok: false; permission: Permission; errors: Issue[] };

export function isCaseAction(a: string): a is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(a);
}

/** Decides the transition `action` makes from `facts.status`, or why it cannot be made. */
export function planTransition(facts: CaseFacts, action: CaseAction, input: TransitionInput = {}): TransitionPlan {
  const rule = CASE_TRANSITIONS[action];
  const errors: Issue[] = [];
  if (!rule.from.includes(facts.status)) {
    const label = CASE_STATUS_LABELS[facts.status];
    errors.push(
      issue('case.transition.from', 'action', `Tindakan "${action}" tidak dapat dilakukan pada status ${label.id}`, `Action "${action}" is not possible in status ${label.en}`),
    );
    return { ok: false, permission: rule.permission, errors };
  }
  if (action === 'assess' && facts.assessments === 0) {
    errors.push(issue('case.assessment_required', 'action', 'Isi formulir asesmen terlebih dahulu', 'Record an assessment first'));
  }
  if (action === 'plan' && facts.planItems === 0) {
    errors.push(issue('case.plan_required', 'action', 'Tambahkan minimal satu tujuan atau layanan yang direncanakan', 'Add at least one goal or planned service'));
  }
  if (action === 'close' && !(CLOSURE_REASONS as readonly string[]).includes(input.closureReason ?? '')) {
    errors.push(
      issue('case.closure_reason', 'closureReason', `Pilih alasan penutupan: ${CLOSURE_REASONS.join(', ')}`, `Choose a closure reason: ${CLOSURE_REASONS.join(', ')}`),
    );
  }
  if (action === 'close' && input.closureReason === 'lainnya' && !input.note?.trim()) {
    errors.push(issue('case.note_required', 'note', 'Jelaskan alasan penutupan', 'Explain the reason for closing'));
  }
  if (action === 'reopen' && !input.note?.trim()) {
    errors.push(issue('case.note_required', 'note', 'Tuliskan alasan membuka kembali kasus', 'Give the reason for reopening the case'));
  }
  if (errors.length) return { ok: false, permission: rule.permission, errors };
  const to = rule.to === 'previous' ? (facts.closedFrom ?? 'identified') : rule.to;
  return { ok: true, from: facts.status, to, permission: rule.permission };
}

/** Actions whose starting status matches (guards aside): what a screen may offer. */
export function actionsFrom(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => CASE_TRANSITIONS[a].from.includes(status));
}
