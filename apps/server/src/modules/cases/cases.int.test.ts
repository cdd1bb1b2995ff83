import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { BANGKA, buildCase, buildPerson, errorOf, rollupsAndTruth, SOLO } from '../../../test/factories.people';
import { recordAssessment } from './assessments.service';
import * as cases from './cases.service';
import { addGoal } from './plans.service';
import { verificationStep } from './verification.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const psm = actorWith(['psm', SOLO.village]);
const psmSibling = actorWith(['psm', SOLO.sibling]);
const psmBangka = actorWith(['psm', BANGKA.village]);
const operator = actorWith(['dinsos_kab', SOLO.regency]);
const operator2 = actorWith(['dinsos_kab', SOLO.regency]);
const verifier = actorWith(['dinsos_kab_verifier', SOLO.regency]);
const head = actorWith(['dinsos_kab_head', SOLO.regency]);
const kemensos = actorWith(['kemensos', 'ID']);
const ipsm = actorWith(['ipsm_pengurus', SOLO.regency]);

const ANSWERS = { jumlah_anggota: 4, penghasilan: 'tidak_ada', kondisi_rumah: 'tidak_layak', penerima_bansos: false, kebutuhan: ['permakanan'] };

async function toAssessed(caseId: string, actor = psm) {
  await as(t, actor, (ctx) => recordAssessment(ctx, caseId, { formCode: 'fakir-miskin', answers: ANSWERS }));
  const c = await as(t, actor, (ctx) => cases.getCase(ctx, caseId));
  return as(t, actor, (ctx) => cases.transitionCase(ctx, caseId, { action: 'assess', version: c.version }));
}

describe('opening a case', () => {
  it('gives a gap-free number per regency and year, and keeps a device-made id', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    const id = uuidv7();
    const a = await buildCase(t, psm, p.id, { id });
    const b = await buildCase(t, psm, p.id);
    const year = new Date().getFullYear();
    expect(a.id).toBe(id);
    expect(a.caseNumber).toMatch(new RegExp(`^33\\.72/${year}/\\d{6}$`));
    expect(Number(b.caseNumber.slice(-6))).toBe(Number(a.caseNumber.slice(-6)) + 1);
    expect(a.status).toBe('identified');
    expect(a.verification).toBe('not_required');
    expect(a.countsAsValidated).toBe(true);
    expect(a.actions).toEqual(expect.arrayContaining(['close', 'update', 'record', 'refer']));
    expect(a.actions).not.toContain('reopen');
    // A replay of the same offline creation returns the same case, no new number.
    const again = await buildCase(t, psm, p.id, { id });
    expect(again.caseNumber).toBe(a.caseNumber);
    // A failed transaction returns its number: the next one follows without a gap.
    await errorOf(as(t, psm, async (ctx) => {
      await cases.createCase(ctx, { personId: p.id, ppksCode: 24, need: 'akan gagal' });
      throw new Error('rollback');
    }));
    const c = await buildCase(t, psm, p.id);
    expect(Number(c.caseNumber.slice(-6))).toBe(Number(b.caseNumber.slice(-6)) + 1);
  });

  it('warns (never blocks) when the category does not fit the age', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '1990-05-05' });
    const c = await buildCase(t, psm, p.id, { ppksCode: 8 });
    expect(c.warnings.map((w) => w.code)).toContain('ppks.age');
  });

  it('refuses persons outside the scope (404), roles without case.create (403) and bad input (400, named field)', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    expect((await errorOf(buildCase(t, psmSibling, p.id))).status).toBe(404);
    expect((await errorOf(buildCase(t, psmBangka, p.id))).status).toBe(404);
    expect((await errorOf(buildCase(t, kemensos, p.id))).status).toBe(403);
    const bad = await errorOf(buildCase(t, psm, p.id, { ppksCode: 77 }));
    expect(bad.status).toBe(400);
    expect(bad.errors[0]!.field).toBe('ppksCode');
  });
});

describe('the lifecycle', () => {
  it('walks identified → assessed → planned → in intervention → monitoring → closed → reopened, with the guards', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    let c = await buildCase(t, psm, p.id);
    const noAssessment = await errorOf(as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'assess', version: c.version })));
    expect(noAssessment.status).toBe(409);
    expect(noAssessment.errors[0]!.code).toBe('case.assessment_required');
    let v = await toAssessed(c.id);
    expect(v.status).toBe('assessed');
    expect((await errorOf(as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'plan', version: v.version })))).errors[0]!.code).toBe('case.plan_required');
    await as(t, psm, (ctx) => addGoal(ctx, c.id, { description: 'Kebutuhan pangan terpenuhi' }));
    v = await as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'plan', version: v.version }));
    v = await as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'start', version: v.version }));
    expect(v.status).toBe('in_intervention');
    v = await as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'monitor', version: v.version }));
    v = await as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'resume', version: v.version }));
    v = await as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'monitor', version: v.version }));
    expect(v.status).toBe('monitoring');
    const noReason = await errorOf(as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'close', version: v.version })));
    expect(noReason.status).toBe(400);
    expect(noReason.errors[0]!.field).toBe('closureReason');
    v = await as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'close', version: v.version, closureReason: 'tujuan_tercapai' }));
    expect(v).toMatchObject({ status: 'closed', closureReason: 'tujuan_tercapai', closedFrom: 'monitoring' });
    expect(v.actions).not.toContain('record');
    // Work cannot be recorded on a closed case.
    expect((await errorOf(as(t, psm, (ctx) => addGoal(ctx, c.id, { description: 'Tujuan baru' })))).code).toBe('case_closed');
    // Reopening is Dinsos' decision (case.reopen) and returns to where the case was.
    const byPsm = await errorOf(as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'reopen', version: v.version, note: 'Kondisi memburuk lagi' })));
    expect(byPsm.status).toBe(403);
    expect((await as(t, operator, (ctx) => cases.getCase(ctx, c.id))).actions).toContain('reopen');
    v = await as(t, operator, (ctx) => cases.transitionCase(ctx, c.id, { action: 'reopen', version: v.version, note: 'Kondisi memburuk lagi' }));
    expect(v).toMatchObject({ status: 'monitoring', closureReason: null, closedFrom: null });
    const events = await as(t, operator, (ctx) => cases.listEvents(ctx, c.id));
    expect(events.items.filter((e) => e.kind.startsWith('case.')).map((e) => e.kind)).toEqual([
      'case.opened', 'case.assess', 'case.plan', 'case.start', 'case.monitor', 'case.resume', 'case.monitor', 'case.close', 'case.reopen',
    ]);
    c = v as typeof c;
    // A stale version is refused, never overwritten.
    expect((await errorOf(as(t, psm, (ctx) => cases.transitionCase(ctx, c.id, { action: 'resume', version: 1 })))).code).toBe('version_conflict');
  });

  it('applies each transition only inside the area scope: 404 for other villages and regencies, 403 for readers', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    const c = await buildCase(t, psm, p.id);
    for (const actor of [psmSibling, psmBangka]) {
      expect((await errorOf(as(t, actor, (ctx) => cases.transitionCase(ctx, c.id, { action: 'close', version: c.version, closureReason: 'lainnya', note: 'x' })))).status).toBe(404);
      expect((await errorOf(as(t, actor, (ctx) => cases.getCase(ctx, c.id)))).status).toBe(404);
    }
    expect((await errorOf(as(t, kemensos, (ctx) => cases.transitionCase(ctx, c.id, { action: 'close', version: c.version, closureReason: 'tujuan_tercapai' })))).status).toBe(403);
    expect((await errorOf(as(t, ipsm, (ctx) => cases.getCase(ctx, c.id)))).status).toBe(403);
    // The regency's Dinsos operator may act on every village of the regency.
    const closed = await as(t, operator, (ctx) => cases.transitionCase(ctx, c.id, { action: 'close', version: c.version, closureReason: 'menolak_layanan' }));
    expect(closed.status).toBe('closed');
    const list = await as(t, psmSibling, (ctx) => cases.listCases(ctx, { page: 1, pageSize: 100 }));
    expect(list.items.map((i) => i.id)).not.toContain(c.id);
  });
});

describe('the verification chain', () => {
  it('needs PSM submit → coordinator check → Dinsos validate, with four eyes, before the case counts as validated', async () => {
    expect((await errorOf(as(t, operator, (ctx) => cases.setCaseSettings(ctx, SOLO.regency, true)))).status).toBe(403);
    await as(t, head, (ctx) => cases.setCaseSettings(ctx, SOLO.regency, true));
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    let c = await buildCase(t, psm, p.id);
    expect(c).toMatchObject({ verification: 'draft', countsAsValidated: false });
    expect(c.actions).toContain('submit');
    // Nobody may validate a draft; a PSM may not check.
    expect((await errorOf(as(t, verifier, (ctx) => verificationStep(ctx, c.id, { action: 'validate', version: c.version })))).code).toBe('verification_not_allowed');
    let v = await as(t, psm, (ctx) => verificationStep(ctx, c.id, { action: 'submit', version: c.version }));
    expect(v.verification).toBe('submitted');
    expect((await errorOf(as(t, psm, (ctx) => verificationStep(ctx, c.id, { action: 'check', version: v.version })))).status).toBe(403);
    // The coordinator returns it with a reason; the PSM fixes and resubmits.
    expect((await errorOf(as(t, operator, (ctx) => verificationStep(ctx, c.id, { action: 'return', version: v.version })))).errors[0]!.field).toBe('reason');
    v = await as(t, operator, (ctx) => verificationStep(ctx, c.id, { action: 'return', version: v.version, reason: 'Lengkapi foto rumah' }));
    expect(v.verification).toBe('returned');
    v = await as(t, psm, (ctx) => verificationStep(ctx, c.id, { action: 'submit', version: v.version }));
    v = await as(t, operator, (ctx) => verificationStep(ctx, c.id, { action: 'check', version: v.version }));
    expect(v.verification).toBe('checked');
    expect((await errorOf(as(t, operator2, (ctx) => verificationStep(ctx, c.id, { action: 'validate', version: v.version })))).status).toBe(403);
    v = await as(t, verifier, (ctx) => verificationStep(ctx, c.id, { action: 'validate', version: v.version }));
    expect(v).toMatchObject({ verification: 'validated', countsAsValidated: true });
    // Four eyes: someone holding both roles may not check and validate the same case.
    const both = actorWith(['dinsos_kab', SOLO.regency], ['dinsos_kab_verifier', SOLO.regency]);
    c = await buildCase(t, psm, p.id);
    v = await as(t, psm, (ctx) => verificationStep(ctx, c.id, { action: 'submit', version: c.version }));
    v = await as(t, both, (ctx) => verificationStep(ctx, c.id, { action: 'check', version: v.version }));
    expect(v.actions).not.toContain('validate');
    expect((await errorOf(as(t, both, (ctx) => verificationStep(ctx, c.id, { action: 'validate', version: v.version })))).errors[0]!.code).toBe('verification.four_eyes');
    const stats = await as(t, head, (ctx) => cases.caseStats(ctx, SOLO.regency));
    expect(stats.unvalidated).toBeGreaterThanOrEqual(1);
    expect(stats.validated).toBeGreaterThanOrEqual(1);
    await as(t, head, (ctx) => cases.setCaseSettings(ctx, SOLO.regency, false));
  });

  it('keeps every rollup equal to the raw GROUP BY', async () => {
    const r = await rollupsAndTruth(t);
    for (const k of Object.keys(r)) expect(r[k]!.rollup, k).toEqual(r[k]!.truth);
  });
});
