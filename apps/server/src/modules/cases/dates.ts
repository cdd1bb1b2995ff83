import { IANA_TIME_ZONE, timeZoneOf } from '@pilar/domain';

/**
 * Today's calendar date in the area's own time zone (WIB/WITA/WIT, ARCHITECTURE.md
 * decision 11): a case opened at 23:30 WIT belongs to that day, not the UTC one.
 */
export function localDate(now: Date, areaCode: string): string {
  const tz = IANA_TIME_ZONE[timeZoneOf(areaCode) ?? 'WIB'];
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
