/**
 * Retention schedule evaluation (UU PDP Pasal 43–44: data is erased or anonymised
 * once its retention period has passed, unless a legal duty or a hold keeps it).
 */
export const RETENTION_ACTIONS = ['flag', 'anonymise', 'delete'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

export interface RetentionRule {
  recordType: string;
  keepDays: number;
  action: RetentionAction;
  enabled: boolean;
}

export type RetentionDecision = 'keep' | 'held' | 'disabled' | RetentionAction;

const DAY = 86_400_000;

/** The moment before which records of `rule` have passed their retention at `now`. */
export function retentionCutoff(now: Date, keepDays: number): Date {
  return new Date(now.getTime() - keepDays * DAY);
}

/**
 * What to do with one record whose retention clock started at `since`: keep it
 * (still within the period, exactly at the boundary included), stop because of a
 * legal hold, or apply the rule's action.
 */
export function evaluateRetention(rule: RetentionRule, since: Date, now: Date, held: boolean): RetentionDecision {
  if (since.getTime() >= retentionCutoff(now, rule.keepDays).getTime()) return 'keep';
  if (!rule.enabled) return 'disabled';
  if (held) return 'held';
  return rule.action;
}
