import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { buildMember, memberInput } from '../../../test/factories.members';
import { verifyAuditChains } from '../../platform/audit/audit';
import * as members from './members.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const SOLO = '33.72.01.1001';
const SOLO_2 = '33.72.02.1001';
const BANGKA = '19.01.01.1001';
const ipsmSolo = actorWith(['ipsm_pengurus', '33.72']);
const ipsmBangka = actorWith(['ipsm_pengurus', '19.01']);
const ipsmNasional = actorWith(['ipsm_pengurus', 'ID']);
const verifierSolo = actorWith(['dinsos_kab_verifier', '33.72']);
const verifierBangka = actorWith(['dinsos_kab_verifier', '19.01']);
const dinsosSolo = actorWith(['dinsos_kab', '33.72']);
const psmSolo = actorWith(['psm', SOLO]);

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: string; errors: { field: string; code: string }[] };
  }
  throw new Error('expected an error');
};

describe('registration and verification', () => {
  it('IPSM registers a PSM: diajukan, NIK masked and never stored in clear, verify offered only to Dinsos', async () => {
    const input = memberInput(SOLO);
    const m = await as(t, ipsmSolo, (ctx) => members.createMember(ctx, input));
    expect(m.status).toBe('diajukan');
    expect(m.source).toBe('ipsm');
    expect(m.nikMasked).toBe(`${input.nik.slice(0, 4)}********${input.nik.slice(-4)}`);
    expect(m.transitions).toEqual([]);
    const raw = await t.ownerQuery(`SELECT row_to_json(member)::text AS j FROM member WHERE id = $1`, [m.id]);
    expect(raw.rows[0].j).not.toContain(input.nik);
    const asVerifier = await as(t, verifierSolo, (ctx) => members.getMember(ctx, m.id));
    expect(asVerifier.transitions).toEqual(['verify', 'return']);
  });

  it('only Dinsos kab/kota verifies: a PSM is refused, a verifier of another regency gets 404, the right one activates', async () => {
    const m = await as(t, dinsosSolo, (ctx) => members.createMember(ctx, memberInput(SOLO)));
    expect(m.source).toBe('dinsos');
    const byPsm = await errorOf(as(t, psmSolo, (ctx) => members.transition(ctx, m.id, { transition: 'verify', version: m.version })));
    expect(byPsm.status).toBe(403);
    const byIpsm = await errorOf(as(t, ipsmSolo, (ctx) => members.transition(ctx, m.id, { transition: 'verify', version: m.version })));
    expect(byIpsm.status).toBe(403);
    const byOther = await errorOf(as(t, verifierBangka, (ctx) => members.transition(ctx, m.id, { transition: 'verify', version: m.version })));
    expect(byOther.status).toBe(404);
    const ok = await as(t, verifierSolo, (ctx) => members.transition(ctx, m.id, { transition: 'verify', version: m.version, note: 'berkas lengkap' }));
    expect(ok.status).toBe('aktif');
    expect(ok.activeSince).not.toBeNull();
    expect(ok.statusHistory.map((h) => h.toStatus)).toEqual(['diajukan', 'aktif']);
    const again = await errorOf(as(t, verifierSolo, (ctx) => members.transition(ctx, m.id, { transition: 'verify', version: ok.version })));
    expect(again.status).toBe(409);
    expect(again.code).toBe('invalid_transition');
  });

  it('returns a registration with a reason, then it is resubmitted; a stale version answers 409', async () => {
    const m = await as(t, ipsmSolo, (ctx) => members.createMember(ctx, memberInput(SOLO)));
    const noReason = await errorOf(as(t, verifierSolo, (ctx) => members.transition(ctx, m.id, { transition: 'return', version: m.version })));
    expect(noReason.errors[0]!.field).toBe('reason');
    const returned = await as(t, verifierSolo, (ctx) => members.transition(ctx, m.id, { transition: 'return', version: m.version, reason: 'SK desa belum dilampirkan' }));
    expect(returned.status).toBe('dikembalikan');
    expect(returned.returnReason).toBe('SK desa belum dilampirkan');
    const stale = await errorOf(as(t, ipsmSolo, (ctx) => members.transition(ctx, m.id, { transition: 'resubmit', version: m.version })));
    expect(stale.status).toBe(409);
    expect(stale.code).toBe('version_conflict');
    const back = await as(t, ipsmSolo, (ctx) => members.transition(ctx, m.id, { transition: 'resubmit', version: returned.version }));
    expect(back.status).toBe('diajukan');
  });

  it('stops a membership only with a reason, date and basis', async () => {
    const m = await buildMember(t, SOLO);
    const missing = await errorOf(as(t, ipsmSolo, (ctx) => members.transition(ctx, m.id, { transition: 'stop', version: m.version })));
    expect(missing.errors[0]!.field).toBe('stopReason');
    const stopped = await as(t, ipsmSolo, (ctx) =>
      members.transition(ctx, m.id, { transition: 'stop', version: m.version, stopReason: 'pindah_domisili', date: '2026-01-31', basis: 'SK 12/2026' }),
    );
    expect(stopped).toMatchObject({ status: 'berhenti', statusReason: 'pindah_domisili', statusDate: '2026-01-31', statusBasis: 'SK 12/2026' });
  });

  it('rejects an invalid NIK naming the field, and a duplicate NIK with 409', async () => {
    const bad = await errorOf(as(t, ipsmSolo, (ctx) => members.createMember(ctx, memberInput(SOLO, { nik: '3372010000000000' }))));
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e) => e.field)).toContain('nik');
    const input = memberInput(SOLO);
    await as(t, ipsmSolo, (ctx) => members.createMember(ctx, input));
    const dup = await errorOf(as(t, ipsmSolo, (ctx) => members.createMember(ctx, { ...input, fullName: 'Lain' })));
    expect(dup.status).toBe(409);
    expect(dup.code).toBe('duplicate_nik');
  });
});

describe('KTA', () => {
  it('is issued by IPSM (sementara by kab/kota, tetap only by IPSM Nasional), to active members, with unique numbers', async () => {
    const m = await buildMember(t, SOLO);
    const byPsm = await errorOf(as(t, psmSolo, (ctx) => members.issueKta(ctx, m.id, { number: 'X-1', kind: 'sementara', date: '2026-01-01', version: m.version })));
    expect(byPsm.status).toBe(403);
    const byDinsos = await errorOf(as(t, verifierSolo, (ctx) => members.issueKta(ctx, m.id, { number: 'X-1', kind: 'sementara', date: '2026-01-01', version: m.version })));
    expect(byDinsos.status).toBe(403);
    const tetapByKab = await errorOf(as(t, ipsmSolo, (ctx) => members.issueKta(ctx, m.id, { number: 'X-1', kind: 'tetap', date: '2026-01-01', version: m.version })));
    expect(tetapByKab.code).toBe('kta_national_only');
    const s = await as(t, ipsmSolo, (ctx) => members.issueKta(ctx, m.id, { number: '33.72/001', kind: 'sementara', date: '2026-01-01', version: m.version }));
    expect(s.kta).toEqual({ number: '33.72/001', kind: 'sementara', date: '2026-01-01' });
    const tetap = await as(t, ipsmNasional, (ctx) => members.issueKta(ctx, m.id, { number: 'IPSM-0001', kind: 'tetap', date: '2026-03-01', version: s.version }));
    expect(tetap.kta?.kind).toBe('tetap');
    const other = await buildMember(t, SOLO);
    const dup = await errorOf(as(t, ipsmSolo, (ctx) => members.issueKta(ctx, other.id, { number: 'IPSM-0001', kind: 'sementara', date: '2026-01-01', version: other.version })));
    expect(dup.code).toBe('duplicate_kta');
    const pending = await buildMember(t, SOLO, { status: 'diajukan' });
    const notActive = await errorOf(as(t, ipsmSolo, (ctx) => members.issueKta(ctx, pending.id, { number: 'Z-9', kind: 'sementara', date: '2026-01-01', version: pending.version })));
    expect(notActive.code).toBe('member_not_active');
  });
});

describe('area scoping', () => {
  it('an IPSM kab/kota board of 33.72 sees only Solo members; others answer 404 (also through RLS)', async () => {
    const solo = await buildMember(t, SOLO_2);
    const bangka = await buildMember(t, BANGKA);
    const list = await as(t, ipsmSolo, (ctx) => members.listMembers(ctx, { page: 1, pageSize: 100 }));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((m) => m.villageCode.startsWith('33.72.'))).toBe(true);
    expect(list.items.map((m) => m.id)).toContain(solo.id);
    const hidden = await errorOf(as(t, ipsmSolo, (ctx) => members.getMember(ctx, bangka.id)));
    expect(hidden.status).toBe(404);
    const mine = await as(t, ipsmBangka, (ctx) => members.getMember(ctx, bangka.id));
    expect(mine.id).toBe(bangka.id);
    // Row-Level Security is the second wall: even a raw query in a Solo-scoped transaction sees no Bangka rows.
    const raw = await as(t, ipsmSolo, async (ctx) => (await ctx.db.query(`SELECT count(*)::int AS n FROM member WHERE regency_code = '19.01'`)).rows[0].n);
    expect(raw).toBe(0);
    const filtered = await as(t, ipsmSolo, (ctx) => members.listMembers(ctx, { area: '33.72.02', status: 'aktif', page: 1, pageSize: 100 }));
    expect(filtered.items.map((m) => m.id)).toEqual([solo.id]);
  });
});

describe('requirements, trainings, awards', () => {
  it('shows the checklist as met/missing, configurable per regency', async () => {
    const young = await as(t, ipsmSolo, (ctx) => members.createMember(ctx, memberInput(SOLO, { birthDate: '2010-02-02', skNumber: null })));
    expect(young.warnings.map((w) => w.code)).toContain('member.age_under_18');
    const byCode = Object.fromEntries(young.requirements.map((r) => [r.code, r.met]));
    expect(byCode).toMatchObject({ wni: true, usia_18: false, domisili: true, pelatihan: false, sehat: false, sk_desa: false });
    expect(young.requirementsMet).toBe(false);
    const denied = await errorOf(as(t, ipsmSolo, (ctx) => members.updateRequirementSettings(ctx, '33.72', [{ code: 'sehat', enabled: false }])));
    expect(denied.status).toBe(403);
    await as(t, verifierSolo, (ctx) => members.updateRequirementSettings(ctx, '33.72', [{ code: 'sehat', enabled: false }]));
    const after = await as(t, ipsmSolo, (ctx) => members.getMember(ctx, young.id));
    expect(after.requirements.map((r) => r.code)).not.toContain('sehat');
    const trained = await as(t, ipsmSolo, (ctx) => members.addTraining(ctx, young.id, { trainedOn: '2025-08-01', title: 'Bimtek PSM', organiser: 'Dinsos Kota Surakarta' }));
    expect(trained.requirements.find((r) => r.code === 'pelatihan')?.met).toBe(true);
  });

  it('warns when a Satyalancana Kebaktian Sosial is recorded before 5 years of service', async () => {
    const m = await buildMember(t, SOLO);
    const a = await as(t, ipsmSolo, (ctx) => members.addAward(ctx, m.id, { level: 'nasional', awardType: 'Satyalancana Kebaktian Sosial', awardedOn: '2026-08-17' }));
    expect(a.warnings.map((w) => w.code)).toContain('award.satyalancana_service');
    expect(a.awards).toHaveLength(1);
  });
});

describe('transfers', () => {
  it('moves a PSM to another village as a recorded transfer, also across regencies keeping id and history', async () => {
    const admin = actorWith(['admin', 'ID']);
    const m = await buildMember(t, SOLO, { training: true });
    const moved = await as(t, ipsmSolo, (ctx) => members.transfer(ctx, m.id, { toVillageCode: SOLO_2, movedOn: '2026-02-01', reason: 'pindah rumah', version: m.version }));
    expect(moved.villageCode).toBe(SOLO_2);
    expect(moved.transfers).toHaveLength(1);
    const outside = await errorOf(as(t, ipsmSolo, (ctx) => members.transfer(ctx, m.id, { toVillageCode: BANGKA, movedOn: '2026-03-01', reason: 'pindah', version: moved.version })));
    expect(outside.status).toBe(403);
    const far = await as(t, admin, (ctx) => members.transfer(ctx, m.id, { toVillageCode: BANGKA, movedOn: '2026-03-01', reason: 'ikut keluarga', version: moved.version }));
    expect(far).toMatchObject({ id: m.id, regencyCode: '19.01', villageCode: BANGKA });
    expect(far.transfers.map((x) => x.toVillageCode)).toEqual([SOLO_2, BANGKA]);
    expect(far.trainings).toHaveLength(1);
    expect(far.statusHistory.length).toBeGreaterThanOrEqual(2);
    const gone = await errorOf(as(t, ipsmSolo, (ctx) => members.getMember(ctx, m.id)));
    expect(gone.status).toBe(404);
    const rows = await t.ownerQuery(`SELECT regency_code FROM member WHERE id = $1`, [m.id]);
    expect(rows.rows).toEqual([{ regency_code: '19.01' }]);
  });

  it('keeps the audit chains intact', async () => {
    expect((await verifyAuditChains(t.db.pool)).every((c) => c.ok)).toBe(true);
  });
});
