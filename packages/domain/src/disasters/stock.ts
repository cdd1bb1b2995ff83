/**
 * Aid stock arithmetic. Quantities carry at most two decimals (kg, litre) and are
 * computed in hundredths, so 0.1 + 0.2 is exactly 0.3 and a balance never drifts.
 * The database keeps the same rule (numeric(14,2) with CHECK balance >= 0).
 */
import { issue, type Issue } from '../messages';

export const MAX_QUANTITY = 1_000_000_000;

/** A quantity in hundredths, or an issue naming `field` when it is not a positive amount with ≤ 2 decimals. */
export function toHundredths(q: number, field = 'quantity'): { ok: true; value: number } | { ok: false; error: Issue } {
  const scaled = q * 100;
  const rounded = Math.round(scaled);
  if (!Number.isFinite(q) || q <= 0 || q > MAX_QUANTITY || Math.abs(scaled - rounded) > 1e-6) {
    return {
      ok: false,
      error: issue('stock.quantity', field, 'Jumlah harus lebih dari 0 dengan paling banyak 2 angka desimal', 'The quantity must be above 0 with at most 2 decimals'),
    };
  }
  return { ok: true, value: rounded };
}

export function fromHundredths(h: number): number {
  return h / 100;
}

/** Formats a quantity the Indonesian way (1.250,5). */
export function formatQuantity(q: number): string {
  return new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(q);
}

/** Whether `qty` can be issued from `balance` (both in hundredths), and what remains. */
export function planIssue(balance: number, qty: number): { ok: true; remaining: number } | { ok: false; shortBy: number } {
  if (qty > balance) return { ok: false, shortBy: qty - balance };
  return { ok: true, remaining: balance - qty };
}

/** Low stock: a threshold is set and the balance is at or below it. */
export function isLowStock(balance: number, threshold: number | null): boolean {
  return threshold !== null && balance <= threshold;
}

/** The refusal for issuing beyond the balance: names the item, what is left and what was asked. */
export function insufficientStockIssue(item: { name: string; unit: string }, available: number, requested: number): Issue {
  const a = formatQuantity(available);
  const r = formatQuantity(requested);
  return issue(
    'stock.insufficient',
    'quantity',
    `Stok ${item.name} di pos ini tidak cukup: tersisa ${a} ${item.unit}, diminta ${r} ${item.unit}`,
    `Not enough ${item.name} at this post: ${a} ${item.unit} left, ${r} ${item.unit} requested`,
  );
}
