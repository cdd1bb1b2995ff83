/**
 * Distribution events (penyaluran): a frozen list of expected recipients (a payment
 * cycle needs a frozen beneficiary snapshot, DOMAIN.md §9) and each recipient's
 * check-in in the field. The discrepancy report compares the two.
 */
export const CHECKIN_OUTCOMES = ['received', 'represented', 'absent'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];

export const CHECKIN_METHODS = ['nik', 'qr', 'list'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];

export interface DiscrepancyCounts {
  expected: number;
  received: number;
  represented: number;
  absent: number;
  notCheckedIn: number;
  /** Expected minus those who got the aid (in person or represented). */
  gap: number;
}

/** Counts for a set of recipients given each one's outcome (undefined: no check-in yet). */
export function discrepancy(outcomes: readonly (CheckinOutcome | null | undefined)[]): DiscrepancyCounts {
  const c = { expected: outcomes.length, received: 0, represented: 0, absent: 0, notCheckedIn: 0, gap: 0 };
  for (const o of outcomes) {
    if (o === 'received') c.received++;
    else if (o === 'represented') c.represented++;
    else if (o === 'absent') c.absent++;
    else c.notCheckedIn++;
  }
  c.gap = c.expected - c.received - c.represented;
  return c;
}
