import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import QRCode from 'qrcode';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn, type SignedIn } from '../../../test/factories';
import { SOLO } from '../../../test/factories.people';

/**
 * The PSM's month (issue 7 §1–2), over HTTP: activities typed by hand (photo, GPS) and
 * derived from case work, also pushed offline through sync; the monthly report made
 * from them, submitted, reviewed; a dispute the reviewer must answer before the report
 * can be final; the report exported with its purpose.
 */
const clock = new ManualClock('2026-03-02T08:00:00Z');
let t: TestApp;
let psm: SignedIn;
let reviewer: SignedIn;
let otherPsm: SignedIn;

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  psm = await signIn(t.app, await buildUser(t.database, { displayName: 'Sri Rahayu', grants: [{ role: 'psm', areaCode: SOLO.village }] }));
  otherPsm = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: SOLO.sibling }] }));
  reviewer = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'ipsm_pengurus', areaCode: SOLO.regency }] }));
}, 60_000);
afterAll(async () => t?.close());

describe('PSM activities and the monthly report', () => {
  let typed: string;
  let reportId: string;

  it('logs activities by hand (photo, GPS), from case work, and offline through sync', async () => {
    const png = await QRCode.toBuffer('foto kegiatan', { type: 'png' });
    const boundary = 'pilarphoto';
    const up = await t.app.inject({
      method: 'POST', url: '/api/v1/activities/photos',
      headers: { ...psm.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    expect(up.statusCode, up.body).toBe(201);
    const a = await call(psm, 'POST', '/api/v1/activities', { duty: 'b', title: 'Kerja bakti posyandu lansia', occurredAt: '2026-02-14T02:00:00Z', lat: -7.566, lng: 110.79, photoFileId: up.json().id });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ villageCode: SOLO.village, source: 'manual', occurredOn: '2026-02-14', actions: ['update', 'delete'] });
    typed = a.json().id;
    // 23:30 WIB on 28 February is still February for the report (16:30 UTC).
    const late = await call(psm, 'POST', '/api/v1/activities', { duty: 'program', programmeCode: 'pkh', title: 'Pendampingan pertemuan PKH', occurredAt: '2026-02-28T16:30:00Z' });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().occurredOn).toBe('2026-02-28');
    const noProgramme = await call(psm, 'POST', '/api/v1/activities', { duty: 'program', title: 'Tanpa program', occurredAt: '2026-02-10T02:00:00Z' });
    expect(noProgramme.statusCode).toBe(400);
    expect(noProgramme.json().errors[0].field).toBe('programmeCode');

    // Case work by the PSM makes its own entry (registration), in the same transaction.
    const person = await call(psm, 'POST', '/api/v1/persons', { fullName: 'Warga Dampingan', villageCode: SOLO.village, nikMissingReason: 'belum_rekam' });
    expect(person.statusCode, person.body).toBe(201);
    const kase = await call(psm, 'POST', '/api/v1/cases', { personId: person.json().id, ppksCode: 8, need: 'Kebutuhan makan harian', openedOn: '2026-02-20' });
    expect(kase.statusCode, kase.body).toBe(201);

    // Offline: the phone made an id and pushes the entry later.
    const id = uuidv7();
    const push = await call(psm, 'POST', '/api/v1/sync/push', { mutations: [{ id: uuidv7(), entityType: 'activity', entityId: id, op: 'create', data: { duty: 'f', title: 'Rapat koordinasi dengan kecamatan', occurredAt: '2026-02-25T03:00:00Z' } }] });
    expect(push.statusCode, push.body).toBe(200);
    expect(push.json().results[0].status).toBe('applied');
    const pull = await call(psm, 'GET', '/api/v1/sync/pull?limit=100');
    const synced = pull.json().items.filter((i: { type: string }) => i.type === 'activity');
    expect(synced.map((i: { id: string }) => i.id)).toContain(id);

    const mine = await call(psm, 'GET', '/api/v1/activities?month=2026-02');
    expect(mine.json().total).toBe(4);
    expect(mine.json().items.map((i: { source: string }) => i.source).sort()).toEqual(['manual', 'manual', 'manual', 'registration']);
    // Another PSM does not see them.
    expect((await call(otherPsm, 'GET', `/api/v1/activities/${typed}`)).statusCode).toBe(404);
  });

  it('reviews the report, answers the PSM’s dispute, and only then finalises', async () => {
    const made = await call(psm, 'POST', '/api/v1/monthly-reports', { month: '2026-02', summary: 'Bulan yang sibuk' });
    expect(made.statusCode, made.body).toBe(200);
    const r = made.json();
    reportId = r.id;
    expect(r).toMatchObject({ status: 'draft', psmLabel: 'Sri Rahayu', figures: { total: 4, counted: 4 } });
    expect(r.figures.byDuty.find((d: { duty: string }) => d.duty === 'a')).toMatchObject({ total: 1 });
    expect(r.actions).toEqual(['export', 'regenerate', 'submit']);
    const sub = await call(psm, 'POST', `/api/v1/monthly-reports/${reportId}/submit`, { version: r.version });
    expect(sub.statusCode, sub.body).toBe(200);
    // The PSM cannot review their own report; the reviewer finds it in the regency's list.
    expect((await call(psm, 'POST', `/api/v1/monthly-reports/${reportId}/review`, { version: sub.json().version, feedback: 'Baik' })).statusCode).toBe(403);
    const list = await call(reviewer, 'GET', '/api/v1/monthly-reports?status=submitted');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(reportId);

    const reviewed = await call(reviewer, 'POST', `/api/v1/monthly-reports/${reportId}/review`, {
      version: sub.json().version, feedback: 'Lampirkan daftar hadir kerja bakti', entries: [{ activityId: typed, counted: false, note: 'Tidak ada daftar hadir' }],
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().figures).toMatchObject({ total: 4, counted: 3 });

    const disputed = await call(psm, 'POST', `/api/v1/monthly-reports/${reportId}/disputes`, { activityId: typed, comment: 'Foto kegiatan sudah dilampirkan' });
    expect(disputed.statusCode, disputed.body).toBe(200);
    expect(disputed.json().openDisputes).toBe(1);
    expect((await call(psm, 'POST', `/api/v1/monthly-reports/${reportId}/disputes`, { activityId: typed, comment: 'Sekali lagi' })).statusCode).toBe(409);

    const early = await call(reviewer, 'POST', `/api/v1/monthly-reports/${reportId}/finalise`, { version: disputed.json().version });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('disputes_open');

    const disputeId = disputed.json().disputes[0].id;
    const answered = await call(reviewer, 'POST', `/api/v1/monthly-reports/${reportId}/disputes/${disputeId}/answer`, { answer: 'Foto diterima sebagai bukti', outcome: 'accepted' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ openDisputes: 0, figures: { counted: 4 } });
    expect(answered.json().actions).toContain('finalise');
    const final = await call(reviewer, 'POST', `/api/v1/monthly-reports/${reportId}/finalise`, { version: answered.json().version });
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json().status).toBe('final');
    expect((await call(psm, 'POST', `/api/v1/monthly-reports/${reportId}/disputes`, { activityId: typed, comment: 'Terlambat' })).statusCode).toBe(409);
    expect((await call(otherPsm, 'GET', `/api/v1/monthly-reports/${reportId}`)).statusCode).toBe(404);
  });

  it('exports the report as PDF and XLSX with letterhead and purpose', async () => {
    const purpose = 'Arsip laporan kegiatan PSM';
    const pdf = await call(psm, 'POST', `/api/v1/monthly-reports/${reportId}/export`, { format: 'pdf', purpose });
    expect(pdf.statusCode, pdf.body).toBe(200);
    // Table cells wrap: compare with whitespace collapsed.
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('LAPORAN BULANAN PEKERJA SOSIAL MASYARAKAT');
    expect(text).toContain('DINAS SOSIAL KOTA SURAKARTA'); // fallback letterhead from the area name
    expect(text).toContain(purpose);
    expect(text).toContain('Sri Rahayu');
    expect(text).toContain('Foto kegiatan sudah dilampirkan');
    const xlsx = await call(reviewer, 'POST', `/api/v1/monthly-reports/${reportId}/export`, { format: 'xlsx', purpose });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.worksheets[1]!.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map(String).join('|')));
    expect(lines.some((l) => l.includes(purpose))).toBe(true);
    expect(lines.some((l) => l.includes('Kerja bakti posyandu lansia') && l.includes('Foto diterima sebagai bukti'))).toBe(true);
    const audit = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'report.exported' AND purpose = $1`, [purpose]);
    expect(audit.rows[0].n).toBe(2);
  });
});
