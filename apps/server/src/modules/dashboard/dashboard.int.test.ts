import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor';
import { as } from '../../../test/actors';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn, type SignedIn } from '../../../test/factories';
import { buildMember } from '../../../test/factories.members';
import { BANGKA, buildPerson, SOLO } from '../../../test/factories.people';
import { recordAssessment } from '../cases/assessments.service';
import * as cases from '../cases/cases.service';
import { recordDelivery, scheduleFollowUp } from '../cases/plans.service';
import { recordVisit } from '../cases/visits.service';

/**
 * The Dinsos dashboard over HTTP: drill-down nasional → desa, SPM indicators, median
 * time to first service, overdue follow-ups by each area's own time zone, map points,
 * and exports (PDF/XLSX with letterhead and purpose, audited).
 */
const PAPUA = '91.03.01.1001'; // WIT (UTC+9)
const ANSWERS = { jumlah_anggota: 1, penghasilan: 'tidak_ada', kondisi_rumah: 'layak', penerima_bansos: false, kebutuhan: ['sandang'] };
// 16:30 UTC: 23:30 WIB on 1 March, already 01:30 WIT on 2 March.
const clock = new ManualClock('2026-03-01T16:30:00Z');
let t: TestApp;
let national: SignedIn;
let head: SignedIn;
let admin: Actor;

async function served(village: string, ppksCode: number, days: { opened: string; assessed: string; delivered?: string }, gps?: { lat: number; lng: number }) {
  const p = await buildPerson(t.database, admin, { villageCode: village, nikMissingReason: 'tidak_diketahui' });
  const k = await as(t.database, admin, (ctx) => cases.createCase(ctx, { personId: p.id, ppksCode, need: 'Kebutuhan dasar', openedOn: days.opened }), clock);
  await as(t.database, admin, (ctx) => recordAssessment(ctx, k.id, { formCode: 'fakir-miskin', answers: ANSWERS, assessedOn: days.assessed }), clock);
  if (days.delivered) await as(t.database, admin, (ctx) => recordDelivery(ctx, k.id, { serviceCode: 'permakanan', deliveredOn: days.delivered!, quantity: 7 }), clock);
  await as(t.database, admin, (ctx) => recordVisit(ctx, p.id, { kind: 'kunjungan', occurredAt: '2026-02-20T03:00:00Z', note: 'Kunjungan', ...(gps ?? {}) }), clock);
  return { person: p, caseId: k.id };
}

const get = async (who: SignedIn, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  const a = await buildUser(t.database, { grants: [{ role: 'admin', areaCode: 'ID' }] });
  admin = { kind: 'user', userId: a.id, username: a.username, grants: a.grants };
  national = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'kemensos', areaCode: 'ID' }] }));
  head = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: SOLO.regency }] }));
  await buildMember(t.database, SOLO.village);
  await buildMember(t.database, SOLO.village);
  const a1 = await served(SOLO.village, 8, { opened: '2026-01-10', assessed: '2026-01-12', delivered: '2026-01-20' }, { lat: -7.56, lng: 110.8 });
  await served(SOLO.sibling, 8, { opened: '2026-02-01', assessed: '2026-02-03' }, { lat: -7.58, lng: 110.82 });
  await served(SOLO.otherDistrict, 11, { opened: '2026-02-10', assessed: '2026-02-10', delivered: '2026-02-14' });
  await served(BANGKA.village, 21, { opened: '2026-01-05', assessed: '2026-01-05', delivered: '2026-01-06' });
  const p = await served(PAPUA, 24, { opened: '2026-02-01', assessed: '2026-02-01' });
  await as(t.database, admin, (ctx) => scheduleFollowUp(ctx, a1.caseId, { dueOn: '2026-03-01', purpose: 'Cek' }), clock);
  await as(t.database, admin, (ctx) => scheduleFollowUp(ctx, p.caseId, { dueOn: '2026-03-01', purpose: 'Cek' }), clock);
}, 120_000);
afterAll(async () => t?.close());

describe('dashboard', () => {
  it('drills down from nasional to desa with the same figures at every level', async () => {
    const id = await get(national, '/api/v1/dashboard?area=ID&period=2026');
    expect(id.area.level).toBe('national');
    const spm3 = id.spm.find((s: { code: number }) => s.code === 3);
    expect(spm3).toMatchObject({ needing: 2, served: 1, percent: 50, target: 100 });
    expect(id.spm.find((s: { code: number }) => s.code === 5)).toMatchObject({ needing: 1, served: 1, percent: 100 });
    expect(id.children).toHaveLength(38);
    const jateng = id.children.find((c: { code: string }) => c.code === '33');
    expect(jateng).toMatchObject({ spmNeeding: 3, spmServed: 2, casesOpened: 3, services: 2, psmActive: 2, villagesWithPsm: 1 });

    const prov = await get(national, '/api/v1/dashboard?area=33&period=2026');
    expect(prov.children.find((c: { code: string }) => c.code === SOLO.regency)).toMatchObject({ spmNeeding: 3, casesOpened: 3 });
    const reg = await get(national, `/api/v1/dashboard?area=${SOLO.regency}&period=2026`);
    // Days from registration to first service: 10 and 4 → median 7.
    expect(reg.timeToFirstService).toEqual({ cases: 2, medianDays: 7 });
    expect(reg.children.find((c: { code: string }) => c.code === '33.72.01')).toMatchObject({ casesOpened: 2, medianDaysToFirstService: 10, spmNeeding: 2, spmServed: 1 });
    expect(reg.services.byService).toEqual([{ code: 'permakanan', name: expect.any(String), unit: expect.any(String), n: 2, quantity: 14 }]);
    const dist = await get(national, '/api/v1/dashboard?area=33.72.01&period=2026-01');
    expect(dist.cases.opened).toBe(1);
    expect(dist.children.find((c: { code: string }) => c.code === SOLO.village)).toMatchObject({ casesOpened: 1, psmActive: 2 });
    const desa = await get(national, `/api/v1/dashboard?area=${SOLO.village}&period=2026`);
    expect(desa.children).toEqual([]);
    expect(desa.coverage).toMatchObject({ villagesTotal: 1, villagesWithPsm: 1, psmActive: 2 });
    expect(desa.ppksByCategory).toHaveLength(26);
    // Activities and the PSM indicators are there even when zero.
    expect(desa.activities.byDuty).toHaveLength(7);
  });

  it('counts a follow-up as overdue by the area’s own date (WIT already 2 March, WIB still 1 March)', async () => {
    const id = await get(national, '/api/v1/dashboard?area=ID&period=2026');
    expect(id.followUps).toMatchObject({ open: 2, overdue: 1 });
    expect(id.children.find((c: { code: string }) => c.code === '91').overdueFollowUps).toBe(1);
    expect(id.children.find((c: { code: string }) => c.code === '33').overdueFollowUps).toBe(0);
    const solo = await get(head, `/api/v1/dashboard?area=${SOLO.regency}&period=2026`);
    expect(solo.followUps).toMatchObject({ open: 1, overdue: 0, today: '2026-03-01' });
  });

  it('serves an SPM indicator with its children and years, and map points without person ids', async () => {
    const d = await get(head, `/api/v1/dashboard/spm?area=${SOLO.regency}&spm=3&year=2026`);
    expect(d.indicator).toMatchObject({ code: 3, needing: 2, served: 1, percent: 50 });
    expect(d.children.find((c: { code: string }) => c.code === '33.72.01')).toMatchObject({ needing: 2, served: 1, percent: 50 });
    expect(d.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025, 2026]);
    const map = await get(head, '/api/v1/dashboard/map?area=33.72.01&period=2026');
    expect(map.centroids).toBeNull();
    const village = map.points.find((p: { code: string }) => p.code === SOLO.village);
    expect(village).toMatchObject({ visits: 1, withGps: 1 });
    expect(village.lat).toBeCloseTo(-7.56, 6);
    expect(JSON.stringify(map)).not.toMatch(/personId|fullName/);
  });

  it('keeps dashboards inside the caller’s scope', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/dashboard?area=${BANGKA.regency}`, headers: head.headers });
    expect(res.statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard?area=ID' });
    expect(anon.statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard?area=ID&period=2026-13', headers: national.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('period');
  });
});

describe('dashboard exports', () => {
  it('exports a table as PDF with the office letterhead, date, signature and purpose, audited', async () => {
    const logo = await QRCode.toBuffer('logo', { type: 'png', width: 64 });
    const boundary = 'pilarlogo';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`),
      logo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/letterheads/${SOLO.regency}/logo`, headers: { ...head.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(up.statusCode, up.body).toBe(201);
    const put = await t.app.inject({
      method: 'PUT', url: `/api/v1/letterheads/${SOLO.regency}`, headers: head.headers,
      payload: { officeName: 'Dinas Sosial Kota Surakarta', parentName: 'Pemerintah Kota Surakarta', address: 'Jl. Slamet Riyadi No. 1', city: 'Surakarta', logoFileId: up.json().id, signerTitle: 'Kepala Dinas Sosial', signerName: 'Drs. Contoh Pejabat', signerNip: '197001011990031001' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const purpose = 'Rapat evaluasi SPM triwulan I';
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/dashboard/exports', headers: head.headers, payload: { table: 'spm', format: 'pdf', area: '33.72.01', period: '2026', purpose } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = new PDFParse({ data: new Uint8Array(res.rawPayload) });
    const text = (await pdf.getText()).text;
    expect(text).toContain('DINAS SOSIAL KOTA SURAKARTA');
    expect(text).toContain('PEMERINTAH KOTA SURAKARTA');
    expect(text).toContain('Jl. Slamet Riyadi No. 1');
    expect(text).toContain(purpose);
    expect(text).toContain('Surakarta, 1 Maret 2026');
    expect(text).toContain('NIP. 197001011990031001');
    expect(text).toMatch(/lanjut usia/i);
    const images = await new PDFParse({ data: new Uint8Array(res.rawPayload) }).getImage({ imageThreshold: 10 });
    expect(images.pages.flatMap((p) => p.images).length).toBeGreaterThan(0);
    const audit = await t.database.ownerQuery(`SELECT purpose, details FROM audit_event WHERE action = 'report.exported' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]).toMatchObject({ purpose, details: { table: 'spm', format: 'pdf', area: '33.72.01' } });
  });

  it('exports the drill-down table as XLSX with the letterhead and purpose on top', async () => {
    const purpose = 'Bahan laporan kepada Wali Kota';
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/dashboard/exports', headers: head.headers, payload: { table: 'children', format: 'xlsx', area: SOLO.regency, period: '2026', purpose } });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(row.values && Array.isArray(row.values) ? row.values.slice(1).map(String).join('|') : ''));
    expect(texts[0]).toBe('PEMERINTAH KOTA SURAKARTA');
    expect(texts[1]).toBe('DINAS SOSIAL KOTA SURAKARTA');
    expect(texts.some((l) => l.includes(purpose))).toBe(true);
    const header = texts.findIndex((l) => l.startsWith('Kode|Wilayah'));
    expect(header).toBeGreaterThan(0);
    const laweyan = texts.find((l) => l.startsWith('33.72.01|'))!.split('|');
    expect(Number(laweyan[6])).toBe(2); // casesOpened
    const noPurpose = await t.app.inject({ method: 'POST', url: '/api/v1/dashboard/exports', headers: head.headers, payload: { table: 'children', format: 'xlsx', area: SOLO.regency } });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().errors[0].field).toBe('purpose');
  });
});
