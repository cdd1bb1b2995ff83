/**
 * NIK (Nomor Induk Kependudukan), UU 23/2006 jo. UU 24/2013 Administrasi Kependudukan:
 * 16 digits `PP KK CC DD MM YY SSSS`: province, regency and district of first
 * registration (never changes on moving), day of birth (+40 for women), month, 2-digit
 * year, serial (never 0000).
 *
 * Hard rules make the NIK invalid; soft rules only warn (see DOMAIN.md §5).
 * Deliberately not based on the npm package `nik-parser` (wrong sex, wrong century,
 * 34 provinces only).
 */
import { issue } from './messages';
import type { Issue } from './messages';
import { civilDateOf, compareDates, formatDate, isRealDate, parseIsoDate } from './civil-date';
import type { CivilDate } from './civil-date';
import {
  areaWarnings,
  checkProvince,
  checkSerial,
  checkSixteenDigits,
  maskSixteen,
  splitArea,
} from './sixteen-digits';
import type { AreaLookup, IdLabel } from './sixteen-digits';

export type { AreaLookup } from './sixteen-digits';

/** L = laki-laki (male), P = perempuan (female), as on the KTP. */
export type Sex = 'L' | 'P';

/** What the NIK's digits say. */
export type ParsedNik = {
  provinceCode: string;
  /** `PP.KK` */
  regencyCode: string;
  /** `PP.KK.CC` */
  districtCode: string;
  /** `YYYY-MM-DD`, or `null` when the digits are not a real date. */
  birthDate: string | null;
  sex: Sex;
  serial: string;
};

export type NikResult = {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /**
   * Filled whenever the input is 16 digits, even when `valid` is false, so that forms
   * can show what was read. Only trust it when `valid` is true.
   */
  parsed: ParsedNik | null;
};

/** What the person (or the form) declares, to compare with the NIK. */
export type NikDeclared = { sex?: Sex; birthDate?: string };

const LABEL: IdLabel = { field: 'nik', name: 'NIK' };

/** Women's day of birth is written +40 (Permendagri on NIK; DOMAIN.md §5). */
const FEMALE_DAY_OFFSET = 40;

/**
 * Full year for a 2-digit NIK year. The declared birth date wins when its last two
 * digits match; otherwise the latest century that does not put the birth date after
 * `today` (20YY if that date is not in the future, else 19YY).
 */
function resolveYear(yy: number, month: number, day: number, declared: CivilDate | null, today: CivilDate): number {
  if (declared && declared.year % 100 === yy) return declared.year;
  const in2000s = { year: 2000 + yy, month, day };
  return compareDates(in2000s, today) <= 0 ? 2000 + yy : 1900 + yy;
}

/**
 * Validates a NIK.
 *
 * @param input    the NIK as typed (a string; surrounding whitespace is ignored)
 * @param declared sex and birth date (`YYYY-MM-DD`) declared elsewhere on the form;
 *                 disagreement only warns, the birth date also fixes the century
 * @param areas    area reference data; the server always passes it. Without it the
 *                 province is only checked to be 01–99 and regency/district not at all
 * @param today    reference date for the century guess (default: now, local time)
 */
export function validateNik(
  input: unknown,
  declared?: NikDeclared,
  areas?: AreaLookup,
  today: Date = new Date(),
): NikResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const format = checkSixteenDigits(input, LABEL);
  if (format.issue) return { valid: false, errors: [format.issue], warnings, parsed: null };
  const digits = format.digits;
  const area = splitArea(digits);

  const provinceError = checkProvince(area.provinceCode, LABEL, areas);
  if (provinceError) errors.push(provinceError);
  else warnings.push(...areaWarnings(area.regencyCode, area.districtCode, LABEL, areas));

  const dd = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const yy = Number(digits.slice(10, 12));
  const sex: Sex = dd > FEMALE_DAY_OFFSET ? 'P' : 'L';
  const day = sex === 'P' ? dd - FEMALE_DAY_OFFSET : dd;

  let birth: CivilDate | null = null;
  const dayInRange = (dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71);
  if (!dayInRange) {
    errors.push(
      issue(
        'nik.day',
        'nik',
        `Tanggal lahir dalam NIK (digit 7–8) harus 01–31 untuk laki-laki atau 41–71 untuk perempuan (diterima ${digits.slice(6, 8)})`,
        `Day of birth in NIK (digits 7–8) must be 01–31 for men or 41–71 for women (got ${digits.slice(6, 8)})`,
      ),
    );
  }
  if (month < 1 || month > 12) {
    errors.push(
      issue(
        'nik.month',
        'nik',
        `Bulan lahir dalam NIK (digit 9–10) harus 01–12 (diterima ${digits.slice(8, 10)})`,
        `Month of birth in NIK (digits 9–10) must be 01–12 (got ${digits.slice(8, 10)})`,
      ),
    );
  }

  const declaredDate = declared?.birthDate === undefined ? null : parseIsoDate(declared.birthDate);
  if (declared?.birthDate !== undefined && declaredDate === null) {
    warnings.push(
      issue(
        'birthDate.format',
        'birthDate',
        'Tanggal lahir yang diisi bukan tanggal yang valid (format TTTT-BB-HH); tidak dapat dibandingkan dengan NIK',
        'The declared birth date is not a valid date (format YYYY-MM-DD); it cannot be compared with the NIK',
      ),
    );
  }

  if (dayInRange && month >= 1 && month <= 12) {
    const year = resolveYear(yy, month, day, declaredDate, civilDateOf(today));
    const candidate = { year, month, day };
    if (isRealDate(candidate)) {
      birth = candidate;
    } else {
      // Includes 29 Feb outside leap years, judged on the resolved full year.
      errors.push(
        issue(
          'nik.date',
          'nik',
          `Tanggal lahir dalam NIK (digit 7–12) bukan tanggal kalender yang ada: hari ${day} tidak ada pada bulan ${month} tahun ${year}`,
          `Birth date in NIK (digits 7–12) is not a real calendar date: day ${day} does not exist in month ${month} of ${year}`,
        ),
      );
    }
  }

  const serialError = checkSerial(area.serial, LABEL);
  if (serialError) errors.push(serialError);

  if (declared?.sex !== undefined && declared.sex !== sex && dayInRange) {
    warnings.push(
      issue(
        'nik.sex.mismatch',
        'sex',
        `Jenis kelamin yang diisi tidak sesuai dengan NIK (menurut NIK: ${sex === 'P' ? 'perempuan' : 'laki-laki'}). Periksa NIK atau jenis kelamin.`,
        `The declared sex does not match the NIK (the NIK says ${sex === 'P' ? 'female' : 'male'}). Check the NIK or the sex.`,
      ),
    );
  }

  if (declaredDate && birth && compareDates(declaredDate, birth) !== 0) {
    const parts = [
      declaredDate.day !== birth.day ? ['tanggal', 'day'] : null,
      declaredDate.month !== birth.month ? ['bulan', 'month'] : null,
      declaredDate.year % 100 !== yy ? ['tahun', 'year'] : null,
    ].filter((p): p is string[] => p !== null);
    warnings.push(
      issue(
        'nik.birthDate.mismatch',
        'birthDate',
        `Tanggal lahir yang diisi tidak sesuai dengan NIK (berbeda: ${parts.map((p) => p[0]).join(', ')}). Periksa NIK atau tanggal lahir.`,
        `The declared birth date does not match the NIK (differs in: ${parts.map((p) => p[1]).join(', ')}). Check the NIK or the birth date.`,
      ),
    );
  }

  return {
    valid: errors.length === 0,
    errors,
    warnings,
    parsed: {
      provinceCode: area.provinceCode,
      regencyCode: area.regencyCode,
      districtCode: area.districtCode,
      birthDate: birth ? formatDate(birth) : null,
      sex,
      serial: area.serial,
    },
  };
}

/** Masks a NIK for display and logs: first 4 digits, 8 asterisks, last 4 ('3372********0001'). */
export function maskNik(nik: string): string {
  return maskSixteen(nik);
}
