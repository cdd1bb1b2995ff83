import { PDFParse } from 'pdf-parse';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';

/**
 * Issue 9: a flood along the Bengawan Solo across Kota Surakarta (33.72) and Kabupaten
 * Sukoharjo (33.11): visibility for both regencies, assessments from both, victims
 * (dedup against an existing person by NIK), sitrep figures against the raw records,
 * and no personal data in the sitrep text or PDF.
 */
const SOLO = '33.72.01.1001'; // Pajang
const SOLO2 = '33.72.01.1002'; // Laweyan
const SKH = '33.11.01.2001'; // Grogol, Sukoharjo

let t: TestApp;
type H = Record<string, string>;
let dinsosSolo: H, dinsosSkh: H, dinsosFar: H, psmSolo: H, psmSkh: H, ipsmSolo: H, mitra: H;
let mitraUserId: string;
let incidentId: string;
let incidentVersion: number;

const call = async (headers: H, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.rawPayload, raw: res.rawPayload };
};
const ok = async (headers: H, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const r = await call(headers, method, url, payload);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
};
const user = async (role: string, area: string) => {
  const u = await buildUser(t.database, { grants: [{ role: role as never, areaCode: area }] });
  return { id: u.id, headers: (await signIn(t.app, u)).headers as H };
};

const EXISTING_NIK = syntheticNik('33.72.01', '1961-07-04', 'L', 4321);
const NEW_NIK = syntheticNik('33.11.01', '1990-02-11', 'P', 777);
const VICTIM_NAMES = ['Pak Sutrisno Wiryo', 'Bu Sumarni Lestari', 'Adik Bagus Prakoso', 'Mbah Karto Dimejo'];
const PHONE = '0812-3456-7890';

beforeAll(async () => {
  t = await createTestApp();
  dinsosSolo = (await user('dinsos_kab', '33.72')).headers;
  dinsosSkh = (await user('dinsos_kab', '33.11')).headers;
  dinsosFar = (await user('dinsos_kab', '19.01')).headers;
  psmSolo = (await user('psm', SOLO)).headers;
  psmSkh = (await user('psm', SKH)).headers;
  ipsmSolo = (await user('ipsm_pengurus', '33.72')).headers;
  const m = await user('mitra', '33.72');
  mitra = m.headers;
  mitraUserId = m.id;
  // A resident registered long before the flood, with a NIK.
  await ok(psmSolo, 'POST', '/persons', { villageCode: SOLO, fullName: VICTIM_NAMES[0], nik: EXISTING_NIK, sex: 'L', birthDate: '1961-07-04', phone: PHONE });
});
afterAll(async () => t?.close());

describe('incidents across two regencies', () => {
  it('is declared quickly and seen by both regencies’ Dinsos, not by others', async () => {
    const inc = await ok(dinsosSolo, 'POST', '/incidents', {
      kind: 'bencana_alam',
      hazard: 'banjir',
      title: 'Banjir Bengawan Solo Maret 2026',
      startedAt: '2026-03-01T20:00:00+07:00',
      villageCodes: [SOLO, SOLO2, SKH],
    });
    incidentId = inc.id;
    incidentVersion = inc.version;
    expect(inc).toMatchObject({ status: 'emergency', leadOfficeCode: '33.72', ppksCode: 21 });
    expect(inc.areas.map((a: { regencyCode: string }) => a.regencyCode).sort()).toEqual(['33.11', '33.72', '33.72']);
    expect(inc.actions).toContain('sitrep');

    const skh = await ok(dinsosSkh, 'GET', `/incidents/${incidentId}`);
    expect(skh.id).toBe(incidentId);
    expect((await ok(dinsosSkh, 'GET', '/incidents')).items.map((i: { id: string }) => i.id)).toContain(incidentId);
    expect((await call(dinsosFar, 'GET', `/incidents/${incidentId}`)).status).toBe(404);
    expect((await ok(dinsosFar, 'GET', '/incidents')).total).toBe(0);
    // A partner user sees it only once on the roster.
    expect((await call(mitra, 'GET', `/incidents/${incidentId}`)).status).toBe(404);
  });

  it('refuses an unknown hazard for the kind and a lead office outside the caller’s scope, naming the field', async () => {
    const bad = await call(dinsosSolo, 'POST', '/incidents', { kind: 'bencana_sosial', hazard: 'banjir', title: 'X', startedAt: '2026-03-01T20:00:00+07:00', villageCodes: [SOLO] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('hazard');
    const far = await call(dinsosSolo, 'POST', '/incidents', { kind: 'wabah', title: 'Y', startedAt: '2026-03-01T20:00:00+07:00', villageCodes: [SOLO], leadOfficeCode: '33.11' });
    expect(far.status).toBe(400);
    expect(far.body.errors[0].field).toBe('leadOfficeCode');
  });

  it('moves emergency → recovery → emergency and refuses emergency → closed', async () => {
    const rec = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/status`, { version: incidentVersion, status: 'recovery' });
    const back = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/status`, { version: rec.version, status: 'emergency' });
    const bad = await call(dinsosSolo, 'POST', `/incidents/${incidentId}/status`, { version: back.version, status: 'closed' });
    expect(bad.status).toBe(409);
    expect(bad.body.errors[0].field).toBe('status');
    // Only the lead office moves it.
    expect((await call(dinsosSkh, 'POST', `/incidents/${incidentId}/status`, { version: back.version, status: 'recovery' })).status).toBe(403);
    incidentVersion = back.version;
  });
});

describe('rapid needs assessments', () => {
  it('takes assessments from both regencies, keeps the history and shows the latest', async () => {
    await ok(psmSolo, 'POST', `/incidents/${incidentId}/assessments`, {
      villageCode: SOLO, assessedAt: '2026-03-02T06:00:00+07:00', affected: 120, displaced: 40, injured: 3, dead: 0, missing: 1,
      housesRingan: 10, housesSedang: 4, housesBerat: 1, elderly: 12, children: 30, disabled: 2, pregnant: 3, needs: { pangan: 'tinggi', air_bersih: 'sedang' },
    });
    await ok(psmSolo, 'POST', `/incidents/${incidentId}/assessments`, {
      villageCode: SOLO, assessedAt: '2026-03-02T12:00:00+07:00', affected: 150, displaced: 60, injured: 4, dead: 1, missing: 0,
      housesRingan: 14, housesSedang: 5, housesBerat: 2, elderly: 15, children: 41, disabled: 3, pregnant: 4, needs: { pangan: 'tinggi', hunian: 'tinggi' },
    });
    await ok(psmSkh, 'POST', `/incidents/${incidentId}/assessments`, {
      villageCode: SKH, assessedAt: '2026-03-02T09:00:00+07:00', affected: 80, displaced: 25, injured: 0, dead: 0, missing: 0, needs: { pangan: 'sedang', kesehatan: 'tinggi' },
    });
    // A phone sending an older assessment late does not replace the latest.
    await ok(psmSolo, 'POST', `/incidents/${incidentId}/assessments`, {
      villageCode: SOLO, assessedAt: '2026-03-02T03:00:00+07:00', affected: 90, displaced: 10, injured: 0, dead: 0, missing: 0,
    });
    const latest = (await ok(dinsosSkh, 'GET', `/incidents/${incidentId}/assessments`)).items;
    expect(latest.map((a: { villageCode: string; affected: number }) => [a.villageCode, a.affected])).toEqual([[SKH, 80], [SOLO, 150]]);
    const history = (await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/assessments?villageCode=${SOLO}&history=true`)).items;
    expect(history.map((a: { affected: number }) => a.affected)).toEqual([150, 120, 90]);
    const dash = await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/dashboard`);
    expect(dash.totals).toMatchObject({ affected: 230, displaced: 85 });
  });

  it('refuses a PSM outside the village, a village not affected, and more displaced than affected', async () => {
    const other = await call(psmSkh, 'POST', `/incidents/${incidentId}/assessments`, { villageCode: SOLO, affected: 1, displaced: 0, injured: 0, dead: 0, missing: 0 });
    expect(other.status).toBe(403);
    const notAffected = await call(psmSolo, 'POST', `/incidents/${incidentId}/assessments`, { villageCode: '33.72.01.1003', affected: 1, displaced: 0, injured: 0, dead: 0, missing: 0 });
    expect(notAffected.status).toBe(400);
    expect(notAffected.body.errors[0].field).toBe('villageCode');
    const odd = await call(psmSolo, 'POST', `/incidents/${incidentId}/assessments`, { villageCode: SOLO, affected: 1, displaced: 5, injured: 0, dead: 0, missing: 0 });
    expect(odd.status).toBe(400);
    expect(odd.body.errors[0].field).toBe('displaced');
  });

  it('keeps assessments append-only for the application role', async () => {
    const err = await t.database.db.pool
      .query(`SET ROLE pilar_app; UPDATE incident_assessment SET affected = 0`)
      .then(() => null, (e: Error) => e.message);
    expect(err).toMatch(/permission denied/);
  });
});

describe('victims', () => {
  let existingPersonId: string;

  it('finds the existing person by NIK instead of registering a duplicate, and marks PPKS 21 with the incident', async () => {
    const v = await ok(psmSolo, 'POST', `/incidents/${incidentId}/victims`, {
      person: { villageCode: SOLO, fullName: 'Sutrisno W.', nik: EXISTING_NIK },
      displacement: 'posko', needs: ['pangan', 'hunian'], vulnerabilities: ['lansia'],
    });
    expect(v).toMatchObject({ personCreated: false, ppksCode: 21, basicNeedsMet: false, fullName: VICTIM_NAMES[0] });
    existingPersonId = v.personId;
    const persons = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM person WHERE nik_hash IS NOT NULL AND nik_masked = $1`, [`${EXISTING_NIK.slice(0, 4)}********${EXISTING_NIK.slice(12)}`]);
    expect(persons.rows[0].n).toBe(1);
    const ppks = await t.database.ownerQuery(`SELECT ppks_code, evidence_note FROM person_ppks WHERE person_id = $1 AND ended_on IS NULL`, [existingPersonId]);
    expect(ppks.rows).toEqual([{ ppks_code: 21, evidence_note: expect.stringContaining(incidentId) }]);
    const again = await call(psmSolo, 'POST', `/incidents/${incidentId}/victims`, { personId: existingPersonId, displacement: 'posko' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('victim_already_registered');
  });

  it('registers new persons (both regencies) and opens a case for a vulnerable victim', async () => {
    const a = await ok(psmSolo, 'POST', `/incidents/${incidentId}/victims`, {
      person: { villageCode: SOLO, fullName: VICTIM_NAMES[1], nikMissingReason: 'belum_rekam', sex: 'P', phone: '0813-1111-2222' },
      displacement: 'rumah_kerabat', displacementPlace: 'Rumah saudara di Kartasura', needs: ['pangan'],
    });
    expect(a.personCreated).toBe(true);
    const b = await ok(psmSkh, 'POST', `/incidents/${incidentId}/victims`, {
      person: { villageCode: SKH, fullName: VICTIM_NAMES[2], nik: NEW_NIK, sex: 'P', birthDate: '1990-02-11' },
      displacement: 'tidak_mengungsi', needs: ['kesehatan'], vulnerabilities: ['ibu_hamil'], openCase: { need: 'Pemeriksaan kehamilan dan makanan tambahan' },
    });
    expect(b.caseId).toBeTruthy();
    const c = await t.database.ownerQuery(`SELECT ppks_code, person_id FROM ppks_case WHERE id = $1`, [b.caseId]);
    expect(c.rows[0]).toEqual({ ppks_code: 21, person_id: b.personId });
    const notVulnerable = await call(psmSolo, 'POST', `/incidents/${incidentId}/victims`, {
      person: { villageCode: SOLO, fullName: 'Orang Lain', nikMissingReason: 'tidak_punya' }, displacement: 'posko', openCase: { need: 'Butuh bantuan' },
    });
    expect(notVulnerable.status).toBe(400);
    expect(notVulnerable.body.errors[0].field).toBe('openCase');
    await ok(psmSolo, 'POST', `/incidents/${incidentId}/victims`, {
      person: { villageCode: SOLO, fullName: VICTIM_NAMES[3], nikMissingReason: 'tidak_diketahui' }, displacement: 'posko', needs: ['pangan'], vulnerabilities: ['lansia', 'disabilitas'],
    });
  });

  it('lists victims only inside the caller’s personal-data scope; IPSM boards see none', async () => {
    const solo = await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/victims`);
    expect(solo.total).toBe(3);
    const skh = await ok(dinsosSkh, 'GET', `/incidents/${incidentId}/victims`);
    expect(skh.items.map((v: { fullName: string }) => v.fullName)).toEqual([VICTIM_NAMES[2]]);
    expect(skh.items[0].nikMasked).toMatch(/^3311\*{8}\d{4}$/);
    expect((await call(ipsmSolo, 'GET', `/incidents/${incidentId}/victims`)).status).toBe(403);
    expect((await ok(ipsmSolo, 'GET', `/incidents/${incidentId}/dashboard`)).totals.victims).toBe(4);
  });
});

describe('situation report', () => {
  it('has figures equal to the underlying records, and no NIK, phone number or victim name in text or PDF', async () => {
    const post = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/posts`, { name: 'Posko Balai Kelurahan Pajang', kind: 'posko', villageCode: SOLO });
    const rice = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/items`, { name: 'Beras', unit: 'kg', needKind: 'pangan', lowStockThreshold: 20 });
    await ok(psmSolo, 'POST', `/incidents/${incidentId}/stock/receipts`, { postId: post.id, itemId: rice.id, quantity: 100, donor: 'BAZNAS Kota Surakarta' });
    const victims = (await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/victims`)).items as { id: string; fullName: string }[];
    const bu = victims.find((v) => v.fullName === VICTIM_NAMES[1])!;
    await ok(psmSolo, 'POST', `/incidents/${incidentId}/stock/issues`, { postId: post.id, itemId: rice.id, quantity: 10, victimId: bu.id });
    await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/volunteers`, { kind: 'tagana', name: 'Relawan Tagana Satu', phone: '0857-0000-1111' });

    const s = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/sitreps`, {});
    expect(s.number).toBe(1);
    // Figures against the raw tables (as the owner, outside any scope).
    const q = async (sql: string) => (await t.database.ownerQuery(sql, [incidentId])).rows[0];
    const raw = await q(
      `SELECT sum(affected)::int AS affected, sum(displaced)::int AS displaced, sum(dead)::int AS dead, sum(houses_berat)::int AS berat
       FROM (SELECT DISTINCT ON (village_code) * FROM incident_assessment WHERE incident_id = $1 ORDER BY village_code, assessed_at DESC, id DESC) x`,
    );
    const victimsRaw = await q(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE displacement <> 'tidak_mengungsi')::int AS displaced,
              count(*) FILTER (WHERE vulnerabilities <> '{}')::int AS vulnerable, count(*) FILTER (WHERE basic_needs_met)::int AS met
       FROM disaster_victim WHERE incident_id = $1`,
    );
    const stockRaw = await q(
      `SELECT sum(quantity) FILTER (WHERE kind = 'received')::float8 AS received, sum(quantity) FILTER (WHERE kind = 'issued')::float8 AS issued
       FROM stock_movement WHERE incident_id = $1`,
    );
    expect(s.figures.totals).toMatchObject({ affected: raw.affected, displaced: raw.displaced, dead: raw.dead, housesBerat: raw.berat });
    expect(s.figures.victims).toMatchObject({ registered: victimsRaw.n, displaced: victimsRaw.displaced, vulnerable: victimsRaw.vulnerable, met: victimsRaw.met });
    expect(victimsRaw).toEqual({ n: 4, displaced: 3, vulnerable: 3, met: 1 });
    expect(s.figures.victims.spmPercent).toBe(25);
    expect(s.figures.aid).toEqual([expect.objectContaining({ itemName: 'Beras', received: stockRaw.received, issued: stockRaw.issued, balance: 90 })]);
    expect(s.figures.villages.find((v: { villageCode: string }) => v.villageCode === SKH)).toMatchObject({ affected: 80, victims: 1 });
    expect(s.figures.gaps).toEqual(expect.arrayContaining([{ kind: 'hunian', reason: 'no_aid' }, { kind: 'kesehatan', reason: 'no_aid' }]));
    expect(s.text).toContain('*LAPORAN SITUASI (SITREP) #1*');
    expect(s.text).toContain('Terdampak: 230 jiwa');
    expect(s.text).toContain('Kebutuhan dasar terpenuhi: 1 dari 4 (25%)');

    const pdf = await call(dinsosSolo, 'GET', `/incidents/${incidentId}/sitreps/${s.id}/pdf`);
    expect(pdf.status).toBe(200);
    const pdfText = (await new PDFParse({ data: new Uint8Array(pdf.raw) }).getText()).text;
    expect(pdfText).toContain('DINAS SOSIAL');
    expect(pdfText).toContain('KOTA SURAKARTA');
    expect(pdfText).toMatch(/Korban terdata/);
    for (const text of [s.text as string, pdfText, JSON.stringify(s.figures)]) {
      for (const name of VICTIM_NAMES) expect(text).not.toContain(name);
      expect(text).not.toContain(EXISTING_NIK);
      expect(text).not.toContain(NEW_NIK);
      expect(text).not.toMatch(/\d{16}/);
      expect(text).not.toContain(PHONE);
      expect(text).not.toMatch(/08\d{2}[- ]?\d{3,4}[- ]?\d{3,4}/);
    }
    // Responders read it; the second one is numbered 2.
    expect((await ok(psmSkh, 'GET', `/incidents/${incidentId}/sitreps`)).items).toHaveLength(1);
    expect((await call(psmSkh, 'POST', `/incidents/${incidentId}/sitreps`, {})).status).toBe(403);
    expect((await ok(dinsosSkh, 'POST', `/incidents/${incidentId}/sitreps`, {})).number).toBe(2);
  });

  it('keeps the dashboard rollup equal to the raw records', async () => {
    const dash = await ok(dinsosSkh, 'GET', `/incidents/${incidentId}/dashboard`);
    const truth = await t.database.ownerQuery(
      `SELECT ia.village_code, count(dv.id)::int AS victims, count(dv.id) FILTER (WHERE dv.basic_needs_met)::int AS met,
              count(dv.id) FILTER (WHERE dv.displacement <> 'tidak_mengungsi')::int AS displaced
       FROM incident_area ia LEFT JOIN disaster_victim dv ON dv.incident_id = ia.incident_id AND dv.village_code = ia.village_code
       WHERE ia.incident_id = $1 GROUP BY 1 ORDER BY 1`,
      [incidentId],
    );
    expect(dash.villages.map((v: { villageCode: string; victims: number; victimsMet: number; victimsDisplaced: number }) => ({ village_code: v.villageCode, victims: v.victims, met: v.victimsMet, displaced: v.victimsDisplaced }))).toEqual(truth.rows);
    expect(dash.totals).toMatchObject({ victims: 4, victimsMet: 1, spmPercent: 25 });
  });
});

describe('roster', () => {
  it('shows phone numbers only to the incident’s responders, and lets a rostered partner in', async () => {
    const managerView = await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/volunteers`);
    expect(managerView.phonesVisible).toBe(true);
    expect(managerView.items[0].phone).toBe('0857-0000-1111');
    const psmView = await ok(psmSolo, 'GET', `/incidents/${incidentId}/volunteers`);
    expect(psmView.phonesVisible).toBe(false);
    expect(psmView.items.every((v: { phone: string | null }) => v.phone === null)).toBe(true);

    const psmUser = await user('psm', SOLO);
    const vol = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/volunteers`, { kind: 'psm', name: 'PSM Pajang', userId: psmUser.id });
    const partner = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/volunteers`, { kind: 'lks', name: 'Relawan LKS', userId: mitraUserId, phone: '0811-2222-3333' });
    expect((await ok(psmUser.headers, 'GET', `/incidents/${incidentId}/volunteers`)).items.find((v: { id: string }) => v.id === partner.id).phone).toBe('0811-2222-3333');
    expect((await ok(mitra, 'GET', `/incidents/${incidentId}`)).id).toBe(incidentId);

    const post = (await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/posts`)).items[0];
    const shift = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/shifts`, { volunteerId: vol.id, postId: post.id, startsAt: '2026-03-02T07:00:00+07:00', endsAt: '2026-03-02T19:00:00+07:00', task: 'Dapur umum' });
    expect((await call(psmSolo, 'POST', `/incidents/${incidentId}/shifts/${shift.id}/check-in`, {})).status).toBe(403);
    const inn = await ok(psmUser.headers, 'POST', `/incidents/${incidentId}/shifts/${shift.id}/check-in`, {});
    expect(inn.checkedInAt).toBeTruthy();
    expect((await call(psmUser.headers, 'POST', `/incidents/${incidentId}/shifts/${shift.id}/check-in`, {})).status).toBe(409);
    expect((await ok(dinsosSolo, 'GET', `/incidents/${incidentId}/volunteers`)).items.find((v: { id: string }) => v.id === vol.id).onDuty).toBe(true);
    const out = await ok(psmUser.headers, 'POST', `/incidents/${incidentId}/shifts/${shift.id}/check-out`, {});
    expect(out.checkedOutAt).toBeTruthy();
  });

  it('refuses new work once the incident is closed', async () => {
    const cur = await ok(dinsosSolo, 'GET', `/incidents/${incidentId}`);
    const rec = await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/status`, { version: cur.version, status: 'recovery' });
    await ok(dinsosSolo, 'POST', `/incidents/${incidentId}/status`, { version: rec.version, status: 'closed' });
    const late = await call(psmSolo, 'POST', `/incidents/${incidentId}/assessments`, { id: uuidv7(), villageCode: SOLO, affected: 1, displaced: 0, injured: 0, dead: 0, missing: 0 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('incident_closed');
  });
});
