import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { idnAreaDataDir } from './areas.loader';

const csv = (file: string) =>
  parse(readFileSync(join(idnAreaDataDir(), file)), { columns: true }) as Record<string, string>[];
const districts = csv('districts.csv');
const villages = csv('villages.csv');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, type: res.headers['content-type'], body: res.json() };
};

describe('area reference data', () => {
  it('holds every Kemendagri area from idn-area-data 4.0.1', async () => {
    const { rows } = await t.database.ownerQuery(`SELECT level, count(*)::int AS n FROM area GROUP BY level`);
    const byLevel = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(byLevel).toEqual({ province: 38, regency: 514, district: 7285, village: 83762 });
  });

  it('derives type from the code: 416 kabupaten, 98 kota; kelurahan, desa and desa adat', async () => {
    const { rows } = await t.database.ownerQuery(`SELECT type, count(*)::int AS n FROM area GROUP BY type`);
    const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]));
    expect(byType.kabupaten).toBe(416);
    expect(byType.kota).toBe(98);
    const fromCsv = { kelurahan: 0, desa: 0, desa_adat: 0 };
    for (const v of villages) {
      const d = v.code!.split('.')[3]![0];
      if (d === '1') fromCsv.kelurahan++;
      else if (d === '2') fromCsv.desa++;
      else if (d === '3') fromCsv.desa_adat++;
    }
    expect({ kelurahan: byType.kelurahan, desa: byType.desa, desa_adat: byType.desa_adat ?? 0 }).toEqual(fromCsv);
  });

  it('lists the 38 provinces with national totals that add up to 83,762 villages', async () => {
    const { status, body } = await get('/api/v1/areas');
    expect(status).toBe(200);
    expect(body.parent).toBeNull();
    expect(body.items).toHaveLength(38);
    expect(body.items.reduce((s: number, a: { counts: { villages: number } }) => s + a.counts.villages, 0)).toBe(83762);
    expect(body.items.map((a: { code: string }) => a.code)).toEqual([...body.items.map((a: { code: string }) => a.code)].sort());
  });

  it('describes Kota Surakarta (a city) like the package data does', async () => {
    const { status, body } = await get('/api/v1/areas/33.72');
    expect(status).toBe(200);
    const ds = districts.filter((d) => d.regency_code === '33.72');
    const vs = villages.filter((v) => v.code!.startsWith('33.72.'));
    expect(body).toMatchObject({
      code: '33.72',
      name: 'Kota Surakarta',
      level: 'regency',
      type: 'kota',
      parentCode: '33',
      timeZone: 'WIB',
      counts: { children: ds.length, villages: vs.length },
      ancestors: [{ code: '33', name: 'Jawa Tengah', level: 'province' }],
    });
    expect(vs.length).toBe(54); // seed 002: 54 members from all of Solo's kelurahan
  });

  it('describes Kabupaten Bangka (a regency) and lists its districts in code order', async () => {
    const { body } = await get('/api/v1/areas?parent=19.01');
    const ds = districts.filter((d) => d.regency_code === '19.01').sort((a, b) => a.code!.localeCompare(b.code!));
    expect(body.parent).toMatchObject({ code: '19.01', type: 'kabupaten', timeZone: 'WIB' });
    expect(body.parent.counts.villages).toBe(villages.filter((v) => v.code!.startsWith('19.01.')).length);
    expect(body.items.map((a: { code: string; name: string }) => [a.code, a.name])).toEqual(ds.map((d) => [d.code, d.name]));
  });

  it('gives villages their type and each province its own time zone', async () => {
    expect((await get('/api/v1/areas/33.72.01.1001')).body).toMatchObject({ level: 'village', type: 'kelurahan', counts: { children: 0, villages: 1 } });
    expect((await get('/api/v1/areas/51')).body.timeZone).toBe('WITA');
    expect((await get('/api/v1/areas/73')).body.timeZone).toBe('WITA');
    expect((await get('/api/v1/areas/94')).body.timeZone).toBe('WIT');
    expect((await get('/api/v1/areas/96')).body.timeZone).toBe('WIT');
    const village = (await get('/api/v1/areas/19.01.01.1001')).body;
    expect(village.ancestors.map((a: { code: string }) => a.code)).toEqual(['19', '19.01', '19.01.01']);
  });

  it('finds areas by name regardless of case, spaces and prefixes', async () => {
    const solo = (await get('/api/v1/areas/search?q=SURAKARTA')).body.items;
    expect(solo[0]).toMatchObject({ code: '33.72', name: 'Kota Surakarta', path: 'Jawa Tengah' });
    const pgk = (await get('/api/v1/areas/search?q=pangkal%20pinang')).body.items;
    expect(pgk[0]).toMatchObject({ code: '19.71' });
    const pgk2 = (await get('/api/v1/areas/search?q=pangkalpinang')).body.items;
    expect(pgk2[0]).toMatchObject({ code: '19.71' });
    const within = (await get('/api/v1/areas/search?q=kampung&within=33.72&level=village')).body.items;
    expect(within.every((a: { code: string; level: string }) => a.code.startsWith('33.72.') && a.level === 'village')).toBe(true);
    // A village's path lists its ancestors nearest first.
    const v = (await get('/api/v1/areas/search?q=keude%20bakongan&level=village')).body.items[0];
    expect(v.path).toBe('Bakongan — Kabupaten Aceh Selatan — Aceh');
  });
});

describe('bad input answers 4xx problem+json naming the field', () => {
  const cases: [string, number, string][] = [
    ['/api/v1/areas/99.99', 404, 'not_found'],
    ['/api/v1/areas/abc', 400, 'code'],
    ['/api/v1/areas/33.7', 400, 'code'],
    ['/api/v1/areas?parent=xx', 400, 'parent'],
    ['/api/v1/areas?parent=99', 404, 'not_found'],
    ['/api/v1/areas?unknown=1', 400, 'unknown'],
    ['/api/v1/areas/search', 400, 'q'],
    ['/api/v1/areas/search?q=a', 400, 'q'],
    ['/api/v1/areas/search?q=%20%20%21', 400, 'q'],
    ['/api/v1/areas/search?q=solo&limit=0', 400, 'limit'],
    ['/api/v1/areas/search?q=solo&limit=abc', 400, 'limit'],
    ['/api/v1/areas/search?q=solo&level=planet', 400, 'level'],
    ['/api/v1/areas/search?q=solo&within=1', 400, 'within'],
    [`/api/v1/areas/search?q=${'x'.repeat(500)}`, 400, 'q'],
    ['/api/v1/nothing-here', 404, 'not_found'],
  ];
  it.each(cases)('GET %s → %i', async (url, status, fieldOrCode) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.message.id).toBeTruthy();
    expect(res.body.message.en).toBeTruthy();
    if (status === 400) expect(res.body.errors.map((e: { field: string }) => e.field).join(',')).toContain(fieldOrCode);
    else expect(res.body.code).toBe(fieldOrCode);
  });
});
