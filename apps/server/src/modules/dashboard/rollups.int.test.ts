import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor';
import { AppError } from '../../platform/errors';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { as } from '../../../test/actors';
import { buildUser } from '../../../test/factories';
import { BANGKA, buildPerson, SOLO } from '../../../test/factories.people';
import { createActivity, deleteActivity } from '../activities/activities.service';
import { recordAssessment } from '../cases/assessments.service';
import * as cases from '../cases/cases.service';
import { completeFollowUp, recordDelivery, scheduleFollowUp } from '../cases/plans.service';
import * as transfers from '../cases/transfers.service';
import { recordVisit } from '../cases/visits.service';
import { mergePersons, unmerge } from '../people/merge.service';
import * as people from '../people/people.service';
import { dashboardRollups } from './rollups.truth';

/**
 * Issue 7: every rollup the dashboard reads that this module keeps (SPM, time to first
 * service, follow-ups, visits, activities, and the regency-level twins of all rollups)
 * equals a GROUP BY over the raw tables after every step of random sequences of writes,
 * moves within a regency, transfers between regencies (delete + re-insert), merges,
 * un-merges, re-categorisations, deletions of activities and completed follow-ups.
 */
let t: TestDatabase;
let admins: Actor[];
const VILLAGES = [SOLO.village, SOLO.sibling, SOLO.otherDistrict, BANGKA.village, BANGKA.sibling];
const SPM_PPKS = [9, 1, 2, 8, 11, 12, 21, 22, 24];
const ANSWERS = { jumlah_anggota: 3, penghasilan: 'tidak_ada', kondisi_rumah: 'layak', penerima_bansos: false, kebutuhan: ['sandang'] };
const persons: string[] = [];
const caseIds: string[] = [];
const followUps: { caseId: string; id: string }[] = [];
const activities: string[] = [];
const merges: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  admins = [];
  for (let i = 0; i < 2; i++) {
    // Admins that are also PSM: their case work makes automatic activity entries.
    const u = await buildUser(t, { grants: [{ role: 'admin', areaCode: 'ID' }, { role: 'psm', areaCode: SOLO.village }] });
    admins.push({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });
  }
});
afterAll(async () => t?.drop());

type Op = { op: string; a: number; b: number; c: number };
const pick = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const day = (c: number) => `202${5 + (c % 2)}-${String(1 + (c % 12)).padStart(2, '0')}-${String(1 + (c % 28)).padStart(2, '0')}`;
const admin = () => admins[0]!;

async function apply({ op, a, b, c }: Op): Promise<void> {
  const personId = pick(persons, a);
  const caseId = pick(caseIds, a);
  switch (op) {
    case 'person':
      persons.push((await buildPerson(t, admin(), { villageCode: pick(VILLAGES, a)!, nikMissingReason: 'tidak_diketahui' })).id);
      return;
    case 'case':
      if (personId) caseIds.push((await as(t, admin(), (ctx) => cases.createCase(ctx, { personId, ppksCode: pick(SPM_PPKS, b)!, need: 'Kebutuhan', openedOn: day(c) }))).id);
      return;
    case 'assess':
      if (caseId) await as(t, admin(), (ctx) => recordAssessment(ctx, caseId, { formCode: 'fakir-miskin', answers: ANSWERS, assessedOn: day(b) }));
      return;
    case 'deliver':
      if (caseId) await as(t, admin(), (ctx) => recordDelivery(ctx, caseId, { serviceCode: b % 2 ? 'permakanan' : 'sandang', deliveredOn: day(c), quantity: 1 + (c % 3) }));
      return;
    case 'recategorise':
      if (caseId) {
        const k = await as(t, admin(), (ctx) => cases.getCase(ctx, caseId));
        await as(t, admin(), (ctx) => cases.updateCase(ctx, caseId, { version: k.version, ppksCode: pick(SPM_PPKS, b)! }));
      }
      return;
    case 'followup':
      if (caseId) followUps.push({ caseId, id: (await as(t, admin(), (ctx) => scheduleFollowUp(ctx, caseId, { dueOn: day(b), purpose: 'Cek kondisi' }))).id });
      return;
    case 'followup_done': {
      const f = pick(followUps, a);
      if (f) await as(t, admin(), (ctx) => completeFollowUp(ctx, f.caseId, f.id, 'Sudah'));
      return;
    }
    case 'visit':
      if (personId) {
        // Late-evening UTC times cross the local date line (WIB +7): the local month counts.
        const at = `${day(c)}T${b % 2 ? '18' : '03'}:30:00Z`;
        await as(t, admin(), (ctx) => recordVisit(ctx, personId, { kind: 'kunjungan', occurredAt: at, note: 'Kunjungan', ...(b % 3 ? { lat: -7.5 - (b % 100) / 1000, lng: 110.8 + (c % 100) / 1000 } : {}) }));
      }
      return;
    case 'activity':
      activities.push((await as(t, admin(), (ctx) => createActivity(ctx, { villageCode: pick(VILLAGES, b)!, duty: (['a', 'b', 'd', 'e', 'f'] as const)[c % 5]!, title: 'Rapat desa', occurredAt: `${day(c)}T16:59:00Z` }))).id);
      return;
    case 'activity_delete': {
      const id = pick(activities, a);
      if (id) {
        const row = await t.ownerQuery(`SELECT version FROM psm_activity WHERE id = $1`, [id]);
        await as(t, admin(), (ctx) => deleteActivity(ctx, id, row.rows[0].version));
      }
      return;
    }
    case 'move':
      if (personId) {
        const p = await as(t, admin(), (ctx) => people.getPerson(ctx, personId));
        await as(t, admin(), (ctx) => people.updatePerson(ctx, personId, { version: p.version, villageCode: pick(VILLAGES.filter((v) => v.startsWith(p.regencyCode)), b)! }));
      }
      return;
    case 'transfer':
      if (personId) {
        const p = await as(t, admin(), (ctx) => people.getPerson(ctx, personId));
        const req = await as(t, admins[0]!, (ctx) => transfers.requestTransfer(ctx, personId, { toVillageCode: pick(VILLAGES.filter((v) => !v.startsWith(p.regencyCode)), b)!, reason: 'Pindah domisili' }));
        await as(t, admins[1]!, (ctx) => transfers.acceptTransfer(ctx, req.id));
      }
      return;
    case 'merge': {
      const other = pick(persons, b);
      if (personId && other) merges.push((await as(t, admin(), (ctx) => mergePersons(ctx, personId, { duplicateId: other, reason: 'Duplikat data' }))).id);
      return;
    }
    case 'unmerge': {
      const m = pick(merges, a);
      if (m) await as(t, admin(), (ctx) => unmerge(ctx, m, 'Bukan orang yang sama'));
      return;
    }
  }
}

async function compare(after: string) {
  for (const [name, d] of Object.entries(dashboardRollups())) {
    const cols = [...d.key, ...d.measures];
    const rollup = await t.ownerQuery(`SELECT ${cols.join(', ')} FROM ${d.table} WHERE ${d.measures.map((m) => `${m} <> 0`).join(' OR ')}`);
    const truth = await t.ownerQuery(`SELECT * FROM (${d.truth}) t(${cols.join(', ')})`);
    const cell = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    const line = (r: Record<string, unknown>) => Object.values(r).map(cell).join('|');
    expect(rollup.rows.map(line).sort(), `${name} after ${after}`).toEqual(truth.rows.map(line).sort());
  }
}

const OPS = ['person', 'person', 'case', 'case', 'assess', 'assess', 'deliver', 'deliver', 'recategorise', 'followup', 'followup_done', 'visit', 'visit', 'activity', 'activity_delete', 'move', 'transfer', 'merge', 'unmerge'];

describe('dashboard rollups', () => {
  it('equal a GROUP BY over the raw tables after every step of random writes, moves, transfers and deletions', async () => {
    const done: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) }), { minLength: 5, maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          try {
            await apply(o);
            done[o.op] = (done[o.op] ?? 0) + 1;
          } catch (err) {
            if (!(err instanceof AppError) || err.status >= 500) throw err;
          }
          await compare(o.op);
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
    for (const op of ['case', 'assess', 'deliver', 'visit', 'followup', 'activity', 'transfer', 'move', 'merge']) expect(done[op], op).toBeGreaterThan(0);
    // The data really reached every rollup (the comparisons were not of empty tables).
    for (const table of ['spm_rollup', 'service_lag_rollup', 'follow_up_rollup', 'visit_rollup', 'activity_rollup']) {
      expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n, table).toBeGreaterThan(0);
    }
    // Case work by a PSM made automatic activity entries, at most one per source row.
    const auto = await t.ownerQuery(`SELECT source, count(*)::int AS n, count(DISTINCT source_id)::int AS d FROM psm_activity WHERE source <> 'manual' GROUP BY 1`);
    expect(auto.rows.length).toBeGreaterThan(2);
    for (const r of auto.rows) expect(r.n).toBe(r.d);
  }, 300_000);
});
