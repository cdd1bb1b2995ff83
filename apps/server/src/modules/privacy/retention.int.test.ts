import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWith, as } from '../../../test/actors';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { buildCase, buildPerson, SOLO } from '../../../test/factories.people';
import { transitionCase } from '../cases/cases.service';
import { placeHold, releaseHold, runRetention } from './retention.service';

const DAY = 86_400_000;
let t: TestApp;
const clock = new ManualClock('2026-03-02T03:00:00Z');
const psm = actorWith(['psm', SOLO.village]);
const dpo = actorWith(['dinsos_kab_head', SOLO.regency]);
const admin = actorWith(['admin', 'ID']);
const run = <T>(actor: typeof dpo, fn: Parameters<typeof as<T>>[2]) => as(t.database, actor, fn, clock);

beforeAll(async () => {
  t = await createTestApp({}, { clock });
});
afterAll(async () => t?.close());

async function personWithClosedCase(name: string) {
  const p = await buildPerson(t.database, psm, { villageCode: SOLO.village, fullName: name, phone: '081233344455' });
  const c = await buildCase(t.database, psm, p.id);
  await run(psm, (ctx) => transitionCase(ctx, c.id, { action: 'close', version: c.version, closureReason: 'tujuan_tercapai' }));
  return { p, c };
}

const personRow = async (id: string) => (await t.database.ownerQuery(`SELECT full_name, phone, status FROM person WHERE id = $1`, [id])).rows[0];

describe('retention', () => {
  it('anonymises persons whose cases closed more than the retention period ago, except under a legal hold', async () => {
    const old = await personWithClosedCase('Lama Sekali');
    const heldPerson = await personWithClosedCase('Ditahan Hukum');
    const hold = await run(dpo, (ctx) => placeHold(ctx, { targetType: 'person', targetId: heldPerson.p.id, reason: 'Perkara di pengadilan negeri' }));
    clock.advance(365 * DAY);
    const recent = await personWithClosedCase('Baru Ditutup');

    // Four years on: nothing is due yet.
    clock.advance(3 * 365 * DAY);
    const early = await run(dpo, (ctx) => runRetention(ctx, { recordTypes: ['closed_case'], dryRun: false }));
    expect(early.rules[0]).toMatchObject({ recordType: 'closed_case', due: 0, applied: 0 });

    // Just past five years (1826 days) for the first two; the third closed a year later.
    clock.advance(1826 * DAY - 4 * 365 * DAY + DAY);
    const dry = await run(dpo, (ctx) => runRetention(ctx, { recordTypes: ['closed_case'], dryRun: true }));
    expect(dry.rules[0]).toMatchObject({ due: 2, applied: 0, held: 1 });
    expect((await personRow(old.p.id)).full_name).toBe('Lama Sekali');

    const report = await run(dpo, (ctx) => runRetention(ctx, { recordTypes: ['closed_case'], dryRun: false }));
    expect(report.rules[0]).toMatchObject({ due: 2, applied: 1, held: 1 });
    expect(await personRow(old.p.id)).toEqual({ full_name: 'Dihapus', phone: null, status: 'deleted' });
    expect(await personRow(heldPerson.p.id)).toEqual({ full_name: 'Ditahan Hukum', phone: '081233344455', status: 'active' });
    expect(await personRow(recent.p.id)).toMatchObject({ full_name: 'Baru Ditutup', status: 'active' });
    // The case figures stay.
    expect((await t.database.ownerQuery(`SELECT status FROM ppks_case WHERE id = $1`, [old.c.id])).rows[0].status).toBe('closed');

    // Released, the hold no longer protects: the next daily run anonymises.
    await run(dpo, (ctx) => releaseHold(ctx, hold.id, 'Perkara sudah diputus'));
    const next = await run(dpo, (ctx) => runRetention(ctx, { recordTypes: ['closed_case'], dryRun: false }));
    expect(next.rules[0]).toMatchObject({ due: 1, applied: 1, held: 0 });
    expect((await personRow(heldPerson.p.id)).status).toBe('deleted');
    const runs = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM retention_run`);
    expect(runs.rows[0].n).toBe(4);
  });

  it('deletes old sync log entries and expired sessions, flags the audit trail, and keeps installation-wide logs for the national scope', async () => {
    await t.database.ownerQuery(`INSERT INTO sync_change (entity_type, entity_id, op, changed_at) VALUES ('person', gen_random_uuid(), 'update', $1), ('person', gen_random_uuid(), 'update', $2)`, [
      new Date(clock.now().getTime() - 181 * DAY), new Date(clock.now().getTime() - 179 * DAY),
    ]);
    const regencyOnly = await run(dpo, (ctx) => runRetention(ctx, { recordTypes: ['sync_change'], dryRun: false }));
    expect(regencyOnly.rules[0]).toMatchObject({ applied: 0, note: 'needs national scope' });
    const before = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM sync_change`)).rows[0].n;
    const r = await run(admin, (ctx) => runRetention(ctx, { recordTypes: ['sync_change', 'user_session', 'audit_event'], dryRun: false }));
    const sync = r.rules.find((x) => x.recordType === 'sync_change')!;
    expect(sync.applied).toBeGreaterThanOrEqual(1);
    const after = (await t.database.ownerQuery(`SELECT count(*)::int AS n, count(*) FILTER (WHERE changed_at < $1)::int AS old FROM sync_change`, [new Date(clock.now().getTime() - 180 * DAY)])).rows[0];
    expect(after.old).toBe(0);
    expect(after.n).toBe(before - sync.applied);
    expect(r.rules.find((x) => x.recordType === 'audit_event')).toMatchObject({ action: 'flag' });
  });

  it('runs on demand as a job, and only for the DPO', async () => {
    const user = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: SOLO.village }] });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/retention/runs', headers: (await signIn(t.app, user)).headers, payload: { recordTypes: ['closed_case'], dryRun: true } });
    expect(res.statusCode).toBe(403);
  });
});
