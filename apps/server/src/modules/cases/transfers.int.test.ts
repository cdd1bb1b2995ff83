import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { BANGKA, buildCase, buildPerson, errorOf, rollupsAndTruth, SOLO } from '../../../test/factories.people';
import { assignPpks } from '../people/ppks.service';
import * as people from '../people/people.service';
import { personTimeline } from '../people/timeline.service';
import * as cases from './cases.service';
import { recordDelivery } from './plans.service';
import * as transfers from './transfers.service';
import { recordVisit } from './visits.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const psmSolo = actorWith(['psm', SOLO.village]);
const dinsosSolo = actorWith(['dinsos_kab', SOLO.regency]);
const dinsosBangka = actorWith(['dinsos_kab', BANGKA.regency]);
const headBangka = actorWith(['dinsos_kab_head', BANGKA.regency]);
const psmBangka = actorWith(['psm', BANGKA.village]);

describe('transfers between regencies', () => {
  it('moves the person and everything they own when the receiving Dinsos accepts, keeping ids and history', async () => {
    const p = await buildPerson(t, psmSolo, { villageCode: SOLO.village, fullName: 'Pindahan Uji' });
    await as(t, psmSolo, (ctx) => assignPpks(ctx, p.id, { ppksCode: 24, assessedOn: '2025-01-10' }));
    const c = await buildCase(t, psmSolo, p.id);
    await as(t, psmSolo, (ctx) => recordDelivery(ctx, c.id, { serviceCode: 'permakanan', deliveredOn: '2025-01-11', quantity: 3 }));
    await as(t, psmSolo, (ctx) => recordVisit(ctx, p.id, { caseId: c.id, kind: 'kunjungan', occurredAt: '2025-01-12T09:00:00+07:00', note: 'Kunjungan awal', lat: -7.56, lng: 110.8 }));

    // Only the sending regency's Dinsos may request; a PSM may not.
    expect((await errorOf(as(t, psmSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: BANGKA.village, reason: 'Pindah domisili' })))).status).toBe(403);
    expect((await errorOf(as(t, dinsosSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: SOLO.sibling, reason: 'Pindah domisili' })))).errors[0]!.field).toBe('toVillageCode');
    const req = await as(t, dinsosSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: BANGKA.village, reason: 'Pindah domisili ikut anak' }));
    expect(req).toMatchObject({ status: 'requested', actions: ['cancel'] });
    expect((await errorOf(as(t, dinsosSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: BANGKA.village, reason: 'Dua kali' })))).code).toBe('transfer_pending');

    // The receiving side sees the incoming request with the person's name, not the record itself.
    const incoming = await as(t, dinsosBangka, (ctx) => transfers.listTransfers(ctx, { direction: 'incoming' }));
    expect(incoming.items).toHaveLength(1);
    expect(incoming.items[0]).toMatchObject({ personName: 'Pindahan Uji', actions: ['accept', 'reject'] });
    expect((await errorOf(as(t, dinsosBangka, (ctx) => people.getPerson(ctx, p.id)))).status).toBe(404);
    // The sender cannot accept its own request; a PSM of the receiving village neither.
    expect((await errorOf(as(t, dinsosSolo, (ctx) => transfers.acceptTransfer(ctx, req.id)))).status).toBe(404);
    expect((await errorOf(as(t, psmBangka, (ctx) => transfers.acceptTransfer(ctx, req.id)))).status).toBe(403);

    const accepted = await as(t, headBangka, (ctx) => transfers.acceptTransfer(ctx, req.id, 'Diterima'));
    expect(accepted.status).toBe('accepted');
    expect(accepted.moved).toMatchObject({ person_ppks: 1, ppks_case: 1, service_delivery: 1, visit: 1 });

    const moved = await as(t, psmBangka, (ctx) => people.getPerson(ctx, p.id));
    expect(moved).toMatchObject({ id: p.id, regencyCode: BANGKA.regency, villageCode: BANGKA.village, nikMasked: p.nikMasked });
    const movedCase = await as(t, psmBangka, (ctx) => cases.getCase(ctx, c.id));
    expect(movedCase).toMatchObject({ id: c.id, caseNumber: c.caseNumber, regencyCode: BANGKA.regency, villageCode: BANGKA.village });
    expect((await errorOf(as(t, psmSolo, (ctx) => people.getPerson(ctx, p.id)))).status).toBe(404);
    expect((await errorOf(as(t, dinsosSolo, (ctx) => cases.getCase(ctx, c.id)))).status).toBe(404);
    const raw = await t.ownerQuery(`SELECT regency_code, count(*)::int AS n FROM person WHERE id = $1 GROUP BY 1`, [p.id]);
    expect(raw.rows).toEqual([{ regency_code: BANGKA.regency, n: 1 }]);

    const timeline = await as(t, psmBangka, (ctx) => personTimeline(ctx, p.id));
    expect(timeline.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['person.registered', 'ppks.assigned', 'case.opened', 'service.delivered', 'visit.kunjungan', 'transfer.requested', 'transfer.accepted']));

    const r = await rollupsAndTruth(t);
    for (const k of Object.keys(r)) expect(r[k]!.rollup, k).toEqual(r[k]!.truth);
    // Services stay counted where they were given.
    expect(r.service!.rollup.some((l) => l.startsWith(`${SOLO.regency}|${SOLO.village}|permakanan`))).toBe(true);
  });

  it('can be rejected (with a reason) by the receiver or cancelled by the sender', async () => {
    const p = await buildPerson(t, psmSolo, { villageCode: SOLO.village });
    const req = await as(t, dinsosSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: BANGKA.village, reason: 'Pindah kerja' }));
    expect((await errorOf(as(t, dinsosBangka, (ctx) => transfers.closeTransfer(ctx, req.id, 'reject')))).errors[0]!.field).toBe('note');
    const rejected = await as(t, dinsosBangka, (ctx) => transfers.closeTransfer(ctx, req.id, 'reject', 'Alamat tidak ditemukan'));
    expect(rejected.status).toBe('rejected');
    expect((await errorOf(as(t, headBangka, (ctx) => transfers.acceptTransfer(ctx, req.id)))).code).toBe('transfer_decided');
    const again = await as(t, dinsosSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: BANGKA.village, reason: 'Pindah kerja' }));
    expect((await as(t, dinsosSolo, (ctx) => transfers.closeTransfer(ctx, again.id, 'cancel'))).status).toBe('cancelled');
    expect((await as(t, psmSolo, (ctx) => people.getPerson(ctx, p.id))).regencyCode).toBe(SOLO.regency);
  });
});

describe('transfers and other modules’ records', () => {
  it('refuses to move a person whose programme membership still belongs to the sending regency, naming it, and changes nothing', async () => {
    const { createMembership } = await import('../programmes/memberships.service');
    const p = await buildPerson(t, psmSolo, { villageCode: SOLO.village, fullName: 'Peserta PKH Pindah' });
    await as(t, dinsosSolo, (ctx) => createMembership(ctx, { programmeCode: 'pkh', personId: p.id, status: 'aktif', source: 'dinsos', infoDate: '2025-01-01' }));
    const req = await as(t, dinsosSolo, (ctx) => transfers.requestTransfer(ctx, p.id, { toVillageCode: BANGKA.village, reason: 'Pindah domisili' }));
    const refused = await errorOf(as(t, headBangka, (ctx) => transfers.acceptTransfer(ctx, req.id, 'Diterima')));
    expect(refused.status).toBe(409);
    expect(refused.code).toBe('transfer_blocked');
    expect(refused.msg.en).toContain('programme_membership (1)');
    const raw = await t.ownerQuery(`SELECT regency_code FROM person WHERE id = $1`, [p.id]);
    expect(raw.rows).toEqual([{ regency_code: SOLO.regency }]);
    const stillRequested = await t.ownerQuery(`SELECT status FROM person_transfer WHERE id = $1`, [req.id]);
    expect(stillRequested.rows[0].status).toBe('requested');
  });
});

describe('visits sent again by a phone', () => {
  it('answer the stored visit for the same id, once, and refuse an id used by another person', async () => {
    const p = await buildPerson(t, psmSolo, { villageCode: SOLO.village, fullName: 'Dikunjungi Dua Kali' });
    const other = await buildPerson(t, psmSolo, { villageCode: SOLO.village, fullName: 'Orang Lain' });
    const input = { id: '01960000-0000-7000-8000-00000000abcd', kind: 'kunjungan' as const, occurredAt: '2025-02-01T09:00:00+07:00', note: 'Kunjungan dari ponsel' };
    const first = await as(t, psmSolo, (ctx) => recordVisit(ctx, p.id, input));
    const again = await as(t, psmSolo, (ctx) => recordVisit(ctx, p.id, input));
    expect(again).toEqual(first);
    const n = await t.ownerQuery(`SELECT count(*)::int AS n FROM visit WHERE id = $1`, [input.id]);
    expect(n.rows[0].n).toBe(1);
    const audits = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.visit_recorded' AND entity_id = $1`, [input.id]);
    expect(audits.rows[0].n).toBe(1);
    const clash = await errorOf(as(t, psmSolo, (ctx) => recordVisit(ctx, other.id, input)));
    expect(clash.status).toBe(409);
    expect(clash.errors[0]!.field).toBe('id');
  });
});
