import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestApp } from '../../../test/app';
import { syntheticNik } from '../../../test/actors';
import { buildUser, signIn, type SignedIn } from '../../../test/factories';
import { SOLO } from '../../../test/factories.people';

/** The case journey over HTTP with real sign-ins: PSM, Dinsos operator and a partner's user. */
let t: TestApp;
let psm: SignedIn;
let operator: SignedIn;
let mitra: SignedIn;
let otherMitra: SignedIn;
let mitraId: string;
let otherMitraId: string;

// The smallest valid JPEG (a photo taken on the visit).
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=', 'base64');

function multipart(field: string, filename: string, bytes: Buffer, type: string) {
  const boundary = `----pilar${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  t = await createTestApp();
  psm = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: SOLO.village }] }));
  operator = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: SOLO.regency }] }));
  const m1 = await buildUser(t.database, { grants: [{ role: 'mitra', areaCode: SOLO.regency }] });
  const m2 = await buildUser(t.database, { grants: [{ role: 'mitra', areaCode: SOLO.regency }] });
  mitraId = m1.id;
  otherMitraId = m2.id;
  mitra = await signIn(t.app, m1);
  otherMitra = await signIn(t.app, m2);
});
afterAll(async () => t?.close());

const api = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('the case journey over HTTP', () => {
  it('registers with a duplicate warning, opens, assesses, plans, serves, visits with a photo, refers, closes; the timeline shows it all', async () => {
    const first = await api(psm, 'POST', '/persons', { villageCode: SOLO.village, fullName: 'Mbok Darmi Lestari', birthDate: '1948-02-10', sex: 'P', nik: syntheticNik('33.72.01', '1948-02-10', 'P', 71) });
    expect(first.statusCode, first.body).toBe(201);
    const preview = await api(psm, 'POST', '/persons/check-duplicates', { villageCode: SOLO.village, fullName: 'Mbok Darmi Lestary', birthYear: 1948 });
    expect(preview.json().candidates.map((c: { id: string }) => c.id)).toEqual([first.json().id]);
    const person = await api(psm, 'POST', '/persons', { villageCode: SOLO.village, fullName: 'Darmi Lestari', birthDate: '1948-02-10', sex: 'P', nikMissingReason: 'belum_rekam' });
    expect(person.statusCode).toBe(201);
    expect(person.json().candidates[0]).toMatchObject({ id: first.json().id, nikMasked: expect.stringMatching(/\*{8}/) });
    const personId = person.json().id as string;

    const caseId = uuidv7();
    const opened = await api(psm, 'POST', '/cases', { id: caseId, personId, ppksCode: 8, need: 'Lansia hidup sendiri, kurang makan' });
    expect(opened.statusCode, opened.body).toBe(201);
    let c = opened.json();
    expect(c.id).toBe(caseId);

    const bad = await api(psm, 'POST', `/cases/${caseId}/transitions`, { action: 'teleport', version: c.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0]).toMatchObject({ field: 'action', message: { id: expect.any(String), en: expect.any(String) } });

    const assessment = await api(psm, 'POST', `/cases/${caseId}/assessments`, {
      formCode: 'lansia-terlantar',
      answers: { tinggal_dengan: 'sendiri', ada_pengasuh: false, kemandirian: 'sebagian', sakit_kronis: true, makan_per_hari: 1, penghasilan: 'tidak_ada', kebutuhan: ['permakanan'] },
    });
    expect(assessment.statusCode, assessment.body).toBe(201);
    for (const action of ['assess', 'plan', 'start'] as const) {
      if (action === 'plan') expect((await api(psm, 'POST', `/cases/${caseId}/planned-services`, { serviceCode: 'permakanan' })).statusCode).toBe(201);
      const r = await api(psm, 'POST', `/cases/${caseId}/transitions`, { action, version: c.version });
      expect(r.statusCode, r.body).toBe(200);
      c = r.json();
    }
    const delivered = await api(psm, 'POST', `/cases/${caseId}/deliveries`, { serviceCode: 'permakanan', deliveredOn: new Date().toISOString().slice(0, 10), quantity: 10, unit: 'hari' });
    expect(delivered.statusCode, delivered.body).toBe(201);
    expect(delivered.json().warnings[0].code).toBe('service.permakanan_days');

    const up = multipart('file', 'rumah.jpg', JPEG, 'image/jpeg');
    const photo = await t.app.inject({ method: 'POST', url: `/api/v1/persons/${personId}/files?purpose=visit`, headers: { ...psm.headers, 'content-type': up.contentType }, payload: up.body });
    expect(photo.statusCode, photo.body).toBe(201);
    const visit = await api(psm, 'POST', `/persons/${personId}/visits`, { caseId, kind: 'kunjungan', occurredAt: new Date().toISOString(), note: 'Rumah bersih, stok beras habis', lat: -7.5667, lng: 110.8, accuracyM: 12, fileIds: [photo.json().id] });
    expect(visit.statusCode, visit.body).toBe(201);
    expect((await api(operator, 'GET', `/files/${photo.json().id}`)).statusCode).toBe(200);

    // Dinsos registers the partner and links its user; the PSM refers.
    const partner = await api(operator, 'POST', '/partners', { areaCode: SOLO.regency, kind: 'psks', psksCode: 'lks', name: 'LKS Wredha Mulya' });
    expect(partner.statusCode, partner.body).toBe(201);
    const other = await api(operator, 'POST', '/partners', { areaCode: SOLO.regency, kind: 'puskesmas', name: 'Puskesmas Laweyan' });
    expect((await api(operator, 'POST', `/partners/${partner.json().id}/users`, { userId: mitraId })).statusCode).toBe(200);
    expect((await api(operator, 'POST', `/partners/${other.json().id}/users`, { userId: otherMitraId })).statusCode).toBe(200);
    const referral = await api(psm, 'POST', `/cases/${caseId}/referrals`, { partnerId: partner.json().id, need: 'Pendampingan harian lansia' });
    expect(referral.statusCode, referral.body).toBe(201);
    const refId = referral.json().id as string;

    const inbox = await api(mitra, 'GET', '/referrals/inbox');
    expect(inbox.json().items[0]).toMatchObject({ id: refId, person: { fullName: 'Darmi Lestari', villageName: 'Pajang' }, actions: ['accept', 'reject'] });
    expect((await api(mitra, 'GET', `/persons/${personId}`)).statusCode).toBe(403);
    expect((await api(otherMitra, 'POST', `/referrals/${refId}/accept`, { version: 1 })).statusCode).toBe(404);
    const acc = await api(mitra, 'POST', `/referrals/${refId}/accept`, { version: 1 });
    expect(acc.statusCode, acc.body).toBe(200);
    expect((await api(mitra, 'POST', `/referrals/${refId}/complete`, { version: acc.json().version, outcome: 'Pendampingan berjalan setiap hari' })).statusCode).toBe(200);

    for (const action of ['monitor'] as const) {
      const r = await api(psm, 'POST', `/cases/${caseId}/transitions`, { action, version: c.version });
      c = r.json();
    }
    const closed = await api(psm, 'POST', `/cases/${caseId}/transitions`, { action: 'close', version: c.version, closureReason: 'tujuan_tercapai' });
    expect(closed.json()).toMatchObject({ status: 'closed' });

    const timeline = await api(psm, 'GET', `/persons/${personId}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const kinds = timeline.json().items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining([
      'person.registered', 'case.opened', 'assessment.recorded', 'case.assess', 'case.plan', 'case.start', 'service.delivered',
      'visit.kunjungan', 'referral.sent', 'referral.accepted', 'referral.completed', 'case.monitor', 'case.close',
    ]));
    expect(timeline.json().items.every((i: { summary: { id: string; en: string } }) => i.summary.id && i.summary.en)).toBe(true);

    const list = await api(operator, 'GET', `/cases?status=closed&ppks=8`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(caseId);
    const persons = await api(operator, 'GET', `/persons?caseStatus=closed`);
    expect(persons.json().items.map((i: { id: string }) => i.id)).toContain(personId);
    const stats = await api(operator, 'GET', `/cases/stats?area=${SOLO.regency}`);
    expect(stats.json().byStatus).toEqual(expect.arrayContaining([{ status: 'closed', n: 1 }]));
  });

  it('lists overdue follow-ups per PSM and per area', async () => {
    const person = await api(psm, 'POST', '/persons', { villageCode: SOLO.village, fullName: 'Pak Tarno', nikMissingReason: 'tidak_punya' });
    const c = await api(psm, 'POST', '/cases', { personId: person.json().id, ppksCode: 24, need: 'Fakir miskin' });
    const f = await api(psm, 'POST', `/cases/${c.json().id}/follow-ups`, { dueOn: '2024-01-01', purpose: 'Cek penyaluran bantuan' });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().overdue).toBe(true);
    const mine = await api(psm, 'GET', '/follow-ups/overdue?assignedTo=me');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([f.json().id]);
    const area = await api(operator, 'GET', `/follow-ups/overdue?area=${SOLO.regency}`);
    expect(area.json().total).toBe(1);
    expect((await api(operator, 'GET', '/follow-ups/overdue?assignedTo=me')).json().total).toBe(0);
    const done = await api(psm, 'POST', `/cases/${c.json().id}/follow-ups/${f.json().id}/done`, { outcome: 'Sudah menerima' });
    expect(done.json().overdue).toBe(false);
  });
});
