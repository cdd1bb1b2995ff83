import { describe, it, expect } from 'vitest';
import { maskKk, validateKk } from './kk';
import type { KkResult } from './kk';
import { realAreaLookup } from './test-support/area-lookup';

const areas = realAreaLookup();
const TODAY = new Date(2025, 5, 1);
const kk = (date6: string, serial = '0012', prefix = '337201') => `${prefix}${date6}${serial}`;
const check = (input: unknown) => validateKk(input, areas, TODAY);
const codes = (r: KkResult) => r.errors.map((e) => e.code);
const warningCodes = (r: KkResult) => r.warnings.map((e) => e.code);

describe('validateKk', () => {
  it('reads area, issue date and serial', () => {
    expect(check(kk('120315'))).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      parsed: {
        provinceCode: '33',
        regencyCode: '33.72',
        districtCode: '33.72.01',
        issueDate: '2015-03-12',
        serial: '0012',
      },
    });
  });

  it.each([
    ['337201120315001', 'kk.length'],
    ['33720112031500121', 'kk.length'],
    ['3372-0112-0315-0012', 'kk.chars'],
    ['', 'kk.required'],
  ])('rejects %j (%s)', (input, code) => {
    const r = check(input);
    expect(r).toMatchObject({ valid: false, parsed: null });
    expect(codes(r)).toEqual([code]);
  });

  it('rejects a number', () => {
    expect(codes(check(3372011203150012))).toEqual(['kk.type']);
  });

  it.each(['00', '20', '99'])('rejects unknown province %s', (pp) => {
    expect(codes(check(kk('120315', '0012', `${pp}0101`)))).toEqual(['kk.province']);
  });

  it('rejects serial 0000', () => {
    expect(codes(check(kk('120315', '0000')))).toEqual(['kk.serial']);
  });

  it.each(['000315', '320315', '121315', '120015', '290221'])(
    'only warns when the issue date %s is not a real date',
    (d) => {
      const r = check(kk(d));
      expect(r.valid).toBe(true);
      expect(warningCodes(r)).toEqual(['kk.issueDate.invalid']);
      expect(r.parsed?.issueDate).toBeNull();
    },
  );

  it('accepts 29 Feb of a leap year', () => {
    expect(check(kk('290224')).parsed?.issueDate).toBe('2024-02-29');
  });

  it('only warns when the issue date is in the future', () => {
    const r = check(kk('020625'));
    expect(r.valid).toBe(true);
    expect(warningCodes(r)).toEqual(['kk.issueDate.future']);
    expect(r.parsed?.issueDate).toBeNull();
    expect(check(kk('010625')).parsed?.issueDate).toBe('2025-06-01');
  });

  it('only warns about unknown regency or district', () => {
    expect(check(kk('120315', '0012', '339901'))).toMatchObject({ valid: true });
    expect(warningCodes(check(kk('120315', '0012', '339901')))).toEqual(['kk.regency.unknown']);
    expect(warningCodes(check(kk('120315', '0012', '337299')))).toEqual(['kk.district.unknown']);
  });

  it('messages are bilingual and never contain the number', () => {
    const inputs = [kk('320315', '0000', '339901'), '337201120315001', kk('020625', '0012', '000101')];
    const issues = inputs.flatMap((i) => [...check(i).errors, ...check(i).warnings]);
    expect(issues.length).toBeGreaterThanOrEqual(5);
    for (const i of issues) {
      expect(i.field).toBe('kk');
      expect(i.message.id).not.toBe(i.message.en);
      for (const v of inputs) {
        expect(i.message.id).not.toContain(v);
        expect(i.message.en).not.toContain(v);
      }
    }
  });
});

describe('maskKk', () => {
  it('keeps the first and last 4 digits', () => {
    expect(maskKk('3372011203150012')).toBe('3372********0012');
  });
});
