import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';

/**
 * Issue 9 §7, the map of affected villages: rapid assessments may carry the GPS of where
 * they were taken (checked against Indonesia's bounds, named field errors in id/en), and
 * the incident dashboard places each village at its newest assessment with GPS, with no
 * person data in the answer.
 */
const PAJANG = '33.72.01.1001';
const LAWEYAN = '33.72.01.1002';
const GROGOL = '33.11.01.2001';

let t: TestApp;
type H = Record<string, string>;
let dinsos: H, psmSolo: H, psmSkh: H;
let incidentId: string;

const call = async (headers: H, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};
const user = async (role: string, area: string) => {
  const u = await buildUser(t.database, { grants: [{ role: role as never, areaCode: area }] });
  return (await signIn(t.app, u)).headers as H;
};
const figures = { affected: 40, displaced: 12, injured: 1, dead: 0, missing: 0 };
const assess = (headers: H, body: object) =>
  call(headers, 'POST', `/incidents/${incidentId}/assessments`, { ...figures, ...body });

beforeAll(async () => {
  t = await createTestApp();
  dinsos = await user('dinsos_kab', '33.72');
  psmSolo = await user('psm', PAJANG);
  psmSkh = await user('psm', GROGOL);
  const inc = await call(dinsos, 'POST', '/incidents', {
    kind: 'bencana_alam',
    hazard: 'banjir',
    title: 'Banjir Bengawan Solo (peta)',
    startedAt: '2026-03-01T20:00:00+07:00',
    villageCodes: [PAJANG, LAWEYAN, GROGOL],
  });
  expect(inc.status, JSON.stringify(inc.body)).toBe(201);
  incidentId = inc.body.id;
});
afterAll(async () => t?.close());

describe('GPS of rapid assessments', () => {
  it('refuses positions outside Indonesia, half pairs and negative accuracy, naming the field', async () => {
    const cases: Array<[object, string, RegExp]> = [
      [{ lat: -12.5, lng: 110.8 }, 'lat', /Lintang.*−11 dan 6/],
      [{ lat: 7, lng: 110.8 }, 'lat', /Lintang/],
      [{ lat: -7.56, lng: 150 }, 'lng', /Bujur.*94 dan 142/],
      [{ lat: -7.56, lng: 93.5 }, 'lng', /Bujur/],
      [{ lat: -7.56 }, 'lng', /lintang dan bujur bersama-sama/],
      [{ lng: 110.8 }, 'lat', /lintang dan bujur bersama-sama/],
      [{ lat: -7.56, lng: 110.8, accuracyM: -3 }, 'accuracyM', /tidak boleh negatif/],
      [{ accuracyM: 10 }, 'accuracyM', /bersama lintang dan bujur/],
    ];
    for (const [gps, field, idMessage] of cases) {
      const r = await assess(psmSolo, { villageCode: PAJANG, ...gps });
      expect(r.status, JSON.stringify(gps)).toBe(400);
      const err = r.body.errors.find((e: { field: string }) => e.field === field);
      expect(err, JSON.stringify(r.body.errors)).toBeDefined();
      expect(err.message.id).toMatch(idMessage);
      expect(err.message.en).toMatch(field === 'accuracyM' ? /accuracy/ : /latitude|longitude/i);
    }
    const wrongType = await assess(psmSolo, { villageCode: PAJANG, lat: '-7.5', lng: 110.8 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field)).toContain('lat');
    // Nothing was recorded by the refused attempts.
    const list = await call(dinsos, 'GET', `/incidents/${incidentId}/assessments?history=true`);
    expect(list.body.items).toHaveLength(0);
  });

  it('keeps the position with the assessment; the bounds themselves are accepted', async () => {
    const edge = await assess(psmSolo, {
      villageCode: PAJANG,
      assessedAt: '2026-03-02T07:00:00+07:00',
      lat: -11,
      lng: 142,
      accuracyM: 0,
    });
    expect(edge.status, JSON.stringify(edge.body)).toBe(201);
    expect(edge.body).toMatchObject({ lat: -11, lng: 142, accuracyM: 0 });
    const none = await assess(dinsos, { villageCode: LAWEYAN, assessedAt: '2026-03-02T07:30:00+07:00' });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ lat: null, lng: null, accuracyM: null });
  });
});

describe('incident dashboard map', () => {
  it('places each village at its newest assessment with GPS, and only villages that have one', async () => {
    // Pajang: a later position replaces the first; then a newer assessment without GPS keeps the last known point.
    expect(
      (
        await assess(psmSolo, {
          villageCode: PAJANG,
          assessedAt: '2026-03-02T09:00:00+07:00',
          lat: -7.5667,
          lng: 110.7923,
          accuracyM: 14,
        })
      ).status,
    ).toBe(201);
    expect((await assess(psmSolo, { villageCode: PAJANG, assessedAt: '2026-03-03T09:00:00+07:00', affected: 55 })).status).toBe(
      201,
    );
    // An older assessment sent late from the field does not move the point back.
    expect(
      (await assess(psmSolo, { villageCode: PAJANG, assessedAt: '2026-03-02T08:00:00+07:00', lat: -7.6, lng: 110.9 })).status,
    ).toBe(201);
    // Grogol (another regency), GPS without accuracy.
    expect(
      (await assess(psmSkh, { villageCode: GROGOL, assessedAt: '2026-03-02T10:00:00+07:00', lat: -7.6012, lng: 110.8155 }))
        .status,
    ).toBe(201);

    const d = await call(dinsos, 'GET', `/incidents/${incidentId}/dashboard`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    const byCode = Object.fromEntries(d.body.villages.map((v: { villageCode: string }) => [v.villageCode, v]));
    expect(byCode[PAJANG].point).toEqual({ lat: -7.5667, lng: 110.7923, accuracyM: 14, assessedAt: '2026-03-02T02:00:00.000Z' });
    expect(byCode[PAJANG].affected).toBe(55); // the figures still come from the latest assessment
    expect(byCode[GROGOL].point).toEqual({
      lat: -7.6012,
      lng: 110.8155,
      accuracyM: null,
      assessedAt: '2026-03-02T03:00:00.000Z',
    });
    expect(byCode[LAWEYAN].point).toBeNull();
    // No tile server configured in tests: the map is drawn on a plain background.
    expect(d.body.tiles).toBeNull();

    // Village figures and positions only: no person fields anywhere in the answer.
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      }
    };
    walk(d.body);
    for (const personal of ['nik', 'fullName', 'name', 'phone', 'personId', 'birthDate', 'recordedBy', 'address'])
      expect(keys.has(personal), personal).toBe(false);
    expect(JSON.stringify(d.body)).not.toMatch(/psm|username/i);
  });

  it('shows the point to the other regency’s responders too, through the same access rules', async () => {
    const d = await call(psmSkh, 'GET', `/incidents/${incidentId}/dashboard`);
    expect(d.status).toBe(200);
    const grogol = d.body.villages.find((v: { villageCode: string }) => v.villageCode === GROGOL);
    expect(grogol.point).toMatchObject({ lat: -7.6012, lng: 110.8155 });
  });
});
