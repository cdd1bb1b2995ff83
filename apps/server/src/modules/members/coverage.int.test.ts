import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { buildMember } from '../../../test/factories.members';
import { coverage } from './coverage.service';
import * as members from './members.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const admin = actorWith(['admin', 'ID']);
const A = '33.72.01.1001';
const B = '33.72.01.1002';
const C = '33.72.01.1003';
const D = '33.72.01.1004';

describe('coverage figures on a known data set', () => {
  it('counts villages, active PSM, the distribution and SK/KTA/training, with drill-down and villages without PSM', async () => {
    for (let i = 0; i < 3; i++) await buildMember(t, A, { kta: i < 2, training: i === 0 });
    await buildMember(t, B, { input: { skNumber: null } });
    for (let i = 0; i < 5; i++) await buildMember(t, C);
    await buildMember(t, D, { status: 'diajukan' });
    const district = (await t.ownerQuery(`SELECT village_count FROM area WHERE code = '33.72.01'`)).rows[0].village_count as number;
    const ipsmSolo = actorWith(['ipsm_pengurus', '33.72']);
    const c = await as(t, ipsmSolo, (ctx) => coverage(ctx, { area: '33.72.01', page: 1, pageSize: 500 }));
    expect(c).toMatchObject({
      villagesTotal: district,
      villagesWithActive: 3,
      activeMembers: 9,
      withSk: 8,
      withKta: 2,
      withTraining: 1,
      distribution: { none: district - 3, one: 1, twoToFour: 1, fiveOrMore: 1 },
    });
    expect(c.villagesWithout.total).toBe(district - 3);
    expect(c.villagesWithout.items.map((v) => v.code)).toContain(D);
    expect(c.villagesWithout.items.map((v) => v.code)).not.toContain(A);
    expect(c.children.find((k) => k.code === C)).toMatchObject({ villagesTotal: 1, villagesWithActive: 1, activeMembers: 5 });
    const city = await as(t, ipsmSolo, (ctx) => coverage(ctx, { area: '33.72', page: 1, pageSize: 10 }));
    expect(city.children.find((k) => k.code === '33.72.01')).toMatchObject({ villagesTotal: district, villagesWithActive: 3, activeMembers: 9 });
    const nation = await as(t, admin, (ctx) => coverage(ctx, { area: 'ID', page: 1, pageSize: 5 }));
    expect(nation.villagesTotal).toBeGreaterThan(80_000);
    expect(nation.children.find((k) => k.code === '33')).toMatchObject({ activeMembers: 9 });
    const village = await as(t, ipsmSolo, (ctx) => coverage(ctx, { area: A, page: 1, pageSize: 5 }));
    expect(village).toMatchObject({ villagesTotal: 1, villagesWithActive: 1, activeMembers: 3, distribution: { none: 0, twoToFour: 1 } });
    // Another regency's board cannot read Solo's coverage.
    await expect(as(t, actorWith(['ipsm_pengurus', '19.01']), (ctx) => coverage(ctx, { area: '33.72', page: 1, pageSize: 5 }))).rejects.toMatchObject({ status: 404 });
  });
});

describe('the rollup stays equal to a GROUP BY over member', () => {
  const VILLAGES = [A, B, C, '19.01.01.1001', '19.01.01.1002'];
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), village: fc.constantFrom(...VILLAGES), verify: fc.boolean() }),
    fc.record({ kind: fc.constantFrom('deactivate' as const, 'reactivate' as const, 'stop' as const, 'kta' as const, 'training' as const, 'unsk' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), village: fc.constantFrom(...VILLAGES) }),
  );
  it('after random registrations, verifications, status changes, KTA, trainings, SK edits and transfers', async () => {
    const ids: string[] = [];
    let kta = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'add') {
            ids.push((await buildMember(t, o.village, { status: o.verify ? 'aktif' : 'diajukan' })).id);
            continue;
          }
          if (ids.length === 0) continue;
          const id = ids[o.pick % ids.length]!;
          await as(t, admin, async (ctx) => {
            const m = await members.getMember(ctx, id);
            const v = m.version;
            try {
              if (o.kind === 'deactivate') await members.transition(ctx, id, { transition: 'deactivate', version: v });
              if (o.kind === 'reactivate') await members.transition(ctx, id, { transition: 'reactivate', version: v });
              if (o.kind === 'stop') await members.transition(ctx, id, { transition: 'stop', version: v, stopReason: 'mengundurkan_diri' });
              if (o.kind === 'kta') await members.issueKta(ctx, id, { number: `P-${kta++}`, kind: 'sementara', date: '2026-01-01', version: v });
              if (o.kind === 'training') await members.addTraining(ctx, id, { trainedOn: '2025-01-01', title: 'Bimtek', organiser: 'Dinsos' });
              if (o.kind === 'unsk') await members.updateMember(ctx, id, { skNumber: m.sk ? null : 'SK/1', version: v });
              if (o.kind === 'move' && o.village !== m.villageCode) await members.transfer(ctx, id, { toVillageCode: o.village, movedOn: '2026-01-01', reason: 'pindah', version: v });
            } catch (e) {
              // Transitions not allowed from the current status are part of the random walk.
              if ((e as { status?: number }).status !== 409) throw e;
            }
          }).catch((e) => {
            if ((e as { status?: number }).status !== 409) throw e;
          });
        }
        const rollup = await t.ownerQuery(
          `SELECT village_code, active, with_sk, with_kta, with_training FROM member_coverage WHERE active > 0 OR with_sk > 0 OR with_kta > 0 OR with_training > 0 ORDER BY 1`,
        );
        const truth = await t.ownerQuery(
          `SELECT village_code, count(*)::int AS active, count(*) FILTER (WHERE sk_number IS NOT NULL)::int AS with_sk,
                  count(*) FILTER (WHERE kta_number IS NOT NULL)::int AS with_kta, count(*) FILTER (WHERE has_training)::int AS with_training
           FROM member WHERE status = 'aktif' GROUP BY 1 ORDER BY 1`,
        );
        expect(rollup.rows).toEqual(truth.rows);
      }),
      { numRuns: 8 },
    );
  });
});
