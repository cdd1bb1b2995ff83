import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as, syntheticNik } from '../../../test/actors';
import { BANGKA, buildCase, buildPerson, errorOf, rollupsAndTruth, SOLO } from '../../../test/factories.people';
import * as cases from '../cases/cases.service';
import { recordVisit } from '../cases/visits.service';
import * as consent from './consent.service';
import { checkDuplicates } from './duplicates.service';
import * as households from './households.service';
import { mergePersons, unmerge } from './merge.service';
import * as people from './people.service';
import * as ppks from './ppks.service';
import { personTimeline } from './timeline.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const psm = actorWith(['psm', SOLO.village]);
const psmBangka = actorWith(['psm', BANGKA.village]);
const operator = actorWith(['dinsos_kab', SOLO.regency]);

describe('duplicates', () => {
  it('shows near matches (similar name + birth year ± 1 or same district) masked, inside the scope only', async () => {
    const a = await buildPerson(t, psm, { villageCode: SOLO.village, fullName: 'Suparmi Wulandari', birthDate: '1961-04-04' });
    await buildPerson(t, psm, { villageCode: SOLO.village, fullName: 'Bambang Hartono', birthDate: '1961-04-04' });
    const preview = await as(t, operator, (ctx) => checkDuplicates(ctx, { villageCode: SOLO.sibling, fullName: 'Suparmi Wulandary', birthYear: 1962 }));
    expect(preview.candidates.map((c) => c.id)).toEqual([a.id]);
    expect(preview.candidates[0]).toMatchObject({ nikMasked: a.nikMasked, birthYear: 1961, reasons: expect.arrayContaining(['name', 'birth_year', 'district']) });
    expect(JSON.stringify(preview)).not.toContain('1961-04-04');
    // Registration itself never blocks on a near match; it returns the candidates.
    const b = await buildPerson(t, psm, { villageCode: SOLO.village, fullName: 'Suparmi Wulandri', birthDate: '1960-12-30' });
    expect(b.candidates.map((c) => c.id)).toContain(a.id);
    // Another regency's PSM learns nothing about Solo's persons.
    const far = await as(t, psmBangka, (ctx) => checkDuplicates(ctx, { villageCode: BANGKA.village, fullName: 'Suparmi Wulandari', birthYear: 1961 }));
    expect(far.candidates).toEqual([]);
  });

  it('reports an exact NIK in scope, and only the fact of it outside', async () => {
    const nik = syntheticNik('33.72.01', '1975-07-07', 'L', 4321);
    const a = await buildPerson(t, psm, { villageCode: SOLO.village, fullName: 'Joko Susilo', birthDate: '1975-07-07', sex: 'L', nik });
    const here = await as(t, psm, (ctx) => checkDuplicates(ctx, { villageCode: SOLO.village, fullName: 'Joko', nik }));
    expect(here.exact).toEqual({ id: a.id, fullName: 'Joko Susilo', nikMasked: a.nikMasked });
    const there = await as(t, psmBangka, (ctx) => checkDuplicates(ctx, { villageCode: BANGKA.village, fullName: 'Joko', nik }));
    expect(there).toMatchObject({ exact: null, nikRegisteredElsewhere: true });
  });
});

describe('merge and un-merge', () => {
  it('re-points everything to the survivor, records it, and restores it exactly on undo', async () => {
    const survivor = await buildPerson(t, psm, { villageCode: SOLO.village, fullName: 'Sumarni' });
    const dup = await buildPerson(t, operator, { villageCode: SOLO.sibling, fullName: 'Sumarni A.', nikMissingReason: 'tidak_diketahui' });
    await as(t, psm, (ctx) => ppks.assignPpks(ctx, survivor.id, { ppksCode: 24, assessedOn: '2025-02-01' }));
    await as(t, operator, (ctx) => ppks.assignPpks(ctx, dup.id, { ppksCode: 24, assessedOn: '2025-02-02' }));
    await as(t, operator, (ctx) => ppks.assignPpks(ctx, dup.id, { ppksCode: 23, assessedOn: '2025-02-02' }));
    const dupCase = await buildCase(t, operator, dup.id);
    await as(t, operator, (ctx) => recordVisit(ctx, dup.id, { kind: 'catatan', occurredAt: '2025-02-03T10:00:00+07:00', note: 'Catatan awal' }));

    expect((await errorOf(as(t, psm, (ctx) => mergePersons(ctx, survivor.id, { duplicateId: dup.id, reason: 'Orang yang sama' })))).status).toBe(403);
    const m = await as(t, operator, (ctx) => mergePersons(ctx, survivor.id, { duplicateId: dup.id, reason: 'Orang yang sama, nama ejaan lain' }));
    expect(m.moved).toMatchObject({ 'person_ppks.ended': 1, 'person_ppks.repointed': 1, 'ppks_case.repointed': 1, 'visit.repointed': 1 });
    expect((await errorOf(as(t, operator, (ctx) => people.getPerson(ctx, dup.id)))).status).toBe(404);
    const c = await as(t, operator, (ctx) => cases.getCase(ctx, dupCase.id));
    expect(c).toMatchObject({ personId: survivor.id, villageCode: SOLO.village });
    expect((await as(t, operator, (ctx) => ppks.listPersonPpks(ctx, survivor.id))).items.filter((i) => !i.endedOn).map((i) => i.ppksCode).sort()).toEqual([23, 24]);
    let r = await rollupsAndTruth(t);
    for (const k of Object.keys(r)) expect(r[k]!.rollup, k).toEqual(r[k]!.truth);

    const undone = await as(t, operator, (ctx) => unmerge(ctx, m.id, 'Ternyata dua orang berbeda'));
    expect(undone.undoneAt).not.toBeNull();
    expect((await as(t, operator, (ctx) => people.getPerson(ctx, dup.id))).status).toBe('active');
    expect((await as(t, operator, (ctx) => cases.getCase(ctx, dupCase.id))).personId).toBe(dup.id);
    expect((await as(t, operator, (ctx) => ppks.listPersonPpks(ctx, dup.id))).items.filter((i) => !i.endedOn).map((i) => i.ppksCode).sort()).toEqual([23, 24]);
    expect((await as(t, operator, (ctx) => ppks.listPersonPpks(ctx, survivor.id))).items.map((i) => i.ppksCode)).toEqual([24]);
    expect((await errorOf(as(t, operator, (ctx) => unmerge(ctx, m.id, 'Dua kali')))).code).toBe('merge_already_undone');
    r = await rollupsAndTruth(t);
    for (const k of Object.keys(r)) expect(r[k]!.rollup, k).toEqual(r[k]!.truth);
    const audit = await t.ownerQuery(`SELECT action FROM audit_event WHERE person_id = $1 AND action LIKE 'person.%merged' ORDER BY id`, [dup.id]);
    expect(audit.rows.map((x) => x.action)).toEqual(['person.merged', 'person.unmerged']);
    expect((await as(t, operator, (ctx) => personTimeline(ctx, survivor.id))).items.map((i) => i.kind)).toEqual(expect.arrayContaining(['person.merged', 'person.unmerged']));
  });

  it('refuses merging across regencies', async () => {
    const national = actorWith(['admin', 'ID']);
    const a = await buildPerson(t, psm, { villageCode: SOLO.village });
    const b = await buildPerson(t, psmBangka, { villageCode: BANGKA.village });
    expect((await errorOf(as(t, national, (ctx) => mergePersons(ctx, a.id, { duplicateId: b.id, reason: 'Coba gabung' })))).errors[0]!.code).toBe('merge.other_regency');
  });
});

describe('PPKS categories and consent', () => {
  it('warns about the age band and refuses a category held twice', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '2000-01-01' });
    const a = await as(t, psm, (ctx) => ppks.assignPpks(ctx, p.id, { ppksCode: 2, assessedOn: '2025-03-01' }));
    expect(a.warnings.map((w) => w.code)).toEqual(['ppks.age']);
    expect((await errorOf(as(t, psm, (ctx) => ppks.assignPpks(ctx, p.id, { ppksCode: 2, assessedOn: '2025-03-02' })))).code).toBe('ppks_already_assigned');
    const ended = await as(t, psm, (ctx) => ppks.endPpks(ctx, p.id, a.id, { endedOn: '2025-04-01', reason: 'Salah kategori' }));
    expect(ended.endedOn).toBe('2025-04-01');
  });

  it('needs a parent or guardian for a child’s consent (Pasal 25); a person with disability may consent themself or with a guardian (Pasal 26)', async () => {
    const child = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '2015-06-01' });
    const noGuardian = await errorOf(as(t, psm, (ctx) => consent.recordConsent(ctx, child.id, { basis: 'persetujuan', purpose: 'Pendampingan sosial anak', givenOn: '2025-05-01' })));
    expect(noGuardian.status).toBe(400);
    expect(noGuardian.errors[0]).toMatchObject({ field: 'guardian', code: 'consent.guardian_child' });
    const ok = await as(t, psm, (ctx) => consent.recordConsent(ctx, child.id, { basis: 'persetujuan', purpose: 'Pendampingan sosial anak', givenOn: '2025-05-01', guardian: { name: 'Ibu Kandung', relationship: 'ibu' } }));
    expect(ok).toMatchObject({ guardianReason: 'anak', active: true });
    // A public task (Dinsos' usual basis) needs no guardian.
    await as(t, psm, (ctx) => consent.recordConsent(ctx, child.id, { basis: 'tugas_publik', purpose: 'Pendataan PPKS oleh Dinas Sosial', givenOn: '2025-05-01' }));

    const disabled = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '1980-01-01', disabilityTypes: ['fisik'], disabilitySeverity: 'berat' });
    expect(disabled.disabilityTypes).toEqual(['fisik']);
    const self = await as(t, psm, (ctx) => consent.recordConsent(ctx, disabled.id, { basis: 'persetujuan', purpose: 'Pemberian alat bantu', givenOn: '2025-05-01' }));
    expect(self).toMatchObject({ guardianReason: null, active: true });
    const withGuardian = await as(t, psm, (ctx) =>
      consent.recordConsent(ctx, disabled.id, { basis: 'persetujuan', purpose: 'Pemberian alat bantu', givenOn: '2025-05-02', guardian: { name: 'Adik Kandung', relationship: 'adik' } }),
    );
    expect(withGuardian).toMatchObject({ guardianReason: 'disabilitas', active: true });
    const adult = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '1980-01-01' });
    expect((await errorOf(as(t, psm, (ctx) => consent.recordConsent(ctx, adult.id, { basis: 'persetujuan', purpose: 'Pendataan', givenOn: '2025-05-01', guardian: { name: 'X Y', relationship: 'kakak' } })))).errors[0]!.code).toBe('consent.guardian_unneeded');
    const w = await as(t, psm, (ctx) => consent.withdrawConsent(ctx, child.id, ok.id, { withdrawnOn: '2025-06-01', note: 'Orang tua menarik' }));
    expect(w).toMatchObject({ active: false, withdrawnOn: '2025-06-01' });
    expect((await errorOf(as(t, psm, (ctx) => consent.withdrawConsent(ctx, child.id, ok.id, { withdrawnOn: '2025-06-02' })))).code).toBe('consent_already_withdrawn');
  });
});

describe('households', () => {
  it('keep the No. KK protected with its history when the card is reissued', async () => {
    const kk1 = '3372011203200001';
    const kk2 = '3372010105240002';
    const h = await as(t, psm, (ctx) => households.createHousehold(ctx, { villageCode: SOLO.village, rw: '2', rt: '5', kk: kk1, kkIssuedOn: '2020-03-12' }));
    expect(h).toMatchObject({ rw: '002', rt: '005', kkMasked: '3372********0001' });
    const head = await buildPerson(t, psm, { villageCode: SOLO.village });
    const kid = await buildPerson(t, psm, { villageCode: SOLO.village });
    await as(t, psm, (ctx) => households.addMember(ctx, h.id, { personId: head.id, relationship: 'kepala_keluarga' }));
    expect((await errorOf(as(t, psm, (ctx) => households.addMember(ctx, h.id, { personId: kid.id, relationship: 'kepala_keluarga' })))).code).toBe('household_has_head');
    let v = await as(t, psm, (ctx) => households.addMember(ctx, h.id, { personId: kid.id, relationship: 'anak' }));
    expect(v.members.map((m) => m.relationship)).toEqual(['kepala_keluarga', 'anak']);
    v = await as(t, psm, (ctx) => households.reissueKk(ctx, h.id, { version: v.version, kk: kk2, issuedOn: '2024-05-01' }));
    expect(v.kkMasked).toBe('3372********0002');
    expect(v.kkHistory.map((k) => [k.kkMasked, k.replacedAt === null])).toEqual([['3372********0002', true], ['3372********0001', false]]);
    expect((await errorOf(as(t, psm, (ctx) => households.createHousehold(ctx, { villageCode: SOLO.village, kk: kk2 })))).code).toBe('duplicate_kk');
    expect(await as(t, psm, (ctx) => households.revealKk(ctx, h.id, 'Verifikasi KK untuk usulan bansos'))).toEqual({ kk: kk2 });
    const raw = await t.ownerQuery(`SELECT row_to_json(h)::text AS j FROM household h WHERE id = $1`, [h.id]);
    expect(raw.rows[0].j).not.toContain(kk2);
    expect((await errorOf(as(t, psmBangka, (ctx) => households.getHousehold(ctx, h.id)))).status).toBe(404);
  });
});
