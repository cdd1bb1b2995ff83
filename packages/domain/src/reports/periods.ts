import { IANA_TIME_ZONE, timeZoneOf, type TimeZone } from '../areas';

/**
 * Report periods: a calendar year (`2026`) or month (`2026-03`) in the area's own
 * time zone (WIB/WITA/WIT, ARCHITECTURE.md decision 11). Stored dates (opened_on,
 * delivered_on, occurred_on…) are already local calendar dates, so a period is a
 * half-open range of months [fromMonth, toMonth).
 */
export interface Period {
  kind: 'year' | 'month';
  value: string;
  year: number;
  /** First day of the first month (YYYY-MM-01). */
  fromMonth: string;
  /** First day after the period (YYYY-MM-01). */
  toMonth: string;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

export function parsePeriod(value: string): Period | null {
  const m = PERIOD_PATTERN.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (!m[2]) return { kind: 'year', value, year, fromMonth: `${year}-01-01`, toMonth: `${year + 1}-01-01` };
  const month = Number(m[2]);
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { kind: 'month', value, year, fromMonth: `${value}-01`, toMonth: next };
}

/** The IANA zone of an area ('ID' and unknown codes: WIB, the capital's). */
export function ianaZoneOf(areaCode: string): string {
  return IANA_TIME_ZONE[(timeZoneOf(areaCode) ?? 'WIB') as TimeZone];
}

/** The calendar date at `now` in the area's own time zone (YYYY-MM-DD). */
export function localDateIn(now: Date, areaCode: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ianaZoneOf(areaCode), year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The current period of an area: this year, or this month with `kind: 'month'`. */
export function currentPeriod(now: Date, areaCode: string, kind: 'year' | 'month' = 'year'): Period {
  const today = localDateIn(now, areaCode);
  return parsePeriod(kind === 'year' ? today.slice(0, 4) : today.slice(0, 7))!;
}

/** Today in each Indonesian time zone: overdue tests at national level compare per province. */
export function todayByZone(now: Date): Record<TimeZone, string> {
  const f = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return { WIB: f(IANA_TIME_ZONE.WIB), WITA: f(IANA_TIME_ZONE.WITA), WIT: f(IANA_TIME_ZONE.WIT) };
}

/**
 * Median of a histogram of whole days (as PostgreSQL `percentile_cont(0.5)` over the
 * raw values: the mean of the two middle values when the count is even).
 */
export function medianOfHistogram(bins: readonly { days: number; n: number }[]): number | null {
  const sorted = bins.filter((b) => b.n > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (k < seen) return b.days;
    }
    return sorted.at(-1)!.days;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** The level below an area ('ID' → provinces → regencies → districts → villages). */
export function childLevelOf(areaCode: string): 'province' | 'regency' | 'district' | 'village' | null {
  if (areaCode === 'ID') return 'province';
  const depth = areaCode.split('.').length;
  return depth === 1 ? 'regency' : depth === 2 ? 'district' : depth === 3 ? 'village' : null;
}

/** Length of a child's code (prefix length for grouping) under `areaCode`. */
export function childCodeLength(areaCode: string): number | null {
  if (areaCode === 'ID') return 2;
  const depth = areaCode.split('.').length;
  return depth === 1 ? 5 : depth === 2 ? 8 : depth === 3 ? 13 : null;
}
