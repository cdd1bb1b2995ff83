import { describe, expect, it } from 'vitest';
import { parseDateCell, parsePpksCell, parseRelationshipCell, parseSexCell } from './cells';

const TODAY = '2026-03-02';
const date = (s: string) => {
  const r = parseDateCell(s, 'birthDate', TODAY, { past: true });
  return r.ok ? r.value : r.issue.code;
};

describe('spreadsheet cells', () => {
  it('reads the date spellings of Indonesian offices and Excel serials', () => {
    expect(date('12-03-1950')).toBe('1950-03-12');
    expect(date('12/03/1950')).toBe('1950-03-12');
    expect(date('1.3.1950')).toBe('1950-03-01');
    expect(date('1950-03-12')).toBe('1950-03-12');
    expect(date('1950-03-12 00:00:00')).toBe('1950-03-12');
    expect(date('12 Maret 1950')).toBe('1950-03-12');
    expect(date('18334')).toBe('1950-03-12');
    expect(date('29294')).toBe('1980-03-14');
  });

  it('refuses ambiguous and impossible dates with a reason instead of guessing', () => {
    expect(date('12-03-50')).toBe('date.two_digit_year');
    expect(date('03/25/1980')).toBe('date.month_day_order');
    expect(date('31-02-1980')).toBe('date.invalid');
    expect(date('1980/13/45')).toBe('date.invalid');
    expect(date('kemarin')).toBe('date.format');
    expect(date('01-01-2030')).toBe('date.future');
    expect(date('01-01-1700')).toBe('date.too_old');
  });

  it('reads sex, relationship and PPKS lists by code, name or alias', () => {
    expect(
      [parseSexCell('Laki-laki'), parseSexCell('perempuan'), parseSexCell('2'), parseSexCell('X')].map((r) =>
        r.ok ? r.value : r.issue.code,
      ),
    ).toEqual(['L', 'P', 'P', 'sex.invalid']);
    expect(parseRelationshipCell('Kepala Keluarga')).toEqual({ ok: true, value: 'kepala_keluarga' });
    expect(parsePpksCell('Fakir Miskin; Lansia Telantar, 9')).toEqual({ ok: true, value: [8, 9, 24] });
    const unknown = parsePpksCell('Fakir Miskin; Entah');
    expect(unknown.ok ? null : unknown.issue.code).toBe('ppks.unknown');
  });
});
