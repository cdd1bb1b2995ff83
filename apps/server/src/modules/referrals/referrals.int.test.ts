import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Actor } from '../../platform/access/actor';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { buildUser } from '../../../test/factories';
import { buildCase, buildPerson, errorOf, rollupsAndTruth, SOLO } from '../../../test/factories.people';
import * as partners from '../partners/partners.service';
import { personTimeline } from '../people/timeline.service';
import * as referrals from './referrals.service';

let t: TestDatabase;
const psm = actorWith(['psm', SOLO.village]);
const operator = actorWith(['dinsos_kab', SOLO.regency]);
let mitraA: Actor;
let mitraB: Actor;
let partnerA: string;
let partnerB: string;

/** A real user with the mitra role (partner links reference accounts), acting in service calls. */
async function mitraUser(): Promise<Actor> {
  const u = await buildUser(t, { grants: [{ role: 'mitra', areaCode: SOLO.regency }] });
  return { kind: 'user', userId: u.id, username: u.username, grants: u.grants };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const admin = await buildUser(t, { grants: [{ role: 'dinsos_kab', areaCode: SOLO.regency }] });
  const op: Actor = { kind: 'user', userId: admin.id, username: admin.username, grants: admin.grants };
  partnerA = (await as(t, op, (ctx) => partners.createPartner(ctx, { areaCode: SOLO.regency, kind: 'psks', psksCode: 'lks', name: 'LKS Lansia Sejahtera' }))).id;
  partnerB = (await as(t, op, (ctx) => partners.createPartner(ctx, { areaCode: '33.72.01', kind: 'puskesmas', name: 'Puskesmas Pajang' }))).id;
  mitraA = await mitraUser();
  mitraB = await mitraUser();
  await as(t, op, (ctx) => partners.linkPartnerUser(ctx, partnerA, mitraA.userId!));
  await as(t, op, (ctx) => partners.linkPartnerUser(ctx, partnerB, mitraB.userId!));
});
afterAll(async () => t?.drop());

describe('partners', () => {
  it('are managed by Dinsos in their area, and only mitra users can be linked', async () => {
    expect((await errorOf(as(t, psm, (ctx) => partners.createPartner(ctx, { areaCode: SOLO.village, kind: 'puskesmas', name: 'X' })))).status).toBe(403);
    const bad = await errorOf(as(t, operator, (ctx) => partners.createPartner(ctx, { areaCode: SOLO.regency, kind: 'psks', name: 'Tanpa jenis' })));
    expect(bad.errors[0]!.field).toBe('psksCode');
    const notMitra = await buildUser(t, { grants: [{ role: 'psm', areaCode: SOLO.village }] });
    const admin = await buildUser(t, { grants: [{ role: 'dinsos_kab', areaCode: SOLO.regency }] });
    const op: Actor = { kind: 'user', userId: admin.id, username: admin.username, grants: admin.grants };
    expect((await errorOf(as(t, op, (ctx) => partners.linkPartnerUser(ctx, partnerA, notMitra.id)))).errors[0]!.field).toBe('userId');
    // A village sees the partners of its district and regency.
    const list = await as(t, psm, (ctx) => partners.listPartners(ctx, { area: SOLO.village, page: 1, pageSize: 50 }));
    expect(list.items.map((p) => p.id).sort()).toEqual([partnerA, partnerB].sort());
    expect((await as(t, mitraA, (ctx) => partners.myPartners(ctx))).items.map((p) => p.id)).toEqual([partnerA]);
  });
});

describe('referrals', () => {
  it('are accepted and completed by the addressed partner only; another partner’s user gets 404', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village, fullName: 'Mbah Karto', birthDate: '1940-02-02' });
    const c = await buildCase(t, psm, p.id, { ppksCode: 8 });
    const r = await as(t, psm, (ctx) => referrals.sendReferral(ctx, c.id, { partnerId: partnerA, need: 'Pendampingan lansia di rumah', serviceCode: 'bimbingan-sosial' }));
    expect(r).toMatchObject({ status: 'sent', actions: ['cancel'] });

    // The partner's inbox shows the minimal person data only.
    const inbox = await as(t, mitraA, (ctx) => referrals.referralInbox(ctx, { page: 1, pageSize: 10 }));
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]!.person).toEqual({ fullName: 'Mbah Karto', villageName: 'Pajang', ageYears: expect.any(Number) });
    expect(Object.keys(inbox.items[0]!)).not.toContain('personId');
    expect(JSON.stringify(inbox)).not.toMatch(/nik|phone|address/i);
    expect((await as(t, mitraB, (ctx) => referrals.referralInbox(ctx, { page: 1, pageSize: 10 }))).items).toHaveLength(0);

    for (const other of [mitraB, psm, operator]) {
      const e = await errorOf(as(t, other, (ctx) => referrals.respond(ctx, r.id, r.version, { action: 'accept' })));
      expect([403, 404]).toContain(e.status);
    }
    expect((await errorOf(as(t, mitraB, (ctx) => referrals.respond(ctx, r.id, r.version, { action: 'accept' })))).status).toBe(404);
    // Completing before accepting is refused.
    expect((await errorOf(as(t, mitraA, (ctx) => referrals.respond(ctx, r.id, r.version, { action: 'complete', outcome: 'Selesai' })))).status).toBe(409);
    const accepted = await as(t, mitraA, (ctx) => referrals.respond(ctx, r.id, r.version, { action: 'accept' }));
    expect(accepted).toMatchObject({ status: 'accepted', actions: ['complete'] });
    const done = await as(t, mitraA, (ctx) => referrals.respond(ctx, r.id, accepted.version, { action: 'complete', outcome: 'Kunjungan pendampingan rutin berjalan' }));
    expect(done.status).toBe('completed');
    // Once finished, the partner no longer sees the person (RLS branch closes).
    const after = await as(t, mitraA, (ctx) => referrals.referralInbox(ctx, { page: 1, pageSize: 10 }));
    expect(after.items[0]!.person).toBeNull();
    const tl = await as(t, psm, (ctx) => personTimeline(ctx, p.id));
    expect(tl.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['referral.sent', 'referral.accepted', 'referral.completed']));
  });

  it('are rejected with a reason, and can be cancelled by the sending side', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    const c = await buildCase(t, psm, p.id);
    const r = await as(t, psm, (ctx) => referrals.sendReferral(ctx, c.id, { partnerId: partnerB, need: 'Pemeriksaan kesehatan' }));
    const rejected = await as(t, mitraB, (ctx) => referrals.respond(ctx, r.id, r.version, { action: 'reject', reason: 'Di luar wilayah kerja puskesmas' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Di luar wilayah kerja puskesmas', actions: [] });
    const r2 = await as(t, psm, (ctx) => referrals.sendReferral(ctx, c.id, { partnerId: partnerA, need: 'Pendampingan' }));
    expect((await errorOf(as(t, mitraA, (ctx) => referrals.cancelReferral(ctx, r2.id, r2.version)))).status).toBe(403);
    const cancelled = await as(t, psm, (ctx) => referrals.cancelReferral(ctx, r2.id, r2.version));
    expect(cancelled.status).toBe('cancelled');
    const list = await as(t, operator, (ctx) => referrals.listCaseReferrals(ctx, c.id));
    expect(list.items.map((i) => i.status)).toEqual(['rejected', 'cancelled']);
  });

  it('RLS: a mitra session reads a referred person only while the referral is open, never other persons', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village });
    const c = await buildCase(t, psm, p.id);
    await as(t, psm, (ctx) => referrals.sendReferral(ctx, c.id, { partnerId: partnerA, need: 'Bantuan' }));
    const client = new pg.Client({ connectionString: t.ownerUrl });
    await client.connect();
    try {
      await client.query('SET ROLE pilar_app');
      await client.query('BEGIN');
      await client.query(`SELECT set_config('pilar.scope', '', true), set_config('pilar.actor', $1, true)`, [mitraA.userId]);
      const seen = await client.query(`SELECT id FROM person`);
      expect(seen.rows.map((r) => r.id)).toContain(p.id);
      expect((await client.query(`SELECT count(*)::int AS n FROM ppks_case`)).rows[0].n).toBe(0);
      await expect(client.query(`UPDATE person SET full_name = 'x' WHERE id = $1 RETURNING id`, [p.id])).resolves.toMatchObject({ rowCount: 0 });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`SELECT set_config('pilar.scope', '', true), set_config('pilar.actor', $1, true)`, [mitraB.userId]);
      expect((await client.query(`SELECT id FROM person WHERE id = $1`, [p.id])).rows).toHaveLength(0);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('keeps the referral rollup equal to the raw GROUP BY', async () => {
    const r = await rollupsAndTruth(t);
    expect(r.referral!.rollup.length).toBeGreaterThan(0);
    for (const k of Object.keys(r)) expect(r[k]!.rollup, k).toEqual(r[k]!.truth);
  });
});
