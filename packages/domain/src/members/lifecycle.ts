import type { Permission } from '../access/permissions';

/**
 * Registration and membership lifecycle of a PSM (DOMAIN.md §1, [U]: statuses with
 * date and basis). Registration: diajukan → (Dinsos kab/kota verifies) aktif, or
 * dikembalikan with a reason → diajukan again. Membership: aktif ↔ tidak_aktif →
 * berhenti (with a reason).
 */
export const MEMBER_STATUSES = ['diajukan', 'dikembalikan', 'aktif', 'tidak_aktif', 'berhenti'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const STOP_REASONS = ['mengundurkan_diri', 'meninggal', 'pindah_domisili', 'diberhentikan'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const MEMBER_TRANSITIONS = {
  /** Dinsos kab/kota verifies the registration: the PSM becomes active. */
  verify: { from: ['diajukan'], to: 'aktif', permission: 'member.verify' },
  /** Dinsos returns the registration with a reason (to be completed and resubmitted). */
  return: { from: ['diajukan'], to: 'dikembalikan', permission: 'member.verify' },
  /** A returned registration, completed, goes back to verification. */
  resubmit: { from: ['dikembalikan'], to: 'diajukan', permission: 'member.update' },
  deactivate: { from: ['aktif'], to: 'tidak_aktif', permission: 'member.update' },
  reactivate: { from: ['tidak_aktif'], to: 'aktif', permission: 'member.update' },
  /** Stop: resignation, death, moving away, dismissal — with date and basis (SK). */
  stop: { from: ['aktif', 'tidak_aktif'], to: 'berhenti', permission: 'member.update' },
} as const satisfies Record<string, { from: readonly MemberStatus[]; to: MemberStatus; permission: Permission }>;
export type MemberTransition = keyof typeof MEMBER_TRANSITIONS;
export const MEMBER_TRANSITION_NAMES = Object.keys(MEMBER_TRANSITIONS) as MemberTransition[];

/** Transitions possible from `status` (before checking who may do them). */
export function transitionsFrom(status: MemberStatus): MemberTransition[] {
  return MEMBER_TRANSITION_NAMES.filter((t) => (MEMBER_TRANSITIONS[t].from as readonly string[]).includes(status));
}

/** Satyalancana Kebaktian Sosial: national award, given after ≥ 5 years of service [S]. */
export const SATYALANCANA_MIN_YEARS = 5;
export const SATYALANCANA = 'Satyalancana Kebaktian Sosial';

export function isSatyalancana(awardType: string): boolean {
  return /satya\s*lancana\s+kebaktian\s+sosial/i.test(awardType);
}
