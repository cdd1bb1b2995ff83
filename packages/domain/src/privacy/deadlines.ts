/**
 * UU PDP deadlines. Pasal 32–34 (access, correction, restriction…) and Pasal 46(1)
 * (breach notice) give the controller 3 × 24 hours ("paling lambat 3 x 24 jam"):
 * counted from receipt of the request, or from discovering the breach.
 */
export const PDP_DEADLINE_HOURS = 72;
/** A request or breach is "near due" this many hours before its deadline. */
export const NEAR_DUE_HOURS = 12;

const HOUR = 3_600_000;

/** The deadline: 72 hours after `from`. */
export function deadlineFrom(from: Date, hours = PDP_DEADLINE_HOURS): Date {
  return new Date(from.getTime() + hours * HOUR);
}

export type DeadlineState = 'on_time' | 'near_due' | 'overdue' | 'done';

export interface DeadlineView {
  dueAt: string;
  state: DeadlineState;
  /** Hours left (negative when overdue), one decimal; null once done. */
  hoursLeft: number | null;
}

/**
 * Where a deadline stands at `now`. Done (answered / notified) wins; exactly at
 * the deadline is still on time, one millisecond after is overdue.
 */
export function deadlineState(now: Date, dueAt: Date, done: boolean, nearHours = NEAR_DUE_HOURS): DeadlineView {
  if (done) return { dueAt: dueAt.toISOString(), state: 'done', hoursLeft: null };
  const left = dueAt.getTime() - now.getTime();
  const state: DeadlineState = left < 0 ? 'overdue' : left <= nearHours * HOUR ? 'near_due' : 'on_time';
  return { dueAt: dueAt.toISOString(), state, hoursLeft: Math.round((left / HOUR) * 10) / 10 };
}

export type EscalationLevel = 'near_due' | 'overdue';

/**
 * The escalations to record now, given the ones already recorded: each level is
 * recorded once, and an overdue item that was never flagged near-due gets only
 * the overdue escalation.
 */
export function escalationsDue(view: DeadlineView, recorded: readonly EscalationLevel[]): EscalationLevel[] {
  if (view.state === 'overdue') return recorded.includes('overdue') ? [] : ['overdue'];
  if (view.state === 'near_due') return recorded.includes('near_due') || recorded.includes('overdue') ? [] : ['near_due'];
  return [];
}
