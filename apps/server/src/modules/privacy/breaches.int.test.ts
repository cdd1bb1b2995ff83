import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWith, as } from '../../../test/actors';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { buildPerson, errorOf, SOLO } from '../../../test/factories.people';
import * as people from '../people/people.service';
import * as breaches from './breaches.service';
import { sweepDeadlines } from './deadlines.service';

const HOUR = 3_600_000;
let t: TestApp;
const clock = new ManualClock('2026-03-02T01:00:00Z');
const creator = actorWith(['psm', SOLO.village]);
const userX = actorWith(['dinsos_kab', SOLO.regency]);
const userY = actorWith(['dinsos_kab', SOLO.regency]);
const dpo = actorWith(['dinsos_kab_head', SOLO.regency]);
const run = <T>(actor: typeof dpo, fn: Parameters<typeof as<T>>[2]) => as(t.database, actor, fn, clock);
const at = (iso: string) => {
  const target = new Date(iso).getTime();
  clock.advance(target - clock.now().getTime());
};

beforeAll(async () => {
  t = await createTestApp({}, { clock });
});
afterAll(async () => t?.close());

describe('breach workflow', () => {
  it('finds exactly the persons whose records a given user read in a given period', async () => {
    const p: Awaited<ReturnType<typeof buildPerson>>[] = [];
    for (let i = 0; i < 7; i++) p.push(await buildPerson(t.database, creator, { villageCode: SOLO.village, fullName: `Korban Insiden ${i} Zq${i}x` }));
    at('2026-03-02T08:00:00Z');
    await run(userX, (ctx) => people.getPerson(ctx, p[0]!.id)); // before the window
    at('2026-03-02T09:00:00Z');
    await run(userX, (ctx) => people.getPerson(ctx, p[1]!.id));
    at('2026-03-02T10:00:00Z');
    await run(userX, (ctx) => people.revealNik(ctx, p[2]!.id, 'cek data'));
    await run(userY, (ctx) => people.getPerson(ctx, p[3]!.id)); // another user, inside the window
    at('2026-03-02T10:30:00Z');
    await run(userX, (ctx) => people.listPersons(ctx, { q: 'Zq4x', page: 1, pageSize: 10 })); // listed: only p4
    at('2026-03-02T12:00:00Z');
    await run(userX, (ctx) => people.getPerson(ctx, p[5]!.id)); // after the window
    at('2026-03-02T13:00:00Z');

    const b = await run(dpo, (ctx) => breaches.recordBreach(ctx, {
      areaCode: SOLO.regency, title: 'Akun operator dipinjam', description: 'Akun operator dipakai orang lain di warnet', how: 'Kata sandi dibagikan',
      systems: ['Pilar web'], discoveredAt: '2026-03-02T12:30:00Z',
    }));
    expect(b.deadline.dueAt).toBe('2026-03-05T12:30:00.000Z');
    const found = await run(dpo, (ctx) => breaches.findAffected(ctx, b.id, { userId: userX.userId!, from: '2026-03-02T08:30:00Z', to: '2026-03-02T11:00:00Z', record: true }));
    expect(found.items.map((i) => i.personId).sort()).toEqual([p[1]!.id, p[2]!.id, p[4]!.id].sort());
    expect(found.items.find((i) => i.personId === p[4]!.id)!.actions).toEqual(['person.listed']);
    expect(found.recorded).toBe(3);
    // The affected persons' own history shows the breach.
    const hist = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'privacy.breach_person_affected'`, [p[2]!.id]);
    expect(hist.rows[0].n).toBe(1);
    // Only reveals: just p2.
    const reveals = await run(dpo, (ctx) => breaches.findAffected(ctx, b.id, { userId: userX.userId!, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z', actions: ['person.nik_revealed'], record: false }));
    expect(reveals.items.map((i) => i.personId)).toEqual([p[2]!.id]);
  });

  it('refuses a notice without the three mandatory contents, then logs deliveries and stops the timer', async () => {
    const dpoUser = await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: SOLO.regency }] });
    const h = (await signIn(t.app, dpoUser)).headers;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/breaches', headers: h, payload: {
      areaCode: SOLO.regency, title: 'Laptop hilang', description: 'Laptop berisi ekspor BNBA hilang di angkot', how: 'Kehilangan perangkat', systems: ['ekspor XLSX'], discoveredAt: clock.now().toISOString(),
    } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await t.app.inject({ method: 'PATCH', url: `/api/v1/privacy/breaches/${id}/notices/authority`, headers: h, payload: { dataExposed: 'Nama, alamat dan NIK tersamar 120 warga' } });
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/breaches/${id}/notices/authority/ready`, headers: h });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['measuresTaken', 'whenAndHow']);
    const early = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/breaches/${id}/notices/authority/deliveries`, headers: h, payload: { channel: 'portal_otoritas', recipients: 1, deliveredAt: clock.now().toISOString() } });
    expect(early.statusCode).toBe(409);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/privacy/breaches/${id}/notices/authority`, headers: h, payload: { whenAndHow: '2 Maret pukul 09.00, laptop tertinggal di angkot', measuresTaken: 'Sesi dicabut, kata sandi diganti, laporan polisi' } });
    const ready = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/breaches/${id}/notices/authority/ready`, headers: h });
    expect(ready.statusCode).toBe(200);
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/breaches/${id}/notices/authority/deliveries`, headers: h, payload: { channel: 'portal_otoritas', recipients: 1, deliveredAt: clock.now().toISOString() } });
    expect(sent.statusCode).toBe(200);
    // No persons recorded as affected: the authority notice stops the timer.
    expect(sent.json()).toMatchObject({ status: 'notified', deadline: { state: 'done' } });
    expect(sent.json().notices.find((n: { audience: string }) => n.audience === 'authority').deliveries).toHaveLength(1);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/privacy/breaches/${id}/notices/authority/letter`, headers: h });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('escalates an open breach once it passes 3 × 24 h', async () => {
    const b = await run(dpo, (ctx) => breaches.recordBreach(ctx, { areaCode: SOLO.regency, title: 'Ekspor terkirim salah', description: 'Ekspor terkirim ke alamat surel yang salah', how: 'Salah kirim surel', systems: [], discoveredAt: clock.now().toISOString() }));
    clock.advance(72 * HOUR + 1000);
    await run(dpo, (ctx) => sweepDeadlines(ctx));
    await run(dpo, (ctx) => sweepDeadlines(ctx));
    const { rows } = await t.database.ownerQuery(`SELECT level FROM privacy_escalation WHERE subject_id = $1`, [b.id]);
    expect(rows.map((r) => r.level)).toEqual(['overdue']);
    expect((await errorOf(run(actorWith(['dinsos_kab_head', '19.01']), (ctx) => breaches.getBreach(ctx, b.id)))).status).toBe(404);
  });
});
