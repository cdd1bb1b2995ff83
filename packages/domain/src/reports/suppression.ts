/**
 * Small-cell suppression for public statistics (UU PDP; DOMAIN.md §6 point 10: public
 * figures only as aggregates, counts below 5 hidden).
 *
 * Primary: a cell is hidden when its value is below the threshold and it is sensitive
 * (a "spesifik" PPKS category, or any figure at village level).
 * Complementary: the cells of a group add up to the group's total (the parent area).
 * When the total is published, a group never has exactly one hidden cell, and the
 * hidden cells together hold at least `threshold` (else a hidden value could be
 * recomputed, or bounded to zero, as total minus the visible ones): the smallest
 * visible cells are hidden too until both hold or every cell is hidden; a group of
 * one hidden cell asks for its total to be hidden as well. When the total itself is hidden, at least one cell of the
 * group is hidden, so the total cannot be recomputed as the sum of its parts.
 * Ties are broken by key, so every request sees the same decision.
 *
 * This is a deterministic heuristic, not an optimal cell-suppression solver
 * (τ-ARGUS and the like); it guarantees the two properties above per group.
 */
export const SUPPRESSION_THRESHOLD = 5;

export interface Cell {
  key: string;
  value: number;
  /** Subject to primary suppression (below the threshold is hidden). */
  sensitive: boolean;
}

export interface GroupDecision {
  hidden: Set<string>;
  /** The total must be hidden too (nothing left in the group to hide). */
  hideTotal: boolean;
}

export function suppressGroup(cells: readonly Cell[], total: { hidden: boolean } | null, threshold = SUPPRESSION_THRESHOLD): GroupDecision {
  const hidden = new Set(cells.filter((c) => c.sensitive && c.value < threshold).map((c) => c.key));
  const byValue = [...cells].sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hideNext = (): boolean => {
    const next = byValue.find((c) => !hidden.has(c.key));
    if (!next) return false;
    hidden.add(next.key);
    return true;
  };
  if (total === null || !total.hidden) {
    if (total === null || hidden.size === 0) return { hidden, hideTotal: false };
    const hiddenSum = () => cells.filter((c) => hidden.has(c.key)).reduce((s, c) => s + c.value, 0);
    while (hidden.size < 2 || hiddenSum() < threshold) {
      // Every cell hidden: with two or more the parts stay unknown; a lone part equals the total.
      if (!hideNext()) return { hidden, hideTotal: cells.length === 1 };
    }
    return { hidden, hideTotal: false };
  }
  if (hidden.size === 0 && cells.length > 0) hideNext();
  return { hidden, hideTotal: false };
}
