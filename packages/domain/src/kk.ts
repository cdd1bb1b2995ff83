/**
 * No. KK (Nomor Kartu Keluarga): 16 digits = 6-digit issuing area (PP KK CC) + DDMMYY
 * issue date + 4-digit serial. The layout is a secondary source [S] (DOMAIN.md §5), so
 * only the parts it shares with NIK are hard rules; the date only ever warns.
 *
 * A No. KK changes when the card is reissued: keep its history and never use it as a
 * stable family key.
 */
import { issue } from './messages';
import type { Issue } from './messages';
import { civilDateOf, compareDates, formatDate, isRealDate } from './civil-date';
import {
  areaWarnings,
  checkProvince,
  checkSerial,
  checkSixteenDigits,
  maskSixteen,
  splitArea,
} from './sixteen-digits';
import type { AreaLookup, IdLabel } from './sixteen-digits';

/** What the No. KK's digits say. */
export type ParsedKk = {
  provinceCode: string;
  /** `PP.KK` */
  regencyCode: string;
  /** `PP.KK.CC` */
  districtCode: string;
  /** `YYYY-MM-DD`, or `null` when the digits are not a plausible issue date (see warnings). */
  issueDate: string | null;
  serial: string;
};

export type KkResult = {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Filled whenever the input is 16 digits, even when `valid` is false. Only trust it when `valid` is true. */
  parsed: ParsedKk | null;
};

const LABEL: IdLabel = { field: 'kk', name: 'No. KK' };

/**
 * Validates a No. KK.
 *
 * The issue year is read as 20YY: 16-digit family card numbers belong to the SIAK era
 * (population register of UU 23/2006 Administrasi Kependudukan) [S]. A 20YY date after
 * `today` is warned about (a typo, or an older card converted with its old date); the
 * warning never blocks.
 *
 * @param areas area reference data; the server always passes it (without it the
 *              province is only checked to be 01–99)
 * @param today reference date for the "issue date in the future" warning
 */
export function validateKk(input: unknown, areas?: AreaLookup, today: Date = new Date()): KkResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const format = checkSixteenDigits(input, LABEL);
  if (format.issue) return { valid: false, errors: [format.issue], warnings, parsed: null };
  const digits = format.digits;
  const area = splitArea(digits);

  const provinceError = checkProvince(area.provinceCode, LABEL, areas);
  if (provinceError) errors.push(provinceError);
  else warnings.push(...areaWarnings(area.regencyCode, area.districtCode, LABEL, areas));

  const serialError = checkSerial(area.serial, LABEL);
  if (serialError) errors.push(serialError);

  const date = {
    year: 2000 + Number(digits.slice(10, 12)),
    month: Number(digits.slice(8, 10)),
    day: Number(digits.slice(6, 8)),
  };
  let issueDate: string | null = null;
  if (!isRealDate(date)) {
    warnings.push(
      issue(
        'kk.issueDate.invalid',
        'kk',
        `Tanggal terbit dalam No. KK (digit 7–12) bukan tanggal kalender yang ada (${digits.slice(6, 12)}). Periksa kembali No. KK.`,
        `Issue date in No. KK (digits 7–12) is not a real calendar date (${digits.slice(6, 12)}). Please double-check the No. KK.`,
      ),
    );
  } else if (compareDates(date, civilDateOf(today)) > 0) {
    warnings.push(
      issue(
        'kk.issueDate.future',
        'kk',
        'Tanggal terbit dalam No. KK (digit 7–12) berada di masa depan. Periksa kembali No. KK.',
        'Issue date in No. KK (digits 7–12) is in the future. Please double-check the No. KK.',
      ),
    );
  } else {
    issueDate = formatDate(date);
  }

  return {
    valid: errors.length === 0,
    errors,
    warnings,
    parsed: {
      provinceCode: area.provinceCode,
      regencyCode: area.regencyCode,
      districtCode: area.districtCode,
      issueDate,
      serial: area.serial,
    },
  };
}

/** Masks a No. KK for display and logs: first 4 digits, 8 asterisks, last 4. */
export function maskKk(kk: string): string {
  return maskSixteen(kk);
}
