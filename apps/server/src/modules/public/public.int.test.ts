import { SENSITIVE_PPKS } from '@pilar/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWith, as } from '../../../test/actors';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildMember } from '../../../test/factories.members';
import { buildPerson, SOLO } from '../../../test/factories.people';
import { assignPpks } from '../people/ppks.service';

/**
 * Public statistics (issue 7 §5): no sign-in, cacheable, a method note, and no number
 * below 5 for a sensitive category or at village level, no lone hidden cell beside a
 * published total, and no person field anywhere in the answer.
 */
let t: TestApp;
const admin = actorWith(['admin', 'ID']);
const names: string[] = [];

async function persons(village: string, ppksCode: number, n: number) {
  for (let i = 0; i < n; i++) {
    const p = await buildPerson(t.database, admin, { villageCode: village });
    names.push(p.fullName);
    await as(t.database, admin, (ctx) => assignPpks(ctx, p.id, { ppksCode, assessedOn: '2026-01-10' }));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await persons(SOLO.village, 9, 3); // disability: health data
  await persons(SOLO.village, 24, 7);
  await persons(SOLO.sibling, 24, 2);
  await persons(SOLO.otherDistrict, 24, 6);
  await persons(SOLO.otherDistrict, 2, 6); // children: sensitive, but ≥ 5
  for (let i = 0; i < 3; i++) await buildMember(t.database, SOLO.village);
}, 120_000);
afterAll(async () => t?.close());

type Fig = { key: string; value: number | null; suppressed: boolean };
type Stats = { area: { level: string }; figures: Fig[]; children: { code: string; level: string; figures: Fig[] }[]; definitions: { key: string; sensitive: boolean }[]; method: { id: string; en: string } };

async function stats(area: string): Promise<Stats> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/stats?area=${area}&period=2026` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  const text = res.body;
  // No person field: no NIK-like 16 digits, no registered name, no id-like field names.
  expect(text).not.toMatch(/\d{16}/);
  for (const n of names) expect(text).not.toContain(n);
  expect(text).not.toMatch(/"(personId|fullName|nik|phone|address|birthDate)"/);
  return res.json();
}

function checkSuppression(s: Stats) {
  const sensitive = new Set(s.definitions.filter((d) => d.sensitive).map((d) => d.key));
  const check = (level: string, f: Fig) => {
    if (f.key.endsWith('.percent')) return;
    if (f.suppressed) expect(f.value).toBeNull();
    else if (sensitive.has(f.key) || level === 'village') expect(f.value!, `${level} ${f.key}`).toBeGreaterThanOrEqual(5);
  };
  for (const f of s.figures) check(s.area.level, f);
  for (const c of s.children) for (const f of c.figures) check(c.level, f);
  // A published total never sits beside exactly one hidden part.
  for (const f of s.figures) {
    if (f.suppressed || f.key.endsWith('.percent') || s.children.length < 2) continue;
    const hidden = s.children.filter((c) => c.figures.find((x) => x.key === f.key)!.suppressed).length;
    expect(hidden, f.key).not.toBe(1);
  }
}

describe('public statistics', () => {
  it('publishes aggregates with a method note, hiding small and recomputable cells', async () => {
    for (const area of ['ID', '33', SOLO.regency, '33.72.01', '33.72.05', SOLO.village, SOLO.sibling]) checkSuppression(await stats(area));
    const dist = await stats('33.72.01');
    const v = (s: Stats, key: string) => s.figures.find((f) => f.key === key)!;
    // 9 persons of category 24 in the district: published (not sensitive above village level).
    expect(v(dist, 'ppks.24')).toEqual({ key: 'ppks.24', value: 9, suppressed: false });
    // Category 9 (health data): 3 < 5, hidden at every level.
    expect(v(dist, 'ppks.9')).toEqual({ key: 'ppks.9', value: null, suppressed: true });
    // Village cells: 2 is hidden, and 7 with it, or 9 − 7 would give it away.
    const kids = Object.fromEntries(dist.children.map((c) => [c.code, c.figures.find((f) => f.key === 'ppks.24')!]));
    expect(kids[SOLO.sibling]!.suppressed).toBe(true);
    expect(kids[SOLO.village]!.suppressed).toBe(true);
    // The village page agrees with the district's table.
    expect(v(await stats(SOLO.village), 'ppks.24').suppressed).toBe(true);
    // Children (category 2) are sensitive: 6 persons, all in one district. Nationally 6 ≥ 5 is shown;
    // below, every other area holds a hidden 0, so the 6 is hidden too (else total − 6 = 0 reveals them).
    expect(SENSITIVE_PPKS).toContain(2);
    expect(v(await stats('ID'), 'ppks.2')).toEqual({ key: 'ppks.2', value: 6, suppressed: false });
    expect(v(await stats('33.72.05'), 'ppks.2')).toEqual({ key: 'ppks.2', value: null, suppressed: true });
    // PSM: 3 in one village (hidden there), shown at district level.
    expect(v(dist, 'psm.active').value).toBe(3);
    expect(dist.method.id).toMatch(/disembunyikan/);
    expect(dist.method.en).toMatch(/hidden/);
  });

  it('answers unknown areas with 404 and bad periods with 400, never 5xx', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/stats?area=99.99' })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/public/stats?area=ID&period=20x6' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('period');
  });
});
