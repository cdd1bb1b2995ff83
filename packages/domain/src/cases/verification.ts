/**
 * The verification chain a regency may require before a case counts as validated
 * (DOMAIN.md §3 and §8: PSM verifies → coordinator checks → Dinsos validates, as in the
 * regional PMKS apps). Four eyes: the checker is not the submitter, the validator is not
 * the checker.
 */
import type { Permission } from '../access/permissions';
import { issue, type Issue } from '../messages';

export const VERIFICATION_STATES = ['not_required', 'draft', 'submitted', 'checked', 'validated', 'returned'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export const VERIFICATION_ACTIONS = ['submit', 'check', 'validate', 'return'] as const;
export type VerificationAction = (typeof VERIFICATION_ACTIONS)[number];

/** A case counts as validated when the chain finished, or the regency does not require it. */
export function countsAsValidated(state: VerificationState): boolean {
  return state === 'validated' || state === 'not_required';
}

export interface VerificationFacts {
  state: VerificationState;
  submittedBy: string | null;
  checkedBy: string | null;
}

export type VerificationPlan =
  | { ok: true; to: VerificationState; permission: Permission }
  | { ok: false; permission: Permission; errors: Issue[] };

const FROM: Record<VerificationAction, readonly VerificationState[]> = {
  submit: ['draft', 'returned'],
  check: ['submitted'],
  validate: ['checked'],
  return: ['submitted', 'checked'],
};
const TO: Record<Exclude<VerificationAction, 'return'>, VerificationState> = { submit: 'submitted', check: 'checked', validate: 'validated' };

/** The permission a step needs; returning is done by whoever holds the current step. */
export function verificationPermission(action: VerificationAction, state: VerificationState): Permission {
  switch (action) {
    case 'submit':
      return 'case.transition';
    case 'check':
      return 'case.check';
    case 'validate':
      return 'case.validate';
    case 'return':
      return state === 'checked' ? 'case.validate' : 'case.check';
  }
}

export function planVerification(facts: VerificationFacts, action: VerificationAction, actorId: string | null, reason?: string | null): VerificationPlan {
  const permission = verificationPermission(action, facts.state);
  const errors: Issue[] = [];
  if (facts.state === 'not_required') {
    errors.push(issue('verification.not_required', 'action', 'Kabupaten/kota ini tidak mewajibkan verifikasi berjenjang', 'This regency does not require the verification chain'));
  } else if (!FROM[action].includes(facts.state)) {
    errors.push(issue('verification.from', 'action', `Langkah "${action}" tidak dapat dilakukan pada tahap ${facts.state}`, `Step "${action}" is not possible at stage ${facts.state}`));
  } else if (action === 'check' && actorId !== null && actorId === facts.submittedBy) {
    errors.push(issue('verification.four_eyes', 'action', 'Pemeriksa harus orang lain, bukan pengaju', 'The checker must be someone other than the submitter'));
  } else if (action === 'validate' && actorId !== null && actorId === facts.checkedBy) {
    errors.push(issue('verification.four_eyes', 'action', 'Validator harus orang lain, bukan pemeriksa', 'The validator must be someone other than the checker'));
  } else if (action === 'return' && !reason?.trim()) {
    errors.push(issue('verification.reason', 'reason', 'Tuliskan alasan pengembalian', 'Give the reason for returning the case'));
  }
  if (errors.length) return { ok: false, permission, errors };
  return { ok: true, to: action === 'return' ? 'returned' : TO[action], permission };
}
