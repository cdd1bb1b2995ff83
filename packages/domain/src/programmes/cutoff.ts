/**
 * The monthly cut-off of usulan (DOMAIN.md §3 [S]: the 17th). Proposals made on or
 * before the 17th, in the area's own time zone (WIB/WITA/WIT, ARCHITECTURE.md
 * decision 11), join that month's batch; later ones roll to the next month. The day is
 * configurable because the rule is only secondary-sourced.
 */
import { timeZoneOf, type TimeZone } from '../areas';

export const DEFAULT_CUTOFF_DAY = 17;

/** Hours ahead of UTC; Indonesia keeps no daylight saving time. */
export const UTC_OFFSET_HOURS: Readonly<Record<TimeZone, number>> = { WIB: 7, WITA: 8, WIT: 9 };

/** `YYYY-MM` of a year and month (month 1–12, rolled over). */
function monthKey(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12 + 12) % 12 + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

function zoneOf(areaCode: string): TimeZone {
  // An unknown province is refused long before this point; WIB is the safe default.
  return timeZoneOf(areaCode) ?? 'WIB';
}

/** The local calendar date and time of `instant` in `areaCode`'s time zone. */
export function localParts(instant: Date, areaCode: string): { year: number; month: number; day: number; zone: TimeZone } {
  const zone = zoneOf(areaCode);
  const local = new Date(instant.getTime() + UTC_OFFSET_HOURS[zone] * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), zone };
}

/** The batch (`YYYY-MM`) a proposal made at `instant` in `areaCode` belongs to. */
export function batchMonthFor(instant: Date, areaCode: string, cutoffDay = DEFAULT_CUTOFF_DAY): string {
  const p = localParts(instant, areaCode);
  return p.day <= cutoffDay ? monthKey(p.year, p.month) : monthKey(p.year, p.month + 1);
}

/** The last instant that still counts for batch `month` (`YYYY-MM`): the cut-off day, 23:59:59.999 local. */
export function cutoffInstant(month: string, areaCode: string, cutoffDay = DEFAULT_CUTOFF_DAY): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const zone = zoneOf(areaCode);
  return new Date(Date.UTC(y, m - 1, cutoffDay, 23, 59, 59, 999) - UTC_OFFSET_HOURS[zone] * 3_600_000);
}

/** What a screen shows: the batch a proposal made now joins, and its cut-off. */
export function cutoffInfo(now: Date, areaCode: string, cutoffDay = DEFAULT_CUTOFF_DAY) {
  const batchMonth = batchMonthFor(now, areaCode, cutoffDay);
  const p = localParts(now, areaCode);
  return {
    timeZone: p.zone,
    cutoffDay,
    batchMonth,
    cutoffAt: cutoffInstant(batchMonth, areaCode, cutoffDay).toISOString(),
    rolledOver: batchMonth !== monthKey(p.year, p.month),
  };
}
