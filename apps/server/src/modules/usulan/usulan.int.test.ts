import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { PNG, SOLO, api, buildTeam, registerPerson, upload, type Team } from '../programmes/test-support';

/**
 * The usulan lifecycle (issue 8 §2): every step by the role that owns it, the wrong
 * role refused, digital musdes minutes, and the monthly cut-off on the 17th by the
 * area's own time zone.
 */
// Sessions expire after 72 idle hours: the clock starts close to the cut-off it tests.
const clock = new ManualClock('2026-03-16T03:00:00Z');
let t: TestApp;
let team: Team;
let call: ReturnType<typeof api>;

const CHECKLIST = { domisili: true, identitas: true, kondisi_rumah: true, belum_penerima: true, bukan_asn: true };

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  team = await buildTeam(t.app, t.database);
  call = api(t.app);
});
afterAll(async () => t?.close());

async function draft(headers = team.psm, village: string = SOLO.village, programmeCode = 'pkh') {
  const person = await registerPerson(t.app, headers, village);
  const res = await call('POST', '/usulan', headers, { programmeCode, personId: person.id, reason: 'Keluarga lansia tanpa penghasilan tetap' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; status: string; batchMonth: string | null };
}

const step = (id: string, headers: Record<string, string>, body: Record<string, unknown>) => call('POST', `/usulan/${id}/steps`, headers, body);

describe('usulan through every stage', () => {
  it('goes draft → proposed → musdes → verified → verifier → head, each by its own role, and refuses the wrong role', async () => {
    const u = await draft();
    expect(u.status).toBe('draft');

    // The desa proposes (a PSM acting for it).
    const proposed = await step(u.id, team.psm, { action: 'propose', version: 1 });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'proposed', batchMonth: '2026-03' });

    // A PSM may not approve for the Dinsos; the verifier may not skip to the head's step.
    expect((await step(u.id, team.psm, { action: 'approve_verifier', version: 2 })).status).toBe(403);
    expect((await step(u.id, team.verifier, { action: 'approve_head', version: 2 })).status).toBe(403);
    // A PSM of the neighbouring village does not even see it.
    expect((await step(u.id, team.psmSibling, { action: 'verify', version: 2, checklist: CHECKLIST })).status).toBe(404);

    // Musyawarah desa with signed minutes.
    const scan = await upload(t.app, team.psm, `/api/v1/usulan-files?villageCode=${SOLO.village}&purpose=musdes_scan`, PNG);
    expect(scan.statusCode, scan.body).toBe(201);
    const musdes = await call('POST', '/musdes', team.psm, {
      villageCode: SOLO.village,
      kind: 'muskel',
      heldOn: '2026-03-09',
      place: 'Balai Kelurahan Laweyan',
      attendeeCount: 25,
      attendeeRoles: [{ role: 'Lurah', count: 1 }, { role: 'LPMK', count: 4 }, { role: 'Ketua RT/RW', count: 12 }, { role: 'PSM', count: 2 }],
      usulanIds: [u.id],
      signedScanFileId: scan.json().id,
    });
    expect(musdes.status, JSON.stringify(musdes.body)).toBe(201);
    expect(musdes.body).toMatchObject({ decidedCount: 1, usulanIds: [u.id], attendeeCount: 25, signedScanFileId: scan.json().id });
    const afterMusdes = await call('GET', `/usulan/${u.id}`, team.psm);
    expect(afterMusdes.body).toMatchObject({ status: 'deliberated', deliberation: 'musdes', musdesId: musdes.body.id });

    // Field verification by the PSM: an incomplete checklist is refused, naming the field.
    const incomplete = await step(u.id, team.psm, { action: 'verify', version: afterMusdes.body.version, checklist: { domisili: true } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0].field).toBe('checklist');
    const photo = await upload(t.app, team.psm, `/api/v1/usulan-files?villageCode=${SOLO.village}&purpose=verification_photo`, PNG);
    const verified = await step(u.id, team.psm, { action: 'verify', version: afterMusdes.body.version, checklist: CHECKLIST, photoFileIds: [photo.json().id], verificationNote: 'Rumah semi permanen' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', verificationPhotoIds: [photo.json().id] });

    // Dinsos: the head cannot approve before the verifier; then verifier, then head.
    expect((await step(u.id, team.head, { action: 'approve_head', version: verified.body.version })).status).toBe(409);
    const v = await step(u.id, team.verifier, { action: 'approve_verifier', version: verified.body.version });
    expect(v.body.status).toBe('verifier_approved');
    expect(v.body.actions).toEqual([]);
    // A stale version is refused, never silently applied.
    expect((await step(u.id, team.head, { action: 'approve_head', version: verified.body.version })).status).toBe(409);
    const h = await step(u.id, team.head, { action: 'approve_head', version: v.body.version });
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    expect(h.body.status).toBe('approved');
    expect(h.body.events.map((e: { action: string }) => e.action)).toEqual(['create', 'propose', 'deliberate', 'verify', 'approve_verifier', 'approve_head']);

    const audit = await t.database.ownerQuery(`SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'usulan.%' ORDER BY id`, [u.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['usulan.propose', 'usulan.deliberate', 'usulan.approve_head']));
  });

  it('takes an SPTJM in place of a musdes, and lets the verifier return an usulan with a reason', async () => {
    const u = await draft();
    await step(u.id, team.psm, { action: 'propose', version: 1 });
    const sptjm = await upload(t.app, team.psm, `/api/v1/usulan-files?villageCode=${SOLO.village}&purpose=sptjm`, PNG);
    const missing = await step(u.id, team.psm, { action: 'sptjm', version: 2 });
    expect(missing.status).toBe(400);
    const s = await step(u.id, team.psm, { action: 'sptjm', version: 2, sptjmFileId: sptjm.json().id, sptjmSigner: 'Lurah Laweyan' });
    expect(s.body).toMatchObject({ status: 'deliberated', deliberation: 'sptjm' });
    const vf = await step(u.id, team.psm, { action: 'verify', version: s.body.version, checklist: { ...CHECKLIST, bukan_asn: false } });
    const noReason = await step(u.id, team.verifier, { action: 'return', version: vf.body.version });
    expect(noReason.status).toBe(400);
    const back = await step(u.id, team.verifier, { action: 'return', version: vf.body.version, reason: 'Anggota keluarga ASN' });
    expect(back.body).toMatchObject({ status: 'returned', returnReason: 'Anggota keluarga ASN' });
    // Corrected and proposed again.
    expect((await step(u.id, team.psm, { action: 'propose', version: back.body.version })).body.status).toBe('proposed');
  });

  it('refuses a musdes listing an usulan that was not proposed, or one from another village', async () => {
    const notProposed = await draft();
    const res = await call('POST', '/musdes', team.psm, {
      villageCode: SOLO.village, kind: 'musdes', heldOn: '2026-03-09', place: 'Balai Desa', attendeeCount: 10, attendeeRoles: [{ role: 'Kepala Desa', count: 1 }], usulanIds: [notProposed.id],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'usulanIds.0', code: 'musdes.usulan' });
  });
});

describe('monthly cut-off on the 17th', () => {
  it('keeps a proposal at 23:59 WIB on the 17th in this month and rolls one at 00:01 on the 18th to the next', async () => {
    const a = await draft();
    const b = await draft();
    clock.advance(new Date('2026-03-17T16:59:00Z').getTime() - clock.now().getTime()); // 23:59 WIB
    const cut = await call('GET', `/usulan-cutoff?area=${SOLO.village}`, team.psm);
    expect(cut.body).toMatchObject({ timeZone: 'WIB', batchMonth: '2026-03', cutoffAt: '2026-03-17T16:59:59.999Z', rolledOver: false });
    expect((await step(a.id, team.psm, { action: 'propose', version: 1 })).body.batchMonth).toBe('2026-03');
    clock.advance(2 * 60_000); // 00:01 WIB on the 18th
    expect((await step(b.id, team.psm, { action: 'propose', version: 1 })).body.batchMonth).toBe('2026-04');
    const after = await call('GET', `/usulan-cutoff?area=${SOLO.village}`, team.psm);
    expect(after.body).toMatchObject({ batchMonth: '2026-04', rolledOver: true });
  });

  it('uses WIT in Papua: 23:59 WIT is still March there, 00:01 WIT is April', async () => {
    const { rows } = await t.database.ownerQuery(`SELECT code FROM area WHERE level = 'village' AND province_code = '91' ORDER BY code LIMIT 1`);
    const village = rows[0].code as string;
    clock.advance(new Date('2026-04-17T14:59:00Z').getTime() - clock.now().getTime()); // 23:59 WIT
    const psm = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: village }] }))).headers as unknown as Record<string, string>;
    const psmSolo = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: SOLO.village }] }))).headers as unknown as Record<string, string>;
    const a = await draft(psm, village);
    const b = await draft(psm, village);
    expect((await step(a.id, psm, { action: 'propose', version: 1 })).body.batchMonth).toBe('2026-04');
    clock.advance(2 * 60_000); // 00:01 WIT on the 18th (still 22:01 WIB on the 17th in Java)
    expect((await step(b.id, psm, { action: 'propose', version: 1 })).body.batchMonth).toBe('2026-05');
    const c = await draft(psmSolo);
    expect((await step(c.id, psmSolo, { action: 'propose', version: 1 })).body.batchMonth).toBe('2026-04');
  });
});
