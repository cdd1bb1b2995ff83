import { describe, it, expect } from 'vitest';
import { IANA_TIME_ZONE, TIME_ZONE_BY_PROVINCE, isWithin, parseAreaCode, timeZoneOf } from './areas';
import { realAreaLookup } from './test-support/area-lookup';

describe('parseAreaCode', () => {
  it('reads a province', () => {
    expect(parseAreaCode('33')).toEqual({
      ok: true,
      code: '33',
      level: 'province',
      type: 'provinsi',
      parentCode: null,
      provinceCode: '33',
      regencyCode: null,
      districtCode: null,
    });
  });

  it('tells kota (71–99) from kabupaten (01–69)', () => {
    expect(parseAreaCode('33.72')).toMatchObject({ level: 'regency', type: 'kota', parentCode: '33', regencyCode: '33.72' });
    expect(parseAreaCode('19.01')).toMatchObject({ level: 'regency', type: 'kabupaten', parentCode: '19' });
    expect(parseAreaCode('11.69')).toMatchObject({ type: 'kabupaten' });
    expect(parseAreaCode('11.71')).toMatchObject({ type: 'kota' });
    expect(parseAreaCode('11.99')).toMatchObject({ type: 'kota' });
  });

  it('leaves the type open for regency digits no rule covers (00, 70)', () => {
    expect(parseAreaCode('11.70')).toMatchObject({ ok: true, type: null });
    expect(parseAreaCode('11.00')).toMatchObject({ ok: true, type: null });
  });

  it('reads a district', () => {
    expect(parseAreaCode('33.72.01')).toEqual({
      ok: true,
      code: '33.72.01',
      level: 'district',
      type: 'kecamatan',
      parentCode: '33.72',
      provinceCode: '33',
      regencyCode: '33.72',
      districtCode: '33.72.01',
    });
  });

  it('tells kelurahan, desa and desa adat apart by the first village digit', () => {
    expect(parseAreaCode('33.72.01.1001')).toEqual({
      ok: true,
      code: '33.72.01.1001',
      level: 'village',
      type: 'kelurahan',
      parentCode: '33.72.01',
      provinceCode: '33',
      regencyCode: '33.72',
      districtCode: '33.72.01',
    });
    expect(parseAreaCode('19.01.01.2001')).toMatchObject({ type: 'desa', parentCode: '19.01.01' });
    expect(parseAreaCode('91.03.01.3007')).toMatchObject({ type: 'desa_adat' });
    expect(parseAreaCode('91.03.01.4007')).toMatchObject({ ok: true, type: null });
    expect(parseAreaCode('91.03.01.0007')).toMatchObject({ ok: true, type: null });
  });

  it.each(['', '1', '111', '11.1', '11.001', '11.01.1', '11.01.01.20011', '11.01.01.201', 'ab', '11-01', ' 11', '11.01.', '.11', '11..01', '11.01.01.2001.01', '１１'])(
    'rejects malformed %j',
    (code) => {
      const r = parseAreaCode(code);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issue).toMatchObject({ code: 'area.format', field: 'code' });
        expect(r.issue.message.id).toContain('Kode wilayah');
        expect(r.issue.message.en).toContain('Area code');
      }
    },
  );

  it('rejects non-strings without throwing', () => {
    expect(parseAreaCode(11 as unknown as string).ok).toBe(false);
  });
});

describe('isWithin', () => {
  it.each([
    ['11.01', '11.01', true],
    ['11.01.02', '11.01', true],
    ['11.01.02.2001', '11', true],
    ['11.01.02.2001', '11.01.02', true],
    ['11.01', '11.01.02', false], // parent is not inside its child
    ['11.010', '11.01', false], // malformed code
    ['11.01', '11.0', false], // malformed scope
    ['11.01.02', '11.0', false],
    ['12.01', '11', false],
    ['110.01', '11', false],
    ['11.02.01', '11.01', false],
    ['11.01.02', '1', false],
    ['11.01.02', '11.', false],
    ['11.01', '11.01 ', false],
    ['33.72.01.1001', '', false], // an empty scope (a missing value) grants nothing
    ['33.72.01.1001', 'ID', true],
    ['33', 'ID', true],
    ['ID', 'ID', true],
    ['ID', '11', false],
    ['', '11', false],
    ['garbage', 'ID', false],
    ['11.01', 'id', false],
  ])('%j within %j is %s', (code, scope, expected) => {
    expect(isWithin(code, scope)).toBe(expected);
  });
});

describe('time zones', () => {
  it('covers exactly the 38 provinces of idn-area-data', () => {
    const areas = realAreaLookup();
    const codes = Object.keys(TIME_ZONE_BY_PROVINCE);
    expect(codes).toHaveLength(38);
    for (const c of codes) expect(areas.hasProvince(c)).toBe(true);
  });

  it('follows Keppres 41/1987', () => {
    const byZone = (z: string) => Object.entries(TIME_ZONE_BY_PROVINCE).filter(([, v]) => v === z).map(([k]) => k);
    expect(byZone('WIB')).toEqual(['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '61', '62']);
    expect(byZone('WITA')).toEqual(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
    expect(byZone('WIT')).toEqual(['81', '82', '91', '92', '93', '94', '95', '96']);
  });

  it('timeZoneOf reads the province of any level', () => {
    expect(timeZoneOf('33.72.01.1001')).toBe('WIB');
    expect(timeZoneOf('73.71')).toBe('WITA');
    expect(timeZoneOf('96')).toBe('WIT');
    expect(timeZoneOf('20.01')).toBeNull();
    expect(timeZoneOf('bad')).toBeNull();
    expect(IANA_TIME_ZONE[timeZoneOf('94.01.01') ?? 'WIB']).toBe('Asia/Jayapura');
    expect(IANA_TIME_ZONE).toEqual({ WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' });
  });
});
