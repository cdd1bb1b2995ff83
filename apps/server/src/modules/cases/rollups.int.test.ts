import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor';
import { AppError } from '../../platform/errors';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { buildUser } from '../../../test/factories';
import { BANGKA, buildPerson, rollupsAndTruth, SOLO } from '../../../test/factories.people';
import * as partners from '../partners/partners.service';
import { mergePersons, unmerge } from '../people/merge.service';
import * as people from '../people/people.service';
import * as ppks from '../people/ppks.service';
import * as referrals from '../referrals/referrals.service';
import { recordAssessment } from './assessments.service';
import * as cases from './cases.service';
import { addGoal, recordDelivery } from './plans.service';
import * as transfers from './transfers.service';
import { verificationStep } from './verification.service';

/**
 * ARCHITECTURE.md decision 8 / issue 7: rollups are kept by delta upserts in the write
 * transaction. Random sequences of case creations, transitions, category changes,
 * verification steps, services, referrals, village moves, transfers, merges and
 * un-merges; after every step each rollup must equal a GROUP BY over the raw tables.
 */
let t: TestDatabase;
const admins = [actorWith(['admin', 'ID']), actorWith(['admin', 'ID']), actorWith(['admin', 'ID'])];
let mitra: Actor;
let partnerId: string;
const VILLAGES = [SOLO.village, SOLO.sibling, SOLO.otherDistrict, BANGKA.village, BANGKA.sibling];
const ANSWERS = { jumlah_anggota: 3, penghasilan: 'tidak_ada', kondisi_rumah: 'layak', penerima_bansos: false, kebutuhan: ['sandang'] };

const persons: string[] = [];
const caseIds: string[] = [];
const referralIds: string[] = [];
const merges: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const u = await buildUser(t, { grants: [{ role: 'mitra', areaCode: '33' }] });
  mitra = { kind: 'user', userId: u.id, username: u.username, grants: u.grants };
  const op = await buildUser(t, { grants: [{ role: 'admin', areaCode: 'ID' }] });
  const opActor: Actor = { kind: 'user', userId: op.id, username: op.username, grants: op.grants };
  partnerId = (await as(t, opActor, (ctx) => partners.createPartner(ctx, { areaCode: '33', kind: 'dinsos_unit', name: 'UPT Rehabilitasi Sosial' }))).id;
  await as(t, opActor, (ctx) => partners.linkPartnerUser(ctx, partnerId, mitra.userId!));
});
afterAll(async () => t?.drop());

type Op = { op: string; a: number; b: number; c: number };
const pick = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const admin = (i: number) => admins[i % admins.length]!;

async function apply({ op, a, b, c }: Op): Promise<void> {
  const personId = pick(persons, a);
  const caseId = pick(caseIds, a);
  switch (op) {
    case 'person': {
      const p = await buildPerson(t, admin(0), { villageCode: pick(VILLAGES, a)!, nikMissingReason: 'tidak_diketahui' });
      persons.push(p.id);
      return;
    }
    case 'ppks':
      if (personId) await as(t, admin(0), (ctx) => ppks.assignPpks(ctx, personId, { ppksCode: 1 + (b % 26), assessedOn: '2025-01-15' }));
      return;
    case 'case':
      if (personId) caseIds.push((await as(t, admin(0), (ctx) => cases.createCase(ctx, { personId, ppksCode: 1 + (b % 26), need: 'Kebutuhan', openedOn: `2025-0${1 + (c % 9)}-10` }))).id);
      return;
    case 'recategorise':
      if (caseId) {
        const k = await as(t, admin(0), (ctx) => cases.getCase(ctx, caseId));
        await as(t, admin(0), (ctx) => cases.updateCase(ctx, caseId, { version: k.version, ppksCode: 1 + (b % 26) }));
      }
      return;
    case 'transition':
      if (caseId) {
        const lifecycle = ['assess', 'plan', 'start', 'monitor', 'resume', 'close', 'reopen'];
        const before = await as(t, admin(0), (ctx) => cases.getCase(ctx, caseId));
        const offered = before.actions.filter((x) => lifecycle.includes(x));
        const action = (pick(offered, b) ?? 'close') as (typeof lifecycle)[number] as Parameters<typeof cases.transitionCase>[2]['action'];
        if (action === 'assess') await as(t, admin(0), (ctx) => recordAssessment(ctx, caseId, { formCode: 'fakir-miskin', answers: ANSWERS }));
        if (action === 'plan') await as(t, admin(0), (ctx) => addGoal(ctx, caseId, { description: 'Tujuan' }));
        const k = await as(t, admin(0), (ctx) => cases.getCase(ctx, caseId));
        await as(t, admin(0), (ctx) => cases.transitionCase(ctx, caseId, { action, version: k.version, closureReason: 'tujuan_tercapai', note: 'catatan' }));
      }
      return;
    case 'verify':
      if (caseId) {
        // The chain's next step, by whichever admin: four-eyes refusals happen on the way.
        const k = await as(t, admin(b), (ctx) => cases.getCase(ctx, caseId));
        const next = { draft: 'submit', returned: 'submit', submitted: c % 4 ? 'check' : 'return', checked: c % 4 ? 'validate' : 'return' } as const;
        const action = next[k.verification as keyof typeof next];
        if (action) await as(t, admin(b), (ctx) => verificationStep(ctx, caseId, { action, version: k.version, reason: 'perbaiki' }));
      }
      return;
    case 'setting':
      await as(t, admin(0), (ctx) => cases.setCaseSettings(ctx, b % 2 ? SOLO.regency : BANGKA.regency, c % 4 !== 0));
      return;
    case 'deliver':
      if (caseId) await as(t, admin(0), (ctx) => recordDelivery(ctx, caseId, { serviceCode: b % 2 ? 'permakanan' : 'sandang', deliveredOn: `2025-0${1 + (c % 9)}-20`, quantity: 1 + (c % 5) }));
      return;
    case 'refer':
      if (caseId) referralIds.push((await as(t, admin(0), (ctx) => referrals.sendReferral(ctx, caseId, { partnerId, need: 'Layanan rehabilitasi' }))).id);
      return;
    case 'respond': {
      const rid = pick(referralIds, a);
      if (rid) {
        const inbox = await as(t, mitra, (ctx) => referrals.referralInbox(ctx, { page: 1, pageSize: 100 }));
        const r = inbox.items.find((i) => i.id === rid);
        if (!r) return;
        const how = [{ action: 'accept' }, { action: 'reject', reason: 'Penuh' }, { action: 'complete', outcome: 'Selesai' }][b % 3] as Parameters<typeof referrals.respond>[3];
        await as(t, mitra, (ctx) => referrals.respond(ctx, rid, r.version, how));
      }
      return;
    }
    case 'move':
      if (personId) {
        const p = await as(t, admin(0), (ctx) => people.getPerson(ctx, personId));
        const same = VILLAGES.filter((v) => v.startsWith(p.regencyCode));
        await as(t, admin(0), (ctx) => people.updatePerson(ctx, personId, { version: p.version, villageCode: pick(same, b)! }));
      }
      return;
    case 'transfer':
      if (personId) {
        const p = await as(t, admin(0), (ctx) => people.getPerson(ctx, personId));
        const other = VILLAGES.filter((v) => !v.startsWith(p.regencyCode));
        const req = await as(t, admin(0), (ctx) => transfers.requestTransfer(ctx, personId, { toVillageCode: pick(other, b)!, reason: 'Pindah domisili' }));
        await as(t, admin(1), (ctx) => transfers.acceptTransfer(ctx, req.id));
      }
      return;
    case 'merge': {
      const other = pick(persons, b);
      if (personId && other) merges.push((await as(t, admin(0), (ctx) => mergePersons(ctx, personId, { duplicateId: other, reason: 'Duplikat data' }))).id);
      return;
    }
    case 'unmerge': {
      const m = pick(merges, a);
      if (m) await as(t, admin(0), (ctx) => unmerge(ctx, m, 'Bukan orang yang sama'));
      return;
    }
  }
}

/** Every case's rows carry the case's person and village; every person's case lives in the person's village. */
async function expectOwnershipConsistent() {
  for (const tbl of ['case_event', 'assessment', 'case_goal', 'case_service_plan', 'service_delivery', 'follow_up', 'referral', 'visit']) {
    const { rows } = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM ${tbl} x JOIN ppks_case c ON c.regency_code = x.regency_code AND c.id = x.case_id
       WHERE x.person_id IS DISTINCT FROM c.person_id OR x.village_code <> c.village_code`,
    );
    expect(rows[0].n, tbl).toBe(0);
  }
  const { rows } = await t.ownerQuery(
    `SELECT count(*)::int AS n FROM ppks_case c JOIN person p ON p.regency_code = c.regency_code AND p.id = c.person_id WHERE p.village_code <> c.village_code`,
  );
  expect(rows[0].n, 'case village').toBe(0);
}

const OPS = ['person', 'person', 'ppks', 'case', 'case', 'recategorise', 'transition', 'transition', 'transition', 'verify', 'verify', 'setting', 'deliver', 'refer', 'respond', 'move', 'transfer', 'merge', 'unmerge'];

describe('rollups', () => {
  it('equal a GROUP BY over the raw tables after every step of random change sequences', async () => {
    let steps = 0;
    const done: Record<string, number> = {};
    const refused: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) }), { minLength: 5, maxLength: 25 }),
        async (ops) => {
          for (const o of ops) {
            try {
              await apply(o);
              done[o.op] = (done[o.op] ?? 0) + 1;
            } catch (err) {
              refused[(err as AppError).code ?? 'x'] = (refused[(err as AppError).code ?? 'x'] ?? 0) + 1;
              // Refusals the rules make (stale state, wrong status, four eyes…) are part of the game; anything else is a bug.
              if (!(err instanceof AppError) || err.status >= 500) throw err;
            }
            steps += 1;
            await expectOwnershipConsistent();
            const r = await rollupsAndTruth(t);
            for (const k of Object.keys(r)) expect(r[k]!.rollup, `${k} after ${o.op}`).toEqual(r[k]!.truth);
          }
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
    expect(steps).toBeGreaterThan(50);
    // The sequences really exercised the writes (not only refusals).
    for (const op of ['case', 'transition', 'verify', 'recategorise', 'transfer', 'merge', 'deliver', 'refer']) expect(done[op], op).toBeGreaterThan(0);
    const final = await rollupsAndTruth(t);
    expect(final.case!.truth.length).toBeGreaterThan(0);
    expect(final.person_ppks!.truth.length).toBeGreaterThan(0);
  }, 120_000);
});
