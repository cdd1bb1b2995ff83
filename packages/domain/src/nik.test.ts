import { describe, it, expect } from 'vitest';
import { maskNik, validateNik } from './nik';
import type { NikResult } from './nik';
import { realAreaLookup } from './test-support/area-lookup';

const areas = realAreaLookup();
const TODAY = new Date(2025, 5, 1); // 1 June 2025, local time
// 33.72.01 = Kota Surakarta, Laweyan (exists in idn-area-data)
const nik = (dob6: string, serial = '0001', prefix = '337201') => `${prefix}${dob6}${serial}`;
const check = (input: unknown, declared?: Parameters<typeof validateNik>[1]) => validateNik(input, declared, areas, TODAY);
const codes = (r: NikResult) => r.errors.map((e) => e.code);
const warningCodes = (r: NikResult) => r.warnings.map((e) => e.code);

describe('validateNik: valid numbers', () => {
  it('reads a man: day as written', () => {
    const r = check(nik('170885'));
    expect(r).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      parsed: {
        provinceCode: '33',
        regencyCode: '33.72',
        districtCode: '33.72.01',
        birthDate: '1985-08-17',
        sex: 'L',
        serial: '0001',
      },
    });
  });

  it('reads a woman: day + 40 (41 is the 1st, 71 the 31st)', () => {
    const first = check(nik('410190'));
    expect(first.valid).toBe(true);
    expect(first.parsed).toMatchObject({ sex: 'P', birthDate: '1990-01-01' });
    const last = check(nik('710190'));
    expect(last.parsed).toMatchObject({ sex: 'P', birthDate: '1990-01-31' });
  });

  it('ignores surrounding whitespace only', () => {
    expect(check(`  ${nik('170885')}\n`).valid).toBe(true);
  });

  it.each(['91.03.01', '92.02.03', '93.01.01', '94.01.01', '95.01.01', '96.01.01'])(
    'accepts Papua province district %s (incl. the 2022 provinces 93–96)',
    (district) => {
      const r = check(nik('170885', '0001', district.replaceAll('.', '')));
      expect(r.valid).toBe(true);
      expect(r.warnings).toEqual([]);
    },
  );
});

describe('validateNik: 29 February and the century', () => {
  it('accepts 29 Feb 2000 with a declared birth date', () => {
    const r = check(nik('290200'), { birthDate: '2000-02-29' });
    expect(r.valid).toBe(true);
    expect(r.parsed?.birthDate).toBe('2000-02-29');
    expect(r.warnings).toEqual([]);
  });

  it('accepts 29 Feb 2000 by century inference (2000 is not in the future)', () => {
    expect(check(nik('290200')).parsed?.birthDate).toBe('2000-02-29');
    expect(check(nik('690200')).parsed).toMatchObject({ birthDate: '2000-02-29', sex: 'P' });
  });

  it('rejects 29 Feb of a non-leap year, men and women', () => {
    for (const dob of ['290201', '690201']) {
      const r = check(nik(dob));
      expect(r.valid).toBe(false);
      expect(codes(r)).toEqual(['nik.date']);
      expect(r.parsed?.birthDate).toBeNull();
    }
  });

  it('judges the leap year on the resolved full year (1900 is not leap)', () => {
    // Before 29 Feb 2000 happened, YY=00 can only be 1900.
    const r = validateNik(nik('290200'), undefined, areas, new Date(1999, 11, 31));
    expect(codes(r)).toEqual(['nik.date']);
    expect(r.errors[0]?.message.en).toContain('1900');
    // A declared 1900 date also fixes the century to 1900.
    expect(codes(check(nik('290200'), { birthDate: '1900-02-28' }))).toEqual(['nik.date']);
  });

  it('takes the century from the declared birth date when YY matches', () => {
    expect(check(nik('170805'), { birthDate: '1905-08-17' }).parsed?.birthDate).toBe('1905-08-17');
    expect(check(nik('170805'), { birthDate: '2005-08-17' }).parsed?.birthDate).toBe('2005-08-17');
  });

  it('infers 19YY when 20YY would be in the future', () => {
    expect(check(nik('170830')).parsed?.birthDate).toBe('1930-08-17'); // YY 30 > 25
    expect(check(nik('010725')).parsed?.birthDate).toBe('1925-07-01'); // July 2025 is after 1 June 2025
    expect(check(nik('010525')).parsed?.birthDate).toBe('2025-05-01');
    expect(check(nik('010625')).parsed?.birthDate).toBe('2025-06-01'); // today itself is not the future
  });

  it('falls back to inference when the declared year does not match YY', () => {
    const r = check(nik('170805'), { birthDate: '1906-08-17' });
    expect(r.parsed?.birthDate).toBe('2005-08-17');
    expect(warningCodes(r)).toEqual(['nik.birthDate.mismatch']);
  });
});

describe('validateNik: hard errors', () => {
  it.each([
    ['00', 'nik.day'],
    ['32', 'nik.day'],
    ['40', 'nik.day'],
    ['72', 'nik.day'],
    ['99', 'nik.day'],
  ])('rejects day digits %s', (dd, code) => {
    const r = check(nik(`${dd}0885`));
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual([code]);
  });

  it('rejects 31 in a 30-day month (and 71 for women)', () => {
    expect(codes(check(nik('310485')))).toEqual(['nik.date']);
    expect(codes(check(nik('710485')))).toEqual(['nik.date']);
  });

  it.each(['00', '13'])('rejects month %s', (mm) => {
    const r = check(nik(`17${mm}85`));
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['nik.month']);
  });

  it('rejects serial 0000', () => {
    const r = check(nik('170885', '0000'));
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['nik.serial']);
  });

  it('reports every hard problem at once', () => {
    expect(codes(check(nik('001385', '0000', '000101')))).toEqual([
      'nik.province',
      'nik.day',
      'nik.month',
      'nik.serial',
    ]);
  });

  it.each([
    ['337201170885001', 15],
    ['33720117088500011', 17],
  ])('rejects %s (length %i)', (input, length) => {
    const r = check(input);
    expect(r).toMatchObject({ valid: false, parsed: null });
    expect(codes(r)).toEqual(['nik.length']);
    expect(r.errors[0]?.message.id).toBe(`NIK harus 16 digit angka (diterima ${length} karakter)`);
    expect(r.errors[0]?.message.en).toBe(`NIK must be 16 digits (got ${length} characters)`);
  });

  it.each(['3372 0117 0885 0001', '3372.01.170885.0001', '337201170885000A', '３３７２０１１７０８８５０００１'])(
    'rejects non-digit characters in %s',
    (input) => {
      expect(codes(check(input))).toEqual(['nik.chars']);
    },
  );

  it('rejects an empty value as required', () => {
    expect(codes(check('   '))).toEqual(['nik.required']);
  });

  it.each([[3372011708850001], [null], [undefined], [{}]])('rejects non-string input %s', (input) => {
    const r = check(input);
    expect(r).toMatchObject({ valid: false, parsed: null });
    expect(codes(r)).toEqual(['nik.type']);
  });

  it.each(['00', '20', '99', '10', '37'])('rejects unknown province %s', (pp) => {
    const r = check(nik('170885', '0001', `${pp}0101`));
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['nik.province']);
    expect(r.warnings).toEqual([]); // no regency noise under an unknown province
  });

  it('without an area lookup only checks the province form (01–99)', () => {
    expect(validateNik(nik('170885', '0001', '200101'), undefined, undefined, TODAY).valid).toBe(true);
    expect(codes(validateNik(nik('170885', '0001', '000101'), undefined, undefined, TODAY))).toEqual(['nik.province']);
  });
});

describe('validateNik: soft warnings', () => {
  it('warns about an unknown regency but stays valid', () => {
    const r = check(nik('170885', '0001', '339901'));
    expect(r.valid).toBe(true);
    expect(warningCodes(r)).toEqual(['nik.regency.unknown']);
  });

  it('warns about an unknown district but stays valid', () => {
    const r = check(nik('170885', '0001', '337299'));
    expect(r.valid).toBe(true);
    expect(warningCodes(r)).toEqual(['nik.district.unknown']);
  });

  it('warns when the declared sex disagrees', () => {
    const r = check(nik('570885'), { sex: 'L' });
    expect(r.valid).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'nik.sex.mismatch', field: 'sex' });
    expect(check(nik('570885'), { sex: 'P' }).warnings).toEqual([]);
    expect(warningCodes(check(nik('170885'), { sex: 'P' }))).toEqual(['nik.sex.mismatch']);
  });

  it('warns when the declared birth date disagrees, naming the parts', () => {
    const r = check(nik('170885'), { birthDate: '1985-08-18', sex: 'L' });
    expect(r.valid).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'nik.birthDate.mismatch', field: 'birthDate' });
    expect(r.warnings[0]?.message.en).toContain('day');
    expect(r.warnings[0]?.message.en).not.toContain('month');
    const month = check(nik('170885'), { birthDate: '1985-09-17' });
    expect(month.warnings[0]?.message.id).toContain('bulan');
  });

  it('warns when the declared birth date is malformed and ignores it', () => {
    const r = check(nik('170885'), { birthDate: '17-08-1985' });
    expect(r.valid).toBe(true);
    expect(warningCodes(r)).toEqual(['birthDate.format']);
  });
});

describe('validateNik: messages', () => {
  const bad = [
    check('337201170885001'),
    check('3372 0117 0885 0001'),
    check(3372011708850001),
    check(nik('001385', '0000', '000101')),
    check(nik('290201')),
    check(nik('170885', '0001', '339901'), { sex: 'P', birthDate: '1990-01-01' }),
    check(nik('170885', '0001', '337299')),
  ];
  const all = bad.flatMap((r) => [...r.errors, ...r.warnings]);

  it('come in Bahasa Indonesia and English, with a code and a field', () => {
    expect(all.length).toBeGreaterThan(10);
    for (const i of all) {
      expect(i.code).toMatch(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/);
      expect(i.field.length).toBeGreaterThan(0);
      expect(i.message.id.length).toBeGreaterThan(10);
      expect(i.message.en.length).toBeGreaterThan(10);
      expect(i.message.id).not.toBe(i.message.en);
    }
  });

  it('never contain the NIK or a real birth date', () => {
    const inputs = [nik('170885'), nik('001385', '0000', '000101'), nik('290201'), nik('170885', '0001', '339901')];
    const text = all.map((i) => `${i.message.id} ${i.message.en}`).join('\n');
    for (const v of inputs) expect(text).not.toContain(v);
    expect(text).not.toContain('1985');
    expect(text).not.toContain('1990');
  });
});

describe('maskNik', () => {
  it('keeps the first and last 4 digits', () => {
    expect(maskNik('3372011708850001')).toBe('3372********0001');
  });
  it('masks anything that is not 16 characters completely', () => {
    expect(maskNik('337201170885001')).toBe('****************');
    expect(maskNik('')).toBe('****************');
  });
});
